import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { KIOSK_ACTIONS, isKioskAction, type KioskAction } from '../../core/contract/kiosk-api';
import type { KioskView } from '../../core/contract/kiosk-view';
import { createUiRequestHandler } from '../../node/ui-files';
import { BLANK_APP_URL, IGNORED_DEFAULT_ARGS, NO_CRASH_REPORT_FLAGS, QUIET_FLAGS, sandboxFlags, surfaceFlags, windowFlags, type WindowBounds } from './launch-flags';
import { browserPolicyProblems } from './browser-policy-check';
import { containedEnv, createKioskProfile } from './chromium-profile';
import { closeOrKill } from './close-or-kill';
import { lockdownScript } from './page-scripts';
import { WindowPlacement } from './window-placement';

/** The kiosk UI's address in the Chromium shell. Nothing listens there: requests are answered from dist/renderer. */
export const KIOSK_UI_ORIGIN = 'http://kiosk.localhost';

type UiRequestHandler = ReturnType<typeof createUiRequestHandler>;

export type ActionHandler = (action: KioskAction, args: unknown[]) => Promise<unknown>;

export interface KioskUiWindowOptions {
  executablePath: string;
  headless: boolean;
  rendererDir: string;
  workDir: string;
  bounds: WindowBounds;
  isRoot: boolean;
  env: NodeJS.ProcessEnv;
  /** Read the station's Chromium policies at start (see `policyProblems`). */
  checkBrowserPolicies: boolean;
}

/**
 * The trusted kiosk UI in its own Chromium process and app window. Its pages
 * come only from dist/renderer (every other request is refused), and the only
 * way out of the page is `window.kiosk`, bound to the controller's actions.
 */
export class KioskUiWindow {
  private constructor(
    private readonly folder: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly window: WindowPlacement,
    /** The station's Chromium policies missing in this browser (empty: all in force, or not checked). */
    readonly policyProblems: readonly string[] = [],
  ) {}

