import type fr from './catalogs/fr.json';

// Keys passed to t() and <Trans i18nKey> are checked against the French catalog at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}
