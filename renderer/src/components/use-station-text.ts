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
