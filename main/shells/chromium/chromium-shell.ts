import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GrantablePermission } from '../../core/config/station-config';
import type { KioskAction } from '../../core/contract/kiosk-api';
import type { KioskView } from '../../core/contract/kiosk-view';
import type { KeyboardInput } from '../../core/contract/keyboard';
import { layoutRects, placementOrder, type Rect, type ScreenSize } from '../../core/contract/layout';
import type { KioskLog } from '../../core/log';
import type { KioskLayout, KioskShell, ShellEvents } from '../../core/shell';
import { notPerformed, type WipeOperation, type NotPerformed, type WipeOperations } from '../../core/wipe/wipe-steps';
import { killProcessesMentioning } from './close-or-kill';
import { startXInputFilter, type XInputFilter } from '../../node/x-input-filter';
import { KioskUiWindow } from './kiosk-ui-window';
import type { WindowBounds } from './launch-flags';
import { VisitorBrowser, type VisitorBrowserOptions } from './visitor-browser';
import type { AttachmentDesk } from '../../core/attachments/desk';
import { NodeAttachmentDesk, type AttachmentDeskOptions } from '../../node/attachments/attachment-desk';
import { offScreen } from './window-placement';
import { readXInputIdleMs } from './x-input-idle';
import { verifyContainedBrowser } from './chromium-profile';
import { clearSelections, readLockKeys, resetLockKeys, verifyLockKeys, verifySelectionsEmpty, type LockKeys } from './x-session';

export interface ChromiumShellOptions {
  executablePath: string;
  headless: boolean;
  /** The built kiosk UI (dist/renderer). */
  rendererDir: string;
  /** Screen size in CSS pixels; read from the screen when absent. */
  display?: { width: number; height: number };
  /** False on an out-of-order station: no visitor browser is started at all. */
  serveVisitors: boolean;
  /** The X display to open windows on, when not the process's own DISPLAY. */
  xDisplay?: string;
  /** Where this launch's profiles go (main/node/launch-folder.ts); the temporary directory when absent. */
  workParent?: string;
  /**
   * Where a person's input is read (milliseconds since the last one). Default:
   * headed, the X server's idle counter; headless, nothing (`Infinity`: a
   * headless browser has no input device, and the input a test harness sends
   * through the DevTools protocol is no person's). A test harness that wants
   * its input to count passes its own count here.
   */
  inputIdle?: () => Promise<number>;
  /**
   * Serve visitors only when the station's Chromium policies are in force
   * (build/linux/chromium-policies/). Default true; false only for the demo on a
   * developer's machine, which logs a warning.
   */
  requireBrowserPolicies?: boolean;
  /** The kiosk's file picker: the station's documents keys (USB key folder, scanner), and test tools. */
  attachments?: Omit<AttachmentDeskOptions, 'visitFolders'>;
  /**
   * Headed: the staff chord heard by the station's input filter, whatever window has the
   * keyboard (the official site's too): the controller's way in. A capability the starter
   * hands the shell, not a kiosk action, so no page can call it. Headless, the kiosk UI's
   * own listener hears the chord (it sends the `staffWayIn` action).
   */
  staffWayIn?: () => void;
  log: KioskLog;
}

const DEFAULT_DISPLAY = { width: 1280, height: 800 };
/** How often the windows are checked against where the kiosk put them. */
const PLACEMENT_CHECK_MS = 1000;
/** How long closing the kiosk may take before its browsers are ended by force. */
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * The kiosk on the distribution's Chromium, for machines without an Electron
 * binary. Two app windows that never overlap: the trusted kiosk UI on top,
 * the visitor's site below it. Each visitor gets a fresh browser context: a
 * whole Chromium process with a throw-away profile, because only a process's
 * first window can be an app window without an address bar. The next
 * visitor's browser is started in advance, so the wipe only has to close and
 * delete the last one.
 */
