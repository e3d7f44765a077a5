import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AuditKind } from '../../../electron/core/repositories/auditRepository';
import { DILEMMA_TYPES } from '../../../shared/domain';
import { catalogs, type FullCatalog } from '../../../shared/i18n';
import { hasLabel, type LabelPath, type TranslationKey } from '../../../renderer/src/translationKeys';

/**
 * Typed translation keys (renderer/src/i18next.d.ts). The `@ts-expect-error` lines are the
 * type-level half: `npm run typecheck` (tsc -p tsconfig.json, which takes in tests and the
 * renderer's declaration) fails as soon as a wrong key compiles. The rest runs.
 */

function translator(): TFunction {
  const instance = i18next.createInstance();
  // As the renderer sets it up (renderer/src/i18n.ts).
  void instance.init({ resources: { nl: { translation: catalogs.nl } }, lng: 'nl', interpolation: { escapeValue: false }, returnNull: false, initAsync: false });
  return instance.t;
}

function leafPaths(node: unknown, path: string[] = []): string[] {
  if (typeof node === 'string') return [path.join('.')];
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => leafPaths(value, [...path, key]));
}

describe('typed translation keys', () => {
  const t = translator();

  it('accepts keys in the catalog, plural pairs by their base, and refuses a typo at compile time', () => {
    expect(t('app.name')).toBe('Loopbaandialoog');
    expect(t('today.actions', { count: 1 })).toBe('1 afspraak voor deze week');
    expect(t('today.actions', { count: 2 })).toBe('2 afspraken voor deze week');
    // @ts-expect-error 'app.nmae' is not a key: a typo must not compile.
    expect(t('app.nmae')).toBe('app.nmae');
    // @ts-expect-error a defaultValue does not let a wrong key through (strictKeyChecks).
    expect(t('app.nmae', { defaultValue: 'x' })).toBe('x');
    // @ts-expect-error a section is not a key: t() returns strings only.
    expect(t('app')).toContain('object');
    const keys: TranslationKey[] = ['help.keys.help', 'firstRun.keys.switcher'];
    // @ts-expect-error nor is a typo in a table of keys kept apart from t().
    const wrong: TranslationKey = 'help.keys.hlep';
    expect(keys.map((key) => t(key)).filter((text, index) => text === keys[index])).toEqual([]);
    expect(t(wrong)).toBe('help.keys.hlep');
  });

  it('hasLabel finds the strings of a section, by dotted path, and nothing else', () => {
    const kinds = catalogs.nl.safety.audit.kinds;
    expect(hasLabel(kinds, 'vault.created')).toBe(true);
    expect(hasLabel(kinds, 'vault')).toBe(false);
    expect(hasLabel(kinds, 'vault.created.more')).toBe(false);
    expect(hasLabel(kinds, 'vault.nope')).toBe(false);
    expect(hasLabel(kinds, '')).toBe(false);
    for (const type of DILEMMA_TYPES) expect(hasLabel(catalogs.nl.dialogue.dilemma, type), type).toBe(true);
    // Inherited properties are no labels: a stored value 'toString' must not pass as one.
    expect(hasLabel(catalogs.nl.dialogue.dilemma, 'toString')).toBe(false);
    expect(hasLabel(catalogs.nl.dialogue.dilemma, '__proto__')).toBe(false);
  });

  it('hasLabel narrows a stored string to a typed key, with a fallback for an unknown value', () => {
    const label = (kind: string) => (hasLabel(catalogs.nl.safety.audit.kinds, kind) ? t(`safety.audit.kinds.${kind}`) : kind);
    expect(label('vault.created')).toBe('Kluis aangemaakt');
    expect(label('vault.from_a_later_version')).toBe('vault.from_a_later_version');
    const stored: string = DILEMMA_TYPES[0];
    // @ts-expect-error without the check a stored string is not a key.
    expect(t(`dialogue.dilemma.${stored}`)).toBe(catalogs.nl.dialogue.dilemma[DILEMMA_TYPES[0]]);
  });

  it('labels every audit kind the core writes (the audit table showed "exchange.imported" raw)', () => {
    // Compile-time: a kind without a label makes this type that kind's name, and 'none' fails.
    type Unlabelled = Exclude<AuditKind, LabelPath<FullCatalog['safety']['audit']['kinds']>>;
    const unlabelled: [Unlabelled] extends [never] ? 'none' : Unlabelled = 'none';
    expect(unlabelled).toBe('none');
    for (const kind of ['exchange.imported', 'classList.imported'] satisfies AuditKind[]) {
      expect(hasLabel(catalogs.nl.safety.audit.kinds, kind), kind).toBe(true);
      expect(hasLabel(catalogs.en.safety.audit.kinds, kind), kind).toBe(true);
    }
  });

  it('en has exactly the keys of nl (the type says so too: en is typed as the Dutch shape)', () => {
    expect(leafPaths(catalogs.en).sort()).toEqual(leafPaths(catalogs.nl).sort());
    expect(leafPaths(catalogs.nl).length).toBeGreaterThan(1000);
  });
});
