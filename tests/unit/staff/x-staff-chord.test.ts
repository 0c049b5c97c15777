import { describe, expect, it } from 'vitest';
import { XStaffChord, keycodesOfKeysym, xKeyCode, xKeySample, type XKeyboardMap } from '../../../main/core/staff/x-staff-chord';
import { STAFF_CHORD_GRAB, X_MODIFIERS } from '../../../main/core/lockdown/station-input-filter';

/** A small keyboard as GetKeyboardMapping gives it, from keycode 8 (keycodes as on a PC under Xorg). */
const KEYCODES = { a: 38, ctrlL: 37, shiftL: 50, f9: 75, f10: 76, capsLock: 66, altL: 64 };
function keyboard(): XKeyboardMap {
  const rows: number[][] = Array.from({ length: 248 }, () => []);
  const set = (keycode: number, ...keysyms: number[]) => void (rows[keycode - 8] = keysyms);
  set(KEYCODES.a, 0x61, 0x41);
  set(KEYCODES.ctrlL, 0xffe3);
  set(KEYCODES.shiftL, 0xffe1);
  set(KEYCODES.f9, 0xffc6, 0xffc6, 0xffc6, 0xffc6, 0x1008fe09); // F9, and XF86Switch_VT_9 further on
  set(KEYCODES.f10, 0xffc7);
  set(KEYCODES.capsLock, 0xffe5);
  set(KEYCODES.altL, 0xffe9);
  return { minKeycode: 8, rows };
}
const map = keyboard();
const CTRL_SHIFT = X_MODIFIERS.control | X_MODIFIERS.shift;

/** A chord press as the X server reports it to the filter: raw presses of Ctrl, Shift, F9, then the grabbed F9 at F9's time, then its release. */
function typeChord(chord: XStaffChord, at: number, state = CTRL_SHIFT): boolean {
  chord.rawKeyPress(KEYCODES.ctrlL, at);
  chord.rawKeyPress(KEYCODES.shiftL, at + 5);
  chord.rawKeyPress(KEYCODES.f9, at + 10);
  const opened = chord.keyPress({ keycode: KEYCODES.f9, state, time: at + 10 });
  chord.keyRelease({ keycode: KEYCODES.f9, time: at + 20 });
  return opened;
}

describe('X key events as the way in reads them', () => {
  it('names F9 and the modifiers by their KeyboardEvent code, anything else is Unidentified', () => {
    expect(xKeyCode(map, KEYCODES.f9)).toBe('F9');
    expect(xKeyCode(map, KEYCODES.f10)).toBe('F10');
    expect(xKeyCode(map, KEYCODES.ctrlL)).toBe('ControlLeft');
    expect(xKeyCode(map, KEYCODES.shiftL)).toBe('ShiftLeft');
    expect(xKeyCode(map, KEYCODES.a)).toBe('Unidentified');
    expect(xKeyCode(map, 300)).toBe('Unidentified');
    expect(keycodesOfKeysym(map, STAFF_CHORD_GRAB.keysym)).toEqual([KEYCODES.f9]);
  });

  it('reads the modifier state: Ctrl, Shift, Alt (Mod1 or AltGr), Super; the locks change nothing', () => {
    const sample = (state: number) => xKeySample(map, { keycode: KEYCODES.f9, state, time: 5 }, 5, false);
    expect(sample(CTRL_SHIFT)).toEqual({ code: 'F9', ctrl: true, shift: true, alt: false, meta: false, repeat: false, at: 5 });
    expect(sample(CTRL_SHIFT | X_MODIFIERS.lock | X_MODIFIERS.numLock)).toEqual(sample(CTRL_SHIFT));
    expect(sample(CTRL_SHIFT | X_MODIFIERS.alt).alt).toBe(true);
    expect(sample(CTRL_SHIFT | 0x80).alt).toBe(true); // Mod5: AltGr
    expect(sample(0x40).meta).toBe(true);
    expect(sample(0)).toMatchObject({ ctrl: false, shift: false });
  });
});

