import { REVEAL_FOCUSED_FIELD } from '../reveal-field';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Download, type Page } from 'playwright-core';
import type { GrantablePermission } from '../../core/config/station-config';
import { describeExternalLink, type ExternalLink } from '../../core/navigation/external-links';
import { checkNavigation, type RefusalReason } from '../../core/navigation/policy';
import { BLANK_APP_URL, IGNORED_DEFAULT_ARGS, QUIET_FLAGS, sandboxFlags, windowFlags, type WindowBounds } from './launch-flags';
import { createKioskProfile } from './chromium-profile';
import { closeOrKill, killProcessesMentioning } from './close-or-kill';
import { denyAllPermissions, grantTilePermissions } from './permissions';
import { keyboardModeForField, type KeyboardMode } from '../../core/contract/keyboard';
import { keepLinksInPlaceScript, lockdownScript, reportActivityScript, reportFieldFocusScript } from './page-scripts';
import { WindowPlacement } from './window-placement';

export interface VisitorBrowserEvents {
  activity(): void;
  refused(refusal: { reason: RefusalReason; host: string | null }): void;
  externalLink(link: ExternalLink): void;
  crashed(): void;
  /** A text field of the site took the focus (null: the focus left the fields). */
  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void;
}

export interface VisitorBrowserOptions {
  executablePath: string;
  headless: boolean;
  /** Parent folder of every visitor's throw-away folder. */
  workDir: string;
  /** Where the window waits until the visitor opens a démarche. */
  hiddenBounds: WindowBounds;
  isRoot: boolean;
  env: NodeJS.ProcessEnv;
}

const NAVIGATION_TIMEOUT_MS = 45_000;
const HANG_CHECK_MS = 5_000;
const HANG_TIMEOUT_MS = 10_000;

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * One visitor's browser: a Chromium process with its own throw-away profile
 * and downloads folder, showing one app window (no address bar, no tabs).
 * Every document request of that window, redirects included, passes the
 * navigation policy before it leaves the machine. Closing it and deleting its
 * folder is the Chromium shell's wipe.
 */
export class VisitorBrowser {
  /** The démarche's allowed hosts; empty until a tile is opened, so nothing is reachable. */
  private allowedHosts: readonly string[] = [];
  private mainFrameId = '';
  private refusedDuringOpen = false;
  private closing = false;
  /** When the visitor last pressed Ctrl+W (or the like): the "leave this page?" question that follows is refused. */
  private closeAttemptAt = 0;
  private hangCheck: NodeJS.Timeout | null = null;
  /** Files of this visitor shown in the window (a downloaded attestation), the only file: pages allowed. */
  private readonly ownFiles = new Set<string>();
  private shownPdfs = 0;

  private constructor(
    /** Headed Chromium has a PDF viewer; headless Chromium would download the file again instead. */
    private readonly showsPdf: boolean,
    readonly folder: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
    readonly window: WindowPlacement,
    private readonly events: VisitorBrowserEvents,
  ) {}

