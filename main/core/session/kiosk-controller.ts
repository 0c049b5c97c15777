import type { Clock, TimerHandle } from '../clock';
import type { StationConfig, Tile } from '../config/station-config';
import type { KioskApi } from '../contract/kiosk-api';
import type { HomeNotice, KioskView, Overlay, Screen, StationInfo } from '../contract/kiosk-view';
import type { KioskLog } from '../log';
import { externalLinkForView, hostForView, type ExternalLink } from '../navigation/external-links';
import type { RefusalReason } from '../navigation/policy';
import { RTL_LANGUAGES, type LanguageCode } from '../config/languages';
import type { GuideSide } from '../contract/kiosk-api';
import type { KeyboardInput, KeyboardMode } from '../contract/keyboard';
import { SITE_ZOOM, type TextSize } from '../contract/text-size';
import type { TileGuide } from '../contract/kiosk-view';
import { guideFitsBeside } from '../contract/layout';
import type { MemoDesk, MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import { relaunchDue } from './relaunch-policy';
import { isIdleMoment } from './idle-moment';
import type { KioskLayout, KioskShell, ShellEvents, SiteSurfaceRequest } from '../shell';
import { runWipe, type WipeReport, type WipeStep } from '../wipe/wipe-sequence';

type EndCause = 'visitor' | 'idle' | 'crash';

export type Connectivity = 'online' | 'offline';

/** Where the controller learns about the Internet link (core/connectivity/connectivity-monitor.ts). */
export interface ConnectivitySource {
  readonly state: Connectivity;
  /** Probes at once (after a page failed to load). */
  checkNow(): Promise<Connectivity>;
  onChange(listener: (state: Connectivity) => void): () => void;
}

/** How often, while the idle warning is up, the station's input counter is read (a touch anywhere means "still here"). */
export const WARNING_INPUT_CHECK_MS = 500;

const NOTICE_FOR_CAUSE: Record<EndCause, HomeNotice> = {
  visitor: 'wiped',
  idle: 'wiped-after-idle',
  crash: 'wiped-after-crash',
};

/**
 * The visitor's journey: home → démarche under the toolbar → end (button, idle
 * timeout or crash) → wipe → home for the next visitor. Pure rules: the shell,
 * the clock and the log are handed in.
 */
export class KioskController implements Omit<KioskApi, 'onViewChanged'>, ShellEvents {
  private screen: Screen = { name: 'home', notice: null };
  private overlay: Overlay = { name: 'none' };
  private generation = 0;
  /** True from the visitor's first action until the wipe: only then can the idle timer run. */
  private visitorPresent = false;
  private visitStartedAt = 0;
  /** The kiosk UI's last visitor action (a tap on a kiosk button); the devices' own count is asked of the shell. */
  private lastActivityAt = 0;
  private idleTimer: TimerHandle | null = null;
  private warningTimer: TimerHandle | null = null;
  /** While the warning is up: the next look at the input counter. */
  private warningWatch: TimerHandle | null = null;
  private warningShownAt = 0;
  private inputCountUnreadable = false;
  /** The tile whose site is loaded in the site view, if any. */
  private siteTile: Tile | null = null;
  private layout: KioskLayout | null = null;
  private readonly station: StationInfo;
  private lastWipe: WipeReport | null = null;
  private stopped = false;
  private visitorsSinceLaunch = 0;
  private launchedAt = 0;
  private maintenanceTimer: TimerHandle | null = null;
  /** The deferred part of the last wipe, while it runs. */
  private wipeFinishing: Promise<void> | null = null;
  /** True while the deferred part of the last wipe runs. */
  private wipeFinishingNow = false;
  /** Callers of atNextIdleMoment() still waiting. */
  private idleWaiters: Array<() => void> = [];
  /** The démarches opened during this visit, for the memo's pre-selection; forgotten at the wipe. */
  private openedTiles: string[] = [];
  private guideOpen = false;
  private guideSide: GuideSide;
  private keyboard: KeyboardMode | null = null;
  private connectivity: Connectivity = 'online';
  private connectivitySource: ConnectivitySource | null = null;

  constructor(
    private readonly config: StationConfig,
    private readonly shell: KioskShell,
    private readonly clock: Clock,
    private readonly log: KioskLog,
    private readonly memo: MemoDesk | null = null,
  ) {
    this.station = stationInfo(config, memo?.printerKind ?? 'none');
    this.guideSide = defaultGuideSide(config);
  }

  /**
   * Follows the Internet link: offline, the tiles say which démarches must wait and
   * opening one shows a page that opens it by itself when the link is back.
   */
  attachConnectivity(source: ConnectivitySource): void {
    this.connectivitySource = source;
    this.connectivity = source.state;
    source.onChange((state) => this.connectivityChanged(state));
  }

  /** Shows the home screen. Called once the shell is ready. */
  async start(): Promise<void> {
    this.launchedAt = this.clock.now();
    await this.applyLayout('full');
    this.publish();
    this.log.info('station-ready', { tiles: this.config.tiles.length });
    if (this.config.maintenance?.relaunchAtHour !== undefined) this.armMaintenanceCheck();
    this.releaseIdleWaiters();
  }

  /**
   * Resolves at the next idle moment (core/session/idle-moment.ts): at once when nobody
   * uses the station, otherwise once the visitor has left and their wipe is over. A new
   * station file takes effect then, never under a visitor.
   */
  atNextIdleMoment(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.releaseIdleWaiters();
    });
  }

  private releaseIdleWaiters(): void {
    if (this.idleWaiters.length === 0 || this.stopped) return;
    const activity = { visitorPresent: this.visitorPresent, screen: this.screen.name, overlay: this.overlay.name, wipeFinishing: this.wipeFinishingNow };
    if (!isIdleMoment(activity)) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  view(): KioskView {
    return {
      screen: this.screen,
      overlay: this.overlay,
      station: this.station,
      visitorGeneration: this.generation,
      openedTiles: [...this.openedTiles],
      layout: this.layout ?? 'full',
      guideOpen: this.guideOpen,
      keyboard: this.keyboard,
      connectivity: this.connectivity,
    };
  }

  /** Stops the timers: the station is shutting down. */
  stop(): void {
    this.stopped = true;
    this.clearTimer('idle');
    this.clearTimer('warning');
    this.clearTimer('watch');
    if (this.maintenanceTimer !== null) this.clock.clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = null;
  }

  /** The outcome of the last wipe, for staff screens and tests. */
  lastWipeReport(): WipeReport | null {
    return this.lastWipe;
  }

  // ---- actions from the kiosk UI -------------------------------------------------------

  getView(): Promise<KioskView> {
    return Promise.resolve(this.view());
  }

  async openTile(tileId: string): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    const tile = this.config.tiles.find((candidate) => candidate.id === tileId);
    if (tile === undefined) {
      this.log.warn('unknown-tile-requested');
      return;
    }
    this.overlay = { name: 'none' };
    if (this.siteTile?.id === tile.id && this.screen.name === 'home') {
      // Back to the démarche the visitor left with "Accueil": keep their place.
      this.screen = { name: 'site', tileId: tile.id, loading: false };
      this.markActivity();
      await this.applyLayout(this.restingLayout());
      this.publish();
      return;
    }
    await this.loadTile(tile);
  }

  async retrySite(): Promise<void> {
    if (!this.acceptsVisitorActions() || (this.overlay.name !== 'unreachable' && this.overlay.name !== 'offline')) return;
    const tileId = this.overlay.tileId;
    const tile = this.config.tiles.find((candidate) => candidate.id === tileId);
    this.overlay = { name: 'none' };
    if (tile !== undefined) await this.loadTile(tile);
  }

  async goHome(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.screen = { name: 'home', notice: null };
    this.overlay = { name: 'none' };
    this.keyboard = null;
    this.markActivity();
    await this.applyLayout('full');
    this.publish();
  }

  async requestEndSession(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    this.overlay = { name: 'confirm-end' };
    await this.applyLayout('full');
    this.publish();
  }

  async confirmEndSession(): Promise<void> {
    if (!this.acceptsVisitorActions() || this.overlay.name !== 'confirm-end') return;
    await this.endVisit('visitor');
  }

  async dismissOverlay(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    if (this.overlay.name === 'idle-warning') return this.stillHere();
    this.markActivity();
    this.overlay = { name: 'none' };
    await this.applyLayout(this.restingLayout());
    this.publish();
  }

  async stillHere(): Promise<void> {
    if (this.overlay.name !== 'idle-warning') return;
    this.clearTimer('warning');
    this.clearTimer('watch');
    this.overlay = { name: 'none' };
    this.markActivity();
    await this.applyLayout(this.restingLayout());
    this.publish();
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

  async openMemo(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    this.overlay = { name: 'memo' };
    await this.applyLayout('full');
    this.publish();
  }

  previewMemo(tileIds: string[], language: LanguageCode): Promise<MemoPreview> {
    if (this.memo === null || !this.acceptsVisitorActions()) return Promise.reject(new Error('the memo is not available'));
    this.markActivity();
    return Promise.resolve(this.memo.preview(tileIds, language));
  }

  async printMemo(tileIds: string[], language: LanguageCode): Promise<MemoPrintOutcome> {
    if (this.memo === null) return { ok: false, problem: 'not-configured' };
    if (!this.acceptsVisitorActions() || this.overlay.name !== 'memo') return { ok: false, problem: 'busy' };
    this.markActivity();
    const generation = this.generation;
    const outcome = await this.memo.print(tileIds, language);
    // A visitor who left meanwhile gets nothing back, and neither does the next one.
    return generation === this.generation ? outcome : { ok: false, problem: 'failed' };
  }

  async setGuidePanel(open: boolean, side: GuideSide): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    this.guideOpen = open && this.siteTile !== null && guideOf(this.siteTile) !== null;
    this.guideSide = side;
    if (this.screen.name === 'site' && this.overlay.name === 'none') await this.applyLayout(this.restingLayout());
    this.publish();
  }

  async openForgottenPassword(): Promise<void> {
    if (!this.acceptsVisitorActions() || this.screen.name !== 'site') return;
    const tile = this.siteTile;
    if (tile?.forgottenPassword === undefined) return;
    this.log.info('forgotten-password-opened', { tile: tile.id });
    this.overlay = { name: 'none' };
    await this.loadTile(tile, tile.forgottenPassword);
  }

  async typeOnSite(input: KeyboardInput): Promise<void> {
    if (!this.acceptsVisitorActions() || this.keyboard === null || this.screen.name !== 'site') return;
    this.markActivity();
    await this.shell.typeOnSite(input);
  }

  /** The visitor's text size, as the site's page zoom (the shell keeps it for every page of the visit). */
  async setTextSize(size: TextSize): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    await this.shell.setSiteZoom?.(SITE_ZOOM[size]);
  }

  async hideKeyboard(): Promise<void> {
    if (this.keyboard === null) return;
    this.markActivity();
    this.keyboard = null;
    if (this.screen.name === 'site' && this.overlay.name === 'none') await this.applyLayout(this.restingLayout());
    this.publish();
  }

  // ---- events from the shell -------------------------------------------------------------

  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void {
    const setting = this.config.keyboard ?? 'touch';
    const wanted = field === null || setting === 'off' || (setting === 'touch' && !field.byTouch) ? null : field.mode;
    // The keyboard only follows the site's fields while the site is what the visitor sees.
    if (this.screen.name !== 'site' || this.overlay.name !== 'none' || wanted === this.keyboard) return;
    if (wanted === null && field !== null) return; // a field focused by a physical keyboard or mouse: leave things as they are
    this.keyboard = wanted;
    this.background(
      this.applyLayout(this.restingLayout()).then(() => this.publish()),
      'keyboard-layout',
    );
  }

  connectivityChanged(state: Connectivity): void {
    if (state === this.connectivity) return;
    this.connectivity = state;
    // Back online: a démarche waiting on the offline page opens by itself; nothing else is touched.
    if (state === 'online' && this.overlay.name === 'offline' && this.acceptsVisitorActions()) {
      this.background(this.retrySite(), 'retry-after-offline');
      return;
    }
    this.publish();
  }

  navigationRefused(refusal: { reason: RefusalReason; host: string | null }): void {
    // A site's own doing is not a visitor's presence: it neither restarts the idle
    // timer nor takes the idle warning's place.
    if (this.screen.name !== 'site' || this.overlay.name === 'idle-warning') return;
    this.log.info('navigation-refused', { reason: refusal.reason });
    // Bounded before it is stored: the host comes from the site (navigation/external-links.ts).
    this.overlay = { name: 'refused', reason: refusal.reason, host: hostForView(refusal.host) };
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-refusal',
    );
  }

  externalLinkRequested(link: ExternalLink): void {
    if (this.screen.name !== 'site' || this.overlay.name === 'idle-warning') return;
    this.log.info('external-link-shown', { kind: link.kind });
    this.overlay = { name: 'external-link', link: externalLinkForView(link) };
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-external-link',
    );
  }

  siteSurfaceRequested(request: SiteSurfaceRequest): void {
    if (this.screen.name !== 'site' || !this.acceptsVisitorActions()) return;
    // A site may ask again and again: one panel, whatever the number of requests.
    if (this.overlay.name === 'print-or-file') return;
    this.log.info('site-surface-refused', { request });
    this.markActivity();
    this.overlay = { name: 'print-or-file', request };
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-print-or-file',
    );
  }

  siteCrashed(): void {
    if (this.stopped || this.screen.name === 'wiping' || this.screen.name === 'out-of-order') return;
    this.log.warn('site-crashed');
    this.background(this.endVisit('crash'), 'end-after-crash');
  }

  // ---- internals -------------------------------------------------------------------------

  private acceptsVisitorActions(): boolean {
    return !this.stopped && (this.screen.name === 'home' || this.screen.name === 'site');
  }

  /** Runs work started by a timer or a shell event, where nobody awaits it: failures are logged. */
  private background(work: Promise<void>, what: string): void {
    work.catch((error: unknown) => {
      this.log.error('controller-failed', { what, error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
    });
  }

  private async loadTile(tile: Tile, address = tile.entry): Promise<void> {
    // A démarche with steps to follow opens with its guide beside it; a phone number alone does
    // not take the room, and on a small screen (where the guide would cover the site) it waits to be asked for.
    if (this.siteTile?.id !== tile.id) {
      const hasSteps = (tile.guides?.length ?? 0) > 0 || (tile.documents?.length ?? 0) > 0;
      this.guideOpen = hasSteps && guideFitsBeside(this.shell.screenSize());
    }
    this.siteTile = tile;
    this.keyboard = null;
    if (!this.openedTiles.includes(tile.id)) this.openedTiles.push(tile.id);
    this.markActivity();
    if (tile.worksOffline !== true && this.connectivity === 'offline') {
      await this.showOffline(tile);
      return;
    }
    this.screen = { name: 'site', tileId: tile.id, loading: true };
    await this.applyLayout(this.restingLayout());
    this.publish();
    if (address === tile.entry) this.log.info('tile-opened', { tile: tile.id });
    try {
      await this.shell.openSite(address, tile.allowedHosts, (tile.permissions ?? []).map((permission) => permission.name), tile.frameHosts ?? []);
      if (this.screen.name === 'site' && this.screen.tileId === tile.id) {
        this.screen = { name: 'site', tileId: tile.id, loading: false };
        this.publish();
      }
    } catch {
      // The site is down or the connection dropped: say so plainly, offer to retry.
      if (this.screen.name !== 'site' || this.screen.tileId !== tile.id) return;
      // Is it the site, or the whole link? Ask before choosing the message.
      if (tile.worksOffline !== true && this.connectivitySource !== null) {
        this.connectivity = await this.connectivitySource.checkNow().catch((): Connectivity => this.connectivity);
        if (this.screen.name !== 'site' || this.screen.tileId !== tile.id) return;
        if (this.connectivity === 'offline') {
          await this.showOffline(tile);
          return;
        }
      }
      this.log.warn('site-unreachable', { tile: tile.id });
      this.screen = { name: 'site', tileId: tile.id, loading: false };
      this.overlay = { name: 'unreachable', tileId: tile.id };
      await this.applyLayout('full');
      this.publish();
    }
  }

  private async showOffline(tile: Tile): Promise<void> {
    this.log.info('tile-waiting-for-connection', { tile: tile.id });
    this.screen = { name: 'site', tileId: tile.id, loading: false };
    this.overlay = { name: 'offline', tileId: tile.id };
    await this.applyLayout('full');
    this.publish();
  }

  /** The layout when no panel is open: the site with what the visitor asked for beside it. */
  private restingLayout(): KioskLayout {
    if (this.screen.name !== 'site') return 'full';
    if (this.keyboard !== null) return 'toolbar-keyboard';
    if (this.guideOpen) return guideFitsBeside(this.shell.screenSize()) ? `guide-${this.guideSide}` : 'full';
    return 'toolbar';
  }

  private markActivity(): void {
    const now = this.clock.now();
    if (!this.visitorPresent) {
      this.visitorPresent = true;
      this.visitStartedAt = now;
      this.log.info('visit-started'); // counted by the activity counters (core/counters/counting-log.ts)
    }
    this.lastActivityAt = now;
    // Re-armed every time: the timeout depends on what is on screen (a tile may have its own).
    this.clearTimer('idle');
    if (this.overlay.name !== 'idle-warning') this.armIdleTimer(this.idleTimeoutMs());
  }

  /** The démarche's own timeout while it is on screen (longer where visitors wait for a code), else the station's. */
  private idleTimeoutMs(): number {
    const onTile = this.screen.name === 'site' ? this.siteTile : null;
    return (onTile?.idleTimeoutSeconds ?? this.config.idle.timeoutSeconds) * 1000;
  }

  private armIdleTimer(ms: number): void {
    this.idleTimer = this.clock.setTimeout(() => {
      this.idleTimer = null;
      this.background(this.checkIdle(), 'idle-check');
    }, ms);
  }

  /** The timeout has passed since the last kiosk action: was there real input meanwhile? */
  private async checkIdle(): Promise<void> {
    const generation = this.generation;
    const deviceIdleMs = await this.deviceIdleMs();
    // A kiosk action re-armed the timer meanwhile, or the visit ended: nothing to do.
    if (generation !== this.generation || this.idleTimer !== null || !this.visitorPresent || this.overlay.name === 'idle-warning') return;
    if (!this.acceptsVisitorActions()) return;
    const idleFor = Math.min(this.clock.now() - this.lastActivityAt, deviceIdleMs);
    const timeout = this.idleTimeoutMs();
    if (idleFor < timeout) this.armIdleTimer(timeout - idleFor);
    else await this.showIdleWarning();
  }

  /** The devices' count; one that cannot be read counts as idle, so the wipe always comes. */
  private async deviceIdleMs(): Promise<number> {
    try {
      const ms = await this.shell.realInputIdleMs();
      if (this.inputCountUnreadable) this.log.info('input-idle-readable-again');
      this.inputCountUnreadable = false;
      return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
    } catch (error) {
      if (!this.inputCountUnreadable) {
        this.log.error('input-idle-unreadable', { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
      }
      this.inputCountUnreadable = true;
      return Number.POSITIVE_INFINITY;
    }
  }

  private async showIdleWarning(): Promise<void> {
    if (!this.visitorPresent || !this.acceptsVisitorActions()) return;
    const seconds = this.config.idle.warningSeconds;
    this.warningShownAt = this.clock.now();
    this.overlay = { name: 'idle-warning', endsAt: this.warningShownAt + seconds * 1000, seconds };
    this.warningTimer = this.clock.setTimeout(() => {
      this.warningTimer = null;
      if (this.overlay.name === 'idle-warning') this.background(this.endVisit('idle'), 'end-after-idle');
    }, seconds * 1000);
    this.armWarningWatch();
    await this.applyLayout('full');
    this.publish();
  }

  /** Any real input after the warning appeared (a touch, a key, the mouse) means "still here". */
  private armWarningWatch(): void {
    this.warningWatch = this.clock.setTimeout(() => {
      this.warningWatch = null;
      this.background(this.checkWarning(), 'warning-input-check');
    }, WARNING_INPUT_CHECK_MS);
  }

  private async checkWarning(): Promise<void> {
    const shownAt = this.warningShownAt;
    const deviceIdleMs = await this.deviceIdleMs();
    if (this.overlay.name !== 'idle-warning' || shownAt !== this.warningShownAt || this.warningTimer === null) return;
    if (deviceIdleMs < this.clock.now() - shownAt) {
      await this.stillHere();
      return;
    }
    if (this.warningWatch === null) this.armWarningWatch();
  }

  private clearTimer(which: 'idle' | 'warning' | 'watch'): void {
    const handle = which === 'idle' ? this.idleTimer : which === 'warning' ? this.warningTimer : this.warningWatch;
    if (handle !== null) this.clock.clearTimeout(handle);
    if (which === 'idle') this.idleTimer = null;
    else if (which === 'warning') this.warningTimer = null;
    else this.warningWatch = null;
  }

  private async endVisit(cause: EndCause): Promise<void> {
    this.clearTimer('idle');
    this.clearTimer('warning');
    this.clearTimer('watch');
    const minutes = this.visitorPresent ? Math.round((this.clock.now() - this.visitStartedAt) / 60_000) : 0;
    this.screen = { name: 'wiping' };
    this.overlay = { name: 'none' };
    try {
      await this.applyLayout('full');
    } catch (error) {
      // Whatever happened to the windows, the visitor's data is erased: the wipe always runs.
      this.log.error('layout-failed', { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
    }
    this.publish();

    // What stands between the next visitor and the last one's data runs now; the rest
    // (ending a browser nobody can reach any more, deleting its folder) right after the
    // home screen is back, so the next visitor does not wait for it.
    const steps = this.shell.wipeSteps();
    const report = await runWipe(steps.filter((step) => step.deferred !== true), this.clock);
    const deferred = steps.filter((step) => step.deferred === true);
    this.lastWipe = report;
    this.siteTile = null;
    this.openedTiles = [];
    this.guideOpen = false;
    this.guideSide = defaultGuideSide(this.config);
    this.keyboard = null;
    this.visitorPresent = false;
    this.generation += 1;
    this.visitorsSinceLaunch += 1;
    this.log.info('session-ended', { cause, minutes });
    if (!report.ok) {
      // Erase as much as possible anyway, then stay out of order.
      const rest = deferred.length > 0 ? await runWipe(deferred, this.clock) : null;
      this.lastWipe = rest === null ? report : { ok: false, ms: report.ms + rest.ms, steps: [...report.steps, ...rest.steps] };
      this.wipeFailed(this.lastWipe);
      return;
    }
    this.screen = { name: 'home', notice: NOTICE_FOR_CAUSE[cause] };
    if (deferred.length === 0) {
      this.log.info('wipe-done', { ms: report.ms, steps: report.steps.length });
      if (await this.relaunchIfDue()) return;
      this.publish();
      return;
    }
    this.wipeFinishingNow = true; // before publishing the home screen: the wipe is not over yet
    this.publish();
    const finishing = this.finishWipe(report, deferred).finally(() => {
      this.wipeFinishingNow = false;
    });
    this.wipeFinishing = finishing;
    this.background(finishing, 'finish-wipe');
  }

  /** The deferred part of the wipe; its failure takes the station out of order, whoever is there. */
  private async finishWipe(first: WipeReport, deferred: WipeStep[]): Promise<void> {
    const rest = await runWipe(deferred, this.clock);
    const report: WipeReport = { ok: rest.ok, ms: first.ms + rest.ms, steps: [...first.steps, ...rest.steps] };
    this.lastWipe = report;
    if (!rest.ok) {
      this.clearTimer('idle');
      this.clearTimer('warning');
      this.clearTimer('watch');
      this.overlay = { name: 'none' };
      await this.applyLayout('full').catch(() => undefined);
      this.wipeFailed(report);
      return;
    }
    this.log.info('wipe-done', { ms: first.ms, finishedMs: rest.ms, steps: report.steps.length });
    this.wipeFinishingNow = false;
    if (this.screen.name === 'home' && this.overlay.name === 'none' && (await this.relaunchIfDue())) return;
    this.releaseIdleWaiters();
  }

  private wipeFailed(report: WipeReport): void {
    const failed = report.steps.filter((step) => !step.ok);
    this.log.error('wipe-failed', {
      failedSteps: failed.map((step) => step.name).join(','),
      firstError: failed[0]?.error ?? null,
    });
    // Never show the next visitor anything of the last one: stay out of order until staff act.
    this.screen = { name: 'out-of-order', reason: 'wipe-failed' };
    this.publish();
  }

  /** Resolves once the last wipe has completely finished, its deferred steps included (tests, benchmark). */
  async wipeSettled(): Promise<WipeReport | null> {
    await this.wipeFinishing?.catch(() => undefined);
    return this.lastWipe;
  }

  /** Relaunches between two visitors when the maintenance policy says so. Returns true if it did. */
  private async relaunchIfDue(): Promise<boolean> {
    const reason = relaunchDue(this.config.maintenance, {
      visitorsSinceLaunch: this.visitorsSinceLaunch,
      launchedAt: this.launchedAt,
      now: this.clock.now(),
      visitorPresent: this.visitorPresent,
    });
    if (reason === null) return false;
    this.log.info('relaunch', { reason, visitors: this.visitorsSinceLaunch });
    this.stop();
    await this.shell.relaunch();
    return true;
  }

  /** Checks once a minute whether the nightly relaunch hour has come while the station is unused. */
  private armMaintenanceCheck(): void {
    this.maintenanceTimer = this.clock.setTimeout(() => {
      this.maintenanceTimer = null;
      if (this.stopped) return;
      if (this.screen.name === 'home' && this.overlay.name === 'none') {
        this.background(
          this.relaunchIfDue().then((relaunched) => {
            if (!relaunched) this.armMaintenanceCheck();
          }),
          'maintenance-relaunch',
        );
      } else {
        this.armMaintenanceCheck();
      }
    }, 60_000);
  }

  private async applyLayout(layout: KioskLayout): Promise<void> {
    if (this.layout === layout) return;
    this.layout = layout;
    await this.shell.setLayout(layout);
  }

  private publish(): void {
    this.shell.publishView(this.view());
    this.releaseIdleWaiters();
  }
}

export function stationInfo(config: StationConfig, printer: StationInfo['printer'] = 'none'): StationInfo {
  return {
    name: config.station.name,
    printer,
    helpText: config.station.helpText,
    defaultLanguage: config.languages.default,
    languages: [...config.languages.available],
    tiles: config.tiles.map((tile) => ({
      id: tile.id,
      label: tile.label,
      description: tile.description ?? null,
      host: new URL(tile.entry).hostname,
      hasMemo: tile.memo !== undefined,
      needsConnection: tile.worksOffline !== true,
      guide: guideOf(tile),
    })),
  };
}

/** The guide panel's content, or null when the catalogue gives nothing to guide with. */
export function guideOf(tile: Tile): TileGuide | null {
  const guide: TileGuide = {
    identifier: tile.memo?.identifier ?? null,
    helpline: tile.memo?.helpline ?? null,
    helplineHours: tile.helplineHours ?? null,
    hasForgottenPassword: tile.forgottenPassword !== undefined,
    documents: tile.documents ?? [],
    procedures: (tile.guides ?? []).map((procedure) => ({
      id: procedure.id,
      title: procedure.title,
      steps: procedure.steps.map((step) => ({ text: step.text, detail: step.detail ?? null })),
    })),
  };
  const empty = guide.documents.length === 0 && guide.procedures.length === 0 && !guide.hasForgottenPassword && guide.helpline === null;
  return empty ? null : guide;
}

/** The guide sits on the side where reading starts: the right for Arabic, Dari and Pashto. */
function defaultGuideSide(config: StationConfig): GuideSide {
  return RTL_LANGUAGES.has(config.languages.default) ? 'right' : 'left';
}

/** The view of a station that cannot start: no station information at all. */
export function outOfOrderView(reason: 'config' | 'shell-failed'): KioskView {
  return {
    screen: { name: 'out-of-order', reason },
    overlay: { name: 'none' },
    station: null,
    visitorGeneration: 0,
    openedTiles: [],
    layout: 'full',
    guideOpen: false,
    keyboard: null,
    connectivity: 'online',
  };
}
