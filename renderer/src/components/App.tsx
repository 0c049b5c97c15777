import { useTranslation } from 'react-i18next';
import type { KioskView, StationInfo } from '../../../main/core/contract/kiosk-view';
import { useKioskStore } from '../store';
import { HomeScreen } from './HomeScreen';
import { OutOfOrderScreen } from './OutOfOrderScreen';
import { OverlayPanel } from './overlays/OverlayPanel';
import { Toolbar } from './Toolbar';
import { useMarkReady } from './use-mark-ready';
import { useStationText } from './use-station-text';
import { WipingScreen } from './WipingScreen';

/** Shown for the instant between start-up and the first view: a calm, empty page. */
function Starting() {
  return <main data-screen="starting" className="screen" aria-busy="true" />;
}

/** The site screen while a panel is open: the shell hides the site, a neutral background fills its place. */
function SiteCover({ station, tileId, inert }: { station: StationInfo; tileId: string; inert: boolean }) {
  const stationText = useStationText();
  const tile = station.tiles.find((candidate) => candidate.id === tileId);
  return (
    <main data-screen="site" className="screen site-cover" inert={inert}>
      {tile !== undefined && (
        <h1 className="visually-hidden" dir="auto">
          {stationText(tile.label)}
        </h1>
      )}
    </main>
  );
}

function ViewRenderer({ view }: { view: KioskView }) {
  useMarkReady();
  // Re-render every text when the language changes.
  useTranslation();
  const { screen, overlay, station } = view;

  if (screen.name === 'out-of-order') return <OutOfOrderScreen reason={screen.reason} station={station} />;
  if (screen.name === 'wiping') return <WipingScreen />;
  if (station === null) return <OutOfOrderScreen reason="config" station={null} />;

  // Over a site with nothing open, the UI surface is only the toolbar strip.
  if (screen.name === 'site' && overlay.name === 'none') {
    return (
      <div className="layout layout--strip">
        <Toolbar view={view} station={station} compact />
      </div>
    );
  }

  const panelOpen = overlay.name !== 'none';
  return (
    <div className="layout layout--full">
      <Toolbar view={view} station={station} compact={false} />
      {screen.name === 'home' ? (
        <HomeScreen station={station} notice={screen.notice} visitorGeneration={view.visitorGeneration} inert={panelOpen} />
      ) : (
        <SiteCover station={station} tileId={screen.tileId} inert={panelOpen} />
      )}
      <OverlayPanel key={`${overlay.name}:${view.visitorGeneration}`} overlay={overlay} station={station} openedTiles={view.openedTiles} />
    </div>
  );
}

export function App() {
  const bridge = useKioskStore((state) => state.bridge);
  const view = useKioskStore((state) => state.view);
  if (bridge === 'unavailable') return <OutOfOrderScreen reason="bridge-unavailable" station={view?.station ?? null} />;
  if (view === null) return <Starting />;
  return <ViewRenderer view={view} />;
}
