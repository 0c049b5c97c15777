import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { KioskView, StationInfo } from '../../../main/core/contract/kiosk-view';
import { TOOLBAR_HEIGHT_PX } from '../../../main/core/contract/layout';
import { kioskActions } from '../bridge';
import { useKioskStore } from '../store';
import { ExitIcon, HomeIcon } from './icons';
import { LanguageButton, LanguagePanel, LanguageStrip } from './LanguagePicker';
import { useStationText } from './use-station-text';

interface ToolbarProps {
  view: KioskView;
  station: StationInfo;
  /** True when the UI surface is only the toolbar strip above a site. */
  compact: boolean;
}

/**
 * The kiosk's own bar: always the same look, always exactly TOOLBAR_HEIGHT_PX tall,
 * so the visitor can tell it apart from the government site below it.
 */
export function Toolbar({ view, station, compact }: ToolbarProps) {
  const { t } = useTranslation();
  const stationText = useStationText();
  const languagePanelId = useId();
  const pickerOpen = useKioskStore((state) => state.languagePickerOpen);
  const { screen } = view;
  const tile = screen.name === 'site' ? station.tiles.find((candidate) => candidate.id === screen.tileId) : undefined;

  return (
    <>
      <header data-toolbar className="toolbar" style={{ height: TOOLBAR_HEIGHT_PX }}>
        {compact && pickerOpen ? (
          <LanguageStrip id={languagePanelId} languages={station.languages} />
        ) : (
          <>
            <div className="toolbar-info">
              <p className="toolbar-station" dir="auto">
                {station.name}
              </p>
              {tile !== undefined && (
                <>
                  <p className="toolbar-demarche" dir="auto">
                    {stationText(tile.label)}
                  </p>
                  <p className="toolbar-host">
                    <Trans t={t} i18nKey="toolbar.officialSite" values={{ host: tile.host }} components={{ host: <bdi dir="ltr" className="host" /> }} />
                  </p>
                </>
              )}
            </div>
            {screen.name === 'site' && (
              <p role="status" className="toolbar-status">
                {screen.loading ? (
                  <>
                    <span className="spinner spinner--small" aria-hidden="true" />
                    {t('toolbar.loading')}
                  </>
                ) : null}
              </p>
            )}
            <div className="toolbar-actions">
              <LanguageButton panelId={languagePanelId} />
              {screen.name === 'site' && (
                <button type="button" className="button button--toolbar" data-action="home" onClick={kioskActions.goHome}>
                  <HomeIcon />
                  {t('common.home')}
                </button>
              )}
              <button type="button" className="button button--toolbar button--end" data-action="end-session" onClick={kioskActions.requestEndSession}>
                <ExitIcon />
                {t('toolbar.endSession')}
              </button>
            </div>
          </>
        )}
      </header>
      {!compact && pickerOpen && <LanguagePanel id={languagePanelId} languages={station.languages} />}
    </>
  );
}
