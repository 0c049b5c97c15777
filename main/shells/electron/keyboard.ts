import type { Input, WebContents } from 'electron';
import { KeyboardWayIn } from '../../core/contract/way-in';
import { isBlockedShortcut, isPrintRequestKey } from '../../core/lockdown/blocked-shortcuts';

/**
 * Keys, zoom and full screen on every webContents (ELECTRON.md rule 6). The
 * list of shortcuts is the core's, shared with the Chromium shell; what is
 * Electron's own is where they are caught and how zoom and full screen are undone.
 */

export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

/** What `before-input-event` gives besides the key: its kind and auto-repeat. */
export type KeyEvent = KeyInput & Partial<Pick<Input, 'type' | 'isAutoRepeat'>>;

/**
 * True for a key the visitor must not use. Escape stays free (it closes the
 * sites' own dialogs) except while a page is in HTML full screen: there the
 * kiosk leaves full screen itself, and Escape would also take Electron's window
 * out of its kiosk full screen.
 */
export function isBlockedKey(input: KeyInput, state: { htmlFullScreen: boolean }): boolean {
  if (input.key === 'Escape') return state.htmlFullScreen;
  return isBlockedShortcut(input);
}

/**
 * On both views: keys go to whichever has the focus. `staffWayIn` hears the staff
 * chord (Ctrl+Shift+F9 twice, core/contract/way-in.ts) typed while a view has the focus
 * (an official site's page never sees it as anything but a key): only keys the system
 * delivered reach `before-input-event`, so no page can fake it. The kiosk UI's own page
 * listens too; a second way in while the PIN pad is up is only a tap. `printRequest` hears
 * Ctrl+P, which stays blocked for the browser: the kiosk's print panel (over the démarche only).
 */
export function installKeyboardGuards(contents: WebContents, staffWayIn: () => void = () => undefined, printRequest: () => void = () => undefined): void {
  const chord = new KeyboardWayIn();
  const state = { htmlFullScreen: false };
  contents.on('enter-html-full-screen', () => {
    state.htmlFullScreen = true;
  });
  contents.on('leave-html-full-screen', () => {
    state.htmlFullScreen = false;
  });
  contents.on('before-input-event', (event, input: KeyEvent) => {
    if (isBlockedKey(input, state)) event.preventDefault();
    if (input.type === 'keyDown' && input.isAutoRepeat !== true && isPrintRequestKey(input)) printRequest();
    if (input.type === 'keyDown' && chord.keyDown({ code: input.code, ctrl: input.control, shift: input.shift, alt: input.alt, meta: input.meta, repeat: input.isAutoRepeat === true, at: Date.now() })) {
      event.preventDefault();
      staffWayIn();
    }
  });
}

/**
 * No zoom but the kiosk's: pinch zoom is limited to 100 % (again after each load,
 * as a new page may come with a new renderer), and Ctrl+wheel, which Electron
 * reports as `zoom-changed`, is put back to the kiosk's factor, `kioskZoom()`:
 * 1, or the visitor's text size on a site. Chromium keeps zoom per host, so the
 * factor is set again on every navigation.
 */
export function installZoomLock(contents: WebContents, kioskZoom: () => number = () => 1): void {
  const lock = (): void => {
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {
      // The page went away meanwhile: the next load sets it again.
    });
    if (!contents.isDestroyed() && contents.getZoomFactor() !== kioskZoom()) contents.setZoomFactor(kioskZoom());
  };
  lock();
  contents.on('did-finish-load', lock);
  contents.on('did-navigate', lock);
  contents.on('zoom-changed', () => contents.setZoomFactor(kioskZoom()));
}

/** A world of our own: the page cannot have replaced `document.exitFullscreen` there. */
export const FULL_SCREEN_WORLD_ID = 1001;

/**
 * A page's HTML full screen would cover the kiosk toolbar: it is left at once.
 * The `fullscreen` permission is denied, so this is the second lock, not the first.
 */
export function installFullScreenLock(contents: WebContents): void {
  contents.on('enter-html-full-screen', () => {
    if (contents.isDestroyed()) return;
    contents
      .executeJavaScriptInIsolatedWorld(FULL_SCREEN_WORLD_ID, [{ code: 'document.fullscreenElement ? document.exitFullscreen() : undefined' }])
      .catch(() => {
        // The page went away: so did its full screen.
      });
  });
}
