import type { LanguageCode } from '../../../main/core/config/languages';
import type { LocalizedText } from '../../../main/core/config/languages';
import { localize } from '../../../main/core/config/languages';
import { htmlLangFor } from '../i18n';
import { useKioskStore } from '../store';

/** Localizes the station's own texts (name of a démarche, help text) in the visitor's language. */
export function useStationText(): (text: LocalizedText) => string {
  const language = useKioskStore((state) => state.language);
  return (text) => localize(text, language);
}

/**
 * The `lang` of a station text as shown: French when the station file has no
 * translation for the visitor's language (so a screen reader reads it in French
 * inside an Arabic page), nothing when it is in the page's own language.
 */
export function useStationLang(): (text: LocalizedText) => string | undefined {
  const language = useKioskStore((state) => state.language);
  return (text) => (language !== 'fr' && text[language] === undefined ? htmlLangFor('fr') : undefined);
}

/** Languages written in another script than French: any Latin-script words in them are French names. */
const NON_LATIN_LANGUAGES: ReadonlySet<LanguageCode> = new Set(['ar', 'fa', 'ps', 'uk']);

/**
 * An address (`caf.fr`), a French quotation (« Mon Compte »), or a run of Latin-script
 * words. Addresses are left alone: they are not words of any language.
 */
const FRENCH_RUN = /([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)|(«[^»]*»)|(\p{Script=Latin}(?:[\p{Script=Latin}\p{M}'’-]|\s(?=\p{Script=Latin}))*)/gu;

/**
 * The runs of French inside a translated text, for `lang="fr"`: button names quoted
 * from the French site (« Mon Compte »), and, in Arabic, Dari, Pashto and Ukrainian,
 * any Latin-script word (CAF, FranceConnect, attestations). Returns the pieces in
 * order; `french` marks those to wrap.
 */
export function frenchRuns(text: string, language: LanguageCode): { text: string; french: boolean }[] {
  if (language === 'fr' || language === 'fr-FALC') return [{ text, french: false }];
  const anyLatin = NON_LATIN_LANGUAGES.has(language);
  const pieces: { text: string; french: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(FRENCH_RUN)) {
    const [whole, address, quoted] = match;
    const french = address === undefined && (quoted !== undefined || anyLatin);
    if (!french) continue;
    const start = match.index ?? 0;
    if (start > last) pieces.push({ text: text.slice(last, start), french: false });
    pieces.push({ text: whole, french: true });
    last = start + whole.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), french: false });
  return pieces;
}
