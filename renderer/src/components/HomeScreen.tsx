import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeNotice, StationInfo, TileInfo } from '../../../main/core/contract/kiosk-view';
import { kioskActions } from '../bridge';
import { useKioskStore } from '../store';
import { HelpButton, HelpPanel } from './HelpPanel';
import { OfflineIcon, PrinterIcon } from './icons';
import { NoticeBanner } from './NoticeBanner';
import { ServiceIcon } from './service-icons';
import { breakableHost, keepPunctuation } from './typography';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';

function Tile({ tile, offline }: { tile: TileInfo; offline: boolean }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const waiting = offline && tile.needsConnection;
  return (
    <button type="button" className="tile" data-tile={tile.id} data-needs-connection={waiting} onClick={() => kioskActions.openTile(tile.id)}>
      <span className="tile-head">
        <ServiceIcon tileId={tile.id} />
        <span className="tile-label" dir="auto" lang={stationLang(tile.label)}>
          <StationText text={tile.label} />
        </span>
      </span>
      {tile.description !== null && (
        <span className="tile-description" dir="auto" lang={stationLang(tile.description)}>
          <StationText text={tile.description} />
        </span>
      )}
      <span className="tile-host">
        <span className="visually-hidden">{t('home.officialAddress')} </span>
        <bdi dir="ltr">{breakableHost(tile.host)}</bdi>
      </span>
      {waiting && (
        <span className="tile-offline">
          <OfflineIcon />
          <span>{keepPunctuation(t('offline.tileUnavailable'))}</span>
        </span>
      )}
    </button>
  );
}

interface HomeScreenProps {
  station: StationInfo;
  notice: HomeNotice | null;
  visitorGeneration: number;
  connectivity: 'online' | 'offline';
  /** An open panel covers the page: it is then out of reach of taps, Tab and screen readers. */
  inert: boolean;
}

export function HomeScreen({ station, notice, visitorGeneration, connectivity, inert }: HomeScreenProps) {
  const { t } = useTranslation();
  const helpOpen = useKioskStore((state) => state.helpOpen);
  const helpId = useId();
  const tilesHeadingId = useId();
  return (
    <main data-screen="home" className="screen home" inert={inert}>
      <div className="home-intro">
        <div>
          <h1 className="home-title" dir="auto" lang="fr">
            {station.name}
          </h1>
          <p className="home-welcome">{t('home.welcome')}</p>
        </div>
        <div className="home-actions">
        <button type="button" className="button button--secondary button--memo" data-action="memo" onClick={kioskActions.openMemo}>
          <PrinterIcon />
          {t('home.memo')}
        </button>
        <HelpButton panelId={helpId} className="button button--secondary button--help" label={t('home.help')} />
        </div>
      </div>
      {connectivity === 'offline' && station.tiles.some((tile) => tile.needsConnection) && (
        <p className="notice notice--offline" role="status" data-notice="offline">
          <OfflineIcon />
          <span className="notice-text">{keepPunctuation(t('offline.homeNotice'))}</span>
        </p>
      )}
      {notice !== null && <NoticeBanner key={`${visitorGeneration}:${notice}`} notice={notice} />}
      {helpOpen && <HelpPanel id={helpId} helpText={station.helpText} />}
      <h2 id={tilesHeadingId} className="visually-hidden">
        {t('home.tilesHeading')}
      </h2>
      <ul className="tiles" aria-labelledby={tilesHeadingId}>
        {station.tiles.map((tile) => (
          <li key={tile.id}>
            <Tile tile={tile} offline={connectivity === 'offline'} />
          </li>
        ))}
      </ul>
    </main>
  );
}
