import { STAFF_CHORD } from '../contract/way-in';
import { BLOCKED_SHORTCUTS } from './blocked-shortcuts';

/**
 * The station's input filter, in the Chromium shell: keys and mouse buttons the
 * X server gives to the kiosk itself (passive grabs on the root window) instead
 * of to whichever browser window has the focus. It closes the browsers' own
 * shortcuts where no page script can (pages and frames where scripts do not run,
 * the PDF viewer, the kiosk UI's browser), and the clicks that open a link
 * elsewhere (middle click, Ctrl/Shift/Alt + click) or the native context menu.
 * Typing, Tab, Enter, Escape and Ctrl+A/C/V/X/Z stay with the page.
 *
 * Plain data: X keysyms and modifier masks (X11 protocol, "KEYSYM encoding").
 */
export const X_MODIFIERS = { shift: 0x1, lock: 0x2, control: 0x4, alt: 0x8, numLock: 0x10, any: 0x8000 } as const;

export interface KeyGrab {
  keysym: number;
  /** A mask of X_MODIFIERS, or X_MODIFIERS.any. */
  modifiers: number;
}

export interface ButtonGrab {
  button: number;
  modifiers: number;
}

const NAMED_KEYSYMS: Record<string, number> = {
  Escape: 0xff1b, tab: 0xff09, Tab: 0xff09, delete: 0xffff, Home: 0xff50, ArrowLeft: 0xff51, ArrowRight: 0xff53,
  pageup: 0xff55, pagedown: 0xff56, ContextMenu: 0xff67, ' ': 0x20, '+': 0x2b, '=': 0x3d, '-': 0x2d, '_': 0x5f,
  BrowserBack: 0x1008ff26, BrowserForward: 0x1008ff27, BrowserRefresh: 0x1008ff29, BrowserHome: 0x1008ff18,
  BrowserSearch: 0x1008ff1b, BrowserFavorites: 0x1008ff30,
  f4: 0xffc1, F4: 0xffc1,
};

/** The X keysym of a key name of the shortcut table ('w', 'F12', 'ArrowLeft'…), or null. */
export function keysymOf(key: string): number | null {
  const named = NAMED_KEYSYMS[key];
  if (named !== undefined) return named;
  const fkey = /^F(\d{1,2})$/.exec(key);
  if (fkey !== null) return 0xffbe + Number(fkey[1]) - 1;
  if (key.length === 1 && /[a-z0-9]/.test(key)) return key.charCodeAt(0);
  return null;
}

function keyGrabs(keys: readonly string[], modifiers: number): KeyGrab[] {
  return keys.flatMap((key) => {
    const keysym = keysymOf(key);
    return keysym === null ? [] : [{ keysym, modifiers }];
  });
}

/** Browser shortcuts that are not in the page-level table: the find bar, the task manager. */
const EXTRA_CTRL = ['f', 'g'];
const EXTRA_CTRL_SHIFT = ['s', 'f', 'g', 'l', 'p', 'u', 'h', 'k', 'e', 'd'];

export const STATION_KEY_GRABS: readonly KeyGrab[] = [
  ...keyGrabs(BLOCKED_SHORTCUTS.alone, X_MODIFIERS.any),
  // Ctrl alone, and with Shift (Ctrl+Alt is AltGr on AZERTY keyboards: never taken).
  ...keyGrabs([...BLOCKED_SHORTCUTS.withCtrl, ...EXTRA_CTRL], X_MODIFIERS.control),
  ...keyGrabs([...BLOCKED_SHORTCUTS.withCtrl, ...BLOCKED_SHORTCUTS.withCtrlShift, ...EXTRA_CTRL, ...EXTRA_CTRL_SHIFT], X_MODIFIERS.control | X_MODIFIERS.shift),
  ...keyGrabs(BLOCKED_SHORTCUTS.withAlt, X_MODIFIERS.alt),
  ...keyGrabs(BLOCKED_SHORTCUTS.withAlt, X_MODIFIERS.alt | X_MODIFIERS.shift),
  // Shift+Esc: Chromium's task manager.
  { keysym: 0xff1b, modifiers: X_MODIFIERS.shift },
  // F-keys and the menu key are taken whatever the modifiers (Shift+F10 is a context menu).
  { keysym: 0xff67, modifiers: X_MODIFIERS.any },
];

export const STATION_BUTTON_GRABS: readonly ButtonGrab[] = [
  // Middle click: "open in a new tab", and pasting the X selection of another visitor.
  { button: 2, modifiers: X_MODIFIERS.any },
  // Right click: the browser's native menu (Save as, Print, Inspect).
  { button: 3, modifiers: X_MODIFIERS.any },
  // Ctrl, Shift or Alt + click: a link opened in a new tab or window, or saved.
  ...[X_MODIFIERS.control, X_MODIFIERS.shift, X_MODIFIERS.alt, X_MODIFIERS.control | X_MODIFIERS.shift].map((modifiers) => ({ button: 1, modifiers })),
];

/**
 * The staff chord's key (Ctrl+Shift+F9, contract/way-in.ts), also taken at the root, but
 * handed to the way in (core/staff/x-staff-chord.ts) instead of dropped: heard whatever
 * window has the focus, and never reaching a site. Only Ctrl+Shift exactly (and the lock
 * variants): F9 alone, or with Alt (AltGr), stays the page's.
 */
export const STAFF_CHORD_GRAB: KeyGrab = {
  keysym: keysymOf(STAFF_CHORD.code) ?? 0xffc6,
  modifiers: (STAFF_CHORD.ctrl ? X_MODIFIERS.control : 0) | (STAFF_CHORD.shift ? X_MODIFIERS.shift : 0),
};

/**
 * Ctrl+P, grabbed with the browser's other shortcuts (STATION_KEY_GRABS: its print dialog
 * never opens), is also heard as the visitor's print request (blocked-shortcuts.ts,
 * isPrintRequestKey): the kiosk's print panel.
 */
export const PRINT_REQUEST_KEY: KeyGrab = { keysym: keysymOf('p') ?? 0x70, modifiers: X_MODIFIERS.control };

/** A grabbed key press's modifier state is Ctrl+P's: Control alone, Caps Lock and Num Lock aside (Shift, Alt, AltGr, Super make other keys). */
export function isPrintRequestState(state: number): boolean {
  const locks = X_MODIFIERS.lock | X_MODIFIERS.numLock;
  // The low byte holds the eight modifiers; the bits above it are mouse buttons held.
  return (state & 0xff & ~locks) === PRINT_REQUEST_KEY.modifiers;
}

/**
 * A grab matches the exact modifier state: each is also made with Caps Lock and
 * Num Lock on, so a visitor who left either on cannot get through.
 */
export function withLockVariants(modifiers: number): number[] {
  if (modifiers === X_MODIFIERS.any) return [modifiers];
  return [0, X_MODIFIERS.lock, X_MODIFIERS.numLock, X_MODIFIERS.lock | X_MODIFIERS.numLock].map((lock) => modifiers | lock);
}
