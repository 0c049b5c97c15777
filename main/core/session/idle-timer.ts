import type { Clock, TimerHandle } from '../clock';
import type { Overlay } from '../contract/kiosk-view';
import type { KioskLog } from '../log';

/** How often, while the idle warning is up, the station's input counter is read (a touch anywhere means "still here"). */
export const WARNING_INPUT_CHECK_MS = 500;

export type IdleWarning = Extract<Overlay, { name: 'idle-warning' }>;

/** What the idle timer needs of the visit it watches. */
export interface IdleVisit {
  /** The timeout for what is on screen now (a démarche may have its own), in ms. */
  timeoutMs(): number;
  /** A visitor is there and the station serves them: only then may the warning come. */
  visitGoesOn(): boolean;
  /** The idle warning is the overlay on screen. */
  warningShown(): boolean;
  /** Puts the warning up (full screen, published). */
  showWarning(warning: IdleWarning): Promise<void>;
  /** Real input during the warning: as "Je suis encore là". */
  stillHere(): Promise<void>;
  /** The warning ran out: the visit ends. */
  timedOut(): void;
  /** Runs work nobody awaits; its failure is logged as `what`. */
  background(work: Promise<void>, what: string): void;
}

/**
 * The idle rule: after the timeout with neither a kiosk action nor real input
 * on the devices, a warning with a countdown; at its end, the visit ends. Any
 * real input during the warning counts as "still here". The devices' count is
 * read from the shell; one that cannot be read counts as idle (the wipe always
 * comes), and says so once in the log.
 */
export class IdleTimer {
  /** The kiosk UI's last visitor action (a tap on a kiosk button); the devices' own count is asked of the shell. */
  private lastActivityAt = 0;
  private idleTimer: TimerHandle | null = null;
  private warningTimer: TimerHandle | null = null;
  /** While the warning is up: the next look at the input counter. */
  private warningWatch: TimerHandle | null = null;
  private warningShownAt = 0;
  private inputCountUnreadable = false;
  /** Moves on at every cancel: a check begun before it has nothing more to do. */
  private epoch = 0;

  constructor(
    private readonly clock: Clock,
    private readonly log: KioskLog,
    private readonly warningSeconds: number,
    private readonly realInputIdleMs: () => Promise<number>,
    private readonly visit: IdleVisit,
  ) {}

  /** A visitor's action in the kiosk UI: the timeout starts again (unless the warning is up: "Je suis encore là" ends it). */
  activity(): void {
    this.lastActivityAt = this.clock.now();
    // Re-armed every time: the timeout depends on what is on screen (a tile may have its own).
    this.clear('idle');
    if (!this.visit.warningShown()) this.armIdleTimer(this.visit.timeoutMs());
  }

  /** The warning was answered: its countdown and its input watch stop. */
  warningDismissed(): void {
    this.clear('warning');
    this.clear('watch');
  }

  /** The visit ends, or the station stops: no timer is left. */
  cancel(): void {
    this.epoch += 1;
    this.clear('idle');
    this.clear('warning');
    this.clear('watch');
  }

  private armIdleTimer(ms: number): void {
    this.idleTimer = this.clock.setTimeout(() => {
      this.idleTimer = null;
      this.visit.background(this.checkIdle(), 'idle-check');
    }, ms);
  }

  /** The timeout has passed since the last kiosk action: was there real input meanwhile? */
  private async checkIdle(): Promise<void> {
    const epoch = this.epoch;
    const deviceIdleMs = await this.deviceIdleMs();
    // A kiosk action re-armed the timer meanwhile, or the visit ended: nothing to do.
    if (epoch !== this.epoch || this.idleTimer !== null || this.visit.warningShown() || !this.visit.visitGoesOn()) return;
    const idleFor = Math.min(this.clock.now() - this.lastActivityAt, deviceIdleMs);
    const timeout = this.visit.timeoutMs();
    if (idleFor < timeout) this.armIdleTimer(timeout - idleFor);
    else await this.showWarning();
  }

  /** The devices' count; one that cannot be read counts as idle, so the wipe always comes. */
  private async deviceIdleMs(): Promise<number> {
    try {
      const ms = await this.realInputIdleMs();
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

  private async showWarning(): Promise<void> {
    if (!this.visit.visitGoesOn()) return;
    const seconds = this.warningSeconds;
    this.warningShownAt = this.clock.now();
    this.warningTimer = this.clock.setTimeout(() => {
      this.warningTimer = null;
      if (this.visit.warningShown()) this.visit.timedOut();
    }, seconds * 1000);
    this.armWarningWatch();
    await this.visit.showWarning({ name: 'idle-warning', endsAt: this.warningShownAt + seconds * 1000, seconds });
  }

  /** Any real input after the warning appeared (a touch, a key, the mouse) means "still here". */
  private armWarningWatch(): void {
    this.warningWatch = this.clock.setTimeout(() => {
      this.warningWatch = null;
      this.visit.background(this.checkWarning(), 'warning-input-check');
    }, WARNING_INPUT_CHECK_MS);
  }

  private async checkWarning(): Promise<void> {
    const shownAt = this.warningShownAt;
    const deviceIdleMs = await this.deviceIdleMs();
    if (!this.visit.warningShown() || shownAt !== this.warningShownAt || this.warningTimer === null) return;
    if (deviceIdleMs < this.clock.now() - shownAt) {
      await this.visit.stillHere();
      return;
    }
    if (this.warningWatch === null) this.armWarningWatch();
  }

  private clear(which: 'idle' | 'warning' | 'watch'): void {
    const handle = which === 'idle' ? this.idleTimer : which === 'warning' ? this.warningTimer : this.warningWatch;
    if (handle !== null) this.clock.clearTimeout(handle);
    if (which === 'idle') this.idleTimer = null;
    else if (which === 'warning') this.warningTimer = null;
    else this.warningWatch = null;
  }
}
