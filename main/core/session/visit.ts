import type { Clock } from '../clock';
import type { StationConfig, Tile } from '../config/station-config';
import type { GuideSide } from '../contract/kiosk-api';
import type { KeyboardInput, KeyboardMode } from '../contract/keyboard';
import type { AttachPicker } from '../contract/attach';
import type { HomeNotice, KioskView, Overlay, Screen, StationInfo } from '../contract/kiosk-view';
import type { StaffView } from '../contract/staff-view';
import { SITE_ZOOM, type TextSize } from '../contract/text-size';
import type { KioskLog } from '../log';
import { externalLinkForView, hostForView, type ExternalLink } from '../navigation/external-links';
import type { RefusalReason } from '../navigation/policy';
import type { KioskLayout, KioskShell, SiteSurfaceRequest } from '../shell';
import type { StationActivity } from './idle-moment';
import type { IdleWarning } from './idle-timer';
import type { SidePanels } from './panels';
import type { EndCause } from './wipe-coordinator';

export type Connectivity = 'online' | 'offline';

/** Where the visit learns about the Internet link (core/connectivity/connectivity-monitor.ts). */
export interface ConnectivitySource {
  readonly state: Connectivity;
  /** Probes at once (after a page failed to load). */
  checkNow(): Promise<Connectivity>;
  onChange(listener: (state: Connectivity) => void): () => void;
}

/** What the visit hands over to the other parts of the controller (kiosk-controller.ts wires them). */
export interface VisitLinks {
  /** A visitor's action: the idle timeout starts again. */
  activity(): void;
  /** The visit ends (or is taken out of order): no idle timer is left. */
  endTimers(): void;
  /** The idle warning was answered: its countdown stops. */
  warningDismissed(): void;
  /** Wipes the visit that just ended; the "wiping" screen is up. */
  /** `notice`: what the home screen says afterwards, when not the cause's own. */
  wipe(cause: EndCause, minutes: number, notice?: HomeNotice | null): Promise<void>;
  /** What is on screen changed: an idle moment may have come. */
  changed(): void;
  /** The file picker was taken down by the visitor or by another panel (attach-panel.ts). */
  attachClosed(): void;
  /**
   * The panel waiting behind another overlay (a site's question, the print panel), shown
   * again when that overlay closes; null for none.
   */
  pendingOverlay(): Overlay | null;
  /** Runs the kiosk's own navigation of the site view: a site's "leave this page?" never holds it. */
  kioskNavigation<T>(work: () => Promise<T>): Promise<T>;
  /** The visitor leaves the site for the home screen: the site's questions are answered safely. */
  leavingSite(): Promise<void>;
  /** Staff mode's part of the view (core/staff/staff-mode.ts), null outside it. */
  staffView(): StaffView | null;
  /** The file picker is back after the idle warning: its sources are listed again. */
  attachResumed(): void;
}

/**
 * The visitor's journey: home → démarche under the toolbar (or with its guide
 * beside it) → end (button, idle timeout or crash) → wipe → home for the next
 * visitor; the screens, the overlays over them and the layout each asks of the
 * shell. Pure rules: the shell, the clock and the log are handed in.
 */
export class Visit {
  private screen: Screen = { name: 'home', notice: null };
  private overlay: Overlay = { name: 'none' };
  private generation = 0;
  /** True from the visitor's first action until the wipe: only then can the idle timer run. */
  private visitorPresent = false;
  private visitStartedAt = 0;
  /** The tile whose site is loaded in the site view, if any. */
  private siteTile: Tile | null = null;
  /** Counts the kiosk's loads of a site: only the latest one's outcome is shown. */
  private siteLoads = 0;
  private layout: KioskLayout | null = null;
  private stopped = false;
  /** The démarches opened during this visit, for the memo's pre-selection; forgotten at the wipe. */
  private openedTiles: string[] = [];
  private connectivity: Connectivity = 'online';
  private connectivitySource: ConnectivitySource | null = null;
  /** The PIN pad or the staff screens are up: the visit is paused under them (no visitor action, no idle timer, the site hidden). */
  private staffHolds = false;
  /** The site crashed while staff held the screen: the visit ends as soon as they give it back. */
  private crashedUnderStaff = false;
  /** Staff put the station in maintenance: the home screen is the maintenance screen. */
  private maintenance = false;
  /** The file picker the idle warning covers: back on "Je suis encore là", closed if the visit ends. */
  private suspendedAttach: AttachPicker | null = null;

