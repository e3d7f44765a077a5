import { describe, expect, it } from 'vitest';
import type { Annotation, Code } from '../../../shared/dialogueSchemas';
import { sameTagStyles, tagStylesOf } from '../../../renderer/src/features/editor/tagStyles';

const code = (id: string, color: string, name = id): Code => ({
  id, parentId: null, builtinKey: null, name, color, cue: 'solid', position: 0, usage: 0,
});
const annotation = (id: string, codeId: string, quote = ''): Annotation => ({
  id, dialogueId: 'd', codeId, quote, memo: '', attributes: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const codes = new Map([code('c1', '#112233', 'Stage'), code('c2', '#445566', 'Dilemma')].map((entry) => [entry.id, entry]));

describe('tagStylesOf', () => {
  it('styles each annotation after its code and leaves out annotations whose code is gone', () => {
    const styles = tagStylesOf([annotation('a1', 'c1'), annotation('a2', 'c2'), annotation('a3', 'gone')], codes);
    expect([...styles]).toEqual([
      ['a1', { color: '#112233', cue: 'solid', name: 'Stage' }],
      ['a2', { color: '#445566', cue: 'solid', name: 'Dilemma' }],
    ]);
  });
});

describe('sameTagStyles', () => {
  const before = tagStylesOf([annotation('a1', 'c1', 'oud citaat'), annotation('a2', 'c2')], codes);

  it('ignores what does not show: quotes, memos, order', () => {
    expect(sameTagStyles(before, tagStylesOf([annotation('a2', 'c2'), annotation('a1', 'c1', 'nieuw, langer citaat')], codes))).toBe(true);
  });

  it('sees a tag added, removed or given another code', () => {
    expect(sameTagStyles(before, tagStylesOf([annotation('a1', 'c1')], codes))).toBe(false);
    expect(sameTagStyles(before, tagStylesOf([annotation('a1', 'c1'), annotation('a2', 'c2'), annotation('a3', 'c1')], codes))).toBe(false);
    expect(sameTagStyles(before, tagStylesOf([annotation('a1', 'c2'), annotation('a2', 'c2')], codes))).toBe(false);
  });

  it('sees a code recoloured or renamed', () => {
    const recoloured = new Map(codes).set('c1', code('c1', '#000000', 'Stage'));
    const renamed = new Map(codes).set('c1', code('c1', '#112233', 'Stageplek'));
    const annotations = [annotation('a1', 'c1'), annotation('a2', 'c2')];
    expect(sameTagStyles(before, tagStylesOf(annotations, recoloured))).toBe(false);
    expect(sameTagStyles(before, tagStylesOf(annotations, renamed))).toBe(false);
  });
});
