import type { AnnotationAttributes } from '../../../../shared/dialogueSchemas';
import type { BlockNode, TextLeaf } from '../../../../shared/editorDoc';
import { docFor, leaf, type makeDialogueWorld, newDialogue, paragraph } from '../../helpers/dialogues';

type World = Pick<Awaited<ReturnType<typeof makeDialogueWorld>>, 'api' | 'template'>;

export interface PassageSpec {
  codeId: string;
  attributes?: AnnotationAttributes;
  /** Words deleted from the draft: stored, but no passage. */
  orphan?: boolean;
  /** Section key to put the words in (default: the template's first section). */
  section?: string;
  text?: string;
}

/** A dialogue of a built-in template, held on `heldOn`, with the given tagged passages. */
export async function taggedDialogue(world: World, studentId: string, templateKey: string, heldOn: string, passages: PassageSpec[] = []) {
  const template = world.template(templateKey);
  const dialogue = await newDialogue(world.api, studentId, template, heldOn);
  const bySection = new Map<string, TextLeaf[]>();
  for (const [index, passage] of passages.entries()) {
    const annotation = await world.api.annotations.create({ dialogueId: dialogue.id, codeId: passage.codeId, attributes: passage.attributes ?? {} });
    if (passage.orphan) continue;
    const key = passage.section ?? template.sections[0]!.key;
    const leaves = bySection.get(key) ?? [leaf('Begin ')];
    leaves.push(leaf(passage.text ?? `stuk${index} `, annotation.id), leaf(' '));
    bySection.set(key, leaves);
  }
  const blocks: Record<string, BlockNode[]> = {};
  for (const [key, leaves] of bySection) blocks[key] = [paragraph(...leaves)];
  await world.api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(template, blocks) });
  return dialogue;
}
