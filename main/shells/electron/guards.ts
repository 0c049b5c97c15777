import type { App, MouseInputEvent, Session, WebContents } from 'electron';
import type { DeliveredInput } from '../../core/session/real-input';
import { describeExternalLink, type ExternalLink } from '../../core/navigation/external-links';
import { checkNavigation, type Refusal } from '../../core/navigation/policy';
import { installDownloadGuard, type VisitorDownloads } from './downloads';
import { installFullScreenLock, installKeyboardGuards } from './keyboard';
import { installPermissionGuards, type PermissionGrants } from './permissions';
import { isVisitorFileUrl } from './visitor-files';

/**
 * The security handlers of the Electron shell (ELECTRON.md, rules 3 to 6). Each
 * function receives what it acts on, so tests call it with fakes. What a
 * webContents or session is for (kiosk UI, visitor site, anything else) is
 * looked up when an event fires, not when the guard is installed: a webContents
 * is announced by `web-contents-created` before its owner knows it, and until
 * then it is locked.
 */

/** What a webContents may navigate to, decided at each navigation. */
export type NavigationRules =
  | { kind: 'kiosk-ui' }
  | VisitorSiteRules
  /** Anything the kiosk did not create on purpose: no navigation at all. */
  | { kind: 'locked' };

export interface VisitorSiteRules {
  kind: 'visitor-site';
  allowedHosts: readonly string[];
  /** Hosts the démarche's pages may show in frames only (tiles[].frameHosts); none when absent. */
  frameHosts?: readonly string[];
  /** A main-frame navigation, pop-up, certificate or password prompt was refused: tell the visitor. */
  refused(refusal: Refusal): void;
  /** A mail, phone or application link: nothing is launched, the visitor is shown what it was. */
  externalLink(link: ExternalLink): void;
  /** An allowed pop-up: shown in the same view, never in a new window. */
  openInSameView(url: string): void;
  /** True for a `kiosk-file://` address of a file this visitor downloaded. */
  isOwnFile(url: string): boolean;
}

/** What the guards ask about the thing an event is about. */
export interface GuardLookup {
  navigationRulesFor(contents: WebContents): NavigationRules;
  /** A visitor session's downloads; null elsewhere (downloads cancelled). */
  downloadsFor(session: Session): VisitorDownloads | null;
  /** What the démarche on screen grants in a visitor session; null elsewhere (everything denied). */
  permissionGrantsFor(session: Session): PermissionGrants | null;
  /** The staff chord was typed in a view (keyboard.ts): the PIN pad opens. */
  staffWayIn?(): void;
  /** Ctrl+P was typed in a view (keyboard.ts): the kiosk's print panel. */
  printRequest?(): void;
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
  installAppGuards(app, lookup);
  app.on('session-created', (session) => guardSession(session, lookup));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, lookup));
}

/** Idempotent: also called by the code that creates a view, in case the app event was missed. */
export function guardWebContents(contents: WebContents, lookup: GuardLookup): void {
  if (guardedContents.has(contents)) return;
  guardedContents.add(contents);
  installNavigationGuards(contents, () => lookup.navigationRulesFor(contents));
  installKeyboardGuards(contents, () => lookup.staffWayIn?.(), () => lookup.printRequest?.());
  installFullScreenLock(contents);
  installBluetoothGuard(contents);
  guardSession(contents.session, lookup);
}

/** Idempotent, for the same reason as guardWebContents. */
export function guardSession(session: Session, lookup: GuardLookup): void {
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  installPermissionGuards(session, () => lookup.permissionGrantsFor(session));
  installDownloadGuard(session, () => lookup.downloadsFor(session));
}

// ---- navigation ----------------------------------------------------------------------------

/** Chromium's PDF viewer (an extension), which shows a PDF inside a sub-frame of the page that opened it. */
const PDF_VIEWER_EXTENSION_ID = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

export type SiteVerdict =
  | { action: 'allow' }
  /** Prevented; the visitor is told when it was the main frame. */
  | { action: 'refuse'; refusal: Refusal }
  /** Prevented, never launched; the visitor is shown the link when it was the main frame. */
  | { action: 'external'; link: ExternalLink };

