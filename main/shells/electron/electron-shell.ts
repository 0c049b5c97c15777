import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { app, clipboard } from 'electron';
import type { Clipboard } from 'electron';
import type { GrantablePermission } from '../../core/config/station-config';
import type { KeyboardInput } from '../../core/contract/keyboard';
import type { KioskView } from '../../core/contract/kiosk-view';
import type { ScreenSize } from '../../core/contract/layout';
import { RealInputTracker } from '../../core/session/real-input';
import type { KioskLayout, KioskShell, ShellEvents } from '../../core/shell';
import { notPerformed, type WipeOperations } from '../../core/wipe/wipe-steps';
import type { KioskWindow } from './kiosk-window';
import { watchDeliveredInput } from './guards';
import type { KioskRegistry } from './registry';
import { VisitorSite, visitorPartitionName } from './visitor-site';
import type { AttachmentDesk } from '../../core/attachments/desk';
import { NodeAttachmentDesk, type AttachmentDeskOptions } from '../../node/attachments/attachment-desk';

export interface ElectronShellOptions {
  kioskWindow: KioskWindow;
  registry: KioskRegistry;
  /** Each visitor gets a folder below it (downloads), deleted at the wipe. */
  visitorFilesRoot: string;
  /** The bundled site preload (dist/electron/site-preload.cjs), which reports text-field focus. */
  sitePreloadPath: string;
  platform?: NodeJS.Platform;
  /** For tests: the random part of partition names, and the clock of the idle count. */
  randomSuffix?: () => string;
  now?: () => number;
  /**
   * Starts the kiosk afresh. By default Electron starts a new instance once this
   * one has exited; under the service manager (Restart=always) the unit is
   * restarted too, and the single-instance lock keeps just one.
   */
  relaunch?: () => void;
  /** The kiosk's file picker: the station's documents keys (USB key folder, scanner). */
  attachments?: Omit<AttachmentDeskOptions, 'visitFolders'>;
}

/** The default relaunch: a new instance after this one exits, at once and without asking. */
export function relaunchApp(): void {
  app.relaunch();
  app.exit(0);
}

/**
 * The KioskShell on Electron: one kiosk window, and one visitor site view at a
 * time, replaced by a fresh one on a new partition at every wipe. The
 * controller is attached after construction (it needs the shell first); events
 * from the site before that are dropped, as there is no visit to report to.
 */
export class ElectronShell implements KioskShell {
  private readonly kioskWindow: KioskWindow;
  private readonly registry: KioskRegistry;
  private readonly visitorFilesRoot: string;
  private readonly sitePreloadPath: string;
  private readonly platform: NodeJS.Platform;
  private readonly randomSuffix: (() => string) | undefined;
  /**
   * A person's input, from Electron's `input-event` on both views (the kiosk UI
   * and the site), which only the system raises. powerMonitor.getSystemIdleTime()
   * is not used: under the cage compositor (Wayland) it has nothing reliable to
   * read, and a count stuck at 0 would keep a visit alive for ever.
   */
  private readonly realInput: RealInputTracker;
  private readonly relaunchNow: () => void;
  private events: ShellEvents | null = null;
  private visitorCount = 0;
  private site: VisitorSite;

  /** What the visitor sites report, forwarded to whoever is attached. */
  private readonly reports: ShellEvents = {
    navigationRefused: (refusal) => this.events?.navigationRefused(refusal),
    externalLinkRequested: (link) => this.events?.externalLinkRequested(link),
    siteCrashed: () => this.events?.siteCrashed(),
    fieldFocused: (field) => this.events?.fieldFocused(field),
    siteSurfaceRequested: (request) => this.events?.siteSurfaceRequested?.(request),
    fileRequested: (request) => {
      if (this.events?.fileRequested !== undefined) this.events.fileRequested(request);
      else this.events?.siteSurfaceRequested?.('file');
    },
    siteDocumentShown: (shown) => this.events?.siteDocumentShown?.(shown),
    // Nobody attached yet: nothing to show the question on, so the safe answer at once.
    siteDialogOpened: (dialog) => {
      if (this.events?.siteDialogOpened !== undefined) this.events.siteDialogOpened(dialog);
      else void dialog.answer({ accept: dialog.request.kind === 'alert' || dialog.request.kind === 'beforeunload' }).catch(() => undefined);
    },
  };
  /** The file picker's sources; the visitor's copies and scans go below the visitor's folder. */
  private readonly desk: NodeAttachmentDesk;

