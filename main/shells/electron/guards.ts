import { existsSync, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { App, Input, Session, WebContents } from 'electron';
import { checkNavigation, type RefusalReason } from '../../core/navigation/policy';

/**
 * The security handlers of the Electron shell (ELECTRON.md, rules 3 to 6). Each
 * function receives what it acts on, so tests call it with fakes. What a
 * webContents or session is for (kiosk UI, visitor site, anything else) is
 * looked up when an event fires, not when the guard is installed: a webContents
 * is announced by `web-contents-created` before its owner knows it, and until
 * then it is locked.
 */

export interface Refusal {
  reason: RefusalReason;
  host: string | null;
}

/** What a webContents may navigate to, decided at each navigation. */
export type NavigationRules =
  | { kind: 'kiosk-ui' }
  | {
      kind: 'visitor-site';
      allowedHosts: readonly string[];
      /** A main-frame navigation or pop-up was refused: tell the visitor. */
      refused(refusal: Refusal): void;
      /** An allowed pop-up: shown in the same view, never in a new window. */
      openInSameView(url: string): void;
    }
  /** Anything the kiosk did not create on purpose: no navigation at all. */
  | { kind: 'locked' };

/** What the guards ask about the thing an event is about. */
export interface GuardLookup {
  navigationRulesFor(contents: WebContents): NavigationRules;
  /** The visitor's downloads folder for a visitor session; null elsewhere (downloads cancelled). */
  downloadsDirFor(session: Session): string | null;
}

export const KIOSK_UI_ORIGIN = 'kiosk://app';

/** True for the kiosk UI's own pages (`kiosk://app/...`), the only place the UI view may be. */
export function isKioskUiUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'kiosk:' && parsed.host.toLowerCase() === 'app' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

// ---- everything, at creation -------------------------------------------------------------

const guardedContents = new WeakSet<WebContents>();
const guardedSessions = new WeakSet<Session>();

/**
 * Installs every guard on every webContents and session the app ever creates,
 * and the app-wide refusals. Call once, before the first window.
 */
export function guardEverything(app: App, lookup: GuardLookup): void {
  installAppGuards(app);
  app.on('session-created', (session) => guardSession(session, lookup));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, lookup));
}

/** Idempotent: also called by the code that creates a view, in case the app event was missed. */
export function guardWebContents(contents: WebContents, lookup: GuardLookup): void {
  if (guardedContents.has(contents)) return;
  guardedContents.add(contents);
  installNavigationGuards(contents, () => lookup.navigationRulesFor(contents));
  installKeyboardGuards(contents);
  installBluetoothGuard(contents);
  guardSession(contents.session, lookup);
}

/** Idempotent, for the same reason as guardWebContents. */
export function guardSession(session: Session, lookup: GuardLookup): void {
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  installPermissionGuards(session);
  installDownloadGuard(session, () => lookup.downloadsDirFor(session));
}

// ---- navigation ----------------------------------------------------------------------------