export interface SiteNavigation {
  url: string;
  isMainFrame: boolean;
  allowedHosts: readonly string[];
  frameHosts?: readonly string[];
  isOwnFile(url: string): boolean;
}

/**
 * Where the visitor's site view may go: the démarche's hosts (the core
 * policy), the visitor's own downloaded PDFs, and Chromium's PDF viewer inside
 * a page. Mail, phone and application links are told apart from refusals: the
 * visitor is shown the address or number instead.
 */
export function judgeSiteNavigation(request: SiteNavigation): SiteVerdict {
  if (isVisitorFileUrl(request.url)) {
    // Before the external-link test: to describeExternalLink, kiosk-file: is an application.
    return request.isMainFrame && request.isOwnFile(request.url) ? { action: 'allow' } : { action: 'refuse', refusal: { reason: 'scheme', host: null } };
  }
  if (!request.isMainFrame && isPdfViewerFrame(request.url)) return { action: 'allow' };
  const link = describeExternalLink(request.url);
  if (link !== null) return { action: 'external', link };
  const verdict = checkNavigation({ url: request.url, isMainFrame: request.isMainFrame, allowedHosts: request.allowedHosts, frameHosts: request.frameHosts ?? [] });
  return verdict.allowed ? { action: 'allow' } : { action: 'refuse', refusal: { reason: verdict.reason, host: verdict.host } };
}

export function isPdfViewerFrame(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'chrome-extension:' && parsed.hostname === PDF_VIEWER_EXTENSION_ID && parsed.username === '' && parsed.port === '';
  } catch {
    return false;
  }
}

