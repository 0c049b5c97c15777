import { describe, expect, it } from 'vitest';
import { isKeyboardInput } from '../../../main/core/contract/keyboard';
import type { KeyboardMode, KeyboardState } from '../../../renderer/src/components/keyboard/keyboard-layouts';
import {
  FRENCH_ACCENTS,
  FUNCTION_BUTTONS,
  INITIAL_KEYBOARD_STATE,
  KEYBOARD_HEIGHT_PX,
  KEYBOARD_LAYOUTS,
  buttonsOf,
  inputForKey,
  layoutNameFor,
} from '../../../renderer/src/components/keyboard/keyboard-layouts';

/**
 * The on-screen keyboard's key model (renderer/src/components/keyboard/keyboard-layouts.ts):
 * the AZERTY layouts, what each button types, the layer changes, and that every
 * character of a French e-mail address can be reached by pressing keys on screen.
 */

const STATES: KeyboardState[] = (['letters', 'accents', 'symbols'] as const).flatMap((layer) =>
  (['off', 'once', 'locked'] as const).map((shift) => ({ layer, shift })),
);
const MODES: KeyboardMode[] = ['text', 'email', 'numeric'];
const AZERTY_ROWS = ['a z e r t y u i o p', 'q s d f g h j k l m', 'w x c v b n'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

function stateKey(state: KeyboardState): string {
  return `${state.layer}/${state.shift}`;
}

/**
 * Presses buttons one after the other, as the visitor would, and returns the text
 * typed into the field. A button must be on the layout shown at that moment.
 */
function typeButtons(mode: KeyboardMode, buttons: readonly string[]): string {
  let state = INITIAL_KEYBOARD_STATE;
  let text = '';
  for (const button of buttons) {
    const shown = layoutNameFor(mode, state);
    expect(buttonsOf(shown), `"${button}" is not on layout ${shown}`).toContain(button);
    const result = inputForKey(button, state);
    if (result.input?.kind === 'text') text += result.input.text;
    if (result.input?.kind === 'key' && result.input.key === 'Backspace') text = text.slice(0, -1);
    state = result.state;
  }
  return text;
}

/**
 * The buttons to press for `text`: for each next character, a breadth-first search
 * through the layer and shift buttons finds a layout that holds it (the longest
 * key that matches wins, so `.fr` is one press). Throws if a character is unreachable.
 */
function buttonsFor(mode: KeyboardMode, text: string): string[] {
  const sequence: string[] = [];
  let state = INITIAL_KEYBOARD_STATE;
  let rest = text;
  while (rest.length > 0) {
    const seen = new Set([stateKey(state)]);
    const queue: { state: KeyboardState; path: string[] }[] = [{ state, path: [] }];
    let found: { path: string[]; button: string; typed: string; next: KeyboardState } | undefined;
    while (queue.length > 0 && found === undefined) {
      const node = queue.shift()!;
      let best: { button: string; typed: string; next: KeyboardState } | undefined;
      for (const button of buttonsOf(layoutNameFor(mode, node.state))) {
        const result = inputForKey(button, node.state);
        if (result.input?.kind === 'text') {
          if (rest.startsWith(result.input.text) && (best === undefined || result.input.text.length > best.typed.length)) {
            best = { button, typed: result.input.text, next: result.state };
          }
        } else if (result.input === null && !result.hide && !seen.has(stateKey(result.state))) {
          seen.add(stateKey(result.state));
          queue.push({ state: result.state, path: [...node.path, button] });
        }
      }
      if (best !== undefined) found = { path: node.path, ...best };
    }
    if (found === undefined) throw new Error(`"${rest[0]}" cannot be typed in ${mode} mode`);
    sequence.push(...found.path, found.button);
    state = found.next;
    rest = rest.slice(found.typed.length);
  }
  return sequence;
}

describe('on-screen keyboard layouts', () => {
  it('fits the strip height the shells reserve for it', () => {
    expect(KEYBOARD_HEIGHT_PX).toBe(320);
  });

  it.each(['text-letters', 'email-letters'])('%s has the three AZERTY letter rows, in order', (name) => {
    const rows = KEYBOARD_LAYOUTS[name] ?? [];
    AZERTY_ROWS.forEach((letters, index) => {
      expect(rows[index]?.replace(/\{shift\} /, '')).toMatch(new RegExp(`^${letters}( |$)`));
    });
    expect(buttonsOf(name).filter((button) => /^[a-z]$/.test(button)).sort()).toEqual(LETTERS);
  });

  it.each(['text-letters-shift', 'email-letters-shift'])('%s has every capital letter and no small one', (name) => {
    const buttons = buttonsOf(name);
    expect(buttons.filter((button) => /^[A-Z]$/.test(button)).sort()).toEqual(LETTERS.map((letter) => letter.toUpperCase()));
    expect(buttons.some((button) => /^[a-z]$/.test(button))).toBe(false);
  });

  it.each(['text', 'email'] as const)('the %s accents layer has every French accent, in small letters and in capitals', (mode) => {
    const accents = { layer: 'accents', shift: 'off' } as const;
    const lower = buttonsOf(layoutNameFor(mode, accents));
    const upper = buttonsOf(layoutNameFor(mode, { ...accents, shift: 'once' }));
    expect(FRENCH_ACCENTS).toHaveLength(15);
    for (const accent of 'éèêëàâçùûüôîïœæ') {
      expect(lower).toContain(accent);
      expect(upper).toContain(accent.toUpperCase());
    }
    expect(upper).toEqual(expect.arrayContaining(['É', 'À', 'Ç', 'Œ', 'Æ']));
  });

  it('the e-mail layout shows @ . .fr .com on its first layer, and no space bar', () => {
    const buttons = buttonsOf(layoutNameFor('email', INITIAL_KEYBOARD_STATE));
    expect(buttons).toEqual(expect.arrayContaining(['@', '.', '.fr', '.com', '-', '_']));
    expect(buttons).not.toContain('{space}');
    expect(buttonsOf(layoutNameFor('text', INITIAL_KEYBOARD_STATE))).toContain('{space}');
  });

  it('the numeric pad holds exactly the ten digits, erase, validate and hide', () => {
    const pad = buttonsOf('numeric');
    expect([...pad].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '{bksp}', '{enter}', '{hide}']);
    for (const state of STATES) expect(layoutNameFor('numeric', state)).toBe('numeric');
  });

  it('every layout can be hidden and erased, and uses only known function buttons', () => {
    for (const [name, rows] of Object.entries(KEYBOARD_LAYOUTS)) {
      const buttons = rows.flatMap((row) => row.split(' '));
      expect(buttons, name).toEqual(expect.arrayContaining(['{hide}', '{bksp}', '{enter}']));
      expect(buttons.filter((button) => button === ''), `${name} has a double space`).toEqual([]);
      for (const button of buttons.filter((candidate) => candidate.startsWith('{'))) {
        expect(FUNCTION_BUTTONS, `${name}: ${button}`).toContain(button);
      }
    }
  });

  it('names an existing layout for every mode and state', () => {
    for (const mode of MODES) {
      for (const state of STATES) expect(KEYBOARD_LAYOUTS, `${mode} ${stateKey(state)}`).toHaveProperty([layoutNameFor(mode, state)]);
    }
    expect(layoutNameFor('text', { layer: 'letters', shift: 'once' })).not.toBe(layoutNameFor('text', INITIAL_KEYBOARD_STATE));
  });
});

