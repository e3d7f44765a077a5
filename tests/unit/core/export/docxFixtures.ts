import JSZip from 'jszip';
import { BUILTIN_CODES } from '../../../../shared/builtins/codes';
import { BUILTIN_TEMPLATES } from '../../../../shared/builtins/templates';
import type { Action, Annotation, AnnotationAttributes, Code, Dialogue, TemplateVersion } from '../../../../shared/dialogueSchemas';
import type { Language } from '../../../../shared/domain';
import type { BlockNode, DialogueDoc, SectionNode, TextLeaf } from '../../../../shared/editorDoc';
import type { Student } from '../../../../shared/schemas';
import type { ExportContext } from '../../../../electron/core/export/exportModel';

/** Plain input data for the Word builders: no vault, so each test states exactly what it exports. */

/** A stable UUID-shaped id, so annotation marks look as the editor writes them. */
export function id(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const NOW = new Date(2026, 10, 29, 14, 30, 0); // 29 November 2026, local time

/**
 * A stored timestamp on the given day at the given hour of the local clock: documents show the
 * day a timestamp falls on for the mentor, so a fixed UTC time would be another day in some zones.
 */
export function at(day: string, hour = 12): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date, hour).toISOString();
}

export function context(overrides: Partial<ExportContext> = {}): ExportContext {
  return { language: 'nl', now: NOW, school: { name: 'Het Baken College', logo: null }, author: 'Mevr. Jansen', ...overrides };
}

export const student: Student = {
  id: id(1), displayName: 'Noor el Amrani', schoolType: 'vmbo-k', programme: 'Zorg en welzijn', cohort: '3B',
  mentor: 'Mevr. Jansen', leavingDate: null, studentNumber: null, archivedAt: null, createdAt: '2026-08-20T09:00:00.000Z', updatedAt: '2026-08-20T09:00:00.000Z',
};

export const codes: Code[] = BUILTIN_CODES.map((code, index) => ({
  id: id(100 + index), parentId: null, builtinKey: code.key, name: code.name.nl, color: code.color, cue: code.cue, position: index, usage: 0,
}));

export function codeId(builtinKey: string): string {
  const code = codes.find((candidate) => candidate.builtinKey === builtinKey);
  if (!code) throw new Error(`no code ${builtinKey}`);
  return code.id;
}

export function template(key: string, version = 1): TemplateVersion {
  const builtin = BUILTIN_TEMPLATES.find((candidate) => candidate.key === key);
  if (!builtin) throw new Error(`no template ${key}`);
  return {
    id: id(200 + BUILTIN_TEMPLATES.indexOf(builtin)), templateId: id(300 + BUILTIN_TEMPLATES.indexOf(builtin)), version,
    name: builtin.name.nl, kind: builtin.kind, builtinKey: builtin.key, archived: false, createdAt: '2026-08-01T00:00:00.000Z',
    sections: builtin.sections.map((section) => ({
      key: section.key, title: section.title.nl, prompt: section.prompt.nl, competence: section.competence, private: section.private,
    })),
  };
}

export function leaf(text: string, marks: { bold?: boolean; italic?: boolean; ann?: string[] } = {}): TextLeaf {
  const node: TextLeaf = { text };
  if (marks.bold) node.bold = true;
  if (marks.italic) node.italic = true;
  for (const annotationId of marks.ann ?? []) node[`ann_${annotationId}`] = true;
  return node;
}

export const para = (...children: TextLeaf[]): BlockNode => ({ type: 'paragraph', children });

/** A document with the given blocks per section key and an empty paragraph in the others. */
export function docFor(version: TemplateVersion, blocks: Record<string, BlockNode[]> = {}): DialogueDoc {
  return version.sections.map((section): SectionNode => ({
    type: 'section', sectionKey: section.key, children: blocks[section.key] ?? [para(leaf(''))],
  }));
}

export function annotation(annotationId: string, dialogueId: string, code: string, quote: string, memo = '', attributes: AnnotationAttributes = {}): Annotation {
  return {
    id: annotationId, dialogueId, codeId: codeId(code), quote, memo, attributes,
    createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
  };
}

export function action(actionId: string, text: string, fields: Partial<Action> = {}): Action {
  return {
    id: actionId, studentId: student.id, dialogueId: null, annotationId: null, text, owner: 'student', dueDate: null, doneAt: null,
    createdAt: '2026-11-20T10:00:00.000Z', ...fields,
  };
}

export function dialogue(fields: Partial<Dialogue> & { template: TemplateVersion; content: DialogueDoc }): Dialogue {
  return {
    id: id(500), studentId: student.id, kind: fields.template.kind, heldOn: '2026-11-20', title: 'Terugblik eerste stageweek',
    placementId: null, participants: [{ name: 'Noor', role: 'student' }, { name: 'Mevr. Jansen', role: 'mentor' }],
    revision: 1, wordCount: 0, status: 'draft', finalisedAt: null, annotations: [], actions: [], amendments: [],
    createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
    ...fields,
  };
}

/** The parts of a .docx as text, by path. */
export async function unzip(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir && /\.(xml|rels)$/.test(entry.name)) parts.set(entry.name, await entry.async('string'));
  }
  return parts;
}

export async function fileNames(bytes: Buffer): Promise<string[]> {
  return Object.values((await JSZip.loadAsync(bytes)).files).filter((entry) => !entry.dir).map((entry) => entry.name);
}

export function part(parts: Map<string, string>, path: string): string {
  const xml = parts.get(path);
  if (xml === undefined) throw new Error(`no ${path} in the package; it has ${[...parts.keys()].join(', ')}`);
  return xml;
}

export function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The text of each `w:p` in a part, in order: its `w:t` text, tabs and breaks as spaces. */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([paragraph]) => unescapeXml(
    [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g)].map((match) => (match[2] ? ' ' : match[1] ?? '')).join(''),
  ));
}

/** All text of a part, whitespace collapsed. */
export function plainText(xml: string): string {
  return normalise(paragraphTexts(xml).join(' '));
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The paragraph style ids of a part's paragraphs with the given text. */
export function stylesOf(xml: string, text: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .filter(([paragraph]) => normalise(paragraphTexts(paragraph).join(' ')) === text)
    .map(([paragraph]) => /<w:pStyle w:val="([^"]+)"\/>/.exec(paragraph)?.[1] ?? '');
}

export const LANGUAGES: Language[] = ['nl', 'en'];