interface NavigationDetails {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

/**
 * `will-frame-navigate` (every frame, renderer-initiated), `will-navigate` (main
 * frame; only reached when the former allowed it, so never reported twice) and
 * `will-redirect` (every navigation, loadURL's included) are all checked.
 * Pop-ups (`window.open`, `target=_blank` links and forms) are always denied: an
 * allowed one is loaded in the same view, an external link is shown. `<webview>`
 * never attaches.
 */
export function installNavigationGuards(contents: WebContents, rulesFor: () => NavigationRules): void {
  const check = (details: NavigationDetails): void => {
    const rules = rulesFor();
    switch (rules.kind) {
      case 'kiosk-ui':
        if (!isKioskUiUrl(details.url)) details.preventDefault();
        return;
      case 'locked':
        // Chromium's own PDF viewer may be hosted in a webContents of its own: that page only.
        if (!isPdfViewerFrame(details.url)) details.preventDefault();
        return;
      case 'visitor-site': {
        const verdict = judgeSiteNavigation({ url: details.url, isMainFrame: details.isMainFrame, allowedHosts: rules.allowedHosts, frameHosts: rules.frameHosts ?? [], isOwnFile: rules.isOwnFile });
        if (verdict.action === 'allow') return;
        details.preventDefault();
        // A refused sub-frame (an embedded map, a tracker) is not the visitor's doing: no message.
        if (details.isMainFrame) report(rules, verdict);
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
      const verdict = judgeSiteNavigation({ url, isMainFrame: true, allowedHosts: rules.allowedHosts, isOwnFile: rules.isOwnFile });
      if (verdict.action === 'allow') rules.openInSameView(url);
      else report(rules, verdict);
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
  installCommitGuard(contents, rulesFor);
}

/** The part of Electron's WebFrameMain the commit guard uses. */
interface CommittedFrame {
  processId: number;
  routingId: number;
  executeJavaScript(code: string): Promise<unknown>;
}

/**
 * What commits is what counts (issue 9): a document no request guard saw (a
 * prerendered or restored page, a frame in a process of its own that navigated
 * itself) is checked when it commits, in every frame. A forbidden top page is
 * left for a blank one and the visitor told; a forbidden frame is emptied.
 */
export function installCommitGuard(contents: WebContents, rulesFor: () => NavigationRules): void {
  contents.on('did-frame-navigate', (_event, url, _code, _status, isMainFrame, frameProcessId, frameRoutingId) => {
    const rules = rulesFor();
    if (rules.kind !== 'visitor-site' || rules.allowedHosts.length === 0) return;
    if (isMainFrame && (url === 'about:blank' || url.startsWith('chrome-error:'))) return;
    const verdict = judgeSiteNavigation({ url, isMainFrame, allowedHosts: rules.allowedHosts, frameHosts: rules.frameHosts ?? [], isOwnFile: rules.isOwnFile });
    if (verdict.action === 'allow') return;
    if (isMainFrame) {
      report(rules, verdict);
      void contents.loadURL('about:blank').catch(() => undefined);
      return;
    }
    const frames = (contents.mainFrame as unknown as { framesInSubtree?: CommittedFrame[] }).framesInSubtree ?? [];
    const frame = frames.find((candidate) => candidate.processId === frameProcessId && candidate.routingId === frameRoutingId);
    // A privileged script (it runs whatever the frame's CSP or sandbox says).
    void frame?.executeJavaScript("location.replace('about:blank')").catch(() => undefined);
  });
}

function report(rules: VisitorSiteRules, verdict: Exclude<SiteVerdict, { action: 'allow' }>): void {
  if (verdict.action === 'external') rules.externalLink(verdict.link);
  else rules.refused(verdict.refusal);
}

/** `window.open()` with no address: nothing to show, nothing to tell the visitor. */
function isBlankPopup(url: string): boolean {
  return url === '' || url === 'about:blank';
}

// ---- devices ---------------------------------------------------------------------------------

/** Web Bluetooth's chooser is a webContents event; an empty id cancels it. */
export function installBluetoothGuard(contents: WebContents): void {
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

// ---- app-wide --------------------------------------------------------------------------------

/**
 * Events that would open native UI or use the machine's secrets: HTTP
 * authentication gets no credentials, certificate errors are never overridden,
 * and no client certificate is ever sent (since Electron 44 an unanswered request
 * silently uses the machine's first matching one). When it happens to the
 * visitor's page, the visitor is told why it does not open.
 */
export function installAppGuards(app: App, lookup: Pick<GuardLookup, 'navigationRulesFor'>): void {
  const tellVisitor = (contents: WebContents | null, refusal: Refusal): void => {
    if (contents === null || contents.isDestroyed()) return;
    const rules = lookup.navigationRulesFor(contents);
    if (rules.kind === 'visitor-site') rules.refused(refusal);
  };
  app.on('login', (event, contents, details, authInfo, callback) => {
    event.preventDefault();
    callback();
    // A page the visitor opened asks for a password; a proxy's is the station's business.
    if (!authInfo.isProxy && details.isRequestForNavigation) tellVisitor(contents, { reason: 'login-prompt', host: hostOf(details.url) });
  });
  app.on('certificate-error', (event, contents, url, _error, _certificate, callback, isMainFrame) => {
    event.preventDefault();
    callback(false);
    if (isMainFrame) tellVisitor(contents, { reason: 'certificate', host: hostOf(url) });
  });
  app.on('select-client-certificate', (event, _contents, _url, _certificates, callback) => {
    event.preventDefault();
    callback();
  });
}

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

// ---- the visitor's site: activity and health -------------------------------------------------

export interface SiteHealthReports {
  /** Input the system delivered to the view (never a page's own events): see core/session/real-input.ts. */
  input(input: DeliveredInput): void;
  crashed(): void;
}

/**
 * Taps, keys and pointer moves the system delivered to a view go to the idle
 * count (which tells a resting pointer from a moving one); a crashed or hung
 * renderer ends the visit.
 */
export function installSiteHealthReports(contents: WebContents, reports: SiteHealthReports): void {
  watchDeliveredInput(contents, (input) => reports.input(input));
  contents.on('render-process-gone', () => reports.crashed());
  contents.on('unresponsive', () => reports.crashed());
}

/** `input-event` is what the engine delivered from the system (or `sendInputEvent`, main process only): no page can raise it. */
export function watchDeliveredInput(contents: WebContents, observe: (input: DeliveredInput) => void): void {
  contents.on('input-event', (_event, input) => {
    const pointer = input as Partial<MouseInputEvent>;
    observe({
      type: input.type,
      ...(typeof pointer.globalX === 'number' && typeof pointer.globalY === 'number' ? { globalX: pointer.globalX, globalY: pointer.globalY } : {}),
    });
  });
}