interface NavigationDetails {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

/**
 * `will-frame-navigate` (every frame, renderer-initiated), `will-navigate` (main
 * frame; only reached when the former allowed it, so never reported twice) and
 * `will-redirect` (every navigation, loadURL's included) are all checked with
 * the core policy. Pop-ups are always denied; `<webview>` never attaches.
 */
export function installNavigationGuards(contents: WebContents, rulesFor: () => NavigationRules): void {
  const check = (details: NavigationDetails): void => {
    const rules = rulesFor();
    switch (rules.kind) {
      case 'kiosk-ui':
        if (!isKioskUiUrl(details.url)) details.preventDefault();
        return;
      case 'locked':
        details.preventDefault();
        return;
      case 'visitor-site': {
        const verdict = checkNavigation({ url: details.url, isMainFrame: details.isMainFrame, allowedHosts: rules.allowedHosts });
        if (verdict.allowed) return;
        details.preventDefault();
        // A refused sub-frame (an embedded map, a tracker) is not the visitor's doing: no message.
        if (details.isMainFrame) rules.refused({ reason: verdict.reason, host: verdict.host });
        return;
      }
    }
  };
  contents.on('will-frame-navigate', (event) => check(event));
  contents.on('will-navigate', (event) => check(event));
  contents.on('will-redirect', (event) => check(event));

  contents.setWindowOpenHandler(({ url }) => {
    const rules = rulesFor();
    if (rules.kind === 'visitor-site' && !isBlankPopup(url)) {
      const verdict = checkNavigation({ url, isMainFrame: true, allowedHosts: rules.allowedHosts });
      if (verdict.allowed) rules.openInSameView(url);
      else rules.refused({ reason: verdict.reason, host: verdict.host });
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** `window.open()` with no address: nothing to show, nothing to tell the visitor. */
function isBlankPopup(url: string): boolean {
  return url === '' || url === 'about:blank';
}

// ---- keyboard --------------------------------------------------------------------------------

export type ShortcutInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

/** Ctrl (or Cmd) + these: close, quit, new window/tab, address bar, open, save, print, reload. */
const BLOCKED_WITH_CTRL = new Set(['w', 'q', 'n', 't', 'l', 'o', 's', 'p', 'r']);
/** Ctrl + zoom keys, matched on the key and on the physical key (layouts differ). */
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
/** Ctrl+Shift + these: developer tools, console, element picker. */
const BLOCKED_WITH_CTRL_SHIFT = new Set(['i', 'j', 'c']);
const BLOCKED_ALONE = new Set(['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh']);

/**
 * Keys that would close the kiosk, open browser features or leave the démarche.
 * Ordinary editing shortcuts (Ctrl+C, Ctrl+V, Ctrl+Z, Ctrl+A) stay available.
 */
export function isBlockedShortcut(input: ShortcutInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const ctrl = input.control || input.meta;
  if (BLOCKED_ALONE.has(input.key)) return true;
  if (input.alt && (input.key === 'F4' || input.key === 'ArrowLeft' || input.key === 'ArrowRight')) return true;
  if (!ctrl) return false;
  if (input.shift && BLOCKED_WITH_CTRL_SHIFT.has(key)) return true;
  if (BLOCKED_WITH_CTRL.has(key)) return true;
  return ZOOM_KEYS.has(key) || ZOOM_CODES.has(input.code);
}

/** On both views: keys go to whichever has the focus (ELECTRON.md rule 6). */
export function installKeyboardGuards(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

/**
 * No pinch zoom (ELECTRON.md rule 6). Applied again after each load because a
 * new page may come with a new renderer.
 */
export function installZoomLock(contents: WebContents): void {
  const lock = (): void => {
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {
      // The page went away meanwhile: the next load sets it again.
    });
  };
  lock();
  contents.on('did-finish-load', lock);
}

// ---- devices and permissions -----------------------------------------------------------------

/** Web Bluetooth's chooser is a webContents event; an empty id cancels it. */
export function installBluetoothGuard(contents: WebContents): void {
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/**
 * Electron grants every permission when no handler is set (ELECTRON.md rule 4):
 * here every request, check and device access is refused, and the serial, HID
 * and USB choosers are answered with no device.
 */
export function installPermissionGuards(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

// ---- downloads -------------------------------------------------------------------------------

/**
 * Downloads go straight into the visitor's own folder, deleted at the wipe;
 * never a save dialog. Sessions that are not a visitor's get no downloads.
 */
export function installDownloadGuard(session: Session, downloadsDir: () => string | null): void {
  session.on('will-download', (event, item) => {
    const dir = downloadsDir();
    if (dir === null) {
      event.preventDefault();
      return;
    }
    // Synchronously: Electron shows a dialog if no path is set when the handler returns.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    item.setSavePath(freePath(dir, safeDownloadName(item.getFilename())));
  });
}

/** A file name that stays inside the folder: no directories, no hidden file, no control characters. */
export function safeDownloadName(suggested: string): string {
  const name = Array.from(basename(suggested.replace(/\\/g, '/')), (char) => (isControlCharacter(char) ? '_' : char))
    .join('')
    .replace(/[/:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  return name === '' ? 'telechargement' : name;
}

function isControlCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

function freePath(dir: string, name: string): string {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = join(dir, name);
  for (let copy = 2; existsSync(candidate); copy += 1) candidate = join(dir, `${stem} (${copy})${extension}`);
  return candidate;
}

// ---- app-wide --------------------------------------------------------------------------------

/**
 * Events that would open native UI or use the machine's secrets: HTTP
 * authentication gets no credentials, certificate errors are never overridden,
 * and no client certificate is ever sent (since Electron 44 an unanswered request
 * silently uses the machine's first matching one).
 */
export function installAppGuards(app: App): void {
  app.on('login', (event, _contents, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });
  app.on('certificate-error', (event, _contents, _url, _error, _certificate, callback) => {
    event.preventDefault();
    callback(false);
  });
  app.on('select-client-certificate', (event, _contents, _url, _certificates, callback) => {
    event.preventDefault();
    callback();
  });
}

// ---- the visitor's site: activity and health -------------------------------------------------

export interface SiteHealthReports {
  activity(): void;
  crashed(): void;
}

export const ACTIVITY_REPORT_INTERVAL_MS = 1000;

/**
 * Taps, keys and pointer moves in the site view keep the visit alive (at most
 * one report a second: pointer moves come by the hundred); a crashed or hung
 * renderer ends the visit.
 */
export function installSiteHealthReports(contents: WebContents, reports: SiteHealthReports, now: () => number = Date.now): void {
  let lastReport = Number.NEGATIVE_INFINITY;
  contents.on('input-event', () => {
    const time = now();
    if (time - lastReport < ACTIVITY_REPORT_INTERVAL_MS) return;
    lastReport = time;
    reports.activity();
  });
  contents.on('render-process-gone', () => reports.crashed());
  contents.on('unresponsive', () => reports.crashed());
}