  static async launch(options: VisitorBrowserOptions, events: VisitorBrowserEvents): Promise<VisitorBrowser> {
    const folder = await mkdtemp(join(options.workDir, 'visitor-'));
    let context: BrowserContext | null = null;
    try {
      const downloads = join(folder, 'downloads');
      context = await chromium.launchPersistentContext(await createKioskProfile(folder, downloads), {
        executablePath: options.executablePath,
        headless: options.headless,
        env: options.env,
        viewport: null,
        acceptDownloads: true,
        downloadsPath: downloads,
        ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
        args: [...QUIET_FLAGS, ...sandboxFlags(options.isRoot), ...windowFlags(options.hiddenBounds), `--app=${BLANK_APP_URL}`],
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const window = await WindowPlacement.of(context, page);
      const browser = new VisitorBrowser(!options.headless, folder, context, page, cdp, window, events);
      await browser.installGuards();
      return browser;
    } catch (error) {
      await context?.close().catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** The script that zooms every new document of this browser, while a text size is chosen. */
  private zoomScript: string | null = null;

  /**
   * The visitor's text size as the site's page zoom: CSS zoom on the page's root,
   * which lays the page out again at that scale (as Chromium's own zoom does), on
   * the current page and on every page loaded after it. Not a protection: a page
   * that undoes it only gets its text back at 100 %.
   */
  async setZoom(factor: number): Promise<void> {
    if (this.closing) return;
    if (this.zoomScript !== null) {
      await this.cdp.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.zoomScript }).catch(() => undefined);
      this.zoomScript = null;
    }
    const source = `(() => { const apply = () => { if (document.documentElement !== null) document.documentElement.style.setProperty('zoom', '${factor === 1 ? '' : String(factor)}', 'important'); }; apply(); document.addEventListener('DOMContentLoaded', apply); })()`;
    if (factor !== 1) {
      // Scripts for new documents run only where this session has the Page domain on.
      await this.cdp.send('Page.enable');
      this.zoomScript = (await this.cdp.send('Page.addScriptToEvaluateOnNewDocument', { source })).identifier;
    }
    await this.cdp.send('Runtime.evaluate', { expression: source }).catch(() => undefined);
  }

  /**
   * With the on-screen keyboard up the site's window is shorter: the focused field is
   * brought to the middle of what is left, so the visitor sees what they type and the
   * form's buttons below it. Run through CDP in the page (the page cannot stop a scroll).
   */
  async revealFocusedField(): Promise<void> {
    if (this.closing || this.page.isClosed()) return;
    await this.cdp.send('Runtime.evaluate', { expression: REVEAL_FOCUSED_FIELD, awaitPromise: true }).catch(() => undefined);
  }

  /** Opens a démarche's address; later navigations are held to `allowedHosts`. */
  async open(url: string, allowedHosts: readonly string[], permissions: readonly GrantablePermission[] = []): Promise<void> {
    this.allowedHosts = [...allowedHosts];
    this.refusedDuringOpen = false;
    await grantTilePermissions(this.cdp, url, allowedHosts, permissions);
    try {
      await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: NAVIGATION_TIMEOUT_MS });
    } catch (error) {
      // A redirect we refused aborts the load; the refusal is already on screen.
      if (this.refusedDuringOpen) return;
      throw error;
    }
  }

  /**
   * Ends every process of this browser at once (nothing of a leaving visitor is worth
   * a graceful shutdown): its memory, its windows and what it owned on the clipboard
   * go with them. Playwright's bookkeeping is tidied up by `close`.
   */
  kill(): void {
    this.closing = true;
    if (this.hangCheck !== null) clearInterval(this.hangCheck);
    killProcessesMentioning(this.folder);
  }

  /** Ends the browser (if `kill` has not) and lets Playwright tidy up; the folder goes with `deleteFolder`. */
  async close(): Promise<void> {
    if (!this.closing) this.kill();
    await closeOrKill(() => this.context.close(), this.folder);
  }

  async deleteFolder(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }

