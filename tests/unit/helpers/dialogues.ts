import type { Api } from '../../../shared/api';
import type { TemplateVersion } from '../../../shared/dialogueSchemas';
import type { BlockNode, DialogueDoc, SectionNode, TextLeaf } from '../../../shared/editorDoc';
import { type FakeClock, makeUnlockedBackend } from './core';

/** An unlocked backend with one student, and the built-in templates and codes by key. */
export async function makeDialogueWorld(overrides: { clock?: FakeClock } = {}) {
  const made = await makeUnlockedBackend(overrides);
  const student = await made.api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
  const templates = new Map((await made.api.templates.list()).map((template) => [template.builtinKey!, template]));
  const codes = new Map((await made.api.codes.list()).map((code) => [code.builtinKey!, code]));
  const template = (key: string): TemplateVersion => templates.get(key) ?? expectDefined(key);
  const code = (key: string): string => codes.get(key)?.id ?? expectDefined(key);
  return { ...made, student, template, code };
}

function expectDefined(key: string): never {
  throw new Error(`no built-in ${key}`);
}

export function newDialogue(api: Api, studentId: string, template: TemplateVersion, heldOn = '2025-09-01') {
  return api.dialogues.create({
    studentId, templateVersionId: template.id, heldOn, title: 'Gesprek', participants: [{ name: 'Noor', role: 'student' }],
  });
}

/** A text leaf marked with the given annotations. */
export function leaf(text: string, ...annotationIds: string[]): TextLeaf {
  const marked: TextLeaf = { text };
  for (const id of annotationIds) marked[`ann_${id}`] = true;
  return marked;
}

export const paragraph = (...children: TextLeaf[]): BlockNode => ({ type: 'paragraph', children });

/** A document for a template version: the given blocks per section key, an empty paragraph elsewhere. */
export function docFor(template: TemplateVersion, blocks: Record<string, BlockNode[]> = {}): DialogueDoc {
  return template.sections.map((section): SectionNode => ({
    type: 'section', sectionKey: section.key, children: blocks[section.key] ?? [paragraph(leaf(''))],
  }));
}
