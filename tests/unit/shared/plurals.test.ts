import i18next, { type ParseKeys, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { countText, labelsFor } from '../../../electron/core/export/labels';
import type { Language } from '../../../shared/domain';
import { ERROR_CODES } from '../../../shared/errors';
import { catalogs } from '../../../shared/i18n';

/**
 * Issue 15: "1 gesprekken", "1 grenservaringen". Every string that carries a count goes through
 * i18next's plural forms: a `_one`/`_other` pair with `{{count}}`, or a nested
 * `$t(<pair>, {"count": {{n}} })` where a string holds several counts. This test finds the
 * count-bearing strings in the catalogs themselves, so a new one without plural forms fails it.
 *
 * A placeholder is a count unless it is listed here as something else: a name, a date, a text
 * already put together, a page or version number, a unit that does not inflect ("MB", "%").
 */
const NOT_COUNTS = new Set([
  'name', 'title', 'date', 'query', 'field', 'reason', 'quote', 'format', 'fileName', 'location', 'source', 'target',
  'color', 'cue', 'json', 'word', 'school', 'day', 'month', 'year', 'from', 'to', 'value', 'role', 'names', 'service',
  // `lines` is the list of line numbers ("1, 3, 40"), `period` a count already in words ("6 weken").
  'lines', 'period',
  // Page x of y, version 3, section 4: ordinals and labels, no noun counted.
  'current', 'total', 'version', 'number', 'position',
  // Units that stay the same at any number.
  'megabytes', 'percent', 'width', 'height',
  // ... and the same in MB by other names: limits, model memory.
  'maxMb', 'neededMb', 'freeMb', 'needed', 'free',
  // Names, keys, paths and lists: a speaker, a policy key or setting, a file's encoding or delimiter,
  // the headers or cue words found, a class, an origin tool, a model.
  'speaker', 'key', 'setting', 'path', 'folder', 'allowed', 'encoding', 'delimiter', 'headers', 'cues', 'group', 'origin', 'model',
  // Row numbers ("kopregel op rij 3"), clock times ("0:32") and shares already formatted ("40%").
  'headerRow', 'row', 'time', 'share', 'words',
  // Bounds of a setting or limit ("tussen 1 en 20"); a limit that names its noun nests a pair.
  'min', 'max',
]);

const LANGUAGES: Language[] = ['nl', 'en'];
const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const PLACEHOLDER = /\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g;
const NESTED_COUNT = /\$t\(([\w.]+),\s*\{\s*"count":\s*\{\{\s*(\w+)\s*\}\}\s*\}\s*\)/g;
const PLURAL_SUFFIX = /_(one|other)$/;

function leaves(node: unknown, path: string[] = []): [string, string][] {
  if (typeof node === 'string') return [[path.join('.'), node]];
  if (Array.isArray(node) || node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key]));
}

const strings = Object.fromEntries(LANGUAGES.map((language) => [language, new Map(leaves(catalogs[language]))])) as Record<Language, Map<string, string>>;

function translator(language: Language): TFunction {
  const instance = i18next.createInstance();
  // As the renderer sets it up (renderer/src/i18n.ts).
  void instance.init({
    resources: { [language]: { translation: catalogs[language] } }, lng: language,
    interpolation: { escapeValue: false }, returnNull: false, initAsync: false,
  });
  return instance.t;
}
const t = { nl: translator('nl'), en: translator('en') };

