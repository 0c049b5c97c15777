import { LANGUAGE_CODES, type LanguageCode } from '../config/languages';
import { STATION_LIMITS } from '../config/station-limits';
import type { MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import { PROMPT_TEXT_MAX_CHARS, type SiteDialogChoice } from '../dialogs/site-dialogs';
import { MAX_COPIES, MIN_COPIES } from '../printing/a4-print';
import { action, type ActionTable } from './action-table';
import { isAttachFileId, isAttachFileIdList, isScanStep, type AttachOutcome, type ScanStep } from './attach';
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

const SITE_DIALOG_CHOICES: readonly SiteDialogChoice[] = ['ok', 'cancel', 'leave', 'stay', 'stop'];

/** A panel id as the dialog desk numbers them: a positive integer. */
function isDialogId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isSiteDialogChoice(value: unknown): value is SiteDialogChoice {
  return typeof value === 'string' && (SITE_DIALOG_CHOICES as readonly string[]).includes(value);
}

/** A prompt's answer: a string of at most PROMPT_TEXT_MAX_CHARS code points (the desk bounds it again). */
function isPromptText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= PROMPT_TEXT_MAX_CHARS * 2 && Array.from(value).length <= PROMPT_TEXT_MAX_CHARS;
}

function isCopies(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_COPIES && value <= MAX_COPIES;
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
  /**
   * The kiosk's file picker (the site asked for a file): a thumbnail of one of the
   * picker's pictures, as a small data: URL, or null. Files are named by the ids the
   * main process issued, never by a path.
   */
  attachThumbnail: action<[fileId: string], string | null>({ caller: 'visitor', args: [isAttachFileId], answers: 'value', outOfOrder: () => Promise.resolve(null) }),
  /** Hands these files of the picker to the site's input, after the checks; the outcome says what was refused. */
  attachFiles: action<[fileIds: string[]], AttachOutcome>({
    caller: 'visitor',
    args: [isAttachFileIdList],
    answers: 'value',
    outOfOrder: () => Promise.resolve({ ok: false, problems: [{ code: 'failed' }] }),
  }),
  /** "Scanner un document": start (first page), again (the last page anew), add a page, finish (make the file), cancel. */
  scanDocument: action<[step: ScanStep]>({ caller: 'visitor', args: [isScanStep], answers: 'nothing', outOfOrder: doNothing }),
  /**
   * The visitor's answer to the site's question on panel `dialogId` (site-dialog overlay); `promptText`
   * only counts for an accepted prompt ('' otherwise), is bounded and never logged.
   */
  answerSiteDialog: action<[dialogId: number, choice: SiteDialogChoice, promptText: string]>({
    caller: 'visitor',
    args: [isDialogId, isSiteDialogChoice, isPromptText],
    answers: 'nothing',
    outOfOrder: doNothing,
  }),
  /**
   * The toolbar's "Imprimer" while the site view shows one of the visit's PDFs, or over any page
   * on a station with an A4 printer: opens the print panel.
   */
  printShownDocument: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** "Enregistrer sur ma clé USB" on the print panel of a station that cannot print (a4-print overlay). */
  saveDocumentToUsb: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: doNothing }),
  /** "Imprimer" on the print panel (a4-print overlay), 1 to 3 copies; "Annuler" is dismissOverlay. */
  printDocument: action<[copies: number]>({ caller: 'visitor', args: [isCopies], answers: 'nothing', outOfOrder: doNothing }),

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
