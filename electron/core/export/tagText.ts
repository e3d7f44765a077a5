import type { Annotation } from '../../../shared/dialogueSchemas';
import type { Labels } from './labels';
import type { Passage } from './dialogueContent';

/** How a tag reads in a document: its code, its dilemma type and context, its memo. */

export function dilemmaLabel(annotation: Annotation, labels: Labels): string {
  const type = annotation.attributes.dilemmaType;
  return type ? labels.dialogue.dilemma[type] : labels.dialogue.dilemma.none;
}

export function contextLabel(annotation: Annotation, labels: Labels): string {
  const context = annotation.attributes.context;
  return context ? labels.dialogue.contexts[context] : labels.dialogue.dilemma.none;
}

/** The text of a Word comment: "Grenservaring — ethisch, stage: memo"; parts that are not set are left out. */
export function commentText(passage: Passage, labels: Labels): string {
  const { dilemmaType, context } = passage.annotation.attributes;
  const attributes = [
    dilemmaType ? labels.dialogue.dilemma[dilemmaType] : null,
    context ? labels.dialogue.contexts[context] : null,
  ].filter((part): part is string => part !== null);
  const name = passage.code?.name.trim() || labels.doc.unknownCode;
  const head = attributes.length > 0 ? `${name} — ${attributes.join(', ')}` : name;
  const memo = passage.annotation.memo.trim();
  return memo ? `${head}: ${memo}` : head;
}
