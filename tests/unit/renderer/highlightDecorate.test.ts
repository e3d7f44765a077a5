import { describe, expect, it } from 'vitest';
import type { Range } from 'slate';
import { highlightDecorate } from '../../../renderer/src/features/editor/highlightDecorate';

const marked = (terms: string[], text: string): string[] =>
  highlightDecorate(terms)([{ text }, [0, 0]]).map((range: Range) => text.slice(range.anchor.offset, range.focus.offset));

describe('highlightDecorate', () => {
  it('lights up what search found: accents and case folded', () => {
    expect(marked(['client'], 'De cliënt en de Client')).toEqual(['cliënt', 'Client']);
  });

  it('folds the letters NFD does not split, as search does (ı, ø, ß, æ, ł)', () => {
    expect(marked(['yilmaz'], 'Gesprek met Yılmaz')).toEqual(['Yılmaz']);
    expect(marked(['soren'], 'Søren vertelde')).toEqual(['Søren']);
    expect(marked(['strasse'], 'in de Straße')).toEqual(['Straße']);
    expect(marked(['aeble'], 'Æble')).toEqual(['Æble']);
    expect(marked(['lukasz'], 'Łukasz')).toEqual(['Łukasz']);
  });

  it('maps offsets back when one letter folds to two (ß → ss)', () => {
    const text = 'Große straße';
    expect(marked(['grosse'], text)).toEqual(['Große']);
    expect(marked(['ss'], text)).toEqual(['ß', 'ß']);
  });
});
