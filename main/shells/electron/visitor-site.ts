import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { session as sessions, WebContentsView } from 'electron';
import type { KeyboardInputEvent, Session, WebContents } from 'electron';
import type { GrantablePermission } from '../../core/config/station-config';
import type { KeyboardInput, KeyboardKey } from '../../core/contract/keyboard';
import { checkNavigation, type Refusal } from '../../core/navigation/policy';
import type { DeliveredInput } from '../../core/session/real-input';
import type { ShellEvents } from '../../core/shell';
import { readFieldReport } from '../../core/page/field-focus';
import { SITE_FIELD_CHANNEL } from './preloads/field-focus';
import { guardSession, guardWebContents, installSiteHealthReports } from './guards';
import { FULL_SCREEN_WORLD_ID as REVEAL_WORLD_ID, installZoomLock } from './keyboard';
import { REVEAL_FOCUSED_FIELD } from '../reveal-field';
import type { PermissionGrants } from './permissions';
import type { KioskRegistry } from './registry';
import { registerVisitorFileProtocol, visitorFileName, visitorFileUrl } from './visitor-files';
import { interceptFileChooser } from './site-surfaces';
import type { SiteFileRequest } from '../../core/shell';
import { interceptSiteDialogsAndPrint } from './site-dialogs';
import { safeAnswer } from '../../core/dialogs/site-dialogs';
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';

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
  /** Where refusals, links, activity, crashes and field focus go while this is the current visitor. */
  reports: ShellEvents;
  /** The site preload (preloads/site.ts): reports text-field focus, exposes nothing to the page. */
  preloadPath: string;
  /** Every input the system delivered to this view (the shell's idle count). */
  onInput?: (input: DeliveredInput) => void;
}

/** Chromium's code for a navigation that was cancelled rather than failed. */
const ERR_ABORTED = -3;

/** How long a typed key may wait for the renderer before the next one goes (a page that hangs or goes away). */
export const TYPING_TIMEOUT_MS = 1000;

/**
 * One visitor's site view (ELECTRON.md rule 1): sandboxed, no devtools, on a
 * partition of its own that lives in memory only, with only the field-focus
 * preload (isolated world, nothing exposed to the page). Every guard is in
 * place before the first `loadURL`.
 */