export class ChromiumShell implements KioskShell {
  private events: ShellEvents | null = null;
  private current: VisitorBrowser | null = null;
  private next: Promise<VisitorBrowser> | null = null;
  /**
   * The next visitor's browser while the wipe takes it: still starting (a visit
   * shorter than a browser's start), then placed and proved clean. It becomes
   * `current` only once proved clean; a site opens only then.
   */
  private taking: Promise<VisitorBrowser> | null = null;
  /** The spare has started and can be taken at once. */
  private nextStarted = false;
  private display = DEFAULT_DISPLAY;
  private layout: KioskLayout = 'full';
  /** Where the two windows are now (null: the site window is off screen). */
  private placed: { ui: Rect; site: Rect | null } = { ui: { x: 0, y: 0, ...DEFAULT_DISPLAY }, site: null };
  private readonly isRoot = process.getuid?.() === 0;
  private placementGuard: NodeJS.Timeout | null = null;
  /** The station's Chromium policies or its input filter are not in force: this kiosk serves nobody. */
  refusedForPolicies = false;
  private inputFilter: XInputFilter | null = null;
  private closed = false;
  /** Headed: the lock keys each visitor finds (Caps Lock off, Num Lock as the station started). */
  private lockKeysAtStart: LockKeys | null = null;
  /** The file picker's sources; the visitor's copies and scans live in the visitor browser's folder. */
  private readonly desk: NodeAttachmentDesk;

  private constructor(
    private readonly options: ChromiumShellOptions,
    private readonly workDir: string,
    private readonly handleAction: (action: KioskAction, args: unknown[]) => Promise<unknown>,
    private ui: KioskUiWindow | null = null,
  ) {
    this.desk = new NodeAttachmentDesk({
      documents: options.attachments?.documents,
      ...options.attachments,
      visitFolders: () => (this.current === null ? null : { downloads: join(this.current.folder, 'downloads'), own: this.current.folder }),
    });
  }

  attachmentDesk(): AttachmentDesk {
    return this.desk;
  }

  /** The file picker's desk, for tests. */
  get attachments(): NodeAttachmentDesk {
    return this.desk;
  }

