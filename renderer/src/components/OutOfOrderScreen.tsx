import { useTranslation } from 'react-i18next';
import type { OutOfOrderReason, StationInfo } from '../../../main/core/contract/kiosk-view';
import { i18n } from '../i18n';
import { WarningIcon } from './icons';
import { useMarkReady } from './use-mark-ready';
import { useStationLang, useStationText } from './use-station-text';

/** Reasons from the main process, plus the UI's own: no bridge, or a rendering error. */
export type UiOutOfOrderReason = OutOfOrderReason | 'bridge-unavailable' | 'ui-error';

/**
 * Shown whenever the kiosk cannot be used. Simple on purpose: it is also what the
 * error boundary renders, so it reads nothing but its props and the language.
 * When the visitor's language is not French, the French lines are repeated for staff.
 */
export function OutOfOrderScreen({ reason, station }: { reason: UiOutOfOrderReason; station: StationInfo | null }) {
  const { t } = useTranslation();
  const stationText = useStationText();
  const stationLang = useStationLang();
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
          <p className="out-of-order-station" dir="auto">
            {station.name}
          </p>
          <p dir="auto" lang={stationLang(station.helpText)}>{stationText(station.helpText)}</p>
        </div>
      )}
    </main>
  );
}
