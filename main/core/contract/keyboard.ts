/**
 * The on-screen keyboard's part of the contract: what the kiosk UI's keyboard
 * sends, and what kind of field the site has focused. Typed text crosses this
 * contract and is handed to the site; it is never logged or kept.
 */

/** The layout to show: letters, an e-mail address (with `@`, `.fr`, `.com`), or digits. */
export type KeyboardMode = 'text' | 'email' | 'numeric';

export const KEYBOARD_KEYS = ['Backspace', 'Enter', 'Tab'] as const;
export type KeyboardKey = (typeof KEYBOARD_KEYS)[number];

export type KeyboardInput = { kind: 'text'; text: string } | { kind: 'key'; key: KeyboardKey };

/** Longest text one key press may type (`.com`, an accented letter): more is not a key press. */
const MAX_KEY_TEXT = 8;

export function isKeyboardInput(value: unknown): value is KeyboardInput {
  if (typeof value !== 'object' || value === null) return false;
  const input = value as Record<string, unknown>;
  const keys = Object.keys(input).sort().join(',');
  if (input.kind === 'text') {
    return keys === 'kind,text' && typeof input.text === 'string' && input.text.length > 0 && input.text.length <= MAX_KEY_TEXT && !/\p{Cc}/u.test(input.text);
  }
  if (input.kind === 'key') return keys === 'key,kind' && (KEYBOARD_KEYS as readonly unknown[]).includes(input.key);
  return false;
}

/**
 * The kind of field that took the focus in the site, from its `type`,
 * `inputmode` and `autocomplete`: digits for numbers and codes, the e-mail
 * layout for addresses, letters otherwise.
 */
export function keyboardModeForField(field: { type?: string | null; inputMode?: string | null; autocomplete?: string | null }): KeyboardMode {
  const type = (field.type ?? '').toLowerCase();
  const inputMode = (field.inputMode ?? '').toLowerCase();
  const autocomplete = (field.autocomplete ?? '').toLowerCase();
  if (type === 'email' || inputMode === 'email' || autocomplete.split(/\s+/).includes('email')) return 'email';
  if (type === 'number' || type === 'tel' || inputMode === 'numeric' || inputMode === 'decimal' || inputMode === 'tel' || autocomplete.includes('one-time-code')) {
    return 'numeric';
  }
  return 'text';
}
