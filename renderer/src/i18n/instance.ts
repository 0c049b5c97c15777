import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LanguageCode } from '../../../main/core/config/languages';
import { RTL_LANGUAGES } from '../../../main/core/config/languages';
import ar from './catalogs/ar.json';
import en from './catalogs/en.json';
import fa from './catalogs/fa.json';
import frFalc from './catalogs/fr-FALC.json';
import fr from './catalogs/fr.json';
import ps from './catalogs/ps.json';
import uk from './catalogs/uk.json';

/**
 * The kiosk's own texts, one catalog per language. French is the source of truth;
 * a key missing from another catalog shows in French. A language without a catalog
 * (none today; a language added to LANGUAGE_CODES later) shows the French texts, laid
 * out left to right, while the station's own texts (tile labels, help) still use that
 * language when the station file provides it.
 *
 * No DOM in this module, so unit tests can load it: `applyLanguage` is in index.ts.
 */
const CATALOGS = { fr, 'fr-FALC': frFalc, en, ar, fa, ps, uk } as const satisfies Partial<Record<LanguageCode, object>>;
export type CatalogLanguage = keyof typeof CATALOGS;

export function hasCatalog(language: LanguageCode): language is CatalogLanguage {
  return Object.hasOwn(CATALOGS, language);
}

/** The language the kiosk's own texts are actually shown in for a chosen language. */
export function catalogLanguageFor(language: LanguageCode): CatalogLanguage {
  return hasCatalog(language) ? language : 'fr';
}

/**
 * The code i18next knows a catalog by. i18next canonicalises every code with
 * `Intl.getCanonicalLocales`, which reads the four letters of "FALC" as a script
 * subtag: 'fr-FALC' becomes 'fr-Falc'. Resources registered as 'fr-FALC' are then
 * never found and easy-to-read French silently shows plain French. So resources are
 * registered, and languages changed, under this canonical code.
 */
export function i18nextLanguageFor(language: CatalogLanguage): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? language;
  } catch {
    return language;
  }
}

/** A valid BCP 47 tag for `lang=""`: "FALC" is not a subtag, easy-to-read French is French. */
export function htmlLangFor(language: LanguageCode): string {
  return language === 'fr-FALC' ? 'fr' : language;
}

export function isRtl(language: LanguageCode): boolean {
  return RTL_LANGUAGES.has(language);
}

const catalogLanguages = Object.keys(CATALOGS) as CatalogLanguage[];

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(
    catalogLanguages.map((language) => [i18nextLanguageFor(language), { translation: CATALOGS[language] }]),
  ),
  lng: 'fr',
  fallbackLng: 'fr',
  // Only the catalogs' own codes: no 'fr' for 'fr-Falc' by way of its language part,
  // no region guessing; a key missing from a catalog still falls back to French.
  supportedLngs: catalogLanguages.map(i18nextLanguageFor),
  nonExplicitSupportedLngs: false,
  load: 'currentOnly',
  // Bundled catalogs: ready as soon as this module has run, no backend, no fetch.
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});
