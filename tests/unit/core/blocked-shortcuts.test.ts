import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, type ShortcutInput } from '../../../main/core/lockdown/blocked-shortcuts';

const press = (combo: string): ShortcutInput => {
  const parts = combo.split('+');
  const key = parts.at(-1) === '' ? '+' : (parts.at(-1) ?? '');
  return {
    key,
    code: key.length === 1 && /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : key,
    control: parts.includes('Ctrl'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
    meta: parts.includes('Meta'),
  };
};

describe('blocked shortcuts', () => {
  it.each([
    'Alt+F4', 'Ctrl+w', 'Ctrl+W', 'Ctrl+q', 'Ctrl+n', 'Ctrl+t', 'Ctrl+l', 'Ctrl+o', 'Ctrl+s', 'Ctrl+p', 'Ctrl+r', 'Ctrl+h', 'Ctrl+j', 'Ctrl+u',
    'Ctrl+Shift+I', 'Ctrl+Shift+J', 'Ctrl+Shift+C', 'Ctrl+Shift+N', 'Ctrl+Shift+T', 'Ctrl+Shift+W', 'Ctrl+Shift+Delete',
    'F12', 'F11', 'F5', 'F1', 'F10', 'Alt+ArrowLeft', 'Alt+ArrowRight', 'Alt+Home', 'Alt+f', 'Ctrl+-', 'Ctrl+=', 'Ctrl+0', 'Meta+w', 'Ctrl+Tab', 'ContextMenu',
  ])('%s is blocked', (combo) => {
    expect(isBlockedShortcut(press(combo))).toBe(true);
  });

  it('blocks Ctrl + the zoom keys by their position, whatever the layout', () => {
    expect(isBlockedShortcut({ key: '+', code: 'NumpadAdd', control: true, shift: false, alt: false, meta: false })).toBe(true);
    expect(isBlockedShortcut({ key: 'à', code: 'Digit0', control: true, shift: false, alt: false, meta: false })).toBe(true); // AZERTY 0
  });

  it.each(['Ctrl+a', 'Ctrl+c', 'Ctrl+v', 'Ctrl+x', 'Ctrl+z', 'Tab', 'Escape', 'Enter', 'a', 'Shift+A', 'Alt+Gr', 'ArrowLeft', 'Backspace', '@'])('%s still works', (combo) => {
    expect(isBlockedShortcut(press(combo))).toBe(false);
  });

  it('AltGr (Ctrl+Alt on Linux) still types characters such as @ and €', () => {
    expect(isBlockedShortcut({ key: '@', code: 'Digit0', control: true, shift: false, alt: true, meta: false })).toBe(false);
    expect(isBlockedShortcut({ key: '€', code: 'KeyE', control: true, shift: false, alt: true, meta: false })).toBe(false);
  });
});
