import type { App, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardEverything } from '../../../main/shells/electron/guards';
import {
  FULL_SCREEN_WORLD_ID,
  installFullScreenLock,
  installKeyboardGuards,
  installZoomLock,
  isBlockedKey,
  type KeyInput,
} from '../../../main/shells/electron/keyboard';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

beforeEach(() => fake.resetElectronFake());

function contents(partition = 'visitor-1-test'): fake.FakeWebContents {
  return new fake.FakeWebContents(fake.session.fromPartition(partition), {});
}

/** `Ctrl+Shift+I`, `Alt+ArrowLeft`, `F5`, `Ctrl++`… as Electron's Input. */
function press(combo: string): KeyInput {
  const parts = combo.split('+');
  const key = parts.at(-1) === '' ? '+' : (parts.at(-1) ?? '');
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key === '=' || key === '+' ? 'Equal' : key === '-' ? 'Minus' : key;
  return { key, code, control: parts.includes('Ctrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), meta: parts.includes('Meta') };
}

const NORMAL = { htmlFullScreen: false };

describe('isBlockedKey', () => {
  it.each([
    'Alt+F4',
    ...'WQNTLOSPRHJUD'.split('').map((letter) => `Ctrl+${letter.toLowerCase()}`),
    ...['I', 'J', 'C', 'N', 'T', 'W', 'Q', 'Delete', 'B', 'M'].map((key) => `Ctrl+Shift+${key}`),
    'F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12',
    'Alt+ArrowLeft', 'Alt+ArrowRight', 'Alt+Home',
    'Ctrl+Tab',
    'Ctrl++', 'Ctrl+-', 'Ctrl+0', 'Ctrl+=',
    'Meta+w',
  ])('blocks %s', (combo) => {
    expect(isBlockedKey(press(combo), NORMAL)).toBe(true);
  });

  it('blocks zoom by the physical key, whatever the layout (AZERTY 0, numpad +)', () => {
    expect(isBlockedKey({ key: 'à', code: 'Digit0', control: true, shift: false, alt: false, meta: false }, NORMAL)).toBe(true);
    expect(isBlockedKey({ key: '+', code: 'NumpadAdd', control: true, shift: false, alt: false, meta: false }, NORMAL)).toBe(true);
  });

  it.each(['Ctrl+c', 'Ctrl+v', 'Ctrl+x', 'Ctrl+z', 'Ctrl+a', 'a', 'Shift+Q', 'Tab', 'ArrowLeft', 'Enter', 'Backspace', '0'])('lets %s through', (combo) => {
    expect(isBlockedKey(press(combo), NORMAL)).toBe(false);
  });

  it('lets AltGr (Ctrl+Alt) type @ and €', () => {
    expect(isBlockedKey({ key: '@', code: 'Digit0', control: true, shift: false, alt: true, meta: false }, NORMAL)).toBe(false);
    expect(isBlockedKey({ key: '@', code: 'Digit0', control: false, shift: false, alt: true, meta: false }, NORMAL)).toBe(false);
  });

  it('blocks Escape only while a page is in HTML full screen', () => {
    expect(isBlockedKey(press('Escape'), NORMAL)).toBe(false);
    expect(isBlockedKey(press('Escape'), { htmlFullScreen: true })).toBe(true);
  });
});

describe('keyboard guards', () => {
  it('prevent blocked keys on a webContents', () => {
    const site = contents();
    installKeyboardGuards(fake.asElectron<WebContents>(site));
    expect(site.pressKey(press('Ctrl+w')).defaultPrevented).toBe(true);
    expect(site.pressKey(press('F12')).defaultPrevented).toBe(true);
    expect(site.pressKey(press('Ctrl+Shift+Delete')).defaultPrevented).toBe(true);
    expect(site.pressKey(press('a')).defaultPrevented).toBe(false);
  });

  it('follow the page in and out of HTML full screen for Escape', () => {
    const site = contents();
    installKeyboardGuards(fake.asElectron<WebContents>(site));
    expect(site.pressKey(press('Escape')).defaultPrevented).toBe(false);
    site.emit('enter-html-full-screen');
    expect(site.pressKey(press('Escape')).defaultPrevented).toBe(true);
    site.emit('leave-html-full-screen');
    expect(site.pressKey(press('Escape')).defaultPrevented).toBe(false);
  });

  it('are on every webContents created, the kiosk UI and the site alike', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    for (const partition of ['kiosk-ui', 'visitor-1-a']) {
      const view = new fake.WebContentsView({ webPreferences: { partition } });
      expect(view.webContents.pressKey(press('Ctrl+w')).defaultPrevented, partition).toBe(true);
      expect(view.webContents.pressKey(press('Alt+F4')).defaultPrevented, partition).toBe(true);
      expect(view.webContents.pressKey(press('a')).defaultPrevented, partition).toBe(false);
    }
  });
});

describe('zoom lock', () => {
  it('limits pinch zoom to 100 %, again after each load', () => {
    const site = contents();
    installZoomLock(fake.asElectron<WebContents>(site));
    expect(site.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    site.emit('did-finish-load');
    expect(site.setVisualZoomLevelLimits).toHaveBeenCalledTimes(2);
  });

  it('puts Ctrl+wheel zoom back to 100 %', () => {
    const site = contents();
    installZoomLock(fake.asElectron<WebContents>(site));
    site.zoomFactor = 1.2;
    site.emit('zoom-changed', fake.fakeEvent(), 'in');
    expect(site.setZoomFactor).toHaveBeenCalledWith(1);
    expect(site.getZoomLevel()).toBe(0);
  });
});

describe('the kiosk\'s own zoom (the visitor\'s text size on a site)', () => {
  it('sets the kiosk\'s factor on every navigation (Chromium keeps zoom per host) and puts Ctrl+wheel back to it', () => {
    const site = contents();
    let kioskZoom = 1;
    installZoomLock(fake.asElectron<WebContents>(site), () => kioskZoom);
    kioskZoom = 1.5;
    site.zoomFactor = 1;
    site.emit('did-navigate');
    expect(site.zoomFactor).toBe(1.5);
    site.zoomFactor = 1;
    site.emit('did-finish-load');
    expect(site.zoomFactor).toBe(1.5);
    site.zoomFactor = 2;
    site.emit('zoom-changed', fake.fakeEvent(), 'in');
    expect(site.zoomFactor).toBe(1.5);
  });
});

describe('full-screen lock', () => {
  it("leaves a page's HTML full screen at once, from a world of its own", () => {
    const site = contents();
    installFullScreenLock(fake.asElectron<WebContents>(site));
    site.emit('enter-html-full-screen');
    expect(site.executeJavaScriptInIsolatedWorld).toHaveBeenCalledWith(FULL_SCREEN_WORLD_ID, [{ code: expect.stringContaining('document.exitFullscreen()') as string }]);
  });

  it('is installed on every webContents', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const view = new fake.WebContentsView({ webPreferences: { partition: 'visitor-1-a' } });
    view.webContents.emit('enter-html-full-screen');
    expect(view.webContents.executeJavaScriptInIsolatedWorld).toHaveBeenCalledOnce();
  });
});

/** A key the system delivered to a view, as `before-input-event` gets it. */
function typeIn(site: fake.FakeWebContents, input: object): fake.FakeEvent {
  const event = fake.fakeEvent();
  site.emit('before-input-event', event, input);
  return event;
}

describe('the staff chord typed in a view (issue 14)', () => {
  const chord = (extra: Partial<{ type: string; isAutoRepeat: boolean; control: boolean }> = {}) => ({ key: 'F9', code: 'F9', control: true, shift: true, alt: false, meta: false, type: 'keyDown', isAutoRepeat: false, ...extra });

  it('Ctrl+Shift+F9 twice in the official site opens the way in; once, a held key or F9 alone does not', () => {
    const site = contents();
    const wayIn = vi.fn();
    installKeyboardGuards(fake.asElectron<WebContents>(site), wayIn);
    typeIn(site, chord());
    typeIn(site, chord({ isAutoRepeat: true })); // the key held down
    typeIn(site, chord({ type: 'keyUp' }));
    expect(wayIn).not.toHaveBeenCalled();
    typeIn(site, chord({ control: false }));
    typeIn(site, chord()); // the F9 alone broke the first press: this is a first press again
    expect(wayIn).not.toHaveBeenCalled();
    const second = typeIn(site, chord());
    expect(wayIn).toHaveBeenCalledOnce();
    expect(second.defaultPrevented).toBe(true); // the site never gets the chord
  });

  it('reaches the registry\'s handler through the guards every webContents gets', () => {
    const registry = new KioskRegistry();
    const wayIn = vi.fn();
    registry.onStaffWayIn(wayIn);
    guardEverything(fake.asElectron<App>(fake.app), registry);
    const site = contents();
    fake.app.emit('web-contents-created', fake.fakeEvent(), site);
    typeIn(site, chord());
    typeIn(site, chord());
    expect(wayIn).toHaveBeenCalledOnce();
  });
});

describe("Ctrl+P typed in a view: the visitor's print request (issue 13)", () => {
  const ctrlP = (extra: Partial<{ key: string; type: string; isAutoRepeat: boolean; shift: boolean; alt: boolean }> = {}) => ({ key: 'p', code: 'KeyP', control: true, shift: false, alt: false, meta: false, type: 'keyDown', isAutoRepeat: false, ...extra });

  it("asks for the kiosk's print panel once per press, and the browser never gets the key", () => {
    const registry = new KioskRegistry();
    const printRequest = vi.fn();
    registry.onPrintRequest(printRequest);
    guardEverything(fake.asElectron<App>(fake.app), registry);
    const site = contents();
    fake.app.emit('web-contents-created', fake.fakeEvent(), site);
    const press = typeIn(site, ctrlP());
    expect(press.defaultPrevented).toBe(true);
    expect(printRequest).toHaveBeenCalledOnce();
    typeIn(site, ctrlP({ isAutoRepeat: true })); // held down
    typeIn(site, ctrlP({ type: 'keyUp' }));
    expect(printRequest).toHaveBeenCalledOnce();
    // Ctrl+Shift+P and AltGr+P are other keys.
    typeIn(site, ctrlP({ shift: true, key: 'P' }));
    typeIn(site, ctrlP({ alt: true }));
    expect(printRequest).toHaveBeenCalledOnce();
    typeIn(site, ctrlP());
    expect(printRequest).toHaveBeenCalledTimes(2);
  });
});
