import type { KioskAction, KioskApi } from '../contract/kiosk-api';
import type { KioskView } from '../contract/kiosk-view';
import { LANGUAGE_CODES, type LanguageCode } from '../config/languages';
import { isKeyboardInput } from '../contract/keyboard';
import { STATION_LIMITS } from '../config/station-config';
import { isTextSize } from '../contract/text-size';

const MAX_TILES = STATION_LIMITS.tiles;

/** What serves the UI's actions: the KioskController, or a station that refuses them. */
export type KioskActions = Omit<KioskApi, 'onViewChanged'>;

/** Tile ids as station files allow them (config/station-config.ts), bounded in length. */
const TILE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** An action called with arguments it does not take. */
export class ActionArgumentsError extends Error {
  constructor(action: KioskAction) {
    super(`${action}: wrong arguments`);
    this.name = 'ActionArgumentsError';
  }
}

/**
 * Calls a kiosk action coming from the UI, after checking its arguments: the
 * UI is trusted code, but what crosses a process boundary is checked anyway.
 * Both shells use this one function, so they accept exactly the same calls.
 */
export function dispatchKioskAction(target: KioskActions, action: KioskAction, args: readonly unknown[]): Promise<unknown> {
  switch (action) {
    case 'openTile': {
      const [tileId] = args;
      if (args.length !== 1 || typeof tileId !== 'string' || !TILE_ID.test(tileId)) {
        return Promise.reject(new ActionArgumentsError(action));
      }
      return target.openTile(tileId);
    }
    case 'previewMemo':
    case 'printMemo': {
      const [tileIds, language] = args;
      if (args.length !== 2 || !isTileIdList(tileIds) || !isLanguage(language)) return Promise.reject(new ActionArgumentsError(action));
      // The memo desk checks the ids against the station's tiles; its refusal may be thrown at once: it is still a rejection.
      return Promise.resolve().then((): Promise<unknown> => (action === 'previewMemo' ? target.previewMemo(tileIds, language) : target.printMemo(tileIds, language)));
    }
    case 'setGuidePanel': {
      const [open, side] = args;
      if (args.length !== 2 || typeof open !== 'boolean' || (side !== 'left' && side !== 'right')) return Promise.reject(new ActionArgumentsError(action));
      return target.setGuidePanel(open, side);
    }
    case 'typeOnSite': {
      const [input] = args;
      if (args.length !== 1 || !isKeyboardInput(input)) return Promise.reject(new ActionArgumentsError(action));
      return target.typeOnSite(input);
    }
    case 'setTextSize': {
      const [size] = args;
      if (args.length !== 1 || !isTextSize(size)) return Promise.reject(new ActionArgumentsError(action));
      return target.setTextSize(size);
    }
    default:
      if (args.length !== 0) return Promise.reject(new ActionArgumentsError(action));
      return target[action]();
  }
}

/** At most a station's tile count (STATION_LIMITS.tiles), each id once: the memo desk then checks they are its tiles. */
function isTileIdList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_TILES &&
    value.every((id) => typeof id === 'string' && TILE_ID.test(id)) &&
    new Set(value).size === value.length
  );
}

function isLanguage(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

/**
 * A station that cannot serve visitors (invalid station file, shell failure):
 * the UI may read the out-of-order view; every other action does nothing.
 * (Nothing to reject: the UI's periodic activity reports would only fill the log.)
 */
export function refuseAllActions(view: KioskView): KioskActions {
  const ignore = (): Promise<void> => Promise.resolve();
  return {
    getView: () => Promise.resolve(view),
    openTile: ignore,
    goHome: ignore,
    requestEndSession: ignore,
    confirmEndSession: ignore,
    dismissOverlay: ignore,
    stillHere: ignore,
    retrySite: ignore,
    reportActivity: ignore,
    openMemo: ignore,
    previewMemo: () => Promise.reject(new Error('refused')),
    printMemo: () => Promise.resolve({ ok: false, problem: 'not-configured' }),
    setGuidePanel: ignore,
    openForgottenPassword: ignore,
    typeOnSite: ignore,
    hideKeyboard: ignore,
    setTextSize: ignore,
  };
}
