import { describe, expect, it } from 'vitest';
import { isKeyboardInput, keyboardModeForField } from '../../../main/core/contract/keyboard';

describe('the on-screen keyboard contract', () => {
  it('accepts a key press: a short text or one of the named keys', () => {
    expect(isKeyboardInput({ kind: 'text', text: 'é' })).toBe(true);
    expect(isKeyboardInput({ kind: 'text', text: '.com' })).toBe(true);
    expect(isKeyboardInput({ kind: 'key', key: 'Backspace' })).toBe(true);
  });

  it.each([
    null,
    'a',
    { kind: 'text', text: '' },
    { kind: 'text', text: 'a paragraph pasted in' },
    { kind: 'text', text: '\u0007' },
    { kind: 'text', text: 'a', extra: 1 },
    { kind: 'key', key: 'F12' },
    { kind: 'key', key: 'Control+W' },
    { kind: 'paste', text: 'x' },
  ])('refuses %j', (input) => {
    expect(isKeyboardInput(input)).toBe(false);
  });

  it('chooses the layout from the field: e-mail, digits, or letters', () => {
    expect(keyboardModeForField({ type: 'email' })).toBe('email');
    expect(keyboardModeForField({ type: 'text', autocomplete: 'email' })).toBe('email');
    expect(keyboardModeForField({ type: 'tel' })).toBe('numeric');
    expect(keyboardModeForField({ type: 'text', inputMode: 'numeric' })).toBe('numeric');
    expect(keyboardModeForField({ type: 'text', autocomplete: 'one-time-code' })).toBe('numeric');
    expect(keyboardModeForField({ type: 'text', autocomplete: 'username' })).toBe('text');
    expect(keyboardModeForField({ type: 'password' })).toBe('text');
  });
});