  constructor(
    private readonly config: StationConfig,
    private readonly shell: KioskShell,
    private readonly clock: Clock,
    private readonly log: KioskLog,
    private readonly station: StationInfo,
    private readonly panels: SidePanels,
    private readonly links: VisitLinks,
  ) {}

  /**
   * Follows the Internet link: offline, the tiles say which démarches must wait and
   * opening one shows a page that opens it by itself when the link is back.
   */
  attachConnectivity(source: ConnectivitySource): void {
    this.connectivitySource = source;
    this.connectivity = source.state;
    source.onChange((state) => this.connectivityChanged(state));
  }

  /** Shows the home screen. */
  async start(): Promise<void> {
    if (this.maintenance) this.screen = { name: 'maintenance' };
    await this.applyLayout('full');
    this.publish();
  }

  /** The station is shutting down: no more visitor actions. */
  stop(): void {
    this.stopped = true;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  view(): KioskView {
    return {
      screen: this.screen,
      overlay: this.overlay,
      station: this.station,
      visitorGeneration: this.generation,
      openedTiles: [...this.openedTiles],
      layout: this.layout ?? 'full',
      guideOpen: this.panels.guide,
      keyboard: this.panels.keyboard,
      connectivity: this.connectivity,
      staff: this.links.staffView(),
    };
  }

  // ---- actions from the kiosk UI -------------------------------------------------------

  async openTile(tileId: string): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    const tile = this.config.tiles.find((candidate) => candidate.id === tileId);
    if (tile === undefined) {
      this.log.warn('unknown-tile-requested');
      return;
    }
    this.setOverlay({ name: 'none' });
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
    this.setOverlay({ name: 'none' });
    if (tile !== undefined) await this.loadTile(tile);
  }

  async goHome(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    await this.links.leavingSite();
    this.screen = { name: 'home', notice: null };
    this.setOverlay({ name: 'none' });
    this.panels.showKeyboard(null);
    this.markActivity();
    await this.applyLayout('full');
    this.publish();
  }

  async requestEndSession(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    this.setOverlay({ name: 'confirm-end' });
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
    await this.showRestingOverlay();
  }

  async stillHere(): Promise<void> {
    if (this.overlay.name !== 'idle-warning') return;
    this.links.warningDismissed();
    // "Je suis encore là" over the file picker: the picker comes back as it was.
    const resume = this.suspendedAttach;
    this.suspendedAttach = null;
    this.markActivity();
    if (resume === null) {
      await this.showRestingOverlay();
      return;
    }
    this.setOverlay({ name: 'attach', picker: resume });
    await this.applyLayout('full');
    this.publish();
    this.links.attachResumed();
  }

