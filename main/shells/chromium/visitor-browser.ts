import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { checkNavigation, type RefusalReason } from '../../core/navigation/policy';
import { BLANK_APP_URL, IGNORED_DEFAULT_ARGS, QUIET_FLAGS, sandboxFlags, windowFlags, type WindowBounds } from './launch-flags';
import { createKioskProfile } from './chromium-profile';
import { WindowPlacement } from './window-placement';

export interface VisitorBrowserEvents {
  activity(): void;
  refused(refusal: { reason: RefusalReason; host: string | null }): void;
  crashed(): void;
}

export interface VisitorBrowserOptions {
  executablePath: string;
  headless: boolean;
  /** Parent folder of every visitor's throw-away folder. */
  workDir: string;
  /** Where the window waits until the visitor opens a démarche. */
  hiddenBounds: WindowBounds;
  isRoot: boolean;
}

const NAVIGATION_TIMEOUT_MS = 45_000;

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

  private constructor(
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
        viewport: null,
        acceptDownloads: true,
        downloadsPath: downloads,
        ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
        args: [...QUIET_FLAGS, ...sandboxFlags(options.isRoot), ...windowFlags(options.hiddenBounds), `--app=${BLANK_APP_URL}`],
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const window = await WindowPlacement.of(context, page);
      const browser = new VisitorBrowser(folder, context, page, cdp, window, events);
      await browser.installGuards();
      return browser;
    } catch (error) {
      await context?.close().catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** Opens a démarche's address; later navigations are held to `allowedHosts`. */
  async open(url: string, allowedHosts: readonly string[]): Promise<void> {
    this.allowedHosts = [...allowedHosts];
    this.refusedDuringOpen = false;
    try {
      await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: NAVIGATION_TIMEOUT_MS });
    } catch (error) {
      // A redirect we refused aborts the load; the refusal is already on screen.
      if (this.refusedDuringOpen) return;
      throw error;
    }
  }

  /** Ends the browser process; its folder goes with `deleteFolder`. */
  async close(): Promise<void> {
    this.closing = true;
    await this.context.close();
  }

  async deleteFolder(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }

  /** What a pop-up or a `target="_blank"` link asked to open, shown in the same window if allowed. */
  private openInPlace(url: string): void {
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
      if (verdict.allowed) {
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
    await this.cdp.send('Fetch.enable', { patterns: [{ resourceType: 'Document', requestStage: 'Request' }] });

    // Pop-ups never open: an allowed address is shown in the same window instead.
    // The page script turns window.open and target="_blank" into a request to the
    // kiosk; a pop-up that gets through anyway is closed at once.
    await this.context.exposeBinding('__kioskOpenRequest', (_source, url: unknown) => {
      if (typeof url === 'string') this.openInPlace(url);
    });
    await this.context.addInitScript(keepPopupsInPlaceScript);
    this.context.on('page', (popup) => {
      if (popup === this.page) return;
      const target = popup.url();
      void popup.close().catch(() => undefined);
      if (/^https?:/.test(target)) this.openInPlace(target);
    });

    // Taps and keys in the site keep the visitor's session alive.
    await this.context.exposeBinding('__kioskSiteActivity', () => this.events.activity());
    await this.context.addInitScript(reportActivityScript);
    await this.context.addInitScript(pinWindowScript);

    this.page.on('crash', () => this.events.crashed());
    this.context.on('close', () => {
      if (!this.closing) this.events.crashed();
    });
  }
}

/** Runs in every site document: tells the kiosk, at most once a second, that someone is there. */
function reportActivityScript(): void {
  // Typed by hand: this file is compiled for Node, without the DOM library.
  const page = globalThis as unknown as {
    __kioskSiteActivity?: () => void;
    addEventListener(type: string, listener: () => void, options: { capture: boolean; passive: boolean }): void;
  };
  const report = page.__kioskSiteActivity;
  if (typeof report !== 'function') return;
  let last = 0;
  const onActivity = (): void => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    report();
  };
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart']) {
    page.addEventListener(type, onActivity, { capture: true, passive: true });
  }
}

/**
 * Runs in every site document: an app window may move and resize itself, and a
 * site must not slide over the kiosk toolbar. The shell also puts the window
 * back if it drifts anyway (see ChromiumShell's placement guard).
 */
function pinWindowScript(): void {
  for (const name of ['moveTo', 'moveBy', 'resizeTo', 'resizeBy']) {
    Object.defineProperty(globalThis, name, { value: () => undefined, writable: false, configurable: false });
  }
}

/** Runs in every site document: new windows and tabs become requests to open in place. */
function keepPopupsInPlaceScript(): void {
  type Element = { closest(selector: string): Element | null; getAttribute(name: string): string | null; href?: string; target?: string };
  const page = globalThis as unknown as {
    __kioskOpenRequest?: (url: string) => void;
    location: { href: string };
    addEventListener(type: string, listener: (event: { target: unknown; preventDefault(): void }) => void, capture: boolean): void;
  };
  const request = page.__kioskOpenRequest;
  if (typeof request !== 'function') return;
  const resolve = (url: unknown): string => {
    try {
      return new URL(String(url), page.location.href).href;
    } catch {
      return String(url);
    }
  };
  Object.defineProperty(globalThis, 'open', {
    value: (url?: unknown) => {
      if (url !== undefined && url !== '') request(resolve(url));
      return null;
    },
    writable: false,
    configurable: false,
  });
  const inPlace = (target: string | null): boolean => target === null || target === '' || /^_(self|top|parent)$/i.test(target);
  page.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href][target], area[href][target]');
      if (link === null || link === undefined || inPlace(link.getAttribute('target'))) return;
      event.preventDefault();
      request(resolve(link.href));
    },
    true,
  );
  page.addEventListener(
    'submit',
    (event) => {
      const form = event.target as Element;
      if (!inPlace(form.getAttribute('target'))) form.target = '_self';
    },
    true,
  );
}
