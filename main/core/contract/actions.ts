import { LANGUAGE_CODES, type LanguageCode } from '../config/languages';
import { STATION_LIMITS } from '../config/station-limits';
import type { MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import { action, type ActionTable } from './action-table';
import { isKeyboardInput, type KeyboardInput } from './keyboard';
import type { KioskView } from './kiosk-view';
import { isCounterExportTarget, isPinEntry, isStaffScreen, type CounterExportTarget, type StaffScreenName } from './staff-view';
import { isTextSize, type TextSize } from './text-size';

/**
 * Every action between the kiosk UI and the main process, once. Adding one is
 * this entry plus its handler: the KioskController must then implement it
 * (KioskActions is derived from this table), and the Electron preload, the
 * Chromium bridge, the dispatcher and the out-of-order station follow.
 * A staff action says `caller: 'staff'`: the dispatcher serves it only to a
 * staff session holding the staff capability (session/staff-capability.ts).
 *
 * Pure and free of Node and schema libraries: the sandboxed preload and the
 * kiosk UI bundle it.
 */

export type GuideSide = 'left' | 'right';

/** Tile ids as station files allow them (config/station-config.ts), bounded in length. */
const TILE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function isTileId(value: unknown): value is string {
  return typeof value === 'string' && TILE_ID.test(value);
}

/** At most a station's tile count (STATION_LIMITS.tiles), each id once: the memo desk then checks they are its tiles. */
function isTileIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= STATION_LIMITS.tiles && value.every(isTileId) && new Set(value).size === value.length;
}

function isLanguage(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isGuideSide(value: unknown): value is GuideSide {
  return value === 'left' || value === 'right';
}

/** What an out-of-order station does with an action that changes something: nothing (its activity reports would only fill the log). */
const doNothing = (): Promise<void> => Promise.resolve();

export const KIOSK_ACTION_TABLE = {
  /** The current view (the out-of-order station answers its own). */
  getView: action<[], KioskView>({ caller: 'visitor', args: [], answers: 'value', outOfOrder: (view) => Promise.resolve(view) }),
  openTile: action<[tileId: string]>({ caller: 'visitor', args: [isTileId], answers: 'nothing', outOfOrder: doNothing }),
  goHome: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  requestEndSession: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  confirmEndSession: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** Closes the open panel (end-session confirmation, refused address, unreachable site). */
  dismissOverlay: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** "Je suis encore là": the idle warning is dismissed and the timer starts again. */
  stillHere: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  retrySite: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** Any tap, key or pointer move in the kiosk UI (the UI throttles it). */
  reportActivity: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** Opens the "Imprimer mon mémo" panel. */
  openMemo: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** The memo for these services in this language, exactly as it would print (an out-of-order station refuses). */
  previewMemo: action<[tileIds: string[], language: LanguageCode], MemoPreview>({
    caller: 'visitor',
    args: [isTileIdList, isLanguage],
    answers: 'value',
    outOfOrder: () => Promise.reject(new Error('refused')),
  }),
  /** Prints it (one job at a time); the outcome says what went wrong, in words the UI translates. */
  printMemo: action<[tileIds: string[], language: LanguageCode], MemoPrintOutcome>({
    caller: 'visitor',
    args: [isTileIdList, isLanguage],
    answers: 'value',
    outOfOrder: () => Promise.resolve({ ok: false, problem: 'not-configured' }),
  }),
  /**
   * Opens or closes the guide panel; `side` follows the visitor's reading direction
   * (right for Arabic, Dari and Pashto). On a small screen the guide covers the site.
   */
  setGuidePanel: action<[open: boolean, side: GuideSide]>({ caller: 'visitor', args: [isBoolean, isGuideSide], answers: 'nothing', outOfOrder: doNothing }),
  /** "J'ai perdu mon mot de passe": the site's own page opens in the site view. */
  openForgottenPassword: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** A key of the on-screen keyboard, typed into the site's focused field (never logged). */
  typeOnSite: action<[input: KeyboardInput]>({ caller: 'visitor', args: [isKeyboardInput], answers: 'nothing', outOfOrder: doNothing }),
  /** The on-screen keyboard's "hide" key. */
  hideKeyboard: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** The visitor chose a text size: the official site gets it as its page zoom. */
  setTextSize: action<[size: TextSize]>({ caller: 'visitor', args: [isTextSize], answers: 'nothing', outOfOrder: doNothing }),

  // ---- staff mode (core/staff/staff-mode.ts) -------------------------------------------
  /** The UI saw the way in (long press in a corner then another corner, or Ctrl+Shift+F9 twice): the PIN pad opens. */
  staffWayIn: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** The PIN pad's "OK": 6 to 12 digits; the view then says granted, wrong (tries left) or locked. Never logged. */
  staffPinSubmit: action<[pin: string]>({ caller: 'visitor', args: [isPinEntry], answers: 'nothing', outOfOrder: doNothing }),
  /** The PIN pad's "Annuler": back to what was on screen. */
  staffCancelPin: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** The actions below need the staff capability, granted by the right PIN and revoked when staff mode ends. */
  staffOpen: action<[screen: StaffScreenName]>({ caller: 'staff', args: [isStaffScreen], answers: 'nothing', outOfOrder: doNothing }),
  /** "Borne en maintenance" for visitors, on or off; kept in the state folder across restarts. */
  staffSetMaintenance: action<[on: boolean]>({ caller: 'staff', args: [isBoolean], answers: 'nothing', outOfOrder: doNothing }),
  /** Ends the visitor's session with the full wipe; staff mode ends and the home screen comes back. */
  staffEndVisitorSession: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
  staffPrintTestPage: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
  staffPrintSampleMemo: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** Reads the station file again: refused with its precise problems (the station keeps the one it has), or applied by a restart. */
  staffReloadStation: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** The last 30 days' counters as CSV: onto a USB key, or on screen. */
  staffExportCounters: action<[to: CounterExportTarget]>({ caller: 'staff', args: [isCounterExportTarget], answers: 'nothing', outOfOrder: doNothing }),
  staffRestart: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** Leaves the kiosk software, only where the station file allows it (staff.allowExit). */
  staffExit: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** Leaves staff mode: the same full wipe as after a visitor, so the next visitor finds nothing of it. */
  staffLeave: action<[]>({ caller: 'staff', args: [], answers: 'nothing', outOfOrder: doNothing }),
} satisfies ActionTable;
