import type { LocalizedText } from '../../../main/core/config/languages';
import { localize } from '../../../main/core/config/languages';
import { useKioskStore } from '../store';
import { frenchRuns } from './use-station-text';

/**
 * A station text in the visitor's language, with every run of French in it marked
 * `lang="fr"` (a screen reader then reads « Mon Compte » as French inside Arabic).
 * When the whole text falls back to French, the caller's element carries `lang="fr"`
 * (useStationLang) and nothing inside needs marking.
 */
export function StationText({ text, format = (shown) => shown }: { text: LocalizedText; format?: (shown: string) => string }) {
  const language = useKioskStore((state) => state.language);
  if (language !== 'fr' && text[language] === undefined) return <>{format(localize(text, language))}</>;
  const pieces = frenchRuns(format(localize(text, language)), language);
  return (
    <>
      {pieces.map((piece, index) =>
        piece.french ? (
          <span key={index} lang="fr">
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