describe('what a key types', () => {
  it('types plain keys and the e-mail pieces as text', () => {
    expect(inputForKey('a', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'text', text: 'a' });
    expect(inputForKey('@', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'text', text: '@' });
    expect(inputForKey('.fr', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'text', text: '.fr' });
    expect(inputForKey('.com', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'text', text: '.com' });
    expect(inputForKey('{space}', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'text', text: ' ' });
  });

  it('sends erase, validate and next field as keys', () => {
    expect(inputForKey('{bksp}', INITIAL_KEYBOARD_STATE)).toEqual({ input: { kind: 'key', key: 'Backspace' }, state: INITIAL_KEYBOARD_STATE, hide: false });
    expect(inputForKey('{enter}', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'key', key: 'Enter' });
    expect(inputForKey('{tab}', INITIAL_KEYBOARD_STATE).input).toEqual({ kind: 'key', key: 'Tab' });
  });

  it('hides on {hide} without typing, and ignores unknown function buttons', () => {
    expect(inputForKey('{hide}', INITIAL_KEYBOARD_STATE)).toEqual({ input: null, state: INITIAL_KEYBOARD_STATE, hide: true });
    expect(inputForKey('{//}', INITIAL_KEYBOARD_STATE)).toEqual({ input: null, state: INITIAL_KEYBOARD_STATE, hide: false });
  });

  it('sends only what the main process accepts', () => {
    for (const [name, rows] of Object.entries(KEYBOARD_LAYOUTS)) {
      for (const button of rows.flatMap((row) => row.split(' '))) {
        for (const state of STATES) {
          const { input } = inputForKey(button, state);
          if (input !== null) expect(isKeyboardInput(input), `${name}: ${button}`).toBe(true);
        }
      }
    }
  });

  it('shift is one-shot: one capital, then small letters again', () => {
    const shifted = inputForKey('{shift}', INITIAL_KEYBOARD_STATE);
    expect(shifted.input).toBeNull();
    expect(shifted.state.shift).toBe('once');
    expect(buttonsOf(layoutNameFor('text', shifted.state))).toContain('A');

    const capital = inputForKey('A', shifted.state);
    expect(capital.input).toEqual({ kind: 'text', text: 'A' });
    expect(capital.state).toEqual(INITIAL_KEYBOARD_STATE);
    expect(typeButtons('text', ['{shift}', 'D', 'u', 'p', 'o', 'n', 't'])).toBe('Dupont');
  });

  it('a second shift press cancels it; erasing keeps it', () => {
    const once = inputForKey('{shift}', INITIAL_KEYBOARD_STATE).state;
    expect(inputForKey('{shift}', once).state.shift).toBe('off');
    expect(inputForKey('{bksp}', once).state.shift).toBe('once');
  });

  it('caps lock stays on until released', () => {
    const locked = inputForKey('{lock}', INITIAL_KEYBOARD_STATE).state;
    const afterLetter = inputForKey('D', locked).state;
    expect(afterLetter.shift).toBe('locked');
    expect(inputForKey('{lock}', afterLetter).state.shift).toBe('off');
  });

  it('the accents layer returns to the letters after one accent, keeping a one-shot shift for it', () => {
    expect(typeButtons('text', ['{shift}', '{accents}', 'É', 'l', 'o', 'd', 'i', 'e'])).toBe('Élodie');
    const accents = inputForKey('{accents}', INITIAL_KEYBOARD_STATE).state;
    expect(accents.layer).toBe('accents');
    expect(inputForKey('è', accents).state.layer).toBe('letters');
    expect(inputForKey('{accents}', accents).state.layer).toBe('letters');
  });

  it('the digits layer stays until ABC is pressed', () => {
    const symbols = inputForKey('{numbers}', INITIAL_KEYBOARD_STATE).state;
    expect(symbols.layer).toBe('symbols');
    expect(inputForKey('7', symbols).state.layer).toBe('symbols');
    expect(inputForKey('{abc}', symbols).state.layer).toBe('letters');
  });
});

