import type { DilemmaType, ExperienceContext, ParticipantRole } from './domain';

/**
 * The Dutch stored keys of vaults and files made before issue 12 (migration 0011), and the
 * English keys that replaced them. Migration 0011 converts a vault's rows with these maps; the
 * readers of files from outside (handover files; backups go through the migrations) map on read
 * with the functions below, so a file made by the previous version still imports. Keys that are
 * already English pass through unchanged, so mapping twice is harmless.
 */
export const LEGACY_ROLES: Readonly<Record<string, ParticipantRole>> = {
  leerling: 'student',
  praktijkbegeleider: 'workplaceSupervisor',
  ouder: 'parent',
  anders: 'other',
};

export const LEGACY_DILEMMA_TYPES: Readonly<Record<string, DilemmaType>> = {
  ethisch: 'ethical',
  financieel: 'financial',
  kwaliteit: 'quality',
  anders: 'other',
};

export const LEGACY_CONTEXTS: Readonly<Record<string, ExperienceContext>> = {
  stage: 'internship',
  bijbaan: 'sideJob',
  thuis: 'home',
};

/** Built-in code keys (codes.builtin_key); the competence codes were English already. */
export const LEGACY_CODE_KEYS: Readonly<Record<string, string>> = {
  grenservaring: 'boundaryExperience',
  leervraag: 'learningQuestion',
  afspraak: 'agreement',
};

function mapped(map: Readonly<Record<string, string>>, value: unknown): unknown {
  return typeof value === 'string' && Object.hasOwn(map, value) ? map[value] : value;
}

export const upgradeRole = (value: unknown): unknown => mapped(LEGACY_ROLES, value);
export const upgradeCodeKey = (value: unknown): unknown => mapped(LEGACY_CODE_KEYS, value);

/** Annotation attributes ({dilemmaType, context}) with their old keys mapped; anything else as it was. */
export function upgradeAttributes(attributes: unknown): unknown {
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return attributes;
  const record = attributes as Record<string, unknown>;
  const out: Record<string, unknown> = { ...record };
  if ('dilemmaType' in record) out.dilemmaType = mapped(LEGACY_DILEMMA_TYPES, record.dilemmaType);
  if ('context' in record) out.context = mapped(LEGACY_CONTEXTS, record.context);
  return out;
}

/**
 * A stored editor document (shared/editorDoc.ts) with the speaker roles of its paragraphs
 * mapped, walking only arrays and objects, so it is safe on a document that has not been
 * validated yet. Returns the same object when nothing changed, which lets the migration skip
 * writing documents without imported turns.
 */
export function upgradeDocRoles(doc: unknown): { doc: unknown; changed: boolean } {
  let changed = false;
  const walk = (node: unknown, depth: number): unknown => {
    // Stored documents are a few levels deep (doc → sections → blocks → list items); the bound
    // only keeps a hostile file from exhausting the stack before the schema would refuse it.
    if (depth > 64 || !node || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      let copy: unknown[] | null = null;
      node.forEach((child, index) => {
        const next = walk(child, depth + 1);
        if (next !== child) (copy ??= [...node])[index] = next;
      });
      return copy ?? node;
    }
    const record = node as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const [key, value] of Object.entries(record)) {
      const next = key === 'role' ? upgradeRole(value) : key === 'text' ? value : walk(value, depth + 1);
      if (next !== value) (copy ??= { ...record })[key] = next;
    }
    if (copy) changed = true;
    return copy ?? record;
  };
  const out = walk(doc, 0);
  return { doc: out, changed };
}
