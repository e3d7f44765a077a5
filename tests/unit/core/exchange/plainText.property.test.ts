import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../../../electron/core/exchange/refiProject';
import { sourceText } from '../../../../electron/core/exchange/plainText';
import type { Annotation, TemplateVersion } from '../../../../shared/dialogueSchemas';
import { annotationQuotes, type BlockNode, type DialogueDoc, type TextLeaf } from '../../../../shared/editorDoc';
import { codes, dialogue, id, student, template } from '../export/docxFixtures';
import { PROJECT_XSD, codePointSlice, xsdErrors } from './refiQda';

/**
 * Any document the editor can hold gives a source text whose selections, read back by code
 * point from the UTF-8 text, are exactly the words of each tag, and a project.qde that the
 * official schema accepts. Text mixes what breaks naive offset counting: emoji and flags (two
 * UTF-16 units, or several code points), lone surrogates, controls, CR/LF, XML's specials.
 */

const ANNOTATION_IDS = [id(900), id(901), id(902), id(903)];
const awkward = fc.constantFrom('👩🏽‍⚕️', '🇳🇱', '𝔷', 'مرحبا', '\u0000', '\u0007', '\uD800', '\uDFFF', '\uFFFE', '\r\n', '\r', '\t', '\n', '&<>"\'', ' ', '  ', '\u00A0');
const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }), awkward), { maxLength: 4 })
  .map((parts) => parts.join(''));
const leafArb: fc.Arbitrary<TextLeaf> = fc.record({ text, marks: fc.subarray(ANNOTATION_IDS) }).map(({ text: value, marks }) => {
  const node: TextLeaf = { text: value };
  for (const mark of marks) node[`ann_${mark}`] = true;
  return node;
});
const leaves = fc.array(leafArb, { minLength: 1, maxLength: 4 });
const blockArb: fc.Arbitrary<BlockNode> = fc.oneof(
  fc.record({ speaker: fc.option(text, { nil: undefined }), children: leaves })
    .map(({ speaker, children }): BlockNode => ({ type: 'paragraph', children, ...(speaker === undefined ? {} : { speaker }) })),
  fc.record({ type: fc.constantFrom('bulleted-list' as const, 'numbered-list' as const), items: fc.array(leaves, { minLength: 1, maxLength: 3 }) })
    .map(({ type, items }): BlockNode => ({ type, children: items.map((children) => ({ type: 'list-item' as const, children })) })),
);
const documentArb = fc.record({
  sections: fc.array(fc.record({ isPrivate: fc.boolean(), blocks: fc.array(blockArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
  memos: fc.array(text, { minLength: ANNOTATION_IDS.length, maxLength: ANNOTATION_IDS.length }),
  includePrivate: fc.boolean(),
});

// The oracle cleans each leaf as UTF-8 would (a lone surrogate becomes U+FFFD), then asks the
// app's own quote function: the words of each tag, parts trimmed, joined with " … ".
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const cleanDoc = (doc: DialogueDoc): DialogueDoc => doc.map((section) => ({
  ...section,
  children: section.children.map((block): BlockNode => (block.type === 'paragraph'
    ? { ...block, children: block.children.map((node) => ({ ...node, text: node.text.replace(LONE, '\uFFFD') })) }
    : { ...block, children: block.children.map((item) => ({ ...item, children: item.children.map((node) => ({ ...node, text: node.text.replace(LONE, '\uFFFD') })) })) })),
}));

describe('REFI-QDA source text property', () => {
  it('puts every tag on its own words, counted in code points, and writes a project the XSD accepts', () => {
    fc.assert(fc.property(documentArb, ({ sections, memos, includePrivate }) => {
      const base = template('external-career');
      const version: TemplateVersion = {
        ...base, builtinKey: null,
        sections: sections.map((section, index) => ({ key: `s${index}`, title: `Onderdeel ${index}`, prompt: '', competence: null, private: section.isPrivate })),
      };
      const content: DialogueDoc = sections.map((section, index) => ({ type: 'section', sectionKey: `s${index}`, children: section.blocks }));
      const annotations: Annotation[] = ANNOTATION_IDS.map((annotationId, index) => ({
        id: annotationId, dialogueId: id(500), codeId: codes[index % codes.length]!.id, quote: '', memo: memos[index]!, attributes: {},
        createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
      }));
      const made = dialogue({ template: version, content, annotations });
      const { text: source, fragments } = sourceText(made, includePrivate);

      // What a reader gets from the file: UTF-8 there and back loses nothing.
      const written = Buffer.from(source, 'utf8').toString('utf8');
      expect(written).toBe(source);
      for (const fragment of fragments) expect(codePointSlice(written, fragment.start, fragment.end)).toBe(fragment.text);

      const visible = cleanDoc(content).filter((_section, index) => includePrivate || !sections[index]!.isPrivate);
      const expected = annotationQuotes(visible);
      const got = new Map<string, string[]>();
      for (const fragment of [...fragments].sort((a, b) => a.part - b.part)) got.set(fragment.annotationId, [...(got.get(fragment.annotationId) ?? []), fragment.text]);
      expect(new Map([...got].map(([annotationId, parts]) => [annotationId, parts.join(' … ')]))).toEqual(expected);

      const { qde } = buildProject({
        origin: 'Loopbaandialoog 1.0.0', language: 'nl', now: new Date(0), codes,
        students: [{ student, dialogues: [made] }], includePrivate,
      });
      expect(xsdErrors(qde, PROJECT_XSD)).toBe('');
    }), { numRuns: 60 });
  }, 60_000);
});
