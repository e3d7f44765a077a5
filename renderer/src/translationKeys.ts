import type { ParseKeys } from 'i18next';

/**
 * Any key `t()` accepts (see i18next.d.ts): every path in the Dutch catalog, plural pairs
 * without their `_one` / `_other` suffix. For tables of keys kept apart from their `t()` call.
 */
export type TranslationKey = ParseKeys;

/** The dotted paths to the strings in a catalog section: `vault.created` in the audit kinds. */
export type LabelPath<Section> = {
  [K in Extract<keyof Section, string>]: Section[K] extends string ? K : `${K}.${LabelPath<Section[K]>}`;
}[Extract<keyof Section, string>];

/**
 * Whether `value` is the path of a string in a catalog section (pass the Dutch one, e.g.
 * `catalogs.nl.dialogue.dilemma`), narrowing it so that `t(`dialogue.dilemma.${value}`)` is a
 * typed key. For values typed only as `string` because they come from stored data or the backend
 * (an audit kind, a search hit's dilemma, an error's field): an older or unknown value then gets
 * its own fallback instead of the raw key on screen.
 */
export function hasLabel<Section extends object>(section: Section, value: string): value is LabelPath<Section> {
  let node: unknown = section;
  for (const part of value.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}