export class VisitorSite {
  readonly partition: string;
  readonly visitorDir: string;
  readonly downloadsDir: string;
  readonly session: Session;
  readonly view: WebContentsView;
  private allowedHosts: readonly string[] = [];
  private frameHosts: readonly string[] = [];
  /** What the démarche on screen grants; none once the visitor leaves. */
  private grants: PermissionGrants | null = null;
  /** Counters that tell a cancelled load from a failed one (see openSite); external links count as refusals. */
  private refusals = 0;
  private navigationStarts = 0;
  /** Set at the wipe: a leaving visitor's view reports nothing more. */
  private retired = false;
  /** Whether the DevTools file chooser interception was switched on (openSite waits for it). */
  private readonly fileChooserIntercepted: Promise<boolean>;
  private readonly reports: ShellEvents;
  /** Keys are typed one after the other, in the order they were pressed. */
  private typing: Promise<void> = Promise.resolve();

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
        // Runs in the main frame only (no preload in sub-frames): fields inside iframes are not reported.
        preload: options.preloadPath,
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
      frameHosts: this.frameHosts,
      refused: (refusal) => this.refuse(refusal),
      externalLink: (link) => {
        this.refusals += 1;
        if (!this.retired) reports.externalLinkRequested(link);
      },
      openInSameView: (url) => this.openInSameView(url),
      isOwnFile: (url) => this.isOwnFile(url),
    }));
    guardWebContents(contents, registry);
    // The file chooser never opens; the kiosk's picker answers instead (site-surfaces.ts),
    // or, where the controller has none, the visitor is sent to a staff member.
    const fileRequested = (request: SiteFileRequest): void => {
      if (this.retired) return;
      if (reports.fileRequested !== undefined) reports.fileRequested(request);
      else reports.siteSurfaceRequested?.('file');
    };
    const intercepting = interceptFileChooser(contents, fileRequested, () => !this.retired && reports.siteSurfaceRequested?.('file'));
    if (intercepting === null) throw new Error('the site view\'s file chooser cannot be intercepted (its debugger is taken)');
    // Fail closed: a view whose chooser is not intercepted shows no site (openSite refuses).
    this.fileChooserIntercepted = intercepting.then(
      () => true,
      () => false,
    );
    // The site's questions and print requests go to the kiosk's panels (site-dialogs.ts);
    // a leaving visitor's page gets the safe answer at once.
    const dialogsIntercepted = interceptSiteDialogsAndPrint(contents, {
      dialog: (dialog) => {
        if (!this.retired && reports.siteDialogOpened !== undefined) reports.siteDialogOpened(dialog);
        else void dialog.answer(safeAnswer(dialog.request.kind)).catch(() => undefined);
      },
      print: () => {
        if (!this.retired) reports.siteSurfaceRequested?.('print');
      },
    });
    if (!dialogsIntercepted) throw new Error('the site view\'s dialogs cannot be intercepted (its debugger is taken)');
    installZoomLock(contents, () => this.zoom);
    installSiteHealthReports(
      contents,
      {
        input: (input) => options.onInput?.(input),
        crashed: () => {
          if (!this.retired) reports.siteCrashed();
        },
      },
    );
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.navigationStarts += 1;
    });
    // contents.ipc hears this view only; the main frame is checked as well (a renderer can lie).
    contents.ipc.on(SITE_FIELD_CHANNEL, (event, payload: unknown) => {
      if (this.retired || event.sender !== contents || event.senderFrame === null || event.senderFrame.parent !== null) return;
      const field = readFieldReport(payload);
      if (field !== undefined) reports.fieldFocused(field);
    });
    // A new document has no focused field yet: the on-screen keyboard goes away.
    contents.on('did-navigate', (_event: unknown, url: string) => {
      if (this.retired) return;
      reports.fieldFocused(null);
      // One of the visitor's PDFs on screen: the toolbar offers to print it.
      reports.siteDocumentShown?.(typeof url === 'string' && this.isOwnFile(url));
    });
    this.view.setBackgroundColor('#ffffff');
  }

  get contents(): WebContents {
    return this.view.webContents;
  }

  /** With the on-screen keyboard up the view is shorter: the focused field to the middle of it (own world). */
  revealFocusedField(): void {
    if (this.contents.isDestroyed()) return;
    this.contents.executeJavaScriptInIsolatedWorld(REVEAL_WORLD_ID, [{ code: REVEAL_FOCUSED_FIELD }]).catch(() => {
      // The page went away: a new page has no focused field.
    });
  }

  /** The page zoom the kiosk sets from the visitor's text size (1 for a new visitor). */
  private zoom = 1;

  setZoom(factor: number): void {
    this.zoom = factor;
    if (!this.contents.isDestroyed()) this.contents.setZoomFactor(factor);
  }

  /**
   * Sets the démarche's allow-list and grants, then loads its entry. Resolves
   * once the page has loaded. Rejects when it cannot be reached, but not when
   * the load was stopped by our own refusal (a redirect out of the list, a bad
   * certificate: the visitor is told about that) or replaced by a newer
   * navigation (a link tapped before the page finished).
   */
  async openSite(url: string, allowedHosts: readonly string[], permissions: readonly GrantablePermission[] = [], frameHosts: readonly string[] = []): Promise<void> {
    this.allowedHosts = [...allowedHosts];
    this.frameHosts = [...frameHosts];
    this.grants = { permissions: [...permissions], allowedHosts: this.allowedHosts };
    const verdict = checkNavigation({ url, isMainFrame: true, allowedHosts: this.allowedHosts });
    if (!verdict.allowed) throw new Error(`entry address refused by the navigation policy (${verdict.reason})`);
    if (!(await this.fileChooserIntercepted)) throw new Error("the site view's file chooser could not be intercepted: no site is shown");
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

  /**
   * Types a key of the on-screen keyboard into the page's focused field: text as
   * an input method would commit it, keys as key presses. Never logged. Nothing
   * happens before a page was opened, once the visitor is leaving or when the
   * page is gone; a key the page never takes is dropped, not retried.
   */
  type(input: KeyboardInput): Promise<void> {
    const typed = this.typing.then(() => this.typeNow(input));
    this.typing = typed;
    return typed;
  }

  private async typeNow(input: KeyboardInput): Promise<void> {
    const contents = this.contents;
    // Retired: the wipe has begun. No address: no page was ever opened, no renderer would answer.
    if (this.retired || contents.isDestroyed() || contents.getURL() === '') return;
    try {
      if (input.kind === 'text') {
        // Resolves once the renderer has inserted it, so the next key comes after.
        await withTimeout(contents.insertText(input.text), TYPING_TIMEOUT_MS);
        return;
      }
      for (const event of keyPressEvents(input.key)) contents.sendInputEvent(event);
    } catch {
      // The page went away meanwhile: nothing to type into. (No details: they could hold the text.)
    }
  }

  private printedPages = 0;

  /**
   * What the visitor may print: the visitor's PDF this view shows (kiosk-file://), or the
   * page made into an A4 PDF by Electron's Chromium, written into the visitor's folder
   * (deleted by the wipe's delete-downloads).
   */
  async documentToPrint(): Promise<string> {
    const contents = this.contents;
    if (this.retired || contents.isDestroyed()) throw new Error("the visitor's page is gone");
    const shown = contents.getURL();
    const name = visitorFileName(shown);
    if (name !== null && this.isOwnFile(shown)) return join(this.downloadsDir, name);
    const bytes = Buffer.from(await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }));
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('printToPDF gave something that is not a PDF');
    this.printedPages += 1;
    await mkdir(this.visitorDir, { recursive: true });
    const file = join(this.visitorDir, `impression-${this.printedPages}.pdf`);
    const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    return file;
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

/**
 * The keyboard events of one key press, with Electron's accelerator names as
 * key codes. A key-down sent this way carries no text, so Enter also needs its
 * `char` event ('\r'), which is what submits a form or breaks a line; Backspace
 * and Tab act on the key-down itself.
 */
function keyPressEvents(key: KeyboardKey): KeyboardInputEvent[] {
  const press: KeyboardInputEvent[] = [{ type: 'keyDown', keyCode: key }];
  if (key === 'Enter') press.push({ type: 'char', keyCode: '\r' });
  press.push({ type: 'keyUp', keyCode: key });
  return press;
}

/** Settles with `promise`, or after `ms` if it has not: a renderer that never answers holds up no later key. */
function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