/** Plural bases ("counts.dialogues") and the keys that must hold both forms. */
const pluralBases = (language: Language) => [...new Set([...strings[language].keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')))];

interface CountString { key: string; base: string; direct: boolean; nested: { base: string; param: string }[]; params: string[] }

/** Every string that carries a count, with how it is pluralised. */
function countStrings(language: Language): CountString[] {
  const found: CountString[] = [];
  for (const [key, value] of strings[language]) {
    const params = [...new Set([...value.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
    const counts = params.filter((param) => !NOT_COUNTS.has(param));
    if (counts.length === 0) continue;
    const nested = [...value.matchAll(NESTED_COUNT)].map((match) => ({ base: match[1]!, param: match[2]! }));
    found.push({ key, base: key.replace(PLURAL_SUFFIX, ''), direct: PLURAL_SUFFIX.test(key), nested, params });
  }
  return found;
}

/** Renders a count string with every count at n and everything else as a stand-in text. */
function render(language: Language, entry: CountString, n: number): string {
  const values = Object.fromEntries(entry.params.map((param) => [param, NOT_COUNTS.has(param) ? `‹${param}›` : n]));
  // The keys are read from the catalogs themselves at run time, so no key type can know them.
  return t[language](entry.base as ParseKeys, values);
}

/**
 * The words after the number, up to the first word in which the two forms of a plural pair
 * differ: ["gesprek", "gesprekken"], ["tagged passage", "tagged passages"]; equal when they do not.
 */
function forms(language: Language, base: string): [string, string] {
  const words = (text: string) => text.replace(/^.*?\{\{\s*count[^}]*\}\}\s*/, '').split(/[\s.,;:()]+/).filter(Boolean);
  const one = words(strings[language].get(`${base}_one`) ?? '');
  const many = words(strings[language].get(`${base}_other`) ?? '');
  const differ = one.findIndex((word, index) => word !== many[index]);
  if (differ < 0) return [one.join(' '), one.join(' ')];
  // An adjective that only takes an -e ("nieuw sjabloon", "nieuwe sjablonen") inflects for the
  // noun after it, which is what is counted: "1 nieuwe code" is right, so take the noun too.
  const end = many[differ] === `${one[differ]}e` && differ + 1 < one.length ? differ + 2 : differ + 1;
  return [one.slice(0, end).join(' '), many.slice(0, end).join(' ')];
}

describe('plural forms', () => {
  it.each(LANGUAGES)('%s: every count-bearing string is a plural pair or nests one for each count', (language) => {
    const problems: string[] = [];
    for (const entry of countStrings(language)) {
      for (const param of entry.params.filter((p) => !NOT_COUNTS.has(p))) {
        const nestedOnly = entry.nested.some((n) => n.param === param)
          && ![...(strings[language].get(entry.key) ?? '').replace(NESTED_COUNT, '').matchAll(PLACEHOLDER)].some((match) => match[1] === param);
        if (nestedOnly) continue;
        if (param === 'count' && entry.direct) continue;
        problems.push(`${entry.key}: {{${param}}} has no plural forms`);
      }
      for (const nested of entry.nested) {
        for (const form of ['one', 'other']) if (!strings[language].has(`${nested.base}_${form}`)) problems.push(`${entry.key}: nests ${nested.base}, which has no _${form}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every plural pair has both forms in both languages, and the forms differ', (language) => {
    const other: Language = language === 'nl' ? 'en' : 'nl';
    for (const base of pluralBases(language)) {
      for (const form of ['one', 'other']) {
        expect(strings[language].has(`${base}_${form}`), `${language}:${base}_${form}`).toBe(true);
        expect(strings[other].has(`${base}_${form}`), `${other}:${base}_${form}`).toBe(true);
      }
      const [one, many] = forms(language, base);
      expect(one, `${language}:${base}`).not.toBe(many);
    }
  });

  it.each(LANGUAGES)('%s: renders every count-bearing string at 0, 1 and 2 with the singular only at 1', (language) => {
    const entries = countStrings(language).filter((entry, index, all) => all.findIndex((other) => other.base === entry.base) === index);
    expect(entries.length).toBeGreaterThan(30);
    // Every plural noun the catalogs know, to look for "1 <plural>" in whatever is rendered.
    const plurals = pluralBases(language).map((base) => forms(language, base)).filter(([one, many]) => one !== many && many !== '');
    for (const entry of entries) {
      const [zero, one, two] = [0, 1, 2].map((n) => render(language, entry, n));
      for (const [n, text] of [[0, zero], [1, one], [2, two]] as const) {
        expect(text, `${entry.key} at ${n}`).not.toMatch(/\{\{|\$t\(/);
        expect(text, `${entry.key} at ${n}`).toContain(String(n));
      }
      for (const [singular, plural] of plurals) {
        // A word goes on after an apostrophe: "0 memo’s" is not "0 memo".
        expect(one, `${entry.key} at 1`).not.toMatch(new RegExp(`(^|[^\\d.,])1 ${escape(plural)}(?![\\p{L}’'])`, 'u'));
        for (const [n, text] of [[0, zero], [2, two]] as const) expect(text, `${entry.key} at ${n}`).not.toMatch(new RegExp(`(^|[^\\d.,])${n} ${escape(singular)}(?![\\p{L}’'])`, 'u'));
      }
    }
  });

  it('says "1 gesprek" and "1 grenservaring", as issue 15 asked, and "2 gesprekken" in a summary', () => {
    const counts = { dialogues: 1, activities: 1, boundary: 1, open: 1, done: 0 };
    expect(t.nl('exporting.portfolioCounts', counts)).toBe('1 gesprek, 1 loopbaanactiviteit, 1 grenservaring, 1 open afspraak en 0 afgeronde afspraken.');
    expect(t.en('exporting.portfolioCounts', counts)).toBe('1 dialogue, 1 career activity, 1 boundary experience, 1 open agreement and 0 completed agreements.');
    expect(t.nl('safety.backups.summary', { students: 1, dialogues: 2 })).toBe('1 leerling, 2 gesprekken');
    expect(t.nl('vault.retryIn', { seconds: 1 })).toBe('Probeer het over 1 seconde opnieuw.');
    expect(t.nl('errors.CODE_IN_FINAL_DIALOGUE', { count: 1 })).toContain('op 1 fragment in definitieve gesprekken');
    expect(t.nl('dialogue.importer.summary', { turns: 1, speakers: 1, format: 'TXT' })).toBe('1 beurt van 1 spreker gevonden (TXT).');
  });

  it('gives every error code a text in Dutch and English', () => {
    for (const language of LANGUAGES) {
      for (const code of ERROR_CODES) {
        const has = strings[language].has(`errors.${code}`) || strings[language].has(`errors.${code}_other`);
        expect(has, `${language}: errors.${code}`).toBe(true);
      }
    }
  });

  it('gives Word documents, which the core fills without i18next, the same plural forms', () => {
    for (const language of LANGUAGES) {
      const labels = labelsFor(language);
      expect([0, 1, 2].map((n) => countText(labels, 'weeks', n))).toEqual(language === 'nl' ? ['0 weken', '1 week', '2 weken'] : ['0 weeks', '1 week', '2 weeks']);
    }
  });
});
