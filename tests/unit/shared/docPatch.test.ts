import { describe, expect, it } from 'vitest';
import { applyDocPatch, diffDoc, DocPatchSchema } from '../../../shared/docPatch';
import type { BlockNode, DialogueDoc, ParagraphNode, SectionNode } from '../../../shared/editorDoc';
import { mulberry32 } from '../helpers/mulberry32';

const turn = (text: string): ParagraphNode => ({ type: 'paragraph', speaker: 'Noor', children: [{ text }] });
const section = (sectionKey: string, children: BlockNode[]): SectionNode => ({ type: 'section', sectionKey, children });

/** Edits the way Slate does: new objects along the changed path, every other node kept. */
function replaceBlock(doc: DialogueDoc, s: number, b: number, block: BlockNode): DialogueDoc {
  return doc.map((sec, index) => (index === s ? { ...sec, children: sec.children.map((old, at) => (at === b ? block : old)) } : sec));
}
function spliceBlocks(doc: DialogueDoc, s: number, start: number, remove: number, insert: BlockNode[]): DialogueDoc {
  return doc.map((sec, index) => {
    if (index !== s) return sec;
    const children = sec.children.slice();
    children.splice(start, remove, ...insert);
    return { ...sec, children };
  });
}

describe('document patches for the autosave', () => {
  const base: DialogueDoc = [
    section('background', Array.from({ length: 1_000 }, (_, n) => turn(`beurt ${n}`))),
    section('goal', [turn('doel')]),
  ];

  it('sends only the changed turn of a long transcript', () => {
    const next = replaceBlock(base, 0, 500, turn('beurt 500, aangevuld'));
    const patch = diffDoc(base, next)!;
    expect(patch.splices).toEqual([{ section: 0, start: 500, deleteCount: 1, insert: [turn('beurt 500, aangevuld')] }]);
    expect(patch.lengths).toEqual([1_000, 1]);
    expect(applyDocPatch(base, patch)).toEqual(next);
  });

  it('sends nothing for an untouched document and finds inserts, deletions and sections of their own', () => {
    expect(diffDoc(base, base)).toEqual({ splices: [], lengths: [1_000, 1] });
    const split = spliceBlocks(base, 0, 10, 1, [turn('beurt'), turn(' 10')]);
    expect(diffDoc(base, split)!.splices).toEqual([{ section: 0, start: 10, deleteCount: 1, insert: [turn('beurt'), turn(' 10')] }]);
    const both = spliceBlocks(spliceBlocks(base, 0, 999, 1, []), 1, 1, 0, [turn('tweede doel')]);
    const patch = diffDoc(base, both)!;
    expect(patch.splices.map(({ section: s, start, deleteCount, insert }) => [s, start, deleteCount, insert.length])).toEqual([[0, 999, 1, 0], [1, 1, 0, 1]]);
    expect(applyDocPatch(base, patch)).toEqual(both);
  });

  it('gives no patch when the sections differ (the whole document is saved instead)', () => {
    expect(diffDoc(base, [base[0]!])).toBeNull();
    expect(diffDoc(base, [base[0]!, section('other', [turn('x')])])).toBeNull();
  });

  it('round-trips 300 random Slate-like edit sequences', () => {
    const random = mulberry32(20261204);
    const pick = (n: number) => Math.floor(random() * n);
    for (let run = 0; run < 300; run++) {
      const start: DialogueDoc = [section('a', Array.from({ length: 1 + pick(30) }, (_, n) => turn(`a${n}`))), section('b', [turn('b0')])];
      let doc = start;
      for (let edit = 0; edit < 1 + pick(6); edit++) {
        const s = pick(2);
        const length = doc[s]!.children.length;
        const at = pick(length);
        const kind = pick(3);
        if (kind === 0) doc = replaceBlock(doc, s, at, turn(`edit ${run}.${edit}`));
        else if (kind === 1) doc = spliceBlocks(doc, s, at, 0, Array.from({ length: 1 + pick(4) }, (_, n) => turn(`in ${n}`)));
        else if (length > 1) doc = spliceBlocks(doc, s, at, Math.min(1 + pick(3), length - 1), []);
      }
      const patch = diffDoc(start, doc)!;
      expect(DocPatchSchema.safeParse(patch).success).toBe(true);
      expect(applyDocPatch(start, patch)).toEqual(doc);
    }
  });

  it('refuses a patch made against another version of the document', () => {
    const next = spliceBlocks(base, 0, 3, 0, [turn('nieuw')]);
    const patch = diffDoc(base, next)!;
    const older = spliceBlocks(base, 0, 0, 1, []);
    expect(() => applyDocPatch(older, patch)).toThrow(RangeError);
    expect(() => applyDocPatch([base[0]!], patch)).toThrow(RangeError);
    expect(() => applyDocPatch(base, { splices: [{ section: 0, start: 999, deleteCount: 5, insert: [] }], lengths: [995, 1] })).toThrow(RangeError);
    expect(() => applyDocPatch(base, { splices: [{ section: 7, start: 0, deleteCount: 0, insert: [] }], lengths: [1_000, 1] })).toThrow(RangeError);
    const twice = { splices: [{ section: 1, start: 0, deleteCount: 0, insert: [turn('x')] }, { section: 1, start: 0, deleteCount: 1, insert: [] }], lengths: [1_000, 1] };
    expect(() => applyDocPatch(base, twice)).toThrow(RangeError);
  });

  it('validates inserted blocks like whole documents at the boundary', () => {
    const bad = { splices: [{ section: 0, start: 0, deleteCount: 0, insert: [{ type: 'paragraph', children: [{ text: 'x', onclick: 'alert(1)' }] }] }], lengths: [1] };
    expect(DocPatchSchema.safeParse(bad).success).toBe(false);
    expect(DocPatchSchema.safeParse({ splices: [], lengths: [1], extra: true }).success).toBe(false);
    expect(DocPatchSchema.safeParse({ splices: [{ section: -1, start: 0, deleteCount: 0, insert: [] }], lengths: [1] }).success).toBe(false);
  });

  it('applies a patch that inserts 60,000 blocks at once (the first save after a long transcript is imported)', () => {
    const empty: DialogueDoc = [section('a', [turn('')])];
    const many = Array.from({ length: 60_000 }, (_, n) => turn(String(n)));
    const next: DialogueDoc = [section('a', many)];
    const patch = diffDoc(empty, next)!;
    expect(applyDocPatch(empty, patch)[0]!.children).toHaveLength(60_000);
  });
});

