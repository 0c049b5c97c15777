import type { StationConfig, Tile } from '../config/station-config';
import { RTL_LANGUAGES } from '../config/languages';
import type { GuideSide } from '../contract/kiosk-api';
import type { KioskView, StationInfo, TileGuide } from '../contract/kiosk-view';

/**
 * What the kiosk UI shows of the station file: its name, languages and tiles, and the
 * printers the kiosk actually has (the memo's, and whether an A4 printer was set up).
 */
export function stationInfo(config: StationConfig, printer: StationInfo['printer'] = 'none', a4Printer = false): StationInfo {
  return {
    name: config.station.name,
    printer,
    a4Printer,
    helpText: config.station.helpText,
    defaultLanguage: config.languages.default,
    languages: [...config.languages.available],
    tiles: config.tiles.map((tile) => ({
      id: tile.id,
      label: tile.label,
      description: tile.description ?? null,
      host: new URL(tile.entry).hostname,
      hasMemo: tile.memo !== undefined,
      needsConnection: tile.worksOffline !== true,
      guide: guideOf(tile),
    })),
  };
}

/** The guide panel's content, or null when the catalogue gives nothing to guide with. */
export function guideOf(tile: Tile): TileGuide | null {
  const guide: TileGuide = {
    identifier: tile.memo?.identifier ?? null,
    helpline: tile.memo?.helpline ?? null,
    helplineHours: tile.helplineHours ?? null,
    hasForgottenPassword: tile.forgottenPassword !== undefined,
    documents: tile.documents ?? [],
    procedures: (tile.guides ?? []).map((procedure) => ({
      id: procedure.id,
      title: procedure.title,
      steps: procedure.steps.map((step) => ({ text: step.text, detail: step.detail ?? null })),
    })),
  };
  const empty = guide.documents.length === 0 && guide.procedures.length === 0 && !guide.hasForgottenPassword && guide.helpline === null;
  return empty ? null : guide;
}

/** The guide sits on the side where reading starts: the right for Arabic, Dari and Pashto. */
export function defaultGuideSide(config: StationConfig): GuideSide {
  return RTL_LANGUAGES.has(config.languages.default) ? 'right' : 'left';
}

/** The view of a station that cannot start: no station information at all. */
export function outOfOrderView(reason: 'config' | 'shell-failed'): KioskView {
  return {
    screen: { name: 'out-of-order', reason },
    overlay: { name: 'none' },
    station: null,
    visitorGeneration: 0,
    openedTiles: [],
    layout: 'full',
    guideOpen: false,
    keyboard: null,
    connectivity: 'online',
    staff: null,
  };
}
