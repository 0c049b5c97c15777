import { useTranslation } from 'react-i18next';
import type { StationInfo } from '../../../main/core/contract/kiosk-view';
import { i18n } from '../i18n';
import { WarningIcon } from './icons';
import { useMarkReady } from './use-mark-ready';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';

/** Staff put the station in maintenance: visitors read that it is, and to come back later. */
export function MaintenanceScreen({ station }: { station: StationInfo }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  useMarkReady();
  const french = i18n.getFixedT('fr');
  const showFrench = !i18n.language.toLowerCase().startsWith('fr');
  return (
    <main data-screen="maintenance" className="screen screen--centered out-of-order">
      <WarningIcon />
      <h1 className="out-of-order-title">{t('maintenance.title')}</h1>
      <p className="out-of-order-body">{t('maintenance.body')}</p>
      {showFrench && (
        <p className="out-of-order-french" lang="fr" dir="ltr">
          {french('maintenance.title')}. {french('maintenance.body')}
        </p>
      )}
      <div className="out-of-order-help">
        <p className="out-of-order-station" dir="auto" lang="fr">
          {station.name}
        </p>
        <p dir="auto" lang={stationLang(station.helpText)}>
          <StationText text={station.helpText} />
        </p>
      </div>
    </main>
  );
}
