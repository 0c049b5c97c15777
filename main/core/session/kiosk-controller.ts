import type { Clock } from '../clock';
import type { StationConfig } from '../config/station-config';
import type { LanguageCode } from '../config/languages';
import type { GuideSide } from '../contract/kiosk-api';
import type { KeyboardInput, KeyboardMode } from '../contract/keyboard';
import type { KioskView } from '../contract/kiosk-view';
import type { CounterExportTarget, StaffScreenName } from '../contract/staff-view';
import { StaffMode, type StaffPrinting, type StaffServices, type StationControl } from '../staff/staff-mode';
import type { StaffCapability } from './staff-capability';
import type { TextSize } from '../contract/text-size';
import type { KioskLog } from '../log';
import type { MemoDesk, MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import type { ExternalLink } from '../navigation/external-links';
import type { RefusalReason } from '../navigation/policy';
import type { AttachOutcome, ScanStep } from '../contract/attach';
import type { KioskShell, ShellEvents, SiteFileRequest, SiteSurfaceRequest } from '../shell';
import type { OpenSiteDialog } from '../dialogs/site-dialog-bridge';
import type { SiteDialogChoice } from '../dialogs/site-dialogs';
import { A4PrintDesk, type A4DocumentPrinter, type DocumentToUsbKey } from '../printing/print-desk';
import { notPerformed } from '../wipe/wipe-steps';
import { safeChoice, SiteDialogPanels } from './site-dialog-panels';
import type { WipeReport } from '../wipe/wipe-sequence';
import type { KioskActions } from './dispatch-action';
import { AttachPanel } from './attach-panel';
import { IdleTimer } from './idle-timer';
import { MemoPanel, SidePanels } from './panels';
import { stationInfo } from './station-info';
import { Visit, type Connectivity, type ConnectivitySource } from './visit';
import { WipeCoordinator } from './wipe-coordinator';

export { WARNING_INPUT_CHECK_MS } from './idle-timer';
export { guideOf, outOfOrderView, stationInfo } from './station-info';
export type { Connectivity, ConnectivitySource } from './visit';

/**
 * The kiosk's session, as the shells and the kiosk UI see it: the actions of
 * the contract and the shell's events, handed to the parts that keep them —
 * the visit (visit.ts: journey, screens, overlays), its idle timer
 * (idle-timer.ts), the wipe coordinator (wipe-coordinator.ts: end of visit,
 * deferred steps, out of order, relaunch and idle moments) and the panels
 * (panels.ts: memo, guide, keyboard). Pure rules: the shell, the clock and the
 * log are handed in.
 */
/** What staff mode is given (the shells' starters build it from main/node/staff-desk.ts); none: the PIN pad says staff mode is unavailable. */
export interface StaffModeOptions {
  services: StaffServices | null;
  printing: StaffPrinting | null;
  control: StationControl | null;
  /** Tests shorten it; STAFF_IDLE_MS otherwise. */
  idleMs?: number;
}

/** The station's optional parts, as its shell's starter builds them; each one absent is a station without it. */
export interface KioskControllerParts {
  /** The memo on the receipt printer; absent: the station prints no memo. */
  memo?: MemoDesk | null;
  /** The station's A4 printer for the site's documents (documents.a4Printer); absent: "Pas d'imprimante ici". */
  a4Printer?: A4DocumentPrinter | null;
  /** The visitor's USB key (documents.removableMediaFolder): offered where the station cannot print a document. */
  usbKey?: DocumentToUsbKey | null;
  /** Absent: the PIN pad says staff mode is unavailable. */
  staff?: StaffModeOptions;
}

export class KioskController implements KioskActions, ShellEvents {
  private readonly visit: Visit;
  private readonly staff: StaffMode;
  private readonly idle: IdleTimer;
  private readonly wipes: WipeCoordinator;
  private readonly memoPanel: MemoPanel;
  private readonly attachPanel: AttachPanel;
  private readonly dialogs: SiteDialogPanels;
  private readonly printDesk: A4PrintDesk;

  constructor(
    private readonly config: StationConfig,
    shell: KioskShell,
    clock: Clock,
    private readonly log: KioskLog,
    parts: KioskControllerParts = {},
  ) {
    const memo = parts.memo ?? null;
    const a4Printer = parts.a4Printer ?? null;
    const staff = parts.staff ?? { services: null, printing: null, control: null };
    this.dialogs = new SiteDialogPanels(clock, log, (panel) => this.visit.sitePanelChanged('site-dialog', panel === null ? null : { name: 'site-dialog', dialog: panel }));
    const documentSource = shell.siteDocumentToPrint === undefined ? null : { siteDocumentToPrint: () => shell.siteDocumentToPrint!() };
    this.printDesk = new A4PrintDesk(a4Printer, documentSource, {
      show: (panel) => this.visit.sitePanelChanged('a4-print', panel === null ? null : { name: 'a4-print', print: panel }),
      generation: () => this.visit.visitorGeneration(),
    }, log, parts.usbKey ?? null);
    const panels = new SidePanels(config, () => shell.screenSize());
    const visit = new Visit(config, shell, clock, log, stationInfo(config, memo?.printerKind ?? 'none', a4Printer !== null), panels, {
      activity: () => this.idle.activity(),
      endTimers: () => this.idle.cancel(),
      warningDismissed: () => this.idle.warningDismissed(),
      wipe: (cause, minutes, notice) => this.wipes.wipe(cause, minutes, notice),
      changed: () => this.wipes.releaseIdleWaiters(),
      attachClosed: () => this.attachPanel.closed(),
      pendingOverlay: () => {
        const dialog = this.dialogs.current();
        if (dialog !== null) return { name: 'site-dialog', dialog };
        const print = this.printDesk.current();
        return print === null ? null : { name: 'a4-print', print };
      },
      kioskNavigation: (work) => this.dialogs.kioskNavigation(work),
      leavingSite: async () => {
        this.printDesk.close();
        await this.dialogs.answerAllSafely();
      },
      staffView: () => this.staff.view(),
      attachResumed: () => visit.background(this.attachPanel.refresh(), 'attach-resume'),
    });
    this.visit = visit;
    this.idle = new IdleTimer(clock, log, config.idle.warningSeconds, () => shell.realInputIdleMs(), {
      timeoutMs: () => visit.idleTimeoutMs(),
      visitGoesOn: () => visit.visitGoesOn(),
      warningShown: () => visit.warningShown(),
      showWarning: (warning) => visit.showIdleWarning(warning),
      stillHere: () => visit.stillHere(),
      timedOut: () => visit.endAfterIdle(),
      background: (work, what) => visit.background(work, what),
    });
    this.wipes = new WipeCoordinator(config.maintenance, shell, clock, log, {
      activity: () => visit.activity(),
      stopped: () => visit.isStopped(),
      forgetVisitor: () => {
        visit.forgetVisitor();
        this.attachPanel.forget();
        this.printDesk.forget();
      },
      showHome: (notice) => visit.showHome(notice),
      clearForOutOfOrder: () => visit.clearForOutOfOrder(),
      showOutOfOrder: () => visit.showOutOfOrder(),
      publish: () => visit.publish(),
      stop: () => this.stop(),
      background: (work, what) => visit.background(work, what),
      kioskWipeOperations: () => ({
        'end-site-dialogs': () => this.dialogs.endVisit(),
        'purge-print-jobs': this.printDesk.hasPrinter
          ? async () => {
              this.printDesk.forget();
              await this.printDesk.purgeVisit();
            }
          : notPerformed('the station has no A4 printer (documents.a4Printer): no job of a visitor can be in CUPS'),
      }),
    });
    this.staff = new StaffMode(
      staff.services,
      staff.printing,
      staff.control,
      clock,
      log,
      {
        canEnter: () => visit.staffMayEnter(),
        takeScreen: () => visit.staffTakes(),
        giveBackScreen: () => visit.staffGivesBack(),
        wipeAndShowHome: (notice) => visit.endForStaff(notice),
        maintenanceChanged: (on) => visit.setMaintenance(on),
        publish: () => visit.publish(),
      },
      staff.idleMs,
    );
    this.memoPanel = new MemoPanel(memo, {
      acceptsVisitorActions: () => visit.acceptsVisitorActions(),
      memoShown: () => visit.memoShown(),
      generation: () => visit.visitorGeneration(),
      markActivity: () => visit.markActivity(),
    });
    this.attachPanel = new AttachPanel(shell.attachmentDesk?.() ?? null, {
      fileRequestWelcome: () => visit.fileRequestWelcome(),
      attachShown: () => visit.attachShown(),
      showAttach: (picker) => visit.showAttach(picker),
      closeAttach: () => visit.closeAttach(),
      markActivity: () => visit.markActivity(),
      generation: () => visit.visitorGeneration(),
      background: (work, what) => visit.background(work, what),
    }, log);
  }

  /**
   * Follows the Internet link: offline, the tiles say which démarches must wait and
   * opening one shows a page that opens it by itself when the link is back.
   */
  attachConnectivity(source: ConnectivitySource): void {
    this.visit.attachConnectivity(source);
  }

  /** Shows the home screen. Called once the shell is ready. */
  async start(): Promise<void> {
    this.wipes.launched();
    // Jobs a crashed visit left in CUPS go before the first visitor.
    await this.printDesk.purgeLeftovers();
    // Maintenance set by staff survives a restart: the station comes back on its maintenance screen.
    this.visit.setMaintenance(await this.staff.loadMaintenance());
    await this.visit.start();
    this.log.info('station-ready', { tiles: this.config.tiles.length });
    this.wipes.started();
    this.wipes.releaseIdleWaiters();
  }

  /**
   * Resolves at the next idle moment (core/session/idle-moment.ts): at once when nobody
   * uses the station, otherwise once the visitor has left and their wipe is over. A new
   * station file takes effect then, never under a visitor.
   */
  atNextIdleMoment(): Promise<void> {
    return this.wipes.atNextIdleMoment();
  }

  view(): KioskView {
    return this.visit.view();
  }

  /** Stops the timers: the station is shutting down. */
  stop(): void {
    this.staff.stop();
    this.visit.stop();
    this.idle.cancel();
    this.wipes.stop();
  }

  /** The outcome of the last wipe, for staff screens and tests. */
  lastWipeReport(): WipeReport | null {
    return this.wipes.lastReport();
  }

  /** Resolves once the last wipe has completely finished, its deferred steps included (tests, benchmark). */
  wipeSettled(): Promise<WipeReport | null> {
    return this.wipes.settled();
  }

  // ---- actions from the kiosk UI (contract/kiosk-api.ts) ----------------------------------

  getView(): Promise<KioskView> {
    return Promise.resolve(this.visit.view());
  }

  openTile(tileId: string): Promise<void> {
    return this.visit.openTile(tileId);
  }

  retrySite(): Promise<void> {
    return this.visit.retrySite();
  }

  goHome(): Promise<void> {
    return this.visit.goHome();
  }

  requestEndSession(): Promise<void> {
    return this.visit.requestEndSession();
  }

  confirmEndSession(): Promise<void> {
    return this.visit.confirmEndSession();
  }

  async dismissOverlay(): Promise<void> {
    const overlay = this.visit.overlayName();
    if (overlay === 'site-dialog') {
      // Escape on the site's question: the safe answer, as its own button would give it.
      const panel = this.dialogs.current();
      if (panel !== null && this.visit.acceptsVisitorActions()) {
        this.visit.markActivity();
        await this.dialogs.choose(panel.id, safeChoice(panel.kind), '');
      }
      return;
    }
    if (overlay === 'a4-print') this.printDesk.close();
    return this.visit.dismissOverlay();
  }

  /** The visitor's tap on the site's question; the typed text goes to the site only, never to the log. */
  async answerSiteDialog(dialogId: number, choice: SiteDialogChoice, promptText: string): Promise<void> {
    if (!this.visit.acceptsVisitorActions() || this.visit.overlayName() !== 'site-dialog') return;
    this.visit.markActivity();
    await this.dialogs.choose(dialogId, choice, promptText);
  }

  /**
   * The toolbar's "Imprimer": over a PDF of the visit, or over any page where the station
   * has an A4 printer (the visitor's own print request). The same panel as the site's.
   */
  printShownDocument(): Promise<void> {
    if (!this.visit.acceptsVisitorActions() || (!this.visit.showsDocument() && !this.printDesk.hasPrinter)) return Promise.resolve();
    this.visit.markActivity();
    this.siteSurfaceRequested('print');
    return Promise.resolve();
  }

  /** "Enregistrer sur ma clé USB" on the print panel of a station that cannot print. */
  async saveDocumentToUsb(): Promise<void> {
    if (!this.visit.acceptsVisitorActions() || this.visit.overlayName() !== 'a4-print') return;
    this.visit.markActivity();
    await this.printDesk.saveToUsb();
  }

  /** "Imprimer" on the print panel. */
  async printDocument(copies: number): Promise<void> {
    if (!this.visit.acceptsVisitorActions() || this.visit.overlayName() !== 'a4-print') return;
    this.visit.markActivity();
    await this.printDesk.print(copies);
  }

  stillHere(): Promise<void> {
    return this.visit.stillHere();
  }

  /**
   * Kept in the contract for older UIs, and ignored: a page's events (a pointer
   * "move" Chromium reports when the kiosk re-lays its windows under a resting
   * pointer included) are not a person. Presence is read from the input devices
   * (realInputIdleMs) and from the kiosk UI's own actions.
   */
  reportActivity(): Promise<void> {
    return Promise.resolve();
  }

  openMemo(): Promise<void> {
    return this.visit.openMemo();
  }

  previewMemo(tileIds: string[], language: LanguageCode): Promise<MemoPreview> {
    return this.memoPanel.preview(tileIds, language);
  }

  printMemo(tileIds: string[], language: LanguageCode): Promise<MemoPrintOutcome> {
    return this.memoPanel.print(tileIds, language);
  }

  setGuidePanel(open: boolean, side: GuideSide): Promise<void> {
    return this.visit.setGuidePanel(open, side);
  }

  openForgottenPassword(): Promise<void> {
    return this.visit.openForgottenPassword();
  }

  typeOnSite(input: KeyboardInput): Promise<void> {
    return this.visit.typeOnSite(input);
  }

  setTextSize(size: TextSize): Promise<void> {
    return this.visit.setTextSize(size);
  }

  hideKeyboard(): Promise<void> {
    return this.visit.hideKeyboard();
  }

  attachThumbnail(fileId: string): Promise<string | null> {
    return this.attachPanel.thumbnail(fileId);
  }

  attachFiles(fileIds: string[]): Promise<AttachOutcome> {
    return this.attachPanel.attach(fileIds);
  }

  scanDocument(step: ScanStep): Promise<void> {
    return this.attachPanel.scanStep(step);
  }

  // ---- staff mode (core/staff/staff-mode.ts) ----------------------------------------------

  /**
   * The capability of the staff session now open, or undefined: both shells pass it to
   * dispatchKioskAction, so a staff action is served only between the right PIN and the
   * end of staff mode.
   */
  staffCapability(): StaffCapability | undefined {
    return this.staff.capability();
  }

  staffWayIn(): Promise<void> {
    return this.staff.wayIn();
  }

  staffPinSubmit(pin: string): Promise<void> {
    return this.staff.submitPin(pin);
  }

  staffCancelPin(): Promise<void> {
    return this.staff.cancelPin();
  }

  staffOpen(screen: StaffScreenName): Promise<void> {
    return this.staff.open(screen);
  }

  staffSetMaintenance(on: boolean): Promise<void> {
    return this.staff.setMaintenance(on);
  }

  staffEndVisitorSession(): Promise<void> {
    return this.staff.endVisitorSession();
  }

  staffPrintTestPage(): Promise<void> {
    return this.staff.printTestPage();
  }

  staffPrintSampleMemo(): Promise<void> {
    return this.staff.printSampleMemo();
  }

  staffReloadStation(): Promise<void> {
    return this.staff.reloadStation();
  }

  staffExportCounters(to: CounterExportTarget): Promise<void> {
    return this.staff.exportCounters(to);
  }

  staffRestart(): Promise<void> {
    return this.staff.restart();
  }

  staffExit(): Promise<void> {
    return this.staff.exit();
  }

  staffLeave(): Promise<void> {
    return this.staff.leave();
  }

  // ---- events from the shell (core/shell.ts) ----------------------------------------------

  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void {
    this.visit.fieldFocused(field);
  }

  connectivityChanged(state: Connectivity): void {
    this.visit.connectivityChanged(state);
  }

  navigationRefused(refusal: { reason: RefusalReason; host: string | null }): void {
    this.visit.navigationRefused(refusal);
  }

  externalLinkRequested(link: ExternalLink): void {
    this.visit.externalLinkRequested(link);
  }

  siteSurfaceRequested(request: SiteSurfaceRequest): void {
    if (request === 'file') {
      this.visit.siteSurfaceRequested(request);
      return;
    }
    // Printing: the kiosk's own panel, once, over the démarche only.
    const overlay = this.visit.overlayName();
    if (!this.visit.showsSite() || (overlay !== 'none' && overlay !== 'a4-print')) return;
    this.log.info('a4-print-requested');
    this.visit.background(this.printDesk.open(), 'open-print-panel');
  }

  siteDocumentShown(shown: boolean): void {
    this.visit.siteDocumentShown(shown);
  }

  siteDialogOpened(dialog: OpenSiteDialog): void {
    this.dialogs.opened(dialog, this.visit.showsSite());
  }

  /** A file input of the site asked for files: the kiosk's picker, or the "ask a staff member" panel on a station without one. */
  fileRequested(request: SiteFileRequest): void {
    if (!this.attachPanel.available) {
      this.visit.siteSurfaceRequested('file');
      return;
    }
    this.visit.background(this.attachPanel.opened(request), 'attach-open');
  }

  siteCrashed(): void {
    this.visit.siteCrashed();
  }
}