  /** Starts the kiosk UI window; `handleAction` receives every `window.kiosk` call. */
  static async launch(
    options: ChromiumShellOptions,
    handleAction: (action: KioskAction, args: unknown[]) => Promise<unknown>,
  ): Promise<ChromiumShell> {
    if (!existsSync(options.executablePath)) {
      throw new Error(
        `Chromium not found at ${options.executablePath}: install it (apt-get install chromium) or set KIOSK_CHROMIUM_PATH`,
      );
    }
    // Without a readable input count the idle rule cannot be kept as written: refuse to start.
    if (options.serveVisitors && options.inputIdle === undefined && !options.headless) {
      await readXInputIdleMs(browserEnvFor(options)).catch((error: unknown) => {
        throw new Error(`the X server's input idle counter cannot be read, so the idle wipe could not tell a person from a page: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    // On an X display the wipe also resets the X session; the tools it needs must be there.
    let lockKeys: LockKeys | null = null;
    if (options.serveVisitors && !options.headless) {
      const env = browserEnvFor(options);
      try {
        // A fresh station starts with empty selections (and this proves the tool works).
        await clearSelections(env);
        lockKeys = { capsLock: false, numLock: (await readLockKeys(env)).numLock };
      } catch (error) {
        throw new Error(`the wipe could not reset the X session: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    const workDir = await mkdtemp(join(options.workParent ?? tmpdir(), 'w-'));
    const shell = new ChromiumShell(options, workDir, handleAction);
    shell.lockKeysAtStart = lockKeys;
    shell.display = options.display ?? DEFAULT_DISPLAY;
    try {
      shell.ui = await shell.launchUiWindow();
      const problems = shell.ui.policyProblems;
      if (problems.length > 0) {
        // Fail closed: no visitor browser is started; the station shows "Hors service".
        options.log.error('chromium-policies-missing', { problems: problems.join('; '), install: 'build/linux/chromium-policies/*.json -> /etc/chromium/policies/managed/' });
        shell.refusedForPolicies = true;
      } else if (options.requireBrowserPolicies === false) {
        options.log.warn('chromium-policies-not-checked');
      }
      // Headed: the station's input filter takes the browsers' own shortcuts and clicks
      // before any window sees them (core/lockdown/station-input-filter.ts).
      if (!options.headless && !shell.refusedForPolicies) {
        const displayName = options.xDisplay ?? process.env.DISPLAY ?? '';
        try {
          shell.inputFilter = await startXInputFilter(displayName, {
            ...(options.staffWayIn === undefined ? {} : { staffWayIn: options.staffWayIn }),
            // Each browser started in the background takes the keyboard once, as its window appears.
            keyboardGivenBack: () => options.log.info('keyboard-given-back'),
            // Ctrl+P in any window: the visitor's print request, as the page's print() (over the démarche only).
            printRequest: () => shell.events?.siteSurfaceRequested?.('print'),
          });
          const chord = shell.inputFilter.staffChord;
          options.log.info('input-filter-started', { grabs: shell.inputFilter.grabs, ...(chord === null ? {} : { staffChordGrabs: chord.grabs, detectableAutoRepeat: chord.detectableAutoRepeat, chordSeesOtherKeys: chord.seesOtherKeys }) });
        } catch (error) {
          options.log.error('input-filter-failed', { display: displayName, error: error instanceof Error ? error.message : String(error) });
          shell.refusedForPolicies = true;
        }
      }
      if (options.display === undefined && !options.headless) {
        shell.display = await shell.ui.page.evaluate(() => {
          const screen = (globalThis as unknown as { screen: { width: number; height: number } }).screen;
          return { width: screen.width, height: screen.height };
        });
        await shell.ui.window.place({ left: 0, top: 0, ...shell.display });
        shell.placed = { ui: { x: 0, y: 0, ...shell.display }, site: null };
      }
      if (options.serveVisitors && !shell.refusedForPolicies) {
        shell.current = await shell.launchVisitorBrowser();
        shell.prepareNextVisitor();
        shell.placementGuard = setInterval(() => void shell.restorePlacement(), PLACEMENT_CHECK_MS);
      }
      return shell;
    } catch (error) {
      await shell.close();
      throw error;
    }
  }

  /** Where the controller's shell events go (set once the controller exists). */
  attach(events: ShellEvents): void {
    this.events = events;
  }

  /** The kiosk UI page, for tests and the benchmark. */
  get uiPage() {
    return this.requireUi().page;
  }

  /** The folder holding every profile of this kiosk's browsers (the benchmark finds its processes by it). */
  get workFolder(): string {
    return this.workDir;
  }

  /** The current visitor's browser, for tests and the benchmark. */
  get visitor(): VisitorBrowser | null {
    return this.current;
  }

  /** Resolves once the browser started in the background for the next visitor is up (or has failed): tests wait for a settled display. */
  async nextVisitorSettled(): Promise<void> {
    await this.next?.catch(() => undefined);
  }

  /** The next visitor's browser once the wipe has taken it (it may still be starting after a short visit). */
  async visitorReady(): Promise<VisitorBrowser | null> {
    await this.taking?.catch(() => undefined);
    return this.current;
  }

  /** Where the visitor's window goes in the current layout (off screen when the site is hidden). */
  private siteBounds(): WindowBounds {
    const site = layoutRects(this.layout, this.display).site;
    return site === null ? offScreen(this.display) : windowBounds(site);
  }

  async setLayout(layout: KioskLayout): Promise<void> {
    this.layout = layout;
    const next = layoutRects(layout, this.display);
    const ui = this.requireUi();
    // A visitor window that is gone (closed by the visitor, crashed) needs no placing:
    // the visit is being ended, and the layout must not stand in the way of the wipe.
    const placeSite = (bounds: WindowBounds) => this.current?.window.place(bounds).catch(() => undefined);
    // The two windows never overlap, not even for a moment (contract/layout.ts).
    for (const step of placementOrder(this.placed, next)) {
      if (step === 'hide-site') await placeSite(offScreen(this.display));
      else if (step === 'place-ui') await ui.window.place(windowBounds(next.ui));
      else if (next.site !== null) await placeSite(windowBounds(next.site));
    }
    this.placed = next;
    await this.focusForLayout();
    if (layout === 'toolbar-keyboard') await this.current?.revealFocusedField();
  }

  async typeOnSite(input: KeyboardInput): Promise<void> {
    const page = this.current?.page;
    if (page === undefined || page.isClosed()) return;
    if (input.kind === 'text') await page.keyboard.insertText(input.text);
    else await page.keyboard.press(input.key);
  }

  screenSize(): ScreenSize {
    return { ...this.display };
  }

  realInputIdleMs(): Promise<number> {
    if (this.options.inputIdle !== undefined) return this.options.inputIdle();
    if (this.options.headless) return Promise.resolve(Number.POSITIVE_INFINITY);
    return readXInputIdleMs(this.browserEnv());
  }

  async openSite(url: string, allowedHosts: readonly string[], permissions: readonly GrantablePermission[] = [], frameHosts: readonly string[] = []): Promise<void> {
    // The wipe may still be taking the next browser (it was starting): the site waits for it, proved clean.
    if (this.current === null && this.taking !== null) await this.taking;
    if (this.current === null) this.current = await this.takeNextVisitorBrowser();
    const browser = this.current;
    if (this.siteZoom !== 1) await browser.setZoom(this.siteZoom);
    await browser.open(url, allowedHosts, permissions, frameHosts);
  }

  /** The visitor's text size as the site's zoom (see VisitorBrowser.setZoom); back to 1 at the wipe. */
  private siteZoom = 1;

  async setSiteZoom(factor: number): Promise<void> {
    this.siteZoom = factor;
    await this.current?.setZoom(factor);
  }

  async siteDocumentToPrint(): Promise<string> {
    if (this.current === null) throw new Error('no visitor browser');
    return this.current.documentToPrint();
  }

  publishView(view: KioskView): void {
    this.ui?.publish(view);
  }

  /**
   * The core's wipe steps (core/wipe/wipe-steps.ts) on the Chromium shell: the
   * visitor's whole browser process is ended, which takes its pages, storage,
   * caches and connections with it; the kiosk UI's browser and the X session
   * forget the visitor; the next visitor's browser, started in advance, is taken
   * and proved clean. The profile folder's deletion is deferred.
   */
  wipeOperations(): WipeOperations {
    // The leaving visitor's browser, known once end-visitor-site has run.
    let previous: VisitorBrowser | null = null;
    const lockKeys = this.lockKeysAtStart;
    const gone = 'ended with the whole browser process by end-visitor-site';
    const onProfile = 'in the ended process and in its throw-away profile folder, which delete-visitor-profile deletes (no visitor can reach it meanwhile)';
    return {
      // The whole browser process goes, and with it every cookie, storage, cache and
      // service worker of the visit in memory, plus whatever it put on the clipboard (X11
      // drops a selection when its owner exits). Its events no longer speak for anyone.
      'end-visitor-site': async () => {
        // A browser the last wipe was still taking when this visit ended is this visit's.
        await this.taking?.catch(() => undefined);
        previous = this.current;
        this.current = null;
        this.siteZoom = 1;
        previous?.kill();
      },
      'close-attachments': () => this.desk.closeTools(),
      'close-visitor-pages': notPerformed(`the pages ${gone}`),
      'clear-site-storage': notPerformed(`the storage lives ${onProfile}`),
      'clear-site-caches': notPerformed(`the caches live ${onProfile}`),
      'close-connections': notPerformed(`the connections ${gone}`),
      ...this.xSessionOperations(lockKeys),
      // The kiosk UI's browser lives all day: what a visitor left in it goes now.
      'forget-in-kiosk-ui': () => this.requireUi().forgetVisitor(),
      'delete-downloads': notPerformed('the downloads folder is inside the profile folder, which delete-visitor-profile deletes (no visitor can reach it meanwhile)'),
      // Inside the profile folder too, but deleted now: the copies a site received, and the scans.
      'delete-attachments': () => this.desk.endVisit(),
      // The spare started after the last wipe. Taken now when it has started; after a
      // visit shorter than a browser's start, the home screen does not wait for it:
      // verify-next-site takes it, and a démarche opened meanwhile waits for it.
      'new-visitor-site': async () => {
        const startedAlready = this.nextStarted;
        const taking = this.takeAndProve(previous?.folder ?? null);
        this.taking = taking;
        taking.catch(() => undefined);
        if (startedAlready) await taking;
      },
      'verify-clean': async () => {
        // The picker's copies and scans went with delete-attachments (the next visitor's browser is proved free of them in proveFresh).
        if (this.desk.visitAttachmentsFolder !== null) throw new Error("the file picker still holds the last visitor's folder");
        if (previous !== null && existsSync(join(previous.folder, 'attachments'))) throw new Error("the last visitor's attachments are still there");
        await this.requireUi().verifyHoldsNothing();
        if (lockKeys !== null) {
          await verifySelectionsEmpty(this.browserEnv());
          await verifyLockKeys(lockKeys, this.browserEnv());
        }
      },
      'verify-next-site': async () => {
        await this.taking;
        if (this.current === null) throw new Error('no browser for the next visitor');
      },
      // The processes are gone already; what is left is the bookkeeping, then the files,
      // which no visitor can reach (each browser has its own folder, and file: is refused).
      'release-visitor-browser': async () => {
        await previous?.close();
      },
      'delete-visitor-profile': async () => {
        await previous?.deleteFolder();
      },
      'verify-erased': () => {
        if (previous !== null && existsSync(previous.folder)) throw new Error('the last visitor\'s folder still exists');
      },
      // Started once the last browser is gone, so its start does not compete with the
      // home screen for the processor: the visitor after next gets it.
      'prepare-next-browser': () => {
        if (this.next === null && !this.closed) this.prepareNextVisitor();
      },
    };
  }

  /**
   * Takes the next visitor's browser, places it and proves it holds nothing: only
   * then is it `current`. A failure leaves no browser for sites (the wipe fails, the
   * station goes out of order).
   */
  private takeAndProve(previousFolder: string | null): Promise<VisitorBrowser> {
    const taking: Promise<VisitorBrowser> = this.takeNextVisitorBrowser().then(async (fresh) => {
      const placedFor = this.layout;
      try {
        await fresh.window.place(this.siteBounds());
        await proveFresh(fresh, previousFolder);
      } catch (error) {
        fresh.kill();
        throw error;
      }
      if (this.taking === taking) {
        this.current = fresh;
        this.taking = null;
        // A démarche opened while it was being proved: it goes where the layout now says.
        if (this.layout !== placedFor) await fresh.window.place(this.siteBounds());
      }
      return fresh;
    });
    return taking;
  }

  /**
   * On an X display: the selections (text a visitor selected or copied, in the
   * site or in the kiosk UI) are emptied, and the lock keys put back. Headless
   * there is no X session to keep anything.
   */
  private xSessionOperations(lockKeys: LockKeys | null): Record<'clear-clipboard' | 'reset-lock-keys', WipeOperation | NotPerformed> {
    if (lockKeys === null) {
      const headless = 'no X display (headless): no selection or lock key outlives the browsers';
      return { 'clear-clipboard': notPerformed(headless), 'reset-lock-keys': notPerformed(headless) };
    }
    return {
      'clear-clipboard': () => clearSelections(this.browserEnv()),
      'reset-lock-keys': () => resetLockKeys(lockKeys, this.browserEnv()),
    };
  }

  /**
   * Only the kiosk UI's browser lives for the whole day (each visitor's
   * browser ends with the visitor): relaunching means replacing it, between
   * two visitors, with a fresh one.
   */
  async relaunch(): Promise<void> {
    const old = this.ui;
    this.ui = await this.launchUiWindow();
    await old?.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.placementGuard !== null) clearInterval(this.placementGuard);
    // The picker's watch and a scan in progress end with the kiosk (its files go with the work folder).
    await this.desk.closeTools().catch(() => undefined);
    this.inputFilter?.close();
    const pending = this.next;
    this.next = null;
    const taking = this.taking;
    this.taking = null;
    const closing = Promise.allSettled([this.current?.close(), pending?.then((browser) => browser.close()), taking?.then((browser) => browser.close()), this.ui?.close()]);
    // A browser still starting, or one that will not end, must not hold the kiosk: then
    // every process still using this kiosk's folder is ended.
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS))]);
    killProcessesMentioning(this.workDir);
    // A browser that was still starting may write its last files while it goes: retried (Node retries ENOTEMPTY and EBUSY).
    await rm(this.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }


