import { REVEAL_FOCUSED_FIELD } from '../reveal-field';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Dialog, type Download, type Frame, type Page } from 'playwright-core';
import type { GrantablePermission } from '../../core/config/station-config';
import { describeExternalLink, type ExternalLink } from '../../core/navigation/external-links';
import { checkNavigation, type Refusal } from '../../core/navigation/policy';
import { BLANK_APP_URL, IGNORED_DEFAULT_ARGS, NO_CRASH_REPORT_FLAGS, QUIET_FLAGS, sandboxFlags, surfaceFlags, windowFlags, type WindowBounds } from './launch-flags';
import { BrowserPolicyError, browserPolicyProblems } from './browser-policy-check';
import type { SiteFileRequest, SiteSurfaceRequest } from '../../core/shell';
import { handOver, interceptFileChoosers, type CdpPort } from '../../node/cdp/file-chooser';
import { containedEnv, createKioskProfile } from './chromium-profile';
import { closeOrKill, killProcessesMentioning } from './close-or-kill';
import { denyAllPermissions, grantTilePermissions } from './permissions';
import type { KeyboardMode } from '../../core/contract/keyboard';
import { readFieldReport } from '../../core/page/field-focus';
import { installKioskWorld, visitorMainWorldScript, type KioskWorldHooks } from './page-scripts';
import { WindowPlacement } from './window-placement';
import type { OpenSiteDialog } from '../../core/dialogs/site-dialog-bridge';
import { fromPlaywrightDialog } from '../../node/dialogs/intercepted-dialogs';
import { printPageToPdf } from '../../node/cdp/print-page';
import { DialogFramePairing } from '../../node/dialogs/dialog-frames';
import { documentKey, inlinePdfVerdict, isKeepablePdf, type ResponseHeader } from './inline-pdf';

export interface VisitorBrowserEvents {
  refused(refusal: Refusal): void;
  externalLink(link: ExternalLink): void;
  crashed(): void;
  /** A text field of the site took the focus (null: the focus left the fields). */
  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void;
  /** The site asked for the print dialog (or a file chooser nobody answers); neither opened. */
  surfaceRequested(request: SiteSurfaceRequest): void;
  /** A file input of the site asked for files: the kiosk's picker answers through `give`. */
  fileRequested(request: SiteFileRequest): void;
  /** The site opened a dialog (alert, confirm, prompt, "leave this page?"); the kiosk answers it. */
  dialogOpened(dialog: OpenSiteDialog): void;
  /** The window shows one of the visitor's PDFs (true), or a web page again (false). */
  documentShown(shown: boolean): void;
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
  /** False only where the station's Chromium policies cannot be installed (a demo on a developer's machine). */
  requireBrowserPolicies: boolean;
}

const NAVIGATION_TIMEOUT_MS = 45_000;
const HANG_CHECK_MS = 5_000;
const HANG_TIMEOUT_MS = 10_000;

/** What `passResponse` reads of a `Fetch.requestPaused` at the response stage. */
interface PausedResponse {
  readonly requestId: string;
  readonly request: { readonly url: string; readonly method: string };
  readonly responseStatusCode?: number;
  readonly responseErrorReason?: string;
  readonly responseHeaders?: readonly ResponseHeader[];
}

