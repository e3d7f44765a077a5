import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDialogueSummary } from '../../../../electron/core/export/dialogueSummaryDocx';
import { cleanText } from '../../../../electron/core/export/textSafety';
import type { Annotation, TemplateVersion } from '../../../../shared/dialogueSchemas';
import { DILEMMA_TYPES, EXPERIENCE_CONTEXTS, PARTICIPANT_ROLES } from '../../../../shared/domain';
import { annotationQuotes, type BlockNode, type DialogueDoc, type TextLeaf } from '../../../../shared/editorDoc';
import { codes, context, dialogue, id, normalise, part, plainText, student, template, unzip } from './docxFixtures';
import { wellFormed } from './xmlCheck';

/**
 * Any document the editor can hold becomes a Word file that parses, holds all its words, and has
 * matching comment ranges. Text mixes ordinary graphemes with what breaks naive writers: emoji,
 * right-to-left scripts, XML's special characters, forbidden controls, lone surrogates, long words.
 */

const ANNOTATION_IDS = [id(900), id(901), id(902), id(903), id(904)];

const awkward = fc.constantFrom(
  '👩🏽‍⚕️', '🇳🇱', 'مرحبا بالعالم', 'שלום עולם', '\u0000', '\u0007', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\r\n', '\r', '\t', '\n',
  '&<>"\'', ']]>', 'a'.repeat(400), ' ', '  ', '\u200F', '\u00A0',
);
const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), awkward), { maxLength: 4 })
  .map((parts) => parts.join(''));

const leafArb: fc.Arbitrary<TextLeaf> = fc.record({
  text,
  bold: fc.boolean(),
  italic: fc.boolean(),
  marks: fc.subarray(ANNOTATION_IDS),
}).map(({ text: value, bold, italic, marks }) => {
  const node: TextLeaf = { text: value };
  if (bold) node.bold = true;
  if (italic) node.italic = true;
  for (const mark of marks) node[`ann_${mark}`] = true;
  return node;
});
const leaves = fc.array(leafArb, { minLength: 1, maxLength: 4 });

const paragraphArb: fc.Arbitrary<BlockNode> = fc.record({
  speaker: fc.option(text, { nil: undefined }),
  role: fc.option(fc.constantFrom(...PARTICIPANT_ROLES), { nil: undefined }),
  children: leaves,
}).map(({ speaker, role, children }) => ({ type: 'paragraph', children, ...(speaker === undefined ? {} : { speaker }), ...(role ? { role } : {}) }));
const listArb: fc.Arbitrary<BlockNode> = fc.record({
  type: fc.constantFrom('bulleted-list' as const, 'numbered-list' as const),
  items: fc.array(leaves, { minLength: 1, maxLength: 3 }),
}).map(({ type, items }) => ({ type, children: items.map((children) => ({ type: 'list-item' as const, children })) }));

const documentArb = fc.record({
  sections: fc.array(fc.record({ isPrivate: fc.boolean(), blocks: fc.array(fc.oneof(paragraphArb, listArb), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 4 }),
  tags: fc.array(fc.record({
    code: fc.constantFrom(...codes.map((code) => code.id)),
    memo: text,
    dilemmaType: fc.option(fc.constantFrom(...DILEMMA_TYPES), { nil: undefined }),
    context: fc.option(fc.constantFrom(...EXPERIENCE_CONTEXTS), { nil: undefined }),
  }), { minLength: ANNOTATION_IDS.length, maxLength: ANNOTATION_IDS.length }),
  title: text,
  tagsAsComments: fc.boolean(),
  language: fc.constantFrom('nl' as const, 'en' as const),
});

/**
 * What each paragraph and list item should read as in Word: its leaves, each cleaned on its own
 * (a run cannot hold half a surrogate pair, so halves in neighbouring leaves both go), breaks as spaces.
 */
function expectedTexts(doc: DialogueDoc): string[] {
  const lines = doc.flatMap((section) => section.children.flatMap((block) => (block.type === 'paragraph' ? [block.children] : block.children.map((item) => item.children))));
  return lines.map((line) => normalise(line.map((node) => cleanText(node.text)).join(''))).filter(Boolean);
}

const ids = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<w:${element} w:id="(\\d+)"`, 'g'))].map((match) => Number(match[1])).sort((a, b) => a - b);

describe('slateToDocx property', () => {
  it('turns any editor document into well-formed Word XML holding all its text and matching comment ranges', async () => {
    await fc.assert(fc.asyncProperty(documentArb, async ({ sections, tags, title, tagsAsComments, language }) => {
      const base = template('external-career');
      const version: TemplateVersion = {
        ...base, builtinKey: null, name: 'Eigen sjabloon',
        sections: sections.map((section, index) => ({ key: `s${index}`, title: `Onderdeel ${index}`, prompt: '', competence: null, private: section.isPrivate })),
      };
      const content: DialogueDoc = sections.map((section, index) => ({ type: 'section', sectionKey: `s${index}`, children: section.blocks }));
      const quotes = annotationQuotes(content);
      const annotations: Annotation[] = ANNOTATION_IDS.map((annotationId, index) => {
        const tag = tags[index]!;
        const attributes = { ...(tag.dilemmaType ? { dilemmaType: tag.dilemmaType } : {}), ...(tag.context ? { context: tag.context } : {}) };
        return {
          id: annotationId, dialogueId: id(500), codeId: tag.code, quote: quotes.get(annotationId) ?? '', memo: tag.memo, attributes,
          createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
        };
      });
      const bytes = await buildDialogueSummary(
        { student, dialogue: dialogue({ template: version, content, title, annotations }), codes },
        { includePrivate: true, tagsAsComments },
        context({ language }),
      );
      const parts = await unzip(bytes);
      for (const [path, xml] of parts) expect(wellFormed(xml), path).toBe(true);

      const xml = part(parts, 'word/document.xml');
      const written = plainText(xml);
      for (const expected of expectedTexts(content)) expect(written).toContain(expected);

      const starts = ids(xml, 'commentRangeStart');
      if (!tagsAsComments) {
        expect(starts).toEqual([]);
        return;
      }
      const commentIds = ids(parts.get('word/comments.xml') ?? '', 'comment');
      expect(starts).toEqual(commentIds);
      expect(ids(xml, 'commentRangeEnd')).toEqual(commentIds);
      expect(ids(xml, 'commentReference')).toEqual(commentIds);
      // One comment per tag that has words in the document.
      expect(commentIds.length).toBe([...quotes.values()].filter((quote) => cleanText(quote).trim() !== '').length);
      for (const commentId of commentIds) {
        expect(xml.indexOf(`<w:commentRangeStart w:id="${commentId}"/>`)).toBeLessThan(xml.indexOf(`<w:commentRangeEnd w:id="${commentId}"/>`));
      }
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 50) });
  });
});