  private async launchUiWindow(): Promise<KioskUiWindow> {
    const ui = await KioskUiWindow.launch(
      {
        executablePath: this.options.executablePath,
        headless: this.options.headless,
        rendererDir: this.options.rendererDir,
        workDir: this.workDir,
        bounds: windowBounds(layoutRects(this.layout, this.display).ui),
        isRoot: this.isRoot,
        env: this.browserEnv(),
        checkBrowserPolicies: this.options.requireBrowserPolicies !== false,
      },
      this.handleAction,
    );
    // The UI's browser should never go away; if it does (crash, killed), a new one takes its place.
    ui.onLost(() => {
      if (this.closed || this.ui !== ui) return;
      this.options.log.error('kiosk-ui-lost');
      void this.relaunch().catch((error: unknown) => this.options.log.error('kiosk-ui-relaunch-failed', { error: String(error) }));
    });
    return ui;
  }

  /** A site may try to move or resize its window over the toolbar: put both windows back. */
  private async restorePlacement(): Promise<void> {
    try {
      const moved = [await this.ui?.window.restore(), await this.current?.window.restore()].some(Boolean);
      if (moved) this.options.log.warn('window-placement-restored');
    } catch {
      // A window closing during a wipe: the next check sees the new one.
    }
  }

  private launchVisitorBrowser(): Promise<VisitorBrowser> {
    const options: VisitorBrowserOptions = {
      executablePath: this.options.executablePath,
      headless: this.options.headless,
      workDir: this.workDir,
      hiddenBounds: offScreen(this.display),
      isRoot: this.isRoot,
      env: this.browserEnv(),
      requireBrowserPolicies: this.options.requireBrowserPolicies !== false,
    };
    // Only the browser on screen speaks for the visitor: a spare that goes away is
    // simply not used (the wipe then starts another).
    let browser: VisitorBrowser | null = null;
    const isCurrent = () => browser !== null && browser === this.current;
    const launched = VisitorBrowser.launch(options, {
      refused: (refusal) => isCurrent() && this.events?.navigationRefused(refusal),
      externalLink: (link) => isCurrent() && this.events?.externalLinkRequested(link),
      crashed: () => isCurrent() && this.events?.siteCrashed(),
      fieldFocused: (field) => isCurrent() && this.events?.fieldFocused(field),
      surfaceRequested: (request) => isCurrent() && this.events?.siteSurfaceRequested?.(request),
      fileRequested: (request) => {
        if (!isCurrent()) return;
        if (this.events?.fileRequested !== undefined) this.events.fileRequested(request);
        else this.events?.siteSurfaceRequested?.('file');
      },
      documentShown: (shown) => isCurrent() && this.events?.siteDocumentShown?.(shown),
      // A dialog of a browser that is no longer the visitor's is answered at once (it holds nothing).
      dialogOpened: (dialog) => {
        if (isCurrent() && this.events?.siteDialogOpened !== undefined) this.events.siteDialogOpened(dialog);
        else void dialog.answer({ accept: dialog.request.kind === 'alert' || dialog.request.kind === 'beforeunload' }).catch(() => undefined);
      },
    });
    return launched.then((started) => {
      browser = started;
      // A new window takes the keyboard when it appears: give it back to the window in use.
      void this.focusForLayout();
      return started;
    });
  }