describe('opening a document keeps its nodes', () => {
  it('stripUnknownAnnotations returns the same block objects where nothing is stripped', async () => {
    const { stripUnknownAnnotations } = await import('../../../shared/editorDoc');
    const known = '11111111-1111-4111-8111-111111111111';
    const gone = '22222222-2222-4222-8222-222222222222';
    const tagged: ParagraphNode = { type: 'paragraph', children: [{ text: 'stage', [`ann_${known}`]: true }] };
    const orphan: ParagraphNode = { type: 'paragraph', children: [{ text: 'weg', [`ann_${gone}`]: true }] };
    const doc: DialogueDoc = [section('a', [turn('x'), tagged]), section('b', [orphan, turn('y')])];
    const opened = stripUnknownAnnotations(doc, new Set([known]));
    expect(opened[0]).toBe(doc[0]);
    expect(opened[1]).not.toBe(doc[1]);
    expect(opened[1]!.children[1]).toBe(doc[1]!.children[1]);
    expect(opened[1]!.children[0]).toEqual({ type: 'paragraph', children: [{ text: 'weg' }] });
    // So the first autosave after opening sends just the cleaned block.
    expect(diffDoc(doc, opened)!.splices).toEqual([{ section: 1, start: 0, deleteCount: 1, insert: [opened[1]!.children[0]] }]);
  });
});
