/**
 * What the kiosk UI shows of staff mode (KioskView.staff), written in the contract's
 * own types so the UI imports nothing else of the main process. Null while nobody is
 * in staff mode. Nothing in it is about a visitor: the health, the anonymous counters
 * and the log's events in plain French.
 */

/** The staff screens reachable from the staff home. */
export const STAFF_SCREENS = ['home', 'health', 'counters', 'errors'] as const;
export type StaffScreenName = (typeof STAFF_SCREENS)[number];

export function isStaffScreen(value: unknown): value is StaffScreenName {
  return typeof value === 'string' && (STAFF_SCREENS as readonly string[]).includes(value);
}

export const COUNTER_EXPORTS = ['usb', 'screen'] as const;
export type CounterExportTarget = (typeof COUNTER_EXPORTS)[number];

export function isCounterExportTarget(value: unknown): value is CounterExportTarget {
  return value === 'usb' || value === 'screen';
}

/** A staff PIN's length (core/staff/pin-policy.ts): here, because the PIN pad and the contract's check need it too. */
export const PIN_MIN_LENGTH = 6;
/** Long enough for any PIN a person remembers; bounded so nobody feeds the slow hash a megabyte. */
export const PIN_MAX_LENGTH = 12;

/** What the PIN pad sends: 6 to 12 digits, nothing else crosses. */
export function isPinEntry(value: unknown): value is string {
  return typeof value === 'string' && value.length >= PIN_MIN_LENGTH && value.length <= PIN_MAX_LENGTH && /^[0-9]+$/.test(value);
}

/**
 * The PIN pad's keys, in the fixed telephone layout (1 2 3 on top, 0 alone at the
 * bottom), not shuffled: staff type the PIN by the shape their finger knows, older
 * staff read a moved digit badly, and a shuffled pad mostly defeats smudge reading,
 * which the lock after five wrong PINs already makes useless. Shoulder-surfing, the
 * real threat at a public kiosk, is met by masking the digits as they are typed.
 */
export const PIN_PAD_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['0'],
];

/** The PIN pad's state: tries left, a lock, or why staff mode cannot open. */
export type StaffPinGate =
  | { kind: 'ready'; triesLeft: number }
  | { kind: 'locked'; secondsLeft: number }
  /** No PIN set for this station: the message says how to set one. */
  | { kind: 'no-pin'; message: string }
  /** The attempts cannot be counted (state folder not writable): refused, fail closed. */
  | { kind: 'unavailable'; message: string };

export interface StaffPinView {
  name: 'pin';
  gate: StaffPinGate;
  /** The PIN is being checked (a few tenths of a second): the keys wait. */
  checking: boolean;
  /** The last PIN typed was wrong. */
  wrong: boolean;
}

/** One line of "health at a glance": fine, or wrong (in red) with what to do. */
export interface StaffHealthLine {
  key: string;
  ok: boolean;
  what: string;
  todo: string | null;
}

export interface StaffCounterDay {
  day: string;
  visitsStarted: number;
  endedByVisitor: number;
  endedByIdle: number;
  endedByCrash: number;
  medianMinutes: number | null;
  totalMinutes: number;
  byService: Record<string, number>;
  memosPrinted: number;
  printerErrors: number;
  wipeFailures: number;
}

export interface StaffCounters {
  /** The station's services, for the table's columns (French labels). */
  services: { id: string; label: string }[];
  /** The last 30 days, oldest first. */
  days: StaffCounterDay[];
}

/** One of the last warnings or errors, in plain French. */
export interface StaffProblem {
  time: string;
  level: 'warn' | 'error';
  what: string;
  todo: string | null;
}

/** What the last staff action did, shown on the staff screen until the next one. */
export type StaffNotice =
  | { kind: 'printed'; what: 'test-page' | 'sample-memo' }
  /** `message`: what went wrong and what to do, in plain French (core/staff/log-sentences.ts). */
  | { kind: 'print-failed'; what: 'test-page' | 'sample-memo'; problem: string; message: string }
  | { kind: 'exported-usb'; file: string }
  /** The CSV, to read on screen (or because no USB key could be written). */
  | { kind: 'exported-screen'; csv: string; noUsbKey: boolean }
  /** The station file was refused: one precise line per problem; the station keeps the previous one. */
  | { kind: 'reload-refused'; problems: string[] }
  /** The station file is valid: the station restarts to apply it. */
  | { kind: 'reload-ok' }
  | { kind: 'maintenance'; on: boolean }
  | { kind: 'exit-refused' }
  /** An action failed: the sentence says what to do. */
  | { kind: 'failed'; what: string };

export interface StaffOpenView {
  name: 'open';
  screen: StaffScreenName;
  /** The station shows "Borne en maintenance" to visitors (kept across restarts). */
  maintenance: boolean;
  /** The station file allows leaving the kiosk (staff.allowExit). */
  canExit: boolean;
  /** A staff action is running (printing, reading the station file…). */
  busy: boolean;
  /** Staff mode closes (with the wipe) after this long without a tap, in minutes (said on the staff home). */
  idleMinutes: number;
  notice: StaffNotice | null;
  /** Filled when the screen needs it (health, counters, errors), else null. */
  health: StaffHealthLine[] | null;
  counters: StaffCounters | null;
  errors: StaffProblem[] | null;
}

export type StaffView = StaffPinView | StaffOpenView;
