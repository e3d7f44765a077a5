import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nl from '@zxcvbn-ts/language-nl-be';
import { MIN_PASSPHRASE_LENGTH, MIN_PASSPHRASE_SCORE, type Language } from './domain';

// zxcvbn-ts estimates guessability from dictionaries (Dutch and English names and words,
// common passwords, keyboard patterns); its feedback comes in the UI's language.
const factories = new Map<Language, ZxcvbnFactory>();

function factory(language: Language): ZxcvbnFactory {
  let found = factories.get(language);
  if (!found) {
    found = new ZxcvbnFactory({
      translations: language === 'nl' ? nl.translations : en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
    });
    factories.set(language, found);
  }
  return found;
}

export interface PassphraseStrength {
  /** 0 (very weak) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  tooShort: boolean;
  warning: string;
  suggestions: string[];
}

export function passphraseStrength(passphrase: string, language: Language = 'nl', userInputs: string[] = []): PassphraseStrength {
  // Long inputs make zxcvbn's matching slow; beyond 100 characters the score cannot rise anyway.
  const result = factory(language).check(passphrase.slice(0, 100), ['loopbaandialoog', 'mentor', ...userInputs]);
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH;
  return {
    score: result.score,
    acceptable: !tooShort && result.score >= MIN_PASSPHRASE_SCORE,
    tooShort,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions,
  };
}
