import type { LocalizedText } from '../../../main/core/config/languages';
import { localize } from '../../../main/core/config/languages';
import { useKioskStore } from '../store';

/** Localizes the station's own texts (name of a démarche, help text) in the visitor's language. */
export function useStationText(): (text: LocalizedText) => string {
  const language = useKioskStore((state) => state.language);
  return (text) => localize(text, language);
}