  async openMemo(): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    this.setOverlay({ name: 'memo' });
    await this.applyLayout('full');
    this.publish();
  }

  async setGuidePanel(open: boolean, side: GuideSide): Promise<void> {
    if (!this.acceptsVisitorActions()) return;
    this.markActivity();
    this.panels.setGuide(open, side, this.siteTile);
    if (this.screen.name === 'site' && this.overlay.name === 'none') await this.applyLayout(this.restingLayout());
    this.publish();
  }

  async openForgottenPassword(): Promise<void> {
    if (!this.acceptsVisitorActions() || this.screen.name !== 'site') return;
    const tile = this.siteTile;
    if (tile?.forgottenPassword === undefined) return;
    this.log.info('forgotten-password-opened', { tile: tile.id });
    this.setOverlay({ name: 'none' });
    await this.loadTile(tile, tile.forgottenPassword);
  }

  async typeOnSite(input: KeyboardInput): Promise<void> {
    if (!this.acceptsVisitorActions() || this.panels.keyboard === null || this.screen.name !== 'site') return;
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
    if (this.panels.keyboard === null) return;
    this.markActivity();
    this.panels.showKeyboard(null);
    if (this.screen.name === 'site' && this.overlay.name === 'none') await this.applyLayout(this.restingLayout());
    this.publish();
  }

  // ---- events from the shell -------------------------------------------------------------

  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void {
    const wanted = this.panels.keyboardFor(field);
    // The keyboard only follows the site's fields while the site is what the visitor sees.
    if (this.screen.name !== 'site' || this.overlay.name !== 'none' || wanted === this.panels.keyboard) return;
    if (wanted === 'unchanged') return; // a field focused by a physical keyboard or mouse: leave things as they are
    this.panels.showKeyboard(wanted);
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
    this.setOverlay({ name: 'refused', reason: refusal.reason, host: hostForView(refusal.host) });
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-refusal',
    );
  }

  externalLinkRequested(link: ExternalLink): void {
    if (this.screen.name !== 'site' || this.overlay.name === 'idle-warning') return;
    this.log.info('external-link-shown', { kind: link.kind });
    this.setOverlay({ name: 'external-link', link: externalLinkForView(link) });
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-external-link',
    );
  }

  /**
   * A panel of the site's (its question, the print panel) comes up, or goes (`null`). It takes
   * the screen unless the idle warning or the end-of-session question is up: then it waits
   * behind them (pendingOverlay) and comes back when they close. The site's doing is not
   * the visitor's presence: it does not restart the idle timer.
   */
  sitePanelChanged(name: 'site-dialog' | 'a4-print', overlay: Overlay | null): void {
    if (!this.acceptsVisitorActions()) return;
    if (overlay === null) {
      if (this.overlay.name !== name) return;
      this.background(this.showRestingOverlay(), 'hide-site-panel');
      return;
    }
    if (this.overlay.name === 'idle-warning' || this.overlay.name === 'confirm-end') return;
    if (this.overlay.name !== 'none' && this.overlay.name !== name && name === 'a4-print') return;
    this.setOverlay(overlay);
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-site-panel',
    );
  }

  /** The site view shows one of the visit's PDFs, or no longer does (the toolbar's print button). */
  siteDocumentShown(shown: boolean): void {
    if (this.screen.name !== 'site' || (this.screen.document === true) === shown) return;
    const { tileId, loading } = this.screen;
    this.screen = shown ? { name: 'site', tileId, loading, document: true } : { name: 'site', tileId, loading };
    this.publish();
  }

  /** True when the toolbar offers to print the PDF on screen. */
  showsDocument(): boolean {
    return this.screen.name === 'site' && this.screen.document === true;
  }

  /** Whether the site's panels may come up: a démarche is on screen and the station serves. */
  showsSite(): boolean {
    return this.screen.name === 'site' && this.acceptsVisitorActions();
  }

  overlayName(): Overlay['name'] {
    return this.overlay.name;
  }

  siteSurfaceRequested(request: SiteSurfaceRequest): void {
    if (this.screen.name !== 'site' || !this.acceptsVisitorActions()) return;
    // A site may ask again and again: one panel, whatever the number of requests.
    if (this.overlay.name === 'print-or-file') return;
    this.log.info('site-surface-refused', { request });
    this.markActivity();
    this.setOverlay({ name: 'print-or-file', request });
    this.background(
      this.applyLayout('full').then(() => this.publish()),
      'show-print-or-file',
    );
  }

  siteCrashed(): void {
    if (this.stopped || this.screen.name === 'wiping' || this.screen.name === 'out-of-order') return;
    if (this.staffHolds) {
      this.log.warn('site-crashed');
      this.crashedUnderStaff = true;
      return;
    }
    this.log.warn('site-crashed');
    this.background(this.endVisit('crash'), 'end-after-crash');
  }

  // ---- for the idle timer (idle-timer.ts) -------------------------------------------------

  /** The démarche's own timeout while it is on screen (longer where visitors wait for a code), else the station's. */
  idleTimeoutMs(): number {
    const onTile = this.screen.name === 'site' ? this.siteTile : null;
    return (onTile?.idleTimeoutSeconds ?? this.config.idle.timeoutSeconds) * 1000;
  }

  visitGoesOn(): boolean {
    return this.visitorPresent && this.acceptsVisitorActions();
  }

  warningShown(): boolean {
    return this.overlay.name === 'idle-warning';
  }

  async showIdleWarning(warning: IdleWarning): Promise<void> {
    // The file picker waits under the warning (an older visitor choosing slowly keeps it).
    if (this.overlay.name === 'attach') {
      this.suspendedAttach = this.overlay.picker;
      this.overlay = warning;
    } else {
      this.setOverlay(warning);
    }
    await this.applyLayout('full');
    this.publish();
  }

  endAfterIdle(): void {
    this.background(this.endVisit('idle'), 'end-after-idle');
  }

  // ---- for the wipe coordinator (wipe-coordinator.ts) ------------------------------------

  activity(): Omit<StationActivity, 'wipeFinishing'> {
    // Staff at the station is someone there: no relaunch, no new station file under them.
    return { visitorPresent: this.visitorPresent || this.staffHolds, screen: this.screen.name, overlay: this.overlay.name };
  }

  forgetVisitor(): void {
    this.siteTile = null;
    this.openedTiles = [];
    this.panels.forget();
    this.visitorPresent = false;
    this.generation += 1;
  }

  showHome(notice: HomeNotice | null): void {
    this.screen = this.maintenance ? { name: 'maintenance' } : { name: 'home', notice };
  }

  // ---- for staff mode (core/staff/staff-mode.ts) ------------------------------------------

  /** The PIN pad may open on any screen but the wipe's (and not once the station stops). */
  staffMayEnter(): boolean {
    return !this.stopped && this.screen.name !== 'wiping';
  }

  /** The PIN pad opens: no idle timer, no visitor action, the whole screen for the kiosk UI. */
  async staffTakes(): Promise<void> {
    this.staffHolds = true;
    this.links.endTimers();
    await this.applyLayout('full');
  }

  /** The PIN pad closed without staff mode: the visit goes on (its idle timer again), or ends if its site crashed meanwhile. */
  async staffGivesBack(): Promise<void> {
    this.staffHolds = false;
    if (this.crashedUnderStaff) {
      this.crashedUnderStaff = false;
      await this.endVisit('crash');
      return;
    }
    if (this.visitorPresent && this.acceptsVisitorActions()) this.links.activity();
    await this.applyLayout(this.restingLayout());
  }

  /** Staff mode ended: the full wipe of a visit (whatever a visitor or staff left), then home. */
  async endForStaff(notice: 'wiped' | null): Promise<void> {
    this.staffHolds = false;
    this.crashedUnderStaff = false;
    // A visitor's visit under staff mode ends with it (counted as such); staff mode alone is no visit.
    await this.endVisit(this.visitorPresent ? 'staff-ended-visit' : 'staff', notice);
  }

  /** Maintenance on or off: a home screen on show becomes the maintenance screen (or back) at once. */
  setMaintenance(on: boolean): void {
    this.maintenance = on;
    if (on && this.screen.name === 'home' && !this.visitorPresent) this.screen = { name: 'maintenance' };
    if (!on && this.screen.name === 'maintenance') this.screen = { name: 'home', notice: null };
  }

  async clearForOutOfOrder(): Promise<void> {
    this.links.endTimers();
    this.setOverlay({ name: 'none' });
    await this.applyLayout('full').catch(() => undefined);
  }

  showOutOfOrder(): void {
    this.screen = { name: 'out-of-order', reason: 'wipe-failed' };
    this.publish();
  }

  publish(): void {
    this.shell.publishView(this.view());
    this.links.changed();
  }

  // ---- for the memo panel (panels.ts) -------------------------------------------------------

  acceptsVisitorActions(): boolean {
    return !this.stopped && !this.staffHolds && (this.screen.name === 'home' || this.screen.name === 'site');
  }

  memoShown(): boolean {
    return this.overlay.name === 'memo';
  }

  visitorGeneration(): number {
    return this.generation;
  }

  markActivity(): void {
    if (!this.visitorPresent) {
      this.visitorPresent = true;
      this.visitStartedAt = this.clock.now();
      this.log.info('visit-started'); // counted by the activity counters (core/counters/counting-log.ts)
    }
    this.links.activity();
  }

  /** Runs work started by a timer or a shell event, where nobody awaits it: failures are logged. */
  background(work: Promise<void>, what: string): void {
    work.catch((error: unknown) => {
      this.log.error('controller-failed', { what, error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
    });
  }

  // ---- for the file picker (attach-panel.ts) ----------------------------------------------

  /** The démarche is what the visitor sees (no panel over it): a file input was clicked. */
  fileRequestWelcome(): boolean {
    return this.acceptsVisitorActions() && this.screen.name === 'site' && this.overlay.name === 'none';
  }

  attachShown(): boolean {
    return this.overlay.name === 'attach';
  }


  async showAttach(picker: AttachPicker): Promise<void> {
    if (!this.acceptsVisitorActions() || this.screen.name !== 'site') return;
    if (this.overlay.name !== 'attach' && this.overlay.name !== 'none') return;
    this.setOverlay({ name: 'attach', picker });
    await this.applyLayout('full');
    this.publish();
  }

  async closeAttach(): Promise<void> {
    if (this.overlay.name !== 'attach') return;
    this.setOverlay({ name: 'none' });
    await this.applyLayout(this.restingLayout());
    this.publish();
  }

  // ---- internals -------------------------------------------------------------------------

  /** Every change of panel goes here: the file picker is told when another panel (or none) takes its place. */
  private setOverlay(next: Overlay): void {
    const wasAttach = this.overlay.name === 'attach';
    this.overlay = next;
    if (wasAttach && next.name !== 'attach') this.links.attachClosed();
  }

  private async endVisit(cause: EndCause, notice?: HomeNotice | null): Promise<void> {
    this.links.endTimers();
    if (this.suspendedAttach !== null) {
      this.suspendedAttach = null;
      this.links.attachClosed();
    }
    const minutes = this.visitorPresent ? Math.round((this.clock.now() - this.visitStartedAt) / 60_000) : 0;
    this.screen = { name: 'wiping' };
    this.setOverlay({ name: 'none' });
    try {
      await this.applyLayout('full');
    } catch (error) {
      // Whatever happened to the windows, the visitor's data is erased: the wipe always runs.
      this.log.error('layout-failed', { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
    }
    this.publish();
    await this.links.wipe(cause, minutes, notice);
  }

  private async loadTile(tile: Tile, address = tile.entry): Promise<void> {
    this.panels.tileOpening(tile, this.siteTile?.id === tile.id);
    this.siteTile = tile;
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
    // A load the next one replaced (the guide's "Mot de passe oublié" tapped while the
    // démarche's first page still loads) fails as aborted: that is no unreachable site.
    const load = ++this.siteLoads;
    const stillLatest = () => load === this.siteLoads && this.screen.name === 'site' && this.screen.tileId === tile.id;
    try {
      await this.links.kioskNavigation(() => this.shell.openSite(address, tile.allowedHosts, (tile.permissions ?? []).map((permission) => permission.name), tile.frameHosts ?? []));
      if (stillLatest()) {
        this.screen = { name: 'site', tileId: tile.id, loading: false };
        this.publish();
      }
    } catch {
      // The site is down or the connection dropped: say so plainly, offer to retry.
      if (!stillLatest()) return;
      // Is it the site, or the whole link? Ask before choosing the message.
      if (tile.worksOffline !== true && this.connectivitySource !== null) {
        this.connectivity = await this.connectivitySource.checkNow().catch((): Connectivity => this.connectivity);
        if (!stillLatest()) return;
        if (this.connectivity === 'offline') {
          await this.showOffline(tile);
          return;
        }
      }
      this.log.warn('site-unreachable', { tile: tile.id });
      this.screen = { name: 'site', tileId: tile.id, loading: false };
      this.setOverlay({ name: 'unreachable', tileId: tile.id });
      await this.applyLayout('full');
      this.publish();
    }
  }

  private async showOffline(tile: Tile): Promise<void> {
    this.log.info('tile-waiting-for-connection', { tile: tile.id });
    this.screen = { name: 'site', tileId: tile.id, loading: false };
    this.setOverlay({ name: 'offline', tileId: tile.id });
    await this.applyLayout('full');
    this.publish();
  }

  /** After an overlay closes: the site's panel that waited behind it, or nothing. */
  private async showRestingOverlay(): Promise<void> {
    const pending = this.links.pendingOverlay();
    this.setOverlay(pending ?? { name: 'none' });
    await this.applyLayout(pending === null ? this.restingLayout() : 'full');
    this.publish();
  }

  private restingLayout(): KioskLayout {
    return this.panels.restingLayout(this.screen);
  }

  private async applyLayout(wanted: KioskLayout): Promise<void> {
    // Under staff mode the site stays hidden, whatever asks for another layout.
    const layout = this.staffHolds ? 'full' : wanted;
    if (this.layout === layout) return;
    this.layout = layout;
    await this.shell.setLayout(layout);
  }
}
