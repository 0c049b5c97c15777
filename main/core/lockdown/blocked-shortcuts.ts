/**
 * Keyboard shortcuts a visitor must not use on the kiosk: closing or leaving
 * the window, opening new windows, developer tools, saving, printing, reloading,
 * history, zoom. Everyday editing keys (Ctrl+A/C/V/X/Z, Tab, Escape) stay.
 *
 * `isBlockedShortcut` is written to be self-contained (it reads only its
 * arguments), because the Chromium shell serialises it into every page,
 * while the Electron shell calls it from `before-input-event`.
 */
export interface ShortcutInput {
  key: string;
  code: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

export interface ShortcutTable {
  /** Keys blocked on their own (function keys, browser keys). */
  alone: readonly string[];
  /** Ctrl (or Cmd) + key, lower case. */
  withCtrl: readonly string[];
  /** Ctrl (or Cmd) + Shift + key, lower case. */
  withCtrlShift: readonly string[];
  /** Alt + key. */
  withAlt: readonly string[];
  /** Ctrl (or Cmd) + these physical keys: zoom, whatever the keyboard layout. */
  zoomCodes: readonly string[];
}

export const BLOCKED_SHORTCUTS: ShortcutTable = {
  alone: ['F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'ContextMenu'],
  withCtrl: ['w', 'q', 'n', 't', 'l', 'o', 's', 'p', 'r', 'h', 'j', 'u', 'd', 'e', 'k', 'm', 'f4', 'tab', 'pageup', 'pagedown', '+', '=', '-', '_', '0'],
  withCtrlShift: ['i', 'j', 'c', 'n', 't', 'w', 'q', 'delete', 'b', 'm', 'o', 'a', 'r', 'tab'],
  withAlt: ['F4', 'ArrowLeft', 'ArrowRight', 'Home', 'f', 'e', 'd', ' '],
  zoomCodes: ['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0'],
};

/**
 * Ctrl+P (Cmd+P), the visitor's habit for "print". It stays blocked for the browser
 * (its own print dialog never opens), and the kiosk hears it as the visitor's print
 * request: the kiosk's print panel, as a page's print() or the toolbar's "Imprimer".
 * Ctrl+Shift+P and AltGr+P are other keys.
 */
export function isPrintRequestKey(input: ShortcutInput): boolean {
  return (input.control || input.meta) && !input.shift && !input.alt && input.key.toLowerCase() === 'p';
}

export function isBlockedShortcut(input: ShortcutInput, table: ShortcutTable = BLOCKED_SHORTCUTS): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const lower = key.toLowerCase();
  const ctrl = input.control || input.meta;
  if (table.alone.includes(input.key)) return true;
  if (input.alt && !ctrl && (table.withAlt.includes(input.key) || table.withAlt.includes(key))) return true;
  // Ctrl+Alt is AltGr on Windows AZERTY keyboards: it types @, €, # and must stay free.
  if (!ctrl || input.alt) return false;
  if (input.shift && table.withCtrlShift.includes(lower)) return true;
  return table.withCtrl.includes(lower) || table.zoomCodes.includes(input.code);
}