  constructor(options: ElectronShellOptions) {
    this.kioskWindow = options.kioskWindow;
    this.registry = options.registry;
    this.visitorFilesRoot = options.visitorFilesRoot;
    this.sitePreloadPath = options.sitePreloadPath;
    this.platform = options.platform ?? process.platform;
    this.randomSuffix = options.randomSuffix;
    this.realInput = new RealInputTracker(options.now ?? Date.now);
    watchDeliveredInput(this.kioskWindow.uiContents, (input) => this.realInput.observe(input));
    this.relaunchNow = options.relaunch ?? relaunchApp;
    this.site = this.createVisitorSite();
    this.desk = new NodeAttachmentDesk({
      documents: options.attachments?.documents,
      ...options.attachments,
      visitFolders: () => ({ downloads: this.site.downloadsDir, own: this.site.visitorDir }),
    });
  }

  attachmentDesk(): AttachmentDesk {
    return this.desk;
  }

  attach(events: ShellEvents): void {
    this.events = events;
  }

  /** The current visitor's site (for tests and diagnostics). */
  get currentSite(): VisitorSite {
    return this.site;
  }

  setLayout(layout: KioskLayout): Promise<void> {
    this.kioskWindow.setLayout(layout);
    // The site view is now shorter by the keyboard: the field being typed in goes to its middle.
    if (layout === 'toolbar-keyboard') this.site.revealFocusedField();
    return Promise.resolve();
  }

  /** Into the current visitor's page; nothing while a wipe has no visitor's page to type into. */
  typeOnSite(input: KeyboardInput): Promise<void> {
    return this.site.type(input);
  }

  /** The kiosk window's content area, which the two views share. */
  screenSize(): ScreenSize {
    return this.kioskWindow.contentSize();
  }

  openSite(url: string, allowedHosts: readonly string[], permissions: readonly GrantablePermission[] = [], frameHosts: readonly string[] = []): Promise<void> {
    return this.site.openSite(url, allowedHosts, permissions, frameHosts);
  }

  realInputIdleMs(): Promise<number> {
    return Promise.resolve(this.realInput.idleMs());
  }

  /** The visitor's text size as the site's zoom; the next visitor's view starts at 100 %. */
  setSiteZoom(factor: number): Promise<void> {
    this.site.setZoom(factor);
    return Promise.resolve();
  }

  /** The current visitor's page (or the PDF it shows) as a PDF in the visitor's folder. */
  siteDocumentToPrint(): Promise<string> {
    return this.site.documentToPrint();
  }

  relaunch(): Promise<void> {
    this.relaunchNow();
    return Promise.resolve();
  }

  publishView(view: KioskView): void {
    this.kioskWindow.sendView(view);
  }

