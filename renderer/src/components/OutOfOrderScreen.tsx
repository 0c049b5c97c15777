import { useTranslation } from 'react-i18next';
import type { OutOfOrderReason, StationInfo } from '../../../main/core/contract/kiosk-view';
import { LANGUAGE_CODES, LANGUAGE_NATIVE_NAMES, RTL_LANGUAGES } from '../../../main/core/config/languages';
import { htmlLangFor, i18n } from '../i18n';
import { useKioskStore } from '../store';
import { WarningIcon } from './icons';
import { useMarkReady } from './use-mark-ready';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';

/** Reasons from the main process, plus the UI's own: no bridge, or a rendering error. */
export type UiOutOfOrderReason = OutOfOrderReason | 'bridge-unavailable' | 'ui-error';

/**
 * Shown whenever the kiosk cannot be used. Simple on purpose: it is also what the
 * error boundary renders, so it reads nothing but its props and the language.
 * When the visitor's language is not French, the French lines are repeated for staff.
 */
export function OutOfOrderScreen({ reason, station }: { reason: UiOutOfOrderReason; station: StationInfo | null }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const language = useKioskStore((state) => state.language);
  const setLanguage = useKioskStore((state) => state.setLanguage);
  useMarkReady();
  const french = i18n.getFixedT('fr');
  // Easy-to-read French is French: staff read it too.
  const showFrench = !i18n.language.toLowerCase().startsWith('fr');
  return (
    <main data-screen="out-of-order" data-reason={reason} className="screen screen--centered out-of-order">
      <WarningIcon />
      <h1 className="out-of-order-title">{t('outOfOrder.title')}</h1>
      <p className="out-of-order-body">{t('outOfOrder.body')}</p>
      {showFrench && (
        <p className="out-of-order-french" lang="fr" dir="ltr">
          {french('outOfOrder.title')}. {french('outOfOrder.body')}
        </p>
      )}
      {station !== null && (
        <div className="out-of-order-help">
          <p className="out-of-order-station" dir="auto" lang="fr">
            {station.name}
          </p>
          <p dir="auto" lang={stationLang(station.helpText)}><StationText text={station.helpText} /></p>
        </div>
      )}
      {/* The language stays one tap away here too: the visitor learns, in their language, to ask someone. */}
      <nav className="out-of-order-languages" aria-label={t('languages.title')}>
        {(station?.languages ?? LANGUAGE_CODES).map((code) => (
          <button
            key={code}
            type="button"
            className="button button--language-choice"
            data-language={code}
            aria-pressed={code === language}
            onClick={() => setLanguage(code)}
          >
            <span lang={htmlLangFor(code)} dir={RTL_LANGUAGES.has(code) ? 'rtl' : 'ltr'}>
              {LANGUAGE_NATIVE_NAMES[code]}
            </span>
          </button>
        ))}
      </nav>
    </main>
  );
}
