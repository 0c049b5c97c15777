/**
 * The on-screen keyboard's key model: the layouts simple-keyboard draws, and what
 * each button types. Pure data and pure functions (no DOM, no React), so the whole
 * behaviour is unit-tested without a browser.
 *
 * A layout row is a space-separated list of simple-keyboard button names: a plain
 * button types its own name (`a`, `É`, `.fr`); `{…}` buttons are functions.
 */
import type { KeyboardInput, KeyboardMode } from '../../../../main/core/contract/keyboard';

export type { KeyboardInput, KeyboardMode } from '../../../../main/core/contract/keyboard';
export { KEYBOARD_HEIGHT_PX } from '../../../../main/core/contract/layout';

/** Letters, accented letters, or digits and symbols. */
export type KeyboardLayer = 'letters' | 'accents' | 'symbols';

/** `once` is the phone-like one-shot shift; `locked` stays until released. */
export type ShiftState = 'off' | 'once' | 'locked';

export interface KeyboardState {
  readonly layer: KeyboardLayer;
  readonly shift: ShiftState;
}

export const INITIAL_KEYBOARD_STATE: KeyboardState = { layer: 'letters', shift: 'off' };

/** The function buttons, by their simple-keyboard names. */
export const FUNCTION_BUTTONS = ['{bksp}', '{enter}', '{tab}', '{space}', '{shift}', '{lock}', '{numbers}', '{abc}', '{accents}', '{hide}'] as const;
export type FunctionButton = (typeof FUNCTION_BUTTONS)[number];

/** Every accented letter French needs, lower case; the shift layer has their capitals. */
export const FRENCH_ACCENTS = ['é', 'è', 'ê', 'ë', 'à', 'â', 'ç', 'ù', 'û', 'ü', 'ô', 'î', 'ï', 'œ', 'æ'] as const;

const LETTER_ROWS = ['a z e r t y u i o p {bksp}', 'q s d f g h j k l m {enter}'];
const ACCENT_ROWS = ['é è ê ë à {bksp}', 'â ç ù û ü {enter}', '{shift} ô î ï œ æ'];
const SYMBOL_ROWS = ['1 2 3 4 5 6 7 8 9 0 {bksp}', '@ # & € $ % + = / * {enter}', "? ! : ; , . ' \" ( ) - _"];

// Each mode keeps its bottom row on every layer, so the layer switch stays under the same finger.
const TEXT_BOTTOM = (toggle: '{accents}' | '{abc}') => `{numbers} ${toggle} @ {space} . {tab} {hide}`;
// E-mail: `@ . .fr .com` in the bottom row, big; an address has no space.
const EMAIL_BOTTOM = (toggle: '{accents}' | '{abc}') => `{numbers} ${toggle} @ . .fr .com {tab} {hide}`;

const BASE_LAYOUTS = {
  'text-letters': [...LETTER_ROWS, "{shift} w x c v b n , ' -", TEXT_BOTTOM('{accents}')],
  'text-accents': [...ACCENT_ROWS, TEXT_BOTTOM('{abc}')],
  'text-symbols': [...SYMBOL_ROWS, '{abc} {space} {tab} {hide}'],
  'email-letters': [...LETTER_ROWS, '{shift} w x c v b n - _', EMAIL_BOTTOM('{accents}')],
  'email-accents': [...ACCENT_ROWS, EMAIL_BOTTOM('{abc}')],
  'email-symbols': [...SYMBOL_ROWS, '{abc} @ . .fr .com {tab} {hide}'],
  // A phone-style pad (1 2 3 at the top) for identifiers: social security, tax and CAF numbers.
  numeric: ['1 2 3 {hide}', '4 5 6 {bksp}', '7 8 9 {enter}', '0'],
} as const satisfies Record<string, readonly string[]>;

/** Upper-cases single letters only: `.fr` and `{shift}` keep their names. */
function shiftRow(row: string): string {
  return row
    .split(' ')
    .map((button) => ([...button].length === 1 ? button.toLocaleUpperCase('fr') : button))
    .join(' ');
}

function withShiftLayers(layouts: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  const all: Record<string, readonly string[]> = { ...layouts };
  for (const [name, rows] of Object.entries(layouts)) {
    if (name.endsWith('-letters') || name.endsWith('-accents')) all[`${name}-shift`] = rows.map(shiftRow);
  }
  return all;
}

/** Every layout, by the name `layoutNameFor` gives; handed as is to simple-keyboard's `layout`. */
export const KEYBOARD_LAYOUTS: Readonly<Record<string, readonly string[]>> = withShiftLayers(BASE_LAYOUTS);

/** The simple-keyboard layout to show for a field kind and the keyboard's state. */
export function layoutNameFor(mode: KeyboardMode, state: KeyboardState): string {
  if (mode === 'numeric') return 'numeric';
  const shifted = state.shift !== 'off' && state.layer !== 'symbols';
  return `${mode}-${state.layer}${shifted ? '-shift' : ''}`;
}

/** The buttons of a layout, row after row. */
export function buttonsOf(layoutName: string): string[] {
  return (KEYBOARD_LAYOUTS[layoutName] ?? []).flatMap((row) => row.split(' '));
}

export interface KeyResult {
  /** What to type into the site's field; null for a button that only changes the keyboard. */
  readonly input: KeyboardInput | null;
  readonly state: KeyboardState;
  /** The visitor asked to hide the keyboard. */
  readonly hide: boolean;
}

function isFunctionButton(button: string): boolean {
  return button.length > 2 && button.startsWith('{') && button.endsWith('}');
}

/**
 * What a button press types, and the keyboard's next state. A typed character
 * releases a one-shot shift (like on a phone) and leaves the accents layer, so
 * "Élodie" is: shift, accents, É, l, o, d, i, e.
 */
export function inputForKey(button: string, state: KeyboardState): KeyResult {
  const keep = (input: KeyboardInput | null): KeyResult => ({ input, state, hide: false });
  const switchTo = (next: KeyboardState): KeyResult => ({ input: null, state: next, hide: false });
  switch (button) {
    case '{bksp}':
      return keep({ kind: 'key', key: 'Backspace' });
    case '{enter}':
      return keep({ kind: 'key', key: 'Enter' });
    case '{tab}':
      return keep({ kind: 'key', key: 'Tab' });
    case '{space}':
      return typeText(' ', state);
    case '{shift}':
      return switchTo({ ...state, shift: state.shift === 'off' ? 'once' : 'off' });
    case '{lock}':
      return switchTo({ ...state, shift: state.shift === 'locked' ? 'off' : 'locked' });
    case '{numbers}':
      // Digits have no case: a pending one-shot shift would surprise on the way back.
      return switchTo({ layer: 'symbols', shift: state.shift === 'locked' ? 'locked' : 'off' });
    case '{abc}':
      return switchTo({ ...state, layer: 'letters' });
    case '{accents}':
      return switchTo({ ...state, layer: state.layer === 'accents' ? 'letters' : 'accents' });
    case '{hide}':
      return { input: null, state, hide: true };
  }
  // Unknown functions (simple-keyboard's `{//}` spacer…) type nothing.
  if (isFunctionButton(button) || button.length === 0) return keep(null);
  return typeText(button, state);
}

function typeText(text: string, state: KeyboardState): KeyResult {
  return {
    input: { kind: 'text', text },
    state: {
      layer: state.layer === 'accents' ? 'letters' : state.layer,
      shift: state.shift === 'once' ? 'off' : state.shift,
    },
    hide: false,
  };
}