  /**
   * The core's wipe steps (core/wipe/wipe-steps.ts) on Electron: the site view and its
   * in-memory partition are emptied and dropped, and the next visitor gets a view on a
   * new partition at once (an Electron view starts in no time), so nothing is deferred.
   */
  wipeOperations(): WipeOperations {
    const leaving = this.site;
    let next: VisitorSite | null = null;
    return {
      // Also withdraws the démarche's permission grants: nothing was ever stored to clear.
      'end-visitor-site': () => {
        leaving.retire();
        this.kioskWindow.detachSiteView(leaving.view);
      },
      'close-attachments': () => this.desk.closeTools(),
      'close-visitor-pages': () => leaving.close(),
      // No options: every data type, every origin (origin filters miss third-party iframes).
      'clear-site-storage': () => leaving.session.clearData(),
      'clear-site-caches': async () => {
        await Promise.all([
          leaving.session.clearCache(),
          leaving.session.clearAuthCache(),
          leaving.session.clearHostResolverCache(),
          leaving.session.clearCodeCaches({ urls: [] }),
        ]);
      },
      'close-connections': () => leaving.session.closeAllConnections(),
      'clear-clipboard': () => clearClipboard(clipboard, this.platform),
      'reset-lock-keys': notPerformed('under the cage Wayland compositor the kiosk has no X session to read or press the lock keys with (a known gap of this shell)'),
      'forget-in-kiosk-ui': notPerformed("the kiosk UI's in-memory session serves kiosk://app only and the UI stores nothing in it; its other windows are refused (guards.ts), and the home screen replaces whatever was selected"),
      'delete-downloads': () => rm(leaving.visitorDir, { recursive: true, force: true }),
      // Below the visitor's folder, which delete-downloads removed already: this also proves it.
      'delete-attachments': () => this.desk.endVisit(),
      'new-visitor-site': () => {
        next = this.createVisitorSite();
        this.site = next;
      },
      'verify-clean': () => verifyClean(leaving, next),
      'release-visitor-browser': notPerformed('no browser process per visitor: the site view was closed by close-visitor-pages'),
      'delete-visitor-profile': notPerformed('the partition lives in memory only (no persist:), so there is no profile on disk; the downloads folder went with delete-downloads'),
      'verify-erased': notPerformed('nothing of the visitor on disk but the downloads folder, whose absence verify-clean proves'),
      'verify-next-site': notPerformed('the next view is created and proved clean before the home screen (new-visitor-site, verify-clean)'),
      'prepare-next-browser': notPerformed('the next view is created by new-visitor-site: nothing to start in advance'),
    };
  }

  private createVisitorSite(): VisitorSite {
    this.visitorCount += 1;
    const partition = visitorPartitionName(this.visitorCount, this.randomSuffix?.());
    const site = new VisitorSite({
      partition,
      visitorDir: join(this.visitorFilesRoot, partition),
      registry: this.registry,
      reports: this.reports,
      preloadPath: this.sitePreloadPath,
      onInput: (input) => this.realInput.observe(input),
    });
    this.kioskWindow.attachSiteView(site.view);
    return site;
  }
}

/** The system clipboard, and on Linux the selection clipboard (middle-click paste). */
export function clearClipboard(board: Clipboard, platform: NodeJS.Platform): void {
  board.clear();
  // Typed as always present, but undefined outside Linux.
  if (platform === 'linux') (board.selection as Clipboard | undefined)?.clear();
}

/** The last step: proof that nothing of the leaving visitor is within the next one's reach. */
export async function verifyClean(leaving: VisitorSite, next: VisitorSite | null): Promise<void> {
  if (next === null) throw new Error('verify-clean: no new visitor view was created');
  if (next.partition === leaving.partition) throw new Error('verify-clean: the new visitor view reuses the old partition');
  const [nextCookies, leftCookies] = await Promise.all([next.session.cookies.get({}), leaving.session.cookies.get({})]);
  if (nextCookies.length > 0) throw new Error(`verify-clean: the new partition already holds ${nextCookies.length} cookie(s)`);
  if (leftCookies.length > 0) throw new Error(`verify-clean: the old partition still holds ${leftCookies.length} cookie(s)`);
  if (existsSync(leaving.visitorDir)) throw new Error("verify-clean: the leaving visitor's downloads folder still exists");
  const workers = Object.keys(next.session.serviceWorkers.getAllRunning()).length;
  if (workers > 0) throw new Error(`verify-clean: the new partition already runs ${workers} service worker(s)`);
  if (next.contents.getZoomLevel() !== 0) throw new Error('verify-clean: the new visitor view is zoomed');
}