describe('the staff chord under X', () => {
  it('opens on Ctrl+Shift+F9 twice within 2 s, with Caps Lock and Num Lock on too, and starts over', () => {
    const chord = new XStaffChord(map, [KEYCODES.f9]);
    expect(typeChord(chord, 1000)).toBe(false);
    expect(typeChord(chord, 1800)).toBe(true);
    expect(typeChord(chord, 2500)).toBe(false);
    const locked = new XStaffChord(map, [KEYCODES.f9]);
    const withLocks = CTRL_SHIFT | X_MODIFIERS.lock | X_MODIFIERS.numLock;
    expect(typeChord(locked, 0, withLocks)).toBe(false);
    expect(typeChord(locked, 300, withLocks)).toBe(true);
  });

  it('not with a slow second press, nor with another key typed between, in any window', () => {
    const slow = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(slow, 0);
    expect(typeChord(slow, 2100)).toBe(false);
    const between = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(between, 0);
    between.rawKeyPress(KEYCODES.a, 200); // typed into the site: only the raw event tells
    expect(typeChord(between, 400)).toBe(false);
    const capsLock = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(capsLock, 0);
    capsLock.rawKeyPress(KEYCODES.capsLock, 200);
    expect(typeChord(capsLock, 400)).toBe(false);
  });

  it('F9 alone or Alt+Ctrl+Shift+F9 between (not grabbed: only a raw press) cancels the first press', () => {
    const plain = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(plain, 0);
    plain.rawKeyPress(KEYCODES.f9, 300); // F9 with no modifier: no grabbed press follows
    expect(typeChord(plain, 600)).toBe(false);
    const altToo = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(altToo, 0);
    altToo.rawKeyPress(KEYCODES.altL, 300);
    altToo.rawKeyPress(KEYCODES.f9, 320);
    // …and then the chord's own raw F9 at once: the unmatched F9 is seen by then.
    expect(typeChord(altToo, 600)).toBe(false);
  });

  it('a grabbed key other than F9 (a dropped shortcut, or a key typed while F9 is held) cancels too', () => {
    const chord = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(chord, 0);
    chord.keyPress({ keycode: KEYCODES.f10, state: 0, time: 200 });
    chord.keyRelease({ keycode: KEYCODES.f10, time: 250 });
    expect(typeChord(chord, 400)).toBe(false);
  });

  it('holding the chord is one press: with detectable auto-repeat (presses, no release between)', () => {
    const chord = new XStaffChord(map, [KEYCODES.f9]);
    chord.rawKeyPress(KEYCODES.ctrlL, 0);
    chord.rawKeyPress(KEYCODES.shiftL, 5);
    chord.rawKeyPress(KEYCODES.f9, 10);
    expect(chord.keyPress({ keycode: KEYCODES.f9, state: CTRL_SHIFT, time: 10 })).toBe(false);
    for (let time = 670; time < 1500; time += 40) expect(chord.keyPress({ keycode: KEYCODES.f9, state: CTRL_SHIFT, time }), `repeat at ${time}`).toBe(false);
    chord.keyRelease({ keycode: KEYCODES.f9, time: 1510 });
    // The first press still counts: a real second press within 2 s opens.
    chord.rawKeyPress(KEYCODES.f9, 1700);
    expect(chord.keyPress({ keycode: KEYCODES.f9, state: CTRL_SHIFT, time: 1700 })).toBe(true);
  });

  it('holding the chord is one press: without it (a release and a press at the same server time)', () => {
    const chord = new XStaffChord(map, [KEYCODES.f9]);
    chord.rawKeyPress(KEYCODES.f9, 10);
    expect(chord.keyPress({ keycode: KEYCODES.f9, state: CTRL_SHIFT, time: 10 })).toBe(false);
    for (let time = 670; time < 1500; time += 40) {
      chord.keyRelease({ keycode: KEYCODES.f9, time });
      expect(chord.keyPress({ keycode: KEYCODES.f9, state: CTRL_SHIFT, time }), `repeat at ${time}`).toBe(false);
    }
    chord.keyRelease({ keycode: KEYCODES.f9, time: 1510 });
    chord.rawKeyPress(KEYCODES.f9, 1700);
    expect(chord.keyPress({ keycode: KEYCODES.f9, state: CTRL_SHIFT, time: 1700 })).toBe(true);
  });

  it('the server time wrapping round (after 49 days) neither opens nor blocks the chord', () => {
    const top = 2 ** 32;
    const wrapped = new XStaffChord(map, [KEYCODES.f9]);
    expect(typeChord(wrapped, top - 1000)).toBe(false);
    expect(typeChord(wrapped, 500)).toBe(true); // 1.5 s later, across the wrap
    const late = new XStaffChord(map, [KEYCODES.f9]);
    typeChord(late, top - 5000);
    expect(typeChord(late, 500)).toBe(false); // 5.5 s later: too slow, though 500 < top - 5000
  });
});
