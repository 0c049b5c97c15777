import { describe, expect, it } from 'vitest';
import { KeyboardOnScreen, isOnScreen } from '../../../main/core/lockdown/keyboard-on-screen';

const SCREEN = { width: 1280, height: 800 };
const UI = 1;
const SITE = 2;
const SPARE = 3;
const OFF_SCREEN = { x: 3840, y: 2400, width: 1280, height: 800 };

function station(): KeyboardOnScreen {
  const rule = new KeyboardOnScreen(SCREEN);
  rule.created(UI, { x: 0, y: 0, width: 440, height: 800 }, true);
  rule.created(SITE, { x: 440, y: 0, width: 840, height: 800 }, true);
  return rule;
}

describe('the keyboard stays with a window a person can see', () => {
  it('tells a window on screen from one parked off it, or showing a sliver', () => {
    expect(isOnScreen({ x: 0, y: 0, width: 10, height: 10 }, SCREEN)).toBe(true);
    expect(isOnScreen({ x: 1270, y: 790, width: 100, height: 100 }, SCREEN)).toBe(true);
    expect(isOnScreen(OFF_SCREEN, SCREEN)).toBe(false);
    expect(isOnScreen({ x: -1279, y: 0, width: 1280, height: 800 }, SCREEN)).toBe(false);
    expect(isOnScreen({ x: 0, y: 0, width: 1, height: 800 }, SCREEN)).toBe(false);
  });

  it('lets a window on screen keep it', () => {
    const rule = station();
    expect(rule.focused(UI)).toBeNull();
    expect(rule.focused(SITE)).toBeNull();
  });

  it('gives it back to the last window on screen when a browser appears off screen and takes it', () => {
    const rule = station();
    expect(rule.focused(UI)).toBeNull();
    expect(rule.focused(SITE)).toBeNull();
    rule.created(SPARE, OFF_SCREEN);
    rule.mapped(SPARE);
    expect(rule.focused(SPARE)).toBe(SITE);
  });

  it('follows windows as they move: the site hidden off screen gives it back; shown again, it keeps it', () => {
    const rule = station();
    expect(rule.focused(UI)).toBeNull();
    expect(rule.focused(SITE)).toBeNull();
    // The site leaves the screen with the keyboard: it goes to the UI at once.
    expect(rule.configured(SITE, OFF_SCREEN)).toBe(UI);
    expect(rule.focused(UI)).toBeNull();
    expect(rule.focused(SITE)).toBe(UI);
    expect(rule.focused(UI)).toBeNull();
    // A window without the keyboard moving changes nothing.
    expect(rule.configured(SITE, { x: 440, y: 0, width: 840, height: 800 })).toBeNull();
    expect(rule.focused(SITE)).toBeNull();
    expect(rule.configured(UI, { x: 0, y: 0, width: 1280, height: 120 })).toBeNull();
  });

  it('with no other window on screen, leaves the keyboard where it is', () => {
    const rule = station();
    expect(rule.focused(SITE)).toBeNull();
    expect(rule.configured(SITE, OFF_SCREEN)).toBeNull(); // the UI never had it
    rule.created(SPARE, OFF_SCREEN, true);
    expect(rule.focused(SPARE)).toBeNull();
  });

  it('does not send it to a window that has since gone or been hidden', () => {
    const rule = station();
    rule.created(SPARE, OFF_SCREEN, true);
    expect(rule.focused(SITE)).toBeNull();
    rule.destroyed(SITE);
    expect(rule.focused(SPARE)).toBeNull();
    expect(rule.focused(UI)).toBeNull();
    rule.unmapped(UI);
    expect(rule.focused(SPARE)).toBeNull();
  });

  it('leaves alone a window it does not know (not a top-level window)', () => {
    const rule = station();
    expect(rule.focused(UI)).toBeNull();
    expect(rule.focused(99)).toBeNull();
    expect(rule.canBeSeen(99)).toBe(false);
  });
});
