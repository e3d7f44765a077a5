import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annotationQuotes, countWords, docText, emptyDoc, leafAnnotationIds,
  type BlockNode, type DialogueDoc, type TextLeaf,
} from '../../../shared/editorDoc';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

const leaf = (text: string, ...ids: string[]): TextLeaf => Object.assign({ text }, ...ids.map((id) => ({ [`ann_${id}`]: true })));
const para = (...children: TextLeaf[]): BlockNode => ({ type: 'paragraph', children });
const doc = (...sections: BlockNode[][]): DialogueDoc => sections.map((children, i) => ({ type: 'section', sectionKey: `s${i}`, children }));

describe('countWords', () => {
  it.each([
    ['De cliënt zei: „Ik wil zo’n baan, één die écht past.”', 11],
    ["Zoë's moeder werkt als praktijkbegeleider in 't ziekenhuis", 8],
    ['Jan-Willem doet havo-4 en wil naar het mbo', 8],
    ['’s Ochtends   stage,\n’s middags school', 6], // the clipped article ’s is a word of its own
    ['financieel/ethisch — kwaliteit', 3],
    ['2025: 3 stages', 3],
    ['  — … !? ', 0],
    ['', 0],
  ])('counts %j as %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe('docText and emptyDoc', () => {
  it('puts one line per paragraph or list item, and a blank line between sections', () => {
    const content = doc(
      [para(leaf('Eerste '), leaf('regel', A)), { type: 'bulleted-list', children: [{ type: 'list-item', children: [leaf('een')] }, { type: 'list-item', children: [leaf('twee')] }] }],
      [para(leaf('Tweede sectie'))],
    );
    expect(docText(content)).toBe('Eerste regel\neen\ntwee\n\nTweede sectie');
    expect(emptyDoc(['a', 'b'])).toEqual([
      { type: 'section', sectionKey: 'a', children: [{ type: 'paragraph', children: [{ text: '' }] }] },
      { type: 'section', sectionKey: 'b', children: [{ type: 'paragraph', children: [{ text: '' }] }] },
    ]);
    expect(docText(emptyDoc(['a', 'b']))).toBe('\n\n');
  });
});

describe('annotationQuotes', () => {
  it('joins adjacent marked leaves and separates fragments with " … "', () => {
    const quotes = annotationQuotes(doc(
      [
        para(leaf('Ik '), leaf('wil ', A), leaf('kok', A, B), leaf(' worden', A), leaf(', of '), leaf('bakker', A)),
        { type: 'numbered-list', children: [{ type: 'list-item', children: [leaf('stage', A)] }, { type: 'list-item', children: [leaf('lopen', A)] }] },
      ],
      [para(leaf('  ', C), leaf('rest'))],
    ));
    expect(quotes).toEqual(new Map([[A, 'wil kok worden … bakker … stage … lopen'], [B, 'kok']]));
  });

  it('leaves out annotations whose marks are gone or false, and ignores other marks', () => {
    const quotes = annotationQuotes(doc([para({ text: 'vet', bold: true }, { text: 'niet', [`ann_${A}`]: false } as TextLeaf, leaf('wel', B))]));
    expect([...quotes.keys()]).toEqual([B]);
  });
});

// Dutch-ish text: letters with diacritics, apostrophes, hyphens, spaces and punctuation.
const text = fc.string({ unit: fc.constantFrom('a', 'e', 'ë', 'é', 'k', 'Z', 'ij', '1', ' ', ' ', "'", '’', '-', ',', '.'), maxLength: 12 });
const ids = [A, B, C];
const arbitraryLeaf = fc.record({ text, marks: fc.subarray(ids), bold: fc.boolean() })
  .map(({ text: t, marks, bold }) => ({ ...leaf(t, ...marks), ...(bold ? { bold } : {}) }));
const leaves = fc.array(arbitraryLeaf, { minLength: 1, maxLength: 6 });
const block: fc.Arbitrary<BlockNode> = fc.oneof(
  leaves.map((children): BlockNode => ({ type: 'paragraph', children })),
  fc.array(leaves, { minLength: 1, maxLength: 3 }).map((items): BlockNode => ({ type: 'bulleted-list', children: items.map((children) => ({ type: 'list-item', children })) })),
);
const arbitraryDoc = fc.array(fc.array(block, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((sections) => doc(...sections));

const words = (value: string) => value.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];

describe('annotationQuotes (property)', () => {
  it('quotes only marked annotations, and only words that are in the text', () => {
    fc.assert(fc.property(arbitraryDoc, (content) => {
      const all: TextLeaf[] = content.flatMap((section) => section.children.flatMap((b) => (b.type === 'paragraph' ? b.children : b.children.flatMap((item) => item.children))));
      const marked = new Set(all.flatMap(leafAnnotationIds));
      const full = docText(content);
      const quotes = annotationQuotes(content);
      for (const [id, quote] of quotes) {
        expect(marked.has(id)).toBe(true);
        expect(quote).not.toBe('');
        for (const fragment of quote.split(' … ')) expect(full).toContain(fragment);
        for (const word of words(quote)) expect(full).toContain(word);
      }
      // And every annotation with marked non-blank text has a quote.
      for (const id of marked) {
        const hasText = all.some((l) => leafAnnotationIds(l).includes(id) && l.text.trim() !== '');
        expect(quotes.has(id)).toBe(hasText);
      }
    }), { numRuns: 300 });
  });
});