  /** The keyboard goes to the site when it is on screen, else to the kiosk UI. */
  private async focusForLayout(): Promise<void> {
    const page = this.layout !== 'full' ? this.current?.page : this.ui?.page;
    await page?.bringToFront().catch(() => undefined);
  }

  /** Starts the next visitor's browser in the background, while this visitor is served. */
  private prepareNextVisitor(): void {
    const pending = this.launchVisitorBrowser();
    this.nextStarted = false;
    pending.then(
      () => {
        if (this.next === pending) this.nextStarted = true;
      },
      () => undefined,
    );
    pending.catch((error: unknown) => {
      this.options.log.error('visitor-browser-launch-failed', { error: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) });
    });
    this.next = pending;
  }

  private async takeNextVisitorBrowser(): Promise<VisitorBrowser> {
    const pending = this.next;
    this.next = null;
    this.nextStarted = false;
    // A spare that failed to start or has gone meanwhile is replaced by a new browser.
    const spare = pending === null ? null : await pending.catch(() => null);
    if (spare !== null && !spare.page.isClosed()) return spare;
    if (spare !== null) await spare.close().then(() => spare.deleteFolder()).catch(() => undefined);
    return this.launchVisitorBrowser();
  }

  private browserEnv(): NodeJS.ProcessEnv {
    return browserEnvFor(this.options);
  }

  private requireUi(): KioskUiWindow {
    if (this.ui === null) throw new Error('the kiosk UI window is not running');
    return this.ui;
  }
}