describe('typing whole texts from the screen', () => {
  it('types "élodie.müller@exemple.fr" in an e-mail field', () => {
    const address = 'élodie.müller@exemple.fr';
    const buttons = buttonsFor('email', address);
    expect(typeButtons('email', buttons)).toBe(address);
    expect(buttons.slice(0, 3)).toEqual(['{accents}', 'é', 'l']);
    expect(buttons.at(-1)).toBe('.fr');
  });

  it.each(['text', 'email'] as const)('reaches every character of French addresses in %s mode', (mode) => {
    const address = 'Jean-Noël_Œuvré.42@caf-paris.com';
    expect(typeButtons(mode, buttonsFor(mode, address))).toBe(address);
  });

  it('types a sentence with capitals, accents, digits and punctuation in a text field', () => {
    const sentence = "Où habitez-vous ? À Saint-Étienne, 12 rue de l'Église !";
    expect(typeButtons('text', buttonsFor('text', sentence))).toBe(sentence);
  });

  it('types a 13-digit social security number on the numeric pad, and erases', () => {
    expect(typeButtons('numeric', buttonsFor('numeric', '1850775123456'))).toBe('1850775123456');
    expect(typeButtons('numeric', ['1', '8', '{bksp}', '5'])).toBe('15');
    expect(() => buttonsFor('numeric', '12a')).toThrow(/"a" cannot be typed/);
  });
});
