import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { session as sessions, WebContentsView } from 'electron';
import type { Session, WebContents } from 'electron';
import type { GrantablePermission } from '../../core/config/station-config';
import { checkNavigation } from '../../core/navigation/policy';
import type { ShellEvents } from '../../core/shell';
import { guardSession, guardWebContents, installSiteHealthReports, type Refusal } from './guards';
import { installZoomLock } from './keyboard';
import type { PermissionGrants } from './permissions';
import type { KioskRegistry } from './registry';
import { registerVisitorFileProtocol, visitorFileName, visitorFileUrl } from './visitor-files';

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
  /** Where refusals, links, activity and crashes go while this is the current visitor. */
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
  /** What the démarche on screen grants; none once the visitor leaves. */
  private grants: PermissionGrants | null = null;
  /** Counters that tell a cancelled load from a failed one (see openSite); external links count as refusals. */
  private refusals = 0;
  private navigationStarts = 0;
  /** Set at the wipe: a leaving visitor's view reports nothing more. */
  private retired = false;
  private readonly reports: ShellEvents;

  constructor(options: VisitorSiteOptions) {
    if (options.partition.startsWith('persist:')) throw new Error('a visitor partition must live in memory only');
    this.partition = options.partition;
    this.visitorDir = options.visitorDir;
    this.downloadsDir = join(options.visitorDir, 'downloads');
    const { registry, reports } = options;
    this.reports = reports;

    this.session = sessions.fromPartition(this.partition);
    registry.registerVisitorDownloads(this.session, {
      dir: this.downloadsDir,
      show: (fileName) => this.showDownload(fileName),
      refused: (refusal) => this.refuse(refusal),
    });
    registry.registerVisitorPermissions(this.session, () => this.grants);
    guardSession(this.session, registry);
    // The visitor's PDFs, on this partition only: no other session can reach them.
    registerVisitorFileProtocol(this.session.protocol, this.downloadsDir);

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
      refused: (refusal) => this.refuse(refusal),
      externalLink: (link) => {
        this.refusals += 1;
        if (!this.retired) reports.externalLinkRequested(link);
      },
      openInSameView: (url) => this.openInSameView(url),
      isOwnFile: (url) => this.isOwnFile(url),
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
   * Sets the démarche's allow-list and grants, then loads its entry. Resolves
   * once the page has loaded. Rejects when it cannot be reached, but not when
   * the load was stopped by our own refusal (a redirect out of the list, a bad
   * certificate: the visitor is told about that) or replaced by a newer
   * navigation (a link tapped before the page finished).
   */
  async openSite(url: string, allowedHosts: readonly string[], permissions: readonly GrantablePermission[] = []): Promise<void> {
    this.allowedHosts = [...allowedHosts];
    this.grants = { permissions: [...permissions], allowedHosts: this.allowedHosts };
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
      if (refused && isCertificateError(error)) return;
      // Without the address: errors end up in the log, which stays anonymous.
      throw new Error(`site unreachable (${loadErrorName(error)})`, { cause: error });
    }
  }

  /** Stops reporting to the controller and withdraws every grant: the visitor is leaving. */
  retire(): void {
    this.retired = true;
    this.grants = null;
  }

  /** True for a `kiosk-file://` address of a PDF in this visitor's downloads folder. */
  isOwnFile(url: string): boolean {
    const name = visitorFileName(url);
    return name !== null && existsSync(join(this.downloadsDir, name));
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

  private refuse(refusal: Refusal): void {
    this.refusals += 1;
    if (!this.retired) this.reports.navigationRefused(refusal);
  }

  /** A downloaded PDF, shown in the site view by Chromium's PDF viewer. */
  private showDownload(fileName: string): void {
    if (this.retired || this.contents.isDestroyed()) return;
    this.contents.loadURL(visitorFileUrl(fileName)).catch(() => {
      // The viewer could not open it: the page the visitor was on stays.
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

/** Chromium's certificate errors are -200 to -299 (net/base/net_error_list.h). */
function isCertificateError(error: unknown): boolean {
  const code = loadErrorCode(error);
  return (code !== null && code <= -200 && code > -300) || loadErrorName(error).startsWith('ERR_CERT_');
}

function loadErrorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'load failed';
}