/** While the kiosk closes this browser: nothing is accepted in the visitor's name; only an alert is closed and the page let go. */
function letDialogGo(dialog: Dialog): Promise<void> {
  return (dialog.type() === 'alert' || dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
}

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
  /** Hosts the démarche's pages may show in frames only (tiles[].frameHosts). */
  private frameHosts: readonly string[] = [];
  private mainFrameId = '';
  private refusedDuringOpen = false;
  private closing = false;
  /** When the visitor last pressed Ctrl+W (or the like): the "leave this page?" question that follows is refused. */
  private closeAttemptAt = 0;
  private hangCheck: NodeJS.Timeout | null = null;
  /** Files of this visitor shown in the window (a downloaded attestation), the only file: pages allowed. */
  private readonly ownFiles = new Set<string>();
  private shownPdfs = 0;
  private printedPages = 0;
  /** The site's dialogs waiting for the kiosk's answer: meanwhile the page's scripts are held, not hung. */
  private openDialogs = 0;
  private lastDialogAnsweredAt = 0;
  /** Out-of-process frames that already have the kiosk's isolated world. */
  private readonly reachedTargets = new Set<string>();
  /** Pairs Playwright's dialogs with the DevTools protocol's reports of them, which name the asking frame. */
  private readonly dialogFrames = new DialogFramePairing();
  /**
   * PDFs the site showed inline (in the viewer), by address without fragment: the copy
   * being written (null: none kept), and the copies written, in the visitor's downloads folder.
   */
  private readonly inlinePdfSaves = new Map<string, Promise<string | null>>();
  private readonly inlinePdfFiles = new Map<string, string>();
  /** One file per address: the same PDF shown again replaces its copy. */
  private readonly inlinePdfFileNames = new Map<string, string>();

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
    const folder = await mkdtemp(join(options.workDir, 'v-'));
    let context: BrowserContext | null = null;
    try {
      const downloads = join(folder, 'downloads');
      context = await chromium.launchPersistentContext(await createKioskProfile(folder, downloads), {
        executablePath: options.executablePath,
        headless: options.headless,
        env: await containedEnv(folder, options.env),
        viewport: null,
        acceptDownloads: true,
        downloadsPath: downloads,
        ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
        // Playwright adds --no-sandbox unless told otherwise: the kiosk user keeps Chromium's sandbox.
        chromiumSandbox: !options.isRoot,
        args: [...QUIET_FLAGS, ...NO_CRASH_REPORT_FLAGS, ...sandboxFlags(options.isRoot), ...surfaceFlags(options.headless), ...windowFlags(options.hiddenBounds), `--app=${BLANK_APP_URL}`],
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      // A browser without the station's policies would let the print preview, file dialogs
      // and the browser's own pages through: it serves nobody.
      if (options.requireBrowserPolicies) {
        const problems = await browserPolicyProblems(page, cdp);
        if (problems.length > 0) throw new BrowserPolicyError(problems);
      }
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
  async open(url: string, allowedHosts: readonly string[], permissions: readonly GrantablePermission[] = [], frameHosts: readonly string[] = []): Promise<void> {
    this.allowedHosts = [...allowedHosts];
    this.frameHosts = [...frameHosts];
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

  /**
   * What the visitor may print: the PDF this window shows (a downloaded attestation, or
   * the copy of one the site shows inline), or the page made into an A4 PDF by this
   * Chromium (`Page.printToPDF`), written into the visitor's own downloads folder, which
   * the wipe deletes with the profile.
   */
  async documentToPrint(): Promise<string> {
    if (this.closing || this.page.isClosed()) throw new Error('the visitor\'s page is gone');
    const shown = this.page.url();
    if (this.ownFiles.has(shown)) return fileURLToPath(shown);
    // A copy still being written is waited for; it counts only if that PDF is still on screen.
    const kept = await this.inlinePdfSaves.get(documentKey(shown));
    if (kept !== undefined && kept !== null && documentKey(this.page.url()) === documentKey(shown)) return kept;
    this.printedPages += 1;
    const file = join(this.folder, 'downloads', `impression-${this.printedPages}.pdf`);
    await mkdir(join(this.folder, 'downloads'), { recursive: true });
    await printPageToPdf(this.cdp as unknown as CdpPort, file);
    return file;
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
    this.guardDocumentRequests(this.cdp, true);
    // HTTP authentication: the browser's login prompt never shows; the visitor is told why.
    this.cdp.on('Fetch.authRequired', (event) => {
      this.cdp
        .send('Fetch.continueWithAuth', { requestId: event.requestId, authChallengeResponse: { response: 'CancelAuth' } })
        .catch(() => undefined);
      this.events.refused({ reason: 'login-prompt', host: hostOf(event.request.url) });
    });
    // Responses too (top session only), for the PDFs the site shows inline: see keepShownPdf.
    await this.cdp.send('Fetch.enable', {
      patterns: [
        { resourceType: 'Document', requestStage: 'Request' },
        { resourceType: 'Document', requestStage: 'Response' },
      ],
      handleAuthRequests: true,
    });
    await denyAllPermissions(this.cdp);
    await this.installSurfaceGuards();

    // Page dialogs go to the kiosk's own panel (core/dialogs/), never the browser's. The
    // "leave this page?" question raised by Ctrl+W is refused at once (the window stays);
    // while the kiosk itself closes this browser, nothing may hold it open.
    this.watchDialogsOn(this.cdp);
    this.page.on('dialog', (dialog) => void this.siteDialog(dialog));
    // The page's own world gets the API locks only; everything that talks to the kiosk
    // (keys, links, field focus) runs in the kiosk's isolated world, out of the site's reach.
    await this.context.addInitScript({ content: visitorMainWorldScript() });
    await installKioskWorld(this.cdp, this.worldHooks());
    // Frames in other processes are targets of their own: each gets the isolated world too.
    this.page.on('framenavigated', (frame) => {
      if (frame !== this.page.mainFrame()) void this.reachFrame(frame);
    });

    // Files: a download lands in the visitor's own folder (deleted by the wipe); only
    // documents the visitor may need (PDF) are kept, anything else is cancelled.
    this.page.on('download', (download) => {
      const name = download.suggestedFilename();
      if (/\.pdf$/i.test(name)) {
        if (this.showsPdf) void this.showDownloadedPdf(download);
        else void this.keepDownloadedPdf(download);
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
    // The page scripts turn window.open and target="_blank" into a request to the
    // kiosk; a pop-up that gets through anyway is closed at once.
    this.context.on('page', (popup) => {
      if (popup === this.page) return;
      const target = popup.url();
      void popup.close().catch(() => undefined);
      if (/^https?:/.test(target)) this.openInPlace(target);
    });

    // No page script speaks for the visitor's presence: the idle timer reads the
    // input devices (ChromiumShell.realInputIdleMs).

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
      this.events.documentShown(this.ownFiles.has(url) || this.inlinePdfFiles.has(documentKey(url)));
      if (/^https?:/i.test(url)) {
        // What committed is what counts (a prerendered or restored page made no request the guard saw).
        const verdict = checkNavigation({ url, isMainFrame: true, allowedHosts: this.allowedHosts });
        if (!verdict.allowed) {
          this.events.refused({ reason: verdict.reason, host: verdict.host });
          void this.leaveForbiddenPage(lastWebPage);
          return;
        }
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
   * A dialog of the site (Playwright's event, from any frame): named on the panel with
   * the host of the frame that asked, which the DevTools protocol's report of the same
   * dialog gives (dialog-frames.ts), never the top page's on a frame's behalf.
   */
  private async siteDialog(dialog: Dialog): Promise<void> {
    // Always asked, so this dialog's report is used up and never taken for a later one's.
    const asking = this.dialogFrames.frameUrlOf({ type: dialog.type(), message: dialog.message(), defaultPrompt: dialog.defaultValue() });
    if (this.closing) {
      await letDialogGo(dialog);
      return;
    }
    if (dialog.type() === 'beforeunload' && Date.now() - this.closeAttemptAt < 3000) {
      await dialog.dismiss().catch(() => undefined);
      return;
    }
    // A page waiting for its question's answer is not hung (checkResponsive), from now on.
    this.openDialogs += 1;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      this.openDialogs -= 1;
      this.lastDialogAnsweredAt = Date.now();
    };
    const open = fromPlaywrightDialog(dialog, this.askingUrlOr(await asking));
    if (open === null || this.closing) {
      settle();
      await (open === null ? dialog.dismiss().catch(() => undefined) : letDialogGo(dialog));
      return;
    }
    this.events.dialogOpened({
      request: open.request,
      answer: async (answer) => {
        settle();
        await open.answer(answer);
      },
    });
  }

  /**
   * The asking frame's address, or what stands for it when the protocol did not say:
   * the top page's only when every frame of the page shows the top page's host (then
   * nobody else could have asked), else '' (the panel names no host).
   */
  private askingUrlOr(paired: string | null): string {
    if (paired !== null) return paired;
    const top = this.page.url();
    const topHost = hostOf(top);
    const alone = topHost !== null && this.page.frames().every((frame) => hostOf(frame.url()) === topHost);
    return alone ? top : '';
  }

  /** The DevTools protocol's reports of dialogs on one session (the page's, or an out-of-process frame's; Page is enabled on both). */
  private watchDialogsOn(session: CDPSession): void {
    session.on('Page.javascriptDialogOpening', (event) => {
      this.dialogFrames.sighted({ type: event.type, message: event.message, defaultPrompt: event.defaultPrompt ?? '', url: event.url });
    });
  }

  /** What the kiosk's isolated world reports. */
  private worldHooks(): KioskWorldHooks {
    return {
      closeAttempt: () => {
        this.closeAttemptAt = Date.now();
      },
      openRequest: (url) => this.openInPlace(url),
      printRequest: () => this.events.surfaceRequested('print'),
      // Text fields for the on-screen keyboard: only the field's kind crosses, never its content;
      // a report that is not exactly one (core/page/field-focus.ts) is ignored.
      fieldFocused: (payload) => {
        const field = readFieldReport(payload);
        if (field !== undefined) this.events.fieldFocused(field);
      },
    };
  }

  /** The file choosers of the pages a DevTools session reaches go to the kiosk's picker; the files go back through the same session. */
  private async interceptFilesOn(session: CDPSession): Promise<void> {
    const port = session as unknown as CdpPort;
    await interceptFileChoosers(
      port,
      (request) => {
        if (this.closing) return;
        this.events.fileRequested({
          accept: request.accept,
          multiple: request.multiple,
          give: async (files) => {
            if (this.closing) throw new Error('the visitor browser is closing');
            const handed = await handOver(port, request, files);
            if (!handed.ok) throw new Error(`refused as handed over: ${handed.problems.map((problem) => problem.code).join(', ')}`);
          },
        });
      },
      () => this.events.surfaceRequested('file'),
    );
  }

  /** An out-of-process frame (its own DevTools target) gets the isolated world once per target. */
  private async reachFrame(frame: Frame): Promise<void> {
    let session: CDPSession;
    try {
      session = await this.context.newCDPSession(frame);
    } catch {
      return; // a frame in the page's own process: the page's target already covers it
    }
    try {
      const { targetInfo } = await session.send('Target.getTargetInfo');
      if (this.reachedTargets.has(targetInfo.targetId)) {
        await session.detach();
        return;
      }
      this.reachedTargets.add(targetInfo.targetId);
      this.watchDialogsOn(session);
      await installKioskWorld(session, this.worldHooks());
      await this.interceptFilesOn(session);
    } catch {
      // The frame went away meanwhile.
    }
  }

  // --- Issue 9: what commits in every frame, and the browser's own surfaces -----------------

  /**
   * Pauses every document request of the frames a DevTools session reaches (each
   * redirect hop included) and lets through only what the policy allows: the tile's
   * hosts in the top page, those and its frame hosts in frames.
   */
  private guardDocumentRequests(session: CDPSession, isTopSession: boolean): void {
    session.on('Fetch.requestPaused', (event) => {
      const isMainFrame = isTopSession && event.frameId === this.mainFrameId;
      // A response (only the top session asks for them): already allowed as a request.
      if (event.responseStatusCode !== undefined || event.responseErrorReason !== undefined) {
        void this.passResponse(session, event, isMainFrame);
        return;
      }
      const verdict = checkNavigation({ url: event.request.url, isMainFrame, allowedHosts: this.allowedHosts, frameHosts: this.frameHosts });
      if (verdict.allowed || (isMainFrame && this.ownFiles.has(event.request.url))) {
        session.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
        return;
      }
      // Aborted (not "blocked") keeps the page the visitor was on instead of an error page.
      session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: isMainFrame ? 'Aborted' : 'BlockedByClient' }).catch(() => undefined);
      if (isMainFrame) {
        this.refusedDuringOpen = true;
        this.events.refused({ reason: verdict.reason, host: verdict.host });
      }
    });
  }

  /** Frames already given their own request guard (frames in another process have their own DevTools target). */
  private readonly guardedFrames = new WeakSet<Frame>();

  /**
   * Frames: what commits in any frame, in any process (cross-site and sandboxed frames
   * live in processes of their own), is checked; a frame showing a host outside the
   * tile's hosts and frame hosts is emptied at once. A frame in its own process also
   * gets the request guard, so its later navigations are refused before they leave.
   * Print and file requests: the native dialogs never open (policy, DevTools), the
   * visitor is told.
   */
  private async installSurfaceGuards(): Promise<void> {
    this.page.on('framenavigated', (frame) => {
      if (frame === this.page.mainFrame()) return;
      void this.checkFrame(frame);
    });

    // A link or image dragged out of the site never starts a drag the system sees, so it
    // can never be dropped on the kiosk toolbar (which would open a tabbed window).
    await this.cdp.send('Input.setInterceptDrags', { enabled: true }).catch(() => undefined);

    // The native file chooser (<input type=file>) is replaced by the kiosk's picker, through
    // the DevTools protocol (node/cdp/file-chooser.ts): nothing of the machine's files is
    // shown; what the visitor picks is checked again as it is handed over. Frames in other
    // processes get the same when they are reached (reachFrame); before that, the station's
    // policy (AllowFileSelectionDialogs) keeps their native dialog shut.
    await this.interceptFilesOn(this.cdp);
    // Print requests come through the kiosk's isolated world (worldHooks, site-surfaces.ts).
  }

  private async checkFrame(frame: Frame): Promise<void> {
    if (this.allowedHosts.length === 0 || frame.isDetached()) return;
    const url = frame.url();
    const verdict = checkNavigation({ url, isMainFrame: false, allowedHosts: this.allowedHosts, frameHosts: this.frameHosts });
    if (!verdict.allowed) {
      // Never the address itself (privacy): its host is enough to tell what was refused.
      await frame.goto('about:blank', { timeout: NAVIGATION_TIMEOUT_MS }).catch(() => undefined);
      return;
    }
    // Sandboxed frames (srcdoc included) run in a process of their own too.
    if (this.guardedFrames.has(frame)) return;
    this.guardedFrames.add(frame);
    // Only a frame with a process of its own has a session; the others are the top guard's.
    const session = await this.context.newCDPSession(frame).catch(() => null);
    if (session === null) return;
    this.guardDocumentRequests(session, false);
    await session.send('Fetch.enable', { patterns: [{ resourceType: 'Document', requestStage: 'Request' }] }).catch(() => undefined);
    await session.send('Input.setInterceptDrags', { enabled: true }).catch(() => undefined);
  }

  /** The top page committed a forbidden host without a request the guard saw: back to the last allowed page. */
  private async leaveForbiddenPage(lastAllowed: string | null): Promise<void> {
    await this.page.goBack({ timeout: NAVIGATION_TIMEOUT_MS }).catch(() => null);
    const now = this.page.url();
    const stillForbidden = !checkNavigation({ url: now, isMainFrame: true, allowedHosts: this.allowedHosts }).allowed;
    if (stillForbidden) await this.page.goto(lastAllowed ?? BLANK_APP_URL, { timeout: NAVIGATION_TIMEOUT_MS }).catch(() => undefined);
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

  /**
   * A document response of the top session, let through once read: a PDF the main frame
   * shows inline is kept first (keepShownPdf), from this very response, so the site is
   * not asked twice. Anything else at that address forgets a copy kept before.
   */
  private async passResponse(session: CDPSession, event: PausedResponse, isMainFrame: boolean): Promise<void> {
    try {
      if (!isMainFrame || event.responseErrorReason !== undefined) return;
      const key = documentKey(event.request.url);
      const verdict = inlinePdfVerdict(event.responseStatusCode ?? 0, event.responseHeaders ?? []);
      // Headless shows no PDF: the browser downloads it, and the download is kept instead.
      if (verdict === 'keep' && this.showsPdf && !this.closing) {
        const body = await session
          .send('Fetch.getResponseBody', { requestId: event.requestId })
          .then((answer) => Buffer.from(answer.body, answer.base64Encoded ? 'base64' : 'utf8'))
          .catch(() => null);
        // Asked again only where that is harmless: a GET (never a form sent twice).
        void this.keepShownPdf(key, body ?? (event.request.method === 'GET' ? event.request.url : null));
      } else if (verdict !== 'download') {
        this.inlinePdfSaves.delete(key);
        this.inlinePdfFiles.delete(key);
      }
    } finally {
      await session.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
    }
  }

  /**
   * A PDF the site shows inline, in the viewer: a copy goes into the visitor's downloads
   * folder (deleted with it at the wipe), so the toolbar offers to print it and prints the
   * PDF itself. From the response's own body (`source`); when the protocol could not give
   * it, the address to ask again with the visitor's cookies (or null: nothing to keep).
   * Only a PDF within the size cap is kept.
   */
  private async keepShownPdf(key: string, source: Buffer | string | null): Promise<void> {
    this.inlinePdfFiles.delete(key);
    const saving = (async (): Promise<string | null> => {
      const bytes = typeof source === 'string' ? await this.requestPdfAgain(source) : source;
      if (bytes === null || !isKeepablePdf(bytes) || this.closing) return null;
      const downloads = join(this.folder, 'downloads');
      // Not recursive: once the wipe has deleted the visitor's folder nothing may recreate it.
      await mkdir(downloads).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      const file = this.inlinePdfFileNames.get(key) ?? join(downloads, `document-${(this.shownPdfs += 1)}.pdf`);
      this.inlinePdfFileNames.set(key, file);
      await writeFile(file, bytes, { mode: 0o600 });
      return file;
    })().catch(() => null);
    this.inlinePdfSaves.set(key, saving);
    const file = await saving;
    // A later response at the same address, or another page meanwhile: this copy is not what is shown.
    if (file === null || this.inlinePdfSaves.get(key) !== saving || this.closing) return;
    this.inlinePdfFiles.set(key, file);
    if (!this.page.isClosed() && documentKey(this.page.url()) === key) this.events.documentShown(true);
  }

  /** The fallback: the same address asked with the browser context's cookies, no redirect followed. */
  private async requestPdfAgain(url: string): Promise<Buffer | null> {
    if (!checkNavigation({ url, isMainFrame: true, allowedHosts: this.allowedHosts }).allowed) return null;
    const response = await this.context.request.get(url, { maxRedirects: 0, timeout: NAVIGATION_TIMEOUT_MS, failOnStatusCode: false }).catch(() => null);
    if (response === null) return null;
    try {
      return inlinePdfVerdict(response.status(), response.headersArray()) === 'keep' ? await response.body() : null;
    } catch {
      return null;
    } finally {
      await response.dispose().catch(() => undefined);
    }
  }

  /**
   * Headless (no PDF viewer): the PDF is kept under its document name in the
   * visitor's downloads folder, where the file picker offers it ("Documents de
   * cette visite"), as the headed browser's viewer copy is.
   */
  private async keepDownloadedPdf(download: Download): Promise<void> {
    try {
      this.shownPdfs += 1;
      await download.saveAs(join(this.folder, 'downloads', `document-${this.shownPdfs}.pdf`));
    } catch {
      // The visitor left meanwhile, or the download failed.
    }
  }

  /** Back to the last page, or to a blank page when there is none. */
  private async leaveErrorPage(): Promise<void> {
    await this.page.goBack({ timeout: NAVIGATION_TIMEOUT_MS }).catch(() => null);
    if (this.page.url().startsWith('chrome-error:')) await this.page.goto(BLANK_APP_URL).catch(() => undefined);
  }

  /** A page that does not answer a trivial script for a while has hung: treated as a crash. */
  private async checkResponsive(): Promise<void> {
    if (this.closing || this.page.isClosed() || this.openDialogs > 0) return;
    const answered = await Promise.race([
      this.page.evaluate(() => true).catch(() => true), // a page in the middle of navigating is not hung
      new Promise<false>((resolve) => setTimeout(() => resolve(false), HANG_TIMEOUT_MS)),
    ]);
    // A question asked while the check waited held the page, not a hang.
    if (!answered && !this.closing && this.openDialogs === 0 && Date.now() - this.lastDialogAnsweredAt > HANG_TIMEOUT_MS) this.events.crashed();
  }
}
