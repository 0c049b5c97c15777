import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../main/core/config/languages';
import { kioskActions } from '../bridge';
import { GuidePanel } from './guide/GuidePanel';
import { OnScreenKeyboard } from './keyboard/OnScreenKeyboard';
import type { KioskView, StationInfo } from '../../../main/core/contract/kiosk-view';
import { useKioskStore } from '../store';
import { HomeScreen } from './HomeScreen';
import { MaintenanceScreen } from './MaintenanceScreen';
import { StaffScreen } from './staff/StaffScreen';
import { useStaffWayIn } from './staff/use-way-in';
import { OutOfOrderScreen } from './OutOfOrderScreen';
import { OverlayPanel } from './overlays/OverlayPanel';
import { guideSideFor, Toolbar } from './Toolbar';
import { useMarkReady } from './use-mark-ready';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';
import { WipingScreen } from './WipingScreen';

/** A visitor who switches to (or from) a right-to-left language gets the guide on the other side. */
function useGuideFollowsLanguage(view: KioskView, language: LanguageCode): void {
  const side = guideSideFor(language);
  const misplaced = (view.layout === 'guide-left' && side === 'right') || (view.layout === 'guide-right' && side === 'left');
  useEffect(() => {
    if (misplaced) kioskActions.setGuidePanel(true, side);
  }, [misplaced, side]);
}

/** Shown for the instant between start-up and the first view: a calm, empty page. */
function Starting() {
  return <main data-screen="starting" className="screen" aria-busy="true" />;
}

/** The site screen while a panel is open: the shell hides the site, a neutral background fills its place. */
function SiteCover({ station, tileId, inert }: { station: StationInfo; tileId: string; inert: boolean }) {
  const stationLang = useStationLang();
  const tile = station.tiles.find((candidate) => candidate.id === tileId);
  return (
    <main data-screen="site" className="screen site-cover" inert={inert}>
      {tile !== undefined && (
        <h1 className="visually-hidden" dir="auto" lang={stationLang(tile.label)}>
          <StationText text={tile.label} />
        </h1>
      )}
    </main>
  );
}

function ViewRenderer({ view }: { view: KioskView }) {
  useMarkReady();
  // Re-render every text when the language changes.
  useTranslation();
  const language = useKioskStore((state) => state.language);
  useGuideFollowsLanguage(view, language);
  const { screen, overlay, station } = view;

  // Staff mode covers everything (the main process hides the site meanwhile).
  if (view.staff !== null) return <StaffScreen staff={view.staff} station={station} />;
  if (screen.name === 'out-of-order') return <OutOfOrderScreen reason={screen.reason} station={station} />;
  if (screen.name === 'wiping') return <WipingScreen />;
  if (station === null) return <OutOfOrderScreen reason="config" station={null} />;
  if (screen.name === 'maintenance') return <MaintenanceScreen station={station} />;

  const tile = screen.name === 'site' ? station.tiles.find((candidate) => candidate.id === screen.tileId) : undefined;
  const guide = tile?.guide ?? null;

  if (screen.name === 'site' && overlay.name === 'none') {
    // The strip above the site, with the on-screen keyboard under it when a field wants one.
    if (view.layout === 'toolbar' || view.layout === 'toolbar-keyboard') {
      return (
        <div className="layout layout--strip">
          <Toolbar view={view} station={station} variant="strip" />
          {view.layout === 'toolbar-keyboard' && view.keyboard !== null && (
            <OnScreenKeyboard mode={view.keyboard} onInput={kioskActions.typeOnSite} onHide={kioskActions.hideKeyboard} />
          )}
        </div>
      );
    }
    // The guide column beside the site.
    if ((view.layout === 'guide-left' || view.layout === 'guide-right') && tile !== undefined && guide !== null) {
      return (
        <div className="layout layout--column" data-layout={view.layout}>
          <Toolbar view={view} station={station} variant="column" />
          <main className="guide-scroll">
            <GuidePanel station={station} tile={tile} guide={guide} side={view.layout === 'guide-left' ? 'left' : 'right'} />
          </main>
        </div>
      );
    }
  }

  const panelOpen = overlay.name !== 'none';
  // On a small screen the guide covers the site instead of standing beside it.
  const guideOver = screen.name === 'site' && view.guideOpen && tile !== undefined && guide !== null;
  return (
    <div className="layout layout--full">
      <Toolbar view={view} station={station} variant="full" />
      {screen.name === 'home' ? (
        <HomeScreen station={station} notice={screen.notice} visitorGeneration={view.visitorGeneration} connectivity={view.connectivity} inert={panelOpen} />
      ) : guideOver ? (
        <main data-screen="site" className="screen guide-scroll guide-scroll--over" inert={panelOpen}>
          <GuidePanel station={station} tile={tile} guide={guide} side={guideSideFor(language)} />
        </main>
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
  // The way into staff mode works on every screen of a station that runs (not on a station without its file).
  useStaffWayIn(bridge === 'connected' && view?.station !== null && view?.station !== undefined);
  if (bridge === 'unavailable') return <OutOfOrderScreen reason="bridge-unavailable" station={view?.station ?? null} />;
  if (view === null) return <Starting />;
  return <ViewRenderer view={view} />;
}
