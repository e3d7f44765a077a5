import { upgradeAttributes, upgradeCodeKey, upgradeDocRoles, upgradeRole } from '../../../shared/legacyVocabulary';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

function eachObject(value: unknown, change: (item: Json) => Json): unknown {
  return Array.isArray(value) ? value.map((item) => (isObject(item) ? change(item) : item)) : value;
}

/**
 * A handover file's JSON as the previous version wrote it, in today's vocabulary (issue 12):
 * Dutch participant and speaker roles, built-in code keys and annotation attributes mapped to
 * the English keys. Runs on the raw JSON before the schema, so the schema only knows one
 * vocabulary; anything that is not the expected shape is left for the schema to refuse.
 * Files in today's vocabulary pass through unchanged.
 */
export function upgradeLegacySnapshot(json: unknown): unknown {
  if (!isObject(json)) return json;
  const out: Json = { ...json };
  out.dialogues = eachObject(json.dialogues, (dialogue) => ({
    ...dialogue,
    participants: eachObject(dialogue.participants, (participant) => ({ ...participant, role: upgradeRole(participant.role) })),
    content: upgradeDocRoles(dialogue.content).doc,
  }));
  out.annotations = eachObject(json.annotations, (annotation) => ({ ...annotation, attributes: upgradeAttributes(annotation.attributes) }));
  out.codes = eachObject(json.codes, (code) => ({ ...code, builtinKey: upgradeCodeKey(code.builtinKey) }));
  for (const key of ['dialogues', 'annotations', 'codes']) if (!(key in json)) delete out[key];
  return out;
}