  /**
   * What a pop-up, a `target="_blank"` link or a link to another application
   * asked to open: an allowed address in the same window, an application link
   * as a panel, anything else refused with an explanation.
   */
  private openInPlace(url: string): void {
    const external = describeExternalLink(url);
    if (external !== null) {
      this.events.externalLink(external);
      return;
    }
    const verdict = checkNavigation({ url, isMainFrame: true, allowedHosts: this.allowedHosts });
    if (verdict.allowed) {
      void this.page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS }).catch(() => undefined);
    } else {
      this.events.refused({ reason: verdict.reason, host: verdict.host });
    }
  }

  private async installGuards(): Promise<void> {
    const { frameTree } = await this.cdp.send('Page.getFrameTree');
    this.mainFrameId = frameTree.frame.id;

    // Every document request, each hop of a redirect included, is paused here.
    this.cdp.on('Fetch.requestPaused', (event) => {
      const isMainFrame = event.frameId === this.mainFrameId;
      const verdict = checkNavigation({ url: event.request.url, isMainFrame, allowedHosts: this.allowedHosts });
      if (verdict.allowed || (isMainFrame && this.ownFiles.has(event.request.url))) {
        this.cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
        return;
      }
      // Aborted (not "blocked") keeps the page the visitor was on instead of an error page.
      this.cdp
        .send('Fetch.failRequest', { requestId: event.requestId, errorReason: isMainFrame ? 'Aborted' : 'BlockedByClient' })
        .catch(() => undefined);
      if (isMainFrame) {
        this.refusedDuringOpen = true;
        this.events.refused({ reason: verdict.reason, host: verdict.host });
      }
    });
    // HTTP authentication: the browser's login prompt never shows; the visitor is told why.
    this.cdp.on('Fetch.authRequired', (event) => {
      this.cdp
        .send('Fetch.continueWithAuth', { requestId: event.requestId, authChallengeResponse: { response: 'CancelAuth' } })
        .catch(() => undefined);
      this.events.refused({ reason: 'login-prompt', host: hostOf(event.request.url) });
    });
    await this.cdp.send('Fetch.enable', { patterns: [{ resourceType: 'Document', requestStage: 'Request' }], handleAuthRequests: true });
    await denyAllPermissions(this.cdp);

    // Page dialogs: the "leave this page?" question raised by Ctrl+W is refused (the
    // window stays); a site's own leave warning lets the navigation go on; other
    // dialogs get Chromium's default answer.
    this.page.on('dialog', (dialog) => {
      // While the kiosk itself closes this browser, nothing may hold it open.
      const fromCloseShortcut = dialog.type() === 'beforeunload' && Date.now() - this.closeAttemptAt < 3000 && !this.closing;
      void (dialog.type() === 'beforeunload' && !fromCloseShortcut ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
    });
    await this.context.exposeBinding('__kioskCloseAttempt', () => {
      this.closeAttemptAt = Date.now();
    });
    await this.context.addInitScript({ content: lockdownScript() });

    // Files: a download lands in the visitor's own folder (deleted by the wipe); only
    // documents the visitor may need (PDF) are kept, anything else is cancelled.
    this.page.on('download', (download) => {
      const name = download.suggestedFilename();
      if (/\.pdf$/i.test(name)) {
        if (this.showsPdf) void this.showDownloadedPdf(download);
        return;
      }
      // A small file may already be complete when the event arrives: cancel, then delete.
      void download
        .cancel()
        .then(() => download.delete())
        .catch(() => undefined);
      this.events.refused({ reason: 'file-type', host: null });
    });

    // Pop-ups never open: an allowed address is shown in the same window instead.
    // The page script turns window.open and target="_blank" into a request to the
    // kiosk; a pop-up that gets through anyway is closed at once.
    await this.context.exposeBinding('__kioskOpenRequest', (_source, url: unknown) => {
      if (typeof url === 'string') this.openInPlace(url);
    });
    await this.context.addInitScript(keepLinksInPlaceScript);
    this.context.on('page', (popup) => {
      if (popup === this.page) return;
      const target = popup.url();
      void popup.close().catch(() => undefined);
      if (/^https?:/.test(target)) this.openInPlace(target);
    });

    // Taps and keys in the site keep the visitor's session alive.
    await this.context.exposeBinding('__kioskSiteActivity', () => this.events.activity());
    await this.context.addInitScript(reportActivityScript);

    // Text fields for the on-screen keyboard: only the field's kind crosses, never its content.
    // The page could lie about it; the worst it can do is show or hide the keyboard.
    await this.context.exposeBinding('__kioskFieldFocused', (_source, field: unknown) => {
      if (field === null) {
        this.events.fieldFocused(null);
      } else if (typeof field === 'object') {
        const { type, inputMode, autocomplete, byTouch } = field as Record<string, unknown>;
        const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 40) : '');
        this.events.fieldFocused({ mode: keyboardModeForField({ type: text(type), inputMode: text(inputMode), autocomplete: text(autocomplete) }), byTouch: byTouch === true });
      }
    });
    await this.context.addInitScript(reportFieldFocusScript);

    // Documents that are not network requests (blob:, about:, a same-origin data:)
    // never pass the request guard: a page that navigates itself to one is sent back.
    let lastWebPage: string | null = null;
    /** Set by a certificate failure: the warning page that follows is left at once. */
    let leaveNextErrorPage = false;
    this.page.on('framenavigated', (frame) => {
      if (frame !== this.page.mainFrame() || this.allowedHosts.length === 0) return;
      const url = frame.url();
      // A new page has no focused field yet: the on-screen keyboard goes away.
      this.events.fieldFocused(null);
      if (/^https?:/i.test(url)) {
        lastWebPage = url;
        return;
      }
      if (this.ownFiles.has(url)) return;
      if (url.startsWith('chrome-error:') && leaveNextErrorPage) {
        leaveNextErrorPage = false;
        void this.leaveErrorPage();
        return;
      }
      if (url === BLANK_APP_URL || url.startsWith('chrome-error:')) return;
      this.events.refused({ reason: 'scheme', host: null });
      const returnTo = lastWebPage;
      void this.page
        .goBack({ timeout: NAVIGATION_TIMEOUT_MS })
        .catch(() => null)
        .then(async () => {
          // Going back can lose a race with the page's own navigation: then load the last page outright.
          if (!/^https?:/i.test(this.page.url()) && returnTo !== null) await this.page.goto(returnTo, { timeout: NAVIGATION_TIMEOUT_MS });
        })
        .catch(() => undefined);
    });

    // An invalid certificate: the visitor is told, and is never left in front of
    // Chromium's warning page, whose "continue anyway" link would let them through.
    this.page.on('requestfailed', (request) => {
      if (!request.isNavigationRequest() || request.frame() !== this.page.mainFrame()) return;
      if (!/ERR_CERT_|ERR_SSL_/.test(request.failure()?.errorText ?? '')) return;
      this.refusedDuringOpen = true;
      this.events.refused({ reason: 'certificate', host: hostOf(request.url()) });
      if (this.page.url().startsWith('chrome-error:')) void this.leaveErrorPage();
      else leaveNextErrorPage = true;
    });

    this.page.on('crash', () => this.events.crashed());
    this.context.on('close', () => {
      if (!this.closing) this.events.crashed();
    });
    this.page.on('close', () => {
      if (!this.closing) this.events.crashed();
    });
    this.hangCheck = setInterval(() => void this.checkResponsive(), HANG_CHECK_MS);
  }

  /**
   * A PDF the site sent as a download (an attestation): kept in the visitor's
   * own folder and shown in Chromium's viewer in the same window, where it can
   * be printed; the wipe deletes it with the folder.
   */
  private async showDownloadedPdf(download: Download): Promise<void> {
    try {
      this.shownPdfs += 1;
      const file = join(this.folder, 'downloads', `document-${this.shownPdfs}.pdf`);
      await download.saveAs(file);
      await download.delete();
      const url = pathToFileURL(file).href;
      this.ownFiles.add(url);
      await this.page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS });
    } catch {
      // The visitor left meanwhile, or the download failed: nothing to show.
    }
  }

  /** Back to the last page, or to a blank page when there is none. */
  private async leaveErrorPage(): Promise<void> {
    await this.page.goBack({ timeout: NAVIGATION_TIMEOUT_MS }).catch(() => null);
    if (this.page.url().startsWith('chrome-error:')) await this.page.goto(BLANK_APP_URL).catch(() => undefined);
  }

  /** A page that does not answer a trivial script for a while has hung: treated as a crash. */
  private async checkResponsive(): Promise<void> {
    if (this.closing || this.page.isClosed()) return;
    const answered = await Promise.race([
      this.page.evaluate(() => true).catch(() => true), // a page in the middle of navigating is not hung
      new Promise<false>((resolve) => setTimeout(() => resolve(false), HANG_TIMEOUT_MS)),
    ]);
    if (!answered && !this.closing) this.events.crashed();
  }
}
