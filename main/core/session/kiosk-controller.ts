import type { Clock } from '../clock';
import type { StationConfig } from '../config/station-config';
import type { LanguageCode } from '../config/languages';
import type { GuideSide } from '../contract/kiosk-api';
import type { KeyboardInput, KeyboardMode } from '../contract/keyboard';
import type { KioskView } from '../contract/kiosk-view';
import type { TextSize } from '../contract/text-size';
import type { KioskLog } from '../log';
import type { MemoDesk, MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import type { ExternalLink } from '../navigation/external-links';
import type { RefusalReason } from '../navigation/policy';
import type { AttachOutcome, ScanStep } from '../contract/attach';
import type { KioskShell, ShellEvents, SiteFileRequest, SiteSurfaceRequest } from '../shell';
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
export class KioskController implements KioskActions, ShellEvents {
  private readonly visit: Visit;
  private readonly idle: IdleTimer;
  private readonly wipes: WipeCoordinator;
  private readonly memoPanel: MemoPanel;
  private readonly attachPanel: AttachPanel;

  constructor(
    private readonly config: StationConfig,
    shell: KioskShell,
    clock: Clock,
    private readonly log: KioskLog,
    memo: MemoDesk | null = null,
  ) {
    const panels = new SidePanels(config, () => shell.screenSize());
    const visit = new Visit(config, shell, clock, log, stationInfo(config, memo?.printerKind ?? 'none'), panels, {
      activity: () => this.idle.activity(),
      endTimers: () => this.idle.cancel(),
      warningDismissed: () => this.idle.warningDismissed(),
      wipe: (cause, minutes) => this.wipes.wipe(cause, minutes),
      changed: () => this.wipes.releaseIdleWaiters(),
      attachClosed: () => this.attachPanel.closed(),
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
      },
      showHome: (notice) => visit.showHome(notice),
      clearForOutOfOrder: () => visit.clearForOutOfOrder(),
      showOutOfOrder: () => visit.showOutOfOrder(),
      publish: () => visit.publish(),
      stop: () => this.stop(),
      background: (work, what) => visit.background(work, what),
    });
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

  dismissOverlay(): Promise<void> {
    return this.visit.dismissOverlay();
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
    this.visit.siteSurfaceRequested(request);
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