function browserEnvFor(options: ChromiumShellOptions): NodeJS.ProcessEnv {
  return options.xDisplay === undefined ? process.env : { ...process.env, DISPLAY: options.xDisplay };
}

function windowBounds(rect: Rect): WindowBounds {
  return { left: rect.x, top: rect.y, width: rect.width, height: rect.height };
}

/** The next visitor's browser holds nothing: its own folder, no cookie, one window, no worker, no download. */
async function proveFresh(fresh: VisitorBrowser, previousFolder: string | null): Promise<void> {
  if (fresh.folder === previousFolder) throw new Error('the next visitor would reuse the last profile');
  const cookies = await fresh.context.cookies();
  if (cookies.length > 0) throw new Error(`the next visitor's browser already has ${cookies.length} cookie(s)`);
  if (fresh.context.pages().length !== 1) throw new Error('the next visitor\'s browser has more than one window');
  if (fresh.context.serviceWorkers().length > 0) throw new Error('the next visitor\'s browser already runs a service worker');
  if (existsSync(join(fresh.folder, 'downloads')) && readdirSync(join(fresh.folder, 'downloads')).length > 0) {
    throw new Error('the next visitor\'s downloads folder is not empty');
  }
  if (existsSync(join(fresh.folder, 'attachments'))) throw new Error("the next visitor's browser already has attachments");
  // Its home, config, cache and crash folders are inside its own folder, and no crash reporter runs.
  verifyContainedBrowser(fresh.folder);
}
