import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/domain';
import { passphraseStrength } from '../../../shared/passphraseStrength';

describe('passphraseStrength', () => {
  it('refuses short passphrases, whatever their score', () => {
    for (const short of ['kort', 'Xq7#', 'a9$Kz!2@p']) {
      expect(short.length).toBeLessThan(MIN_PASSPHRASE_LENGTH);
      const result = passphraseStrength(short);
      expect(result.tooShort).toBe(true);
      expect(result.acceptable).toBe(false);
    }
  });

  it.each(['password1234', 'wachtwoord123', 'qwertyuiop12', 'welkom123456', '1234567890', 'loopbaandialoog'])(
    'refuses the common or guessable %s',
    (common) => {
      const result = passphraseStrength(common);
      expect(result.tooShort).toBe(false);
      expect(result.acceptable).toBe(false);
      expect(result.score).toBeLessThan(3);
    },
  );

  it('refuses a passphrase made of the user inputs it is told about', () => {
    expect(passphraseStrength('HetBakenAlmere', 'nl').acceptable).toBe(true);
    expect(passphraseStrength('HetBakenAlmere', 'nl', ['HetBakenAlmere']).acceptable).toBe(false);
  });

  it.each(['paarse olifant danst op de dijk', 'correct horse battery staple', 'fiets-regen-koffie-tulp'])('accepts the long multi-word %s', (good) => {
    for (const language of ['nl', 'en'] as const) {
      const result = passphraseStrength(good, language);
      expect(result.acceptable).toBe(true);
      expect(result.score).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives feedback in Dutch for nl and in English for en', () => {
    const nl = passphraseStrength('password1234', 'nl');
    const en = passphraseStrength('password1234', 'en');
    expect(nl.warning).not.toBe('');
    expect(nl.warning).not.toBe(en.warning);
    expect(nl.warning).toMatch(/\b(lijkt|wachtwoord|veel)\b/i);
    expect(en.warning).toMatch(/\b(similar|commonly|password)\b/i);
    expect(nl.suggestions.join(' ')).toMatch(/\b(woorden|voeg)\b/i);
    expect(en.suggestions.join(' ')).toMatch(/\b(words|add)\b/i);
    expect(nl.suggestions.join(' ')).not.toMatch(/\b(words|add)\b/i);
  });

  it('judges only the first 100 characters of a very long input (the estimator is slow beyond)', () => {
    const long = `${'paarse olifant danst op de dijk '.repeat(3)}${'x'.repeat(100_000)}`;
    const result = passphraseStrength(long);
    expect(result.score).toBe(passphraseStrength(long.slice(0, 100)).score);
    expect(result.acceptable).toBe(true);
  });
});
