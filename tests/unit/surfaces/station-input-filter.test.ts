import { describe, expect, it } from 'vitest';
import { PRINT_REQUEST_KEY, STAFF_CHORD_GRAB, STATION_BUTTON_GRABS, STATION_KEY_GRABS, X_MODIFIERS, isPrintRequestState, keysymOf, withLockVariants } from '../../../main/core/lockdown/station-input-filter';
import { isPrintRequestKey } from '../../../main/core/lockdown/blocked-shortcuts';

const has = (keysym: number, modifiers: number) => STATION_KEY_GRABS.some((grab) => grab.keysym === keysym && grab.modifiers === modifiers);
const ESCAPE = 0xff1b;

describe('the station\'s input filter', () => {
  it('maps the shortcut table\'s names to X keysyms', () => {
    expect(keysymOf('F12')).toBe(0xffc9);
    expect(keysymOf('F1')).toBe(0xffbe);
    expect(keysymOf('p')).toBe(0x70);
    expect(keysymOf('ArrowLeft')).toBe(0xff51);
    expect(keysymOf('BrowserBack')).toBe(0x1008ff26);
    expect(keysymOf('Unidentified')).toBeNull();
  });

  it('takes the browsers\' own shortcuts: task manager, developer tools, print, history, menus', () => {
    expect(has(ESCAPE, X_MODIFIERS.shift)).toBe(true);
    expect(has(0xffc9, X_MODIFIERS.any)).toBe(true); // F12
    expect(has(0x70, X_MODIFIERS.control)).toBe(true); // Ctrl+P
    expect(has(0x68, X_MODIFIERS.control)).toBe(true); // Ctrl+H
    expect(has(0x69, X_MODIFIERS.control | X_MODIFIERS.shift)).toBe(true); // Ctrl+Shift+I
    expect(has(0x66, X_MODIFIERS.alt)).toBe(true); // Alt+F
    expect(has(0xff67, X_MODIFIERS.any)).toBe(true); // Menu key
  });

  it('leaves typing and editing to the page: Escape, Tab, Ctrl+A/C/V/X/Z, AltGr (Ctrl+Alt)', () => {
    expect(STATION_KEY_GRABS.some((grab) => grab.keysym === ESCAPE && (grab.modifiers === 0 || grab.modifiers === X_MODIFIERS.any))).toBe(false);
    for (const key of 'acvxz') expect(has(key.charCodeAt(0), X_MODIFIERS.control), `Ctrl+${key}`).toBe(false);
    expect(STATION_KEY_GRABS.some((grab) => grab.modifiers !== X_MODIFIERS.any && (grab.modifiers & X_MODIFIERS.control) !== 0 && (grab.modifiers & X_MODIFIERS.alt) !== 0)).toBe(false);
    expect(STATION_KEY_GRABS.every((grab) => grab.modifiers !== 0)).toBe(true);
  });

  it('takes middle, right and modifier clicks, never a plain click', () => {
    expect(STATION_BUTTON_GRABS).toContainEqual({ button: 2, modifiers: X_MODIFIERS.any });
    expect(STATION_BUTTON_GRABS).toContainEqual({ button: 3, modifiers: X_MODIFIERS.any });
    expect(STATION_BUTTON_GRABS).toContainEqual({ button: 1, modifiers: X_MODIFIERS.control });
    expect(STATION_BUTTON_GRABS.some((grab) => grab.button === 1 && (grab.modifiers === 0 || grab.modifiers === X_MODIFIERS.any))).toBe(false);
  });

  it('grabs each combination with Caps Lock and Num Lock on too', () => {
    expect(withLockVariants(X_MODIFIERS.control)).toEqual([0x4, 0x6, 0x14, 0x16]);
    expect(withLockVariants(X_MODIFIERS.any)).toEqual([X_MODIFIERS.any]);
  });

  it('takes the staff chord\'s key, Ctrl+Shift+F9 exactly, to hand it to the way in; F9 is in no dropped grab', () => {
    expect(STAFF_CHORD_GRAB).toEqual({ keysym: 0xffc6, modifiers: X_MODIFIERS.control | X_MODIFIERS.shift });
    expect(withLockVariants(STAFF_CHORD_GRAB.modifiers)).toEqual([0x5, 0x7, 0x15, 0x17]);
    // A dropped grab on F9 (alone or with any modifier) would swallow the chord or fight its grab.
    expect(STATION_KEY_GRABS.filter((grab) => grab.keysym === STAFF_CHORD_GRAB.keysym)).toEqual([]);
  });

  it("hears Ctrl+P, a grabbed (dropped) key, as the visitor's print request: Control alone, whatever Caps Lock and Num Lock", () => {
    expect(PRINT_REQUEST_KEY).toEqual({ keysym: 0x70, modifiers: X_MODIFIERS.control });
    // The browser never gets it: it is one of the grabs (each made with the lock variants too).
    expect(has(PRINT_REQUEST_KEY.keysym, PRINT_REQUEST_KEY.modifiers)).toBe(true);
    expect(isPrintRequestState(X_MODIFIERS.control)).toBe(true);
    expect(isPrintRequestState(X_MODIFIERS.control | X_MODIFIERS.lock | X_MODIFIERS.numLock)).toBe(true);
    expect(isPrintRequestState(X_MODIFIERS.control | 0x100)).toBe(true); // a mouse button held: still Ctrl+P
    expect(isPrintRequestState(X_MODIFIERS.control | X_MODIFIERS.shift)).toBe(false); // Ctrl+Shift+P: dropped only
    expect(isPrintRequestState(X_MODIFIERS.control | X_MODIFIERS.alt)).toBe(false);
    expect(isPrintRequestState(X_MODIFIERS.control | 0x80)).toBe(false); // AltGr (Mod5)
    expect(isPrintRequestState(0)).toBe(false);
  });

  it('tells the same request among the keys a view hears (Electron): Ctrl+P or Cmd+P, Caps Lock too, and nothing else', () => {
    const key = (k: string, extra: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) => ({ key: k, code: 'KeyP', control: true, shift: false, alt: false, meta: false, ...extra });
    expect(isPrintRequestKey(key('p'))).toBe(true);
    expect(isPrintRequestKey(key('P'))).toBe(true); // Caps Lock on
    expect(isPrintRequestKey(key('p', { control: false, meta: true }))).toBe(true);
    expect(isPrintRequestKey(key('P', { shift: true }))).toBe(false);
    expect(isPrintRequestKey(key('p', { alt: true }))).toBe(false);
    expect(isPrintRequestKey(key('p', { control: false }))).toBe(false);
    expect(isPrintRequestKey(key('o'))).toBe(false);
  });
});
