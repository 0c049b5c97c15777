import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LanguageCode } from '../../../main/core/config/languages';
import { RTL_LANGUAGES } from '../../../main/core/config/languages';
import ar from './catalogs/ar.json';
import en from './catalogs/en.json';
import fr from './catalogs/fr.json';

/**
 * The kiosk's own texts. French is the source of truth; a language without a
 * catalog yet (fr-FALC, fa, ps, uk) shows the French texts, laid out left to right,
 * while the station's own texts (tile labels, help) still use that language when
 * the station file provides it.
 */
const CATALOGS = { fr, en, ar } as const;
export type CatalogLanguage = keyof typeof CATALOGS;

export function hasCatalog(language: LanguageCode): language is CatalogLanguage {
  return Object.hasOwn(CATALOGS, language);
}

/** The language the kiosk's own texts are actually shown in for a chosen language. */
export function catalogLanguageFor(language: LanguageCode): CatalogLanguage {
  return hasCatalog(language) ? language : 'fr';
}

/** A valid BCP 47 tag for `lang=""`: "FALC" is not a subtag, easy-to-read French is French. */
export function htmlLangFor(language: LanguageCode): string {
  return language === 'fr-FALC' ? 'fr' : language;
}

export function isRtl(language: LanguageCode): boolean {
  return RTL_LANGUAGES.has(language);
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    fr: { translation: fr },
    en: { translation: en },
    ar: { translation: ar },
  },
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: Object.keys(CATALOGS),
  // Bundled catalogs: ready as soon as this module has run, no backend, no fetch.
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

/**
 * Shows the UI in a language: switches the catalog, and sets `lang` and `dir` on
 * <html> so the whole layout (written with logical CSS properties) mirrors.
 */
export function applyLanguage(language: LanguageCode, root: HTMLElement = document.documentElement): void {
  const shown = catalogLanguageFor(language);
  if (i18n.language !== shown) void i18n.changeLanguage(shown);
  root.lang = htmlLangFor(shown);
  root.dir = isRtl(shown) ? 'rtl' : 'ltr';
  document.title = i18n.t('app.title');
}
