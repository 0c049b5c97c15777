import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { session as sessions, WebContentsView } from 'electron';
import type { Session, WebContents } from 'electron';
import { checkNavigation } from '../../core/navigation/policy';
import type { ShellEvents } from '../../core/shell';
import { guardSession, guardWebContents, installSiteHealthReports, installZoomLock } from './guards';
import type { KioskRegistry } from './registry';

/** `visitor-<counter>-<random>`: never `persist:`, never reused, even across restarts. */
export function visitorPartitionName(counter: number, random: string = randomBytes(6).toString('hex')): string {
  return `visitor-${counter}-${random}`;
}

export interface VisitorSiteOptions {
  /** An in-memory partition name of its own (see visitorPartitionName). */
  partition: string;
  /** The visitor's folder (downloads), deleted at the wipe. */
  visitorDir: string;
  registry: KioskRegistry;
  /** Where refusals, activity and crashes go while this is the current visitor. */
  reports: ShellEvents;
  now?: () => number;
}

/** Chromium's code for a navigation that was cancelled rather than failed. */
const ERR_ABORTED = -3;

/**
 * One visitor's site view (ELECTRON.md rule 1): no preload, sandboxed, no
 * devtools, on a partition of its own that lives in memory only. Every guard
 * is in place before the first `loadURL`.
 */
export class VisitorSite {
  readonly partition: string;
  readonly visitorDir: string;
  readonly downloadsDir: string;
  readonly session: Session;
  readonly view: WebContentsView;
  private allowedHosts: readonly string[] = [];
  /** Counters that tell a cancelled load from a failed one (see openSite). */
  private refusals = 0;
  private navigationStarts = 0;
  /** Set at the wipe: a leaving visitor's view reports nothing more. */
  private retired = false;

  constructor(options: VisitorSiteOptions) {
    if (options.partition.startsWith('persist:')) throw new Error('a visitor partition must live in memory only');
    this.partition = options.partition;
    this.visitorDir = options.visitorDir;
    this.downloadsDir = join(options.visitorDir, 'downloads');
    const { registry, reports } = options;

    this.session = sessions.fromPartition(this.partition);
    registry.registerVisitorDownloads(this.session, this.downloadsDir);
    guardSession(this.session, registry);

    this.view = new WebContentsView({
      webPreferences: {
        session: this.session,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        devTools: false,
        safeDialogs: true,
      },
    });
    const contents = this.view.webContents;
    registry.registerVisitorSite(contents, () => ({
      kind: 'visitor-site',
      allowedHosts: this.allowedHosts,
      refused: (refusal) => {
        this.refusals += 1;
        if (!this.retired) reports.navigationRefused(refusal);
      },
      openInSameView: (url) => this.openInSameView(url),
    }));
    guardWebContents(contents, registry);
    installZoomLock(contents);
    installSiteHealthReports(
      contents,
      {
        activity: () => {
          if (!this.retired) reports.siteActivity();
        },
        crashed: () => {
          if (!this.retired) reports.siteCrashed();
        },
      },
      options.now,
    );
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.navigationStarts += 1;
    });
    this.view.setBackgroundColor('#ffffff');
  }

  get contents(): WebContents {
    return this.view.webContents;
  }

  /**
   * Sets the démarche's allow-list, then loads its entry. Resolves once the page
   * has loaded. Rejects when it cannot be reached, but not when the load was
   * cancelled by our own refusal (the visitor is told about that) or replaced
   * by a newer navigation (a link tapped before the page finished).
   */
  async openSite(url: string, allowedHosts: readonly string[]): Promise<void> {
    this.allowedHosts = [...allowedHosts];
    const verdict = checkNavigation({ url, isMainFrame: true, allowedHosts: this.allowedHosts });
    if (!verdict.allowed) throw new Error(`entry address refused by the navigation policy (${verdict.reason})`);
    const refusalsBefore = this.refusals;
    const startsBefore = this.navigationStarts;
    try {
      await this.contents.loadURL(url);
    } catch (error) {
      const cancelled = loadErrorCode(error) === ERR_ABORTED || loadErrorName(error) === 'ERR_ABORTED';
      const refused = this.refusals !== refusalsBefore;
      const superseded = this.navigationStarts - startsBefore > 1;
      if (cancelled && (refused || superseded)) return;
      // Without the address: errors end up in the log, which stays anonymous.
      throw new Error(`site unreachable (${loadErrorName(error)})`, { cause: error });
    }
  }

  /** Stops reporting to the controller: the visitor is leaving. */
  retire(): void {
    this.retired = true;
  }

  /** Closes the view's webContents (views have no destroy) and waits until it is gone. */
  async close(): Promise<void> {
    this.retire();
    const contents = this.contents;
    if (contents.isDestroyed()) return;
    await new Promise<void>((resolve) => {
      contents.once('destroyed', () => resolve());
      contents.close();
    });
  }

  private openInSameView(url: string): void {
    // Not from inside the window-open handler: Electron is still answering the page.
    setImmediate(() => {
      if (this.retired || this.contents.isDestroyed()) return;
      this.contents.loadURL(url).catch(() => {
        // A pop-up that does not load leaves the current page as it is.
      });
    });
  }
}

function loadErrorCode(error: unknown): number | null {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' ? errno : null;
}

function loadErrorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'load failed';
}
