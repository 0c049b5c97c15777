import { describe, expect, it } from 'vitest';
import { cornerAt, KeyboardWayIn, TouchWayIn, type KeySample } from '../../../main/core/staff/way-in';
import { isBlockedShortcut } from '../../../main/core/lockdown/blocked-shortcuts';

const screen = { width: 1280, height: 800 };
const TL = { x: 10, y: 10 };
const BR = { x: 1270, y: 790 };
const TR = { x: 1270, y: 10 };
const MIDDLE = { x: 640, y: 400 };

function press(way: TouchWayIn, where: { x: number; y: number }, at: number, holdMs: number, pointerId = 1): boolean {
  const opened = way.pointerDown({ pointerId, ...where, at });
  way.pointerUp({ pointerId, ...where, at: at + holdMs });
  return opened;
}

describe('the touch way in', () => {
  it('finds the corners', () => {
    expect(cornerAt(TL.x, TL.y, screen)).toBe('top-left');
    expect(cornerAt(BR.x, BR.y, screen)).toBe('bottom-right');
    expect(cornerAt(MIDDLE.x, MIDDLE.y, screen)).toBeNull();
    expect(cornerAt(10, 400, screen)).toBeNull();
  });

  it('opens after a 3 s hold on one corner and a touch on another within 5 s', () => {
    const way = new TouchWayIn(screen);
    expect(press(way, TL, 0, 3000)).toBe(false);
    expect(way.progress()).toBe('armed');
    expect(press(way, BR, 7000, 100)).toBe(true);
    expect(way.progress()).toBe('idle');
  });

  it('a hold shorter than 3 s does not arm it', () => {
    const way = new TouchWayIn(screen);
    press(way, TL, 0, 2999);
    expect(way.progress()).toBe('idle');
    expect(press(way, BR, 3500, 100)).toBe(false);
  });

  it('the second corner must come within 5 s and be another corner', () => {
    const late = new TouchWayIn(screen);
    press(late, TL, 0, 3000);
    expect(press(late, BR, 3000 + 5001, 100)).toBe(false);
    const same = new TouchWayIn(screen);
    press(same, TL, 0, 3000);
    expect(press(same, TL, 4000, 100)).toBe(false);
  });

  it('a touch elsewhere in between starts over', () => {
    const way = new TouchWayIn(screen);
    press(way, TL, 0, 3000);
    press(way, MIDDLE, 3500, 100);
    expect(press(way, TR, 4000, 100)).toBe(false);
  });

  it('sliding out of the corner while holding does not count', () => {
    const way = new TouchWayIn(screen);
    way.pointerDown({ pointerId: 1, ...TL, at: 0 });
    way.pointerMove({ pointerId: 1, x: 300, y: 300, at: 1000 });
    way.pointerUp({ pointerId: 1, ...TL, at: 3500 });
    expect(way.progress()).toBe('idle');
  });

  it('a second finger cancels (a palm, a pinch)', () => {
    const way = new TouchWayIn(screen);
    way.pointerDown({ pointerId: 1, ...TL, at: 0 });
    way.pointerDown({ pointerId: 2, ...MIDDLE, at: 500 });
    way.pointerUp({ pointerId: 2, ...MIDDLE, at: 600 });
    way.pointerUp({ pointerId: 1, ...TL, at: 3500 });
    expect(way.progress()).toBe('idle');
  });

  it('a cancelled pointer starts over', () => {
    const way = new TouchWayIn(screen);
    press(way, TL, 0, 3000);
    way.pointerCancel(1);
    expect(press(way, BR, 4000, 100)).toBe(false);
  });
});

function key(code: string, at: number, extra: Partial<KeySample> = {}): KeySample {
  return { code, ctrl: true, shift: true, alt: false, meta: false, repeat: false, at, ...extra };
}

describe('the keyboard way in', () => {
  it('opens on Ctrl+Shift+F9 twice within 2 s', () => {
    const way = new KeyboardWayIn();
    expect(way.keyDown(key('ControlLeft', 0))).toBe(false);
    expect(way.keyDown(key('ShiftLeft', 10))).toBe(false);
    expect(way.keyDown(key('F9', 20))).toBe(false);
    expect(way.keyDown(key('F9', 900))).toBe(true);
    // and starts over after opening
    expect(way.keyDown(key('F9', 1000))).toBe(false);
  });

  it('not on one press, an auto-repeat, a slow second press, another key or AltGr', () => {
    const slow = new KeyboardWayIn();
    slow.keyDown(key('F9', 0));
    expect(slow.keyDown(key('F9', 2001))).toBe(false);
    const held = new KeyboardWayIn();
    held.keyDown(key('F9', 0));
    expect(held.keyDown(key('F9', 30, { repeat: true }))).toBe(false);
    const between = new KeyboardWayIn();
    between.keyDown(key('F9', 0));
    between.keyDown(key('KeyA', 100));
    expect(between.keyDown(key('F9', 200))).toBe(false);
    const altGr = new KeyboardWayIn();
    altGr.keyDown(key('F9', 0, { alt: true }));
    expect(altGr.keyDown(key('F9', 100, { alt: true }))).toBe(false);
    const plain = new KeyboardWayIn();
    plain.keyDown(key('F9', 0, { ctrl: false, shift: false }));
    expect(plain.keyDown(key('F9', 100, { ctrl: false, shift: false }))).toBe(false);
  });
});

describe('the staff chord and the kiosk lock-down', () => {
  it('Ctrl+Shift+F9 is not among the blocked shortcuts, so it reaches the kiosk UI in both shells', () => {
    expect(isBlockedShortcut({ key: 'F9', code: 'F9', control: true, shift: true, alt: false, meta: false })).toBe(false);
    // …while its neighbours the lock-down closes still are (the check is not vacuous).
    expect(isBlockedShortcut({ key: 'F10', code: 'F10', control: false, shift: false, alt: false, meta: false })).toBe(true);
  });

  it('the UI runs the same state machines as the core (one module, re-exported)', async () => {
    const fromContract = await import('../../../main/core/contract/way-in');
    expect(fromContract.TouchWayIn).toBe(TouchWayIn);
    expect(fromContract.STAFF_CHORD).toEqual({ code: 'F9', ctrl: true, shift: true, alt: false, meta: false, presses: 2, withinMs: 2000 });
  });
});