  static async launch(options: KioskUiWindowOptions, handleAction: ActionHandler): Promise<KioskUiWindow> {
    const folder = await mkdtemp(join(options.workDir, 'ui-'));
    const context = await chromium.launchPersistentContext(await createKioskProfile(folder, null), {
      executablePath: options.executablePath,
      headless: options.headless,
      env: await containedEnv(folder, options.env),
      viewport: null,
      acceptDownloads: false,
      ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
      // Playwright adds --no-sandbox unless told otherwise: the kiosk user keeps Chromium's sandbox.
      chromiumSandbox: !options.isRoot,
      args: [...QUIET_FLAGS, ...NO_CRASH_REPORT_FLAGS, ...sandboxFlags(options.isRoot), ...surfaceFlags(options.headless), ...windowFlags(options.bounds), `--app=${BLANK_APP_URL}`],
    });
    try {
      // Read before the kiosk UI loads (the shell puts the station out of order when one is missing).
      const first = context.pages()[0] ?? (await context.newPage());
      const policyProblems = options.checkBrowserPolicies ? await browserPolicyProblems(first, await context.newCDPSession(first)) : [];
      const handle = createUiRequestHandler(options.rendererDir, { protocol: 'http:', host: new URL(KIOSK_UI_ORIGIN).host });
      await context.route('**/*', (route) => serveKioskUi(route, handle));
      const page = context.pages()[0] ?? (await context.newPage());
      await context.exposeBinding('__kioskInvoke', async (source, action: unknown, args: unknown) => {
        // Only the kiosk page's own top frame may act; a frame or another page may not.
        if (source.page !== page || source.frame !== page.mainFrame() || !isKioskAction(action) || !Array.isArray(args)) {
          throw new Error('refused');
        }
        return handleAction(action, args);
      });
      await context.addInitScript(installKioskBridge, [...KIOSK_ACTIONS]);
      // The kiosk UI is an app window too: the same keys are closed, and Ctrl+W's
      // "leave this page?" question is always refused.
      let closeAttemptAt = 0;
      await context.exposeBinding('__kioskCloseAttempt', () => {
        closeAttemptAt = Date.now();
      });
      await context.addInitScript({ content: lockdownScript() });
      page.on('dialog', (dialog) => {
        // Refused only right after Ctrl+W, and never while the kiosk itself closes this window.
        const refuse = dialog.type() !== 'beforeunload' || (Date.now() - closeAttemptAt < 3000 && !ui.isClosing);
        void (refuse ? dialog.dismiss() : dialog.accept()).catch(() => undefined);
      });
      const window = await WindowPlacement.of(context, page);
      const ui = new KioskUiWindow(folder, context, page, window, policyProblems);
      await page.goto(`${KIOSK_UI_ORIGIN}/index.html`);
      // A crashed UI page is simply loaded again: the view comes back from getView().
      page.on('crash', () => void page.reload().catch(() => ui.lost()));
      page.on('close', () => ui.lost());
      context.on('close', () => ui.lost());
      return ui;
    } catch (error) {
      await context.close().catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  private lostListener: (() => void) | null = null;
  private closing = false;

  /** Called once if the window or its browser goes away without close(). */
  onLost(listener: () => void): void {
    this.lostListener = listener;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  lost(): void {
    if (this.closing) return;
    this.closing = true;
    this.lostListener?.();
  }

  /** Pushes a view to the page; a page still loading will ask for it with getView(). */
  publish(view: KioskView): void {
    this.page
      .evaluate((next) => {
        const receive = (globalThis as unknown as { __kioskReceiveView?: (view: unknown) => void }).__kioskReceiveView;
        receive?.(next);
      }, view)
      .catch(() => undefined);
  }

  /**
   * Forgets what a visitor left in the kiosk UI's browser, which lives all day:
   * any window but the kiosk's own (closed), cookies and storage (cleared), and
   * text selected on the page (unselected; the X selections are emptied by the shell).
   */
  async forgetVisitor(): Promise<void> {
    // Independent round trips to one browser, and files: at once, not one after the other
    // (the wipe screen waits for this step).
    await Promise.all([
      ...this.context.pages().filter((other) => other !== this.page).map((other) => other.close().catch(() => undefined)),
      this.context.clearCookies(),
      this.clearUiOriginStorage(),
      this.page.evaluate(() => (globalThis as unknown as { getSelection(): { removeAllRanges(): void } | null }).getSelection()?.removeAllRanges()),
      this.deleteCrashReports(),
    ]);
  }

  private async clearUiOriginStorage(): Promise<void> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      await cdp.send('Storage.clearDataForOrigin', { origin: KIOSK_UI_ORIGIN, storageTypes: 'all' });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /** A crash of this browser during the visit left a dump (its home is in its own folder): gone too. */
  private async deleteCrashReports(): Promise<void> {
    const reports = join(this.folder, 'home', '.config', 'chromium', 'Crash Reports');
    await Promise.all(
      ['pending', 'completed', 'new', 'attachments'].map(async (kind) => {
        await rm(join(reports, kind), { recursive: true, force: true });
        if (existsSync(reports)) await mkdir(join(reports, kind), { recursive: true });
      }),
    );
  }

  /** Proof that the UI's browser holds nothing of a visitor: one window, no cookie, no storage. Throws with the reason. */
  async verifyHoldsNothing(): Promise<void> {
    const pages = this.context.pages().length;
    if (pages !== 1) throw new Error(`the kiosk UI's browser has ${pages} windows`);
    const cookies = (await this.context.cookies()).length;
    if (cookies > 0) throw new Error(`the kiosk UI's browser holds ${cookies} cookie(s)`);
    const stored = await this.page.evaluate(async () => {
      const scope = globalThis as unknown as {
        localStorage: { length: number };
        sessionStorage: { length: number };
        indexedDB: { databases(): Promise<unknown[]> };
        getSelection(): { toString(): string } | null;
      };
      return {
        local: scope.localStorage.length,
        session: scope.sessionStorage.length,
        databases: (await scope.indexedDB.databases()).length,
        selected: scope.getSelection()?.toString().length ?? 0,
      };
    });
    const left = Object.entries(stored).filter(([, count]) => count > 0);
    if (left.length > 0) throw new Error(`the kiosk UI still holds ${left.map(([what, count]) => `${what}: ${count}`).join(', ')}`);
  }

  async close(): Promise<void> {
    this.closing = true;
    await closeOrKill(() => this.context.close(), this.folder);
    await rm(this.folder, { recursive: true, force: true });
  }
}

/** Answers the UI page's requests from dist/renderer; anything else is refused. */
async function serveKioskUi(route: Route, handle: UiRequestHandler): Promise<void> {
  const request = route.request();
  if (!request.url().startsWith(`${KIOSK_UI_ORIGIN}/`)) {
    await route.abort('blockedbyclient');
    return;
  }
  const response = await handle({ url: request.url(), method: request.method() });
  await route.fulfill({
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: Buffer.from(await response.arrayBuffer()),
  });
}

/**
 * Runs in the kiosk page before its scripts: builds `window.kiosk` (the
 * KioskApi contract) on top of the one binding the shell exposes. Exported for
 * the UI test harness, which serves the same bridge with a fake main process.
 */
export function installKioskBridge(actions: string[]): void {
  type Listener = (view: unknown) => void;
  const page = globalThis as unknown as {
    __kioskInvoke: (action: string, args: unknown[]) => Promise<unknown>;
    __kioskReceiveView?: (view: unknown) => void;
    kiosk?: unknown;
  };
  const listeners = new Set<Listener>();
  const api: Record<string, unknown> = {
    onViewChanged(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const action of actions) {
    api[action] = (...args: unknown[]) => page.__kioskInvoke(action, args);
  }
  page.__kioskReceiveView = (view) => {
    for (const listener of listeners) listener(view);
  };
  page.kiosk = Object.freeze(api);
}
