import type { FullCatalog } from '../../shared/i18n';

/**
 * Typed translation keys: `t('some.key')` compiles only for a key that exists in the Dutch
 * catalog (the source of truth; en.ts and every feature's `en` are typed as its shape), so a
 * typo fails the typecheck instead of showing the raw key to the mentor. Plural pairs are
 * called without their suffix (`t('today.actions', { count })`), as i18next's types allow.
 * String keys, not the selector API (`enableSelector`): the 1,200 calls stay as they are.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: FullCatalog };
    // initI18n sets returnNull: false; a missing key returns the key, never null.
    returnNull: false;
    strictKeyChecks: true;
  }
}
