import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { KioskView, StationInfo } from '../../../main/core/contract/kiosk-view';
import { TOOLBAR_HEIGHT_PX } from '../../../main/core/contract/layout';
import { kioskActions } from '../bridge';
import { useKioskStore } from '../store';
import type { LanguageCode } from '../../../main/core/config/languages';
import type { GuideSide } from '../../../main/core/contract/kiosk-api';
import { isRtl } from '../i18n';
import { DisplayButton, DisplayPanel } from './DisplaySettings';
import { BookIcon, ExitIcon, HomeIcon, OfflineIcon, PrinterIcon } from './icons';
import { LanguageButton, LanguagePanel, LanguageStrip } from './LanguagePicker';
import { HostName } from './typography';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';

export type ToolbarVariant = 'strip' | 'full' | 'column';

interface ToolbarProps {
  view: KioskView;
  station: StationInfo;
  /**
   * `strip`: the UI is only the 96 px strip above a site; `full`: the UI covers the
   * screen; `column`: the top of the guide column beside a site.
   */
  variant: ToolbarVariant;
}

/** The guide's side follows the reading direction of the visitor's language. */
export function guideSideFor(language: LanguageCode): GuideSide {
  return isRtl(language) ? 'right' : 'left';
}

/**
 * The kiosk's own bar: always the same look, always exactly TOOLBAR_HEIGHT_PX tall,
 * so the visitor can tell it apart from the government site below it.
 */
export function Toolbar({ view, station, variant }: ToolbarProps) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const languagePanelId = useId();
  const displayPanelId = useId();
  const pickerOpen = useKioskStore((state) => state.languagePickerOpen);
  const displayOpen = useKioskStore((state) => state.displayPanelOpen);
  const language = useKioskStore((state) => state.language);
  const compact = variant === 'strip';
  const { screen } = view;
  const tile = screen.name === 'site' ? station.tiles.find((candidate) => candidate.id === screen.tileId) : undefined;

  return (
    <>
      <header data-toolbar className={`toolbar toolbar--${variant}`} style={variant === 'column' ? undefined : { height: TOOLBAR_HEIGHT_PX }}>
        {compact && pickerOpen ? (
          <LanguageStrip id={languagePanelId} languages={station.languages} />
        ) : (
          <>
            <div className="toolbar-info">
              {/* On a démarche the bar names the démarche and its address; the station's name is on the home. */}
              {tile === undefined && (
                <p className="toolbar-station" dir="auto" lang="fr">
                  {station.name}
                </p>
              )}
              {tile !== undefined && (
                <>
                  <p className="toolbar-demarche" dir="auto" lang={stationLang(tile.label)}>
                    <StationText text={tile.label} />
                  </p>
                  <p className="toolbar-host">
                    <Trans t={t} i18nKey="toolbar.officialSite" values={{ host: tile.host }} components={{ host: <HostName host={tile.host} /> }} />
                  </p>
                </>
              )}
            </div>
            {screen.name === 'site' && (
              <p role="status" className="toolbar-status">
                {view.connectivity === 'offline' && tile?.needsConnection === true ? (
                  <span className="toolbar-offline" data-status="offline">
                    <OfflineIcon />
                    {t('offline.title')}
                  </span>
                ) : screen.loading ? (
                  <>
                    <span className="spinner spinner--small" aria-hidden="true" />
                    {t('toolbar.loading')}
                  </>
                ) : null}
              </p>
            )}
            <div className="toolbar-actions">
              {/* Beside the guide, its own close button does this. */}
              {screen.name === 'site' && tile !== undefined && tile.guide !== null && variant !== 'column' && (
                <button
                  type="button"
                  className="button button--toolbar"
                  data-action="guide"
                  aria-pressed={view.guideOpen}
                  onClick={() => kioskActions.setGuidePanel(!view.guideOpen, guideSideFor(language))}
                >
                  <BookIcon />
                  <span className="button-label">{view.guideOpen ? t('guide.close') : t('guide.open')}</span>
                </button>
              )}
              {/* One of the visit's PDFs on screen, or any page where the station has an A4 printer:
                  the kiosk's print panel, never the browser's. */}
              {screen.name === 'site' && (screen.document === true || view.station?.a4Printer === true) && (
                <button type="button" className="button button--toolbar" data-action="print-shown-document" onClick={kioskActions.printShownDocument}>
                  <PrinterIcon />
                  <span className="button-label">{t('toolbar.print')}</span>
                </button>
              )}
              <LanguageButton panelId={languagePanelId} />
              {/* Over a site the kiosk UI is only this bar, whose size is fixed: nothing to enlarge. */}
              {!compact && <DisplayButton panelId={displayPanelId} />}
              {screen.name === 'site' && (
                <button type="button" className="button button--toolbar" data-action="home" onClick={kioskActions.goHome}>
                  <HomeIcon />
                  <span className="button-label">{t('common.home')}</span>
                </button>
              )}
              <button type="button" className="button button--toolbar button--end" data-action="end-session" onClick={kioskActions.requestEndSession}>
                <ExitIcon />
                <span className="button-label">{t('toolbar.endSession')}</span>
              </button>
            </div>
          </>
        )}
      </header>
      {!compact && pickerOpen && <LanguagePanel id={languagePanelId} languages={station.languages} />}
      {!compact && displayOpen && <DisplayPanel id={displayPanelId} />}
    </>
  );
}
