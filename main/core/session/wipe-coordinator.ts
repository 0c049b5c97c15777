import type { Clock, TimerHandle } from '../clock';
import type { HomeNotice } from '../contract/kiosk-view';
import type { KioskLog } from '../log';
import type { KioskShell } from '../shell';
import { runWipe, type WipeReport, type WipeStep } from '../wipe/wipe-sequence';
import { planWipe, type KioskWipeOperations } from '../wipe/wipe-steps';
import { isIdleMoment, type StationActivity } from './idle-moment';
import { relaunchDue, type RelaunchPolicy } from './relaunch-policy';

/** `staff`: staff mode ended with no visit under it; `staff-ended-visit`: staff mode ended a visitor's visit. */
export type EndCause = 'visitor' | 'idle' | 'crash' | 'staff' | 'staff-ended-visit';

const NOTICE_FOR_CAUSE: Record<EndCause, HomeNotice | null> = {
  visitor: 'wiped',
  idle: 'wiped-after-idle',
  crash: 'wiped-after-crash',
  staff: null,
  'staff-ended-visit': 'wiped',
};

/** What the wipe coordinator needs of the visit. */
export interface WipedVisit {
  /** Whether someone uses the station, and what is on screen (the deferred wipe's state is the coordinator's own). */
  activity(): Omit<StationActivity, 'wipeFinishing'>;
  stopped(): boolean;
  /** The visit's state goes (démarche, opened tiles, panels, presence): a new visitor generation. */
  forgetVisitor(): void;
  /** The home screen for the next visitor, with the notice (not yet published). */
  showHome(notice: HomeNotice | null): void;
  /** The deferred part failed: no timer, no overlay, full screen, before out of order. */
  clearForOutOfOrder(): Promise<void>;
  /** Out of order until staff act (published). */
  showOutOfOrder(): void;
  publish(): void;
  /** The station stops (timers) before a relaunch. */
  stop(): void;
  /** Runs work nobody awaits; its failure is logged as `what`. */
  background(work: Promise<void>, what: string): void;
  /** The controller's own steps (site dialogs, print jobs), asked once per wipe. */
  kioskWipeOperations?(): KioskWipeOperations;
}

/**
 * The end of a visit's wipe, and the station's windows between two visitors:
 * runs the shell's wipe in the core's order (core/wipe/wipe-steps.ts), shows the
 * home screen before the deferred steps, takes the station out of order when any
 * step fails (deferred ones too, whoever is there then), relaunches between two
 * visitors when the maintenance policy says so, and tells waiters of the next
 * idle moment.
 */
export class WipeCoordinator {
  private lastWipe: WipeReport | null = null;
  /** The deferred part of the last wipe, while it runs. */
  private finishing: Promise<void> | null = null;
  /** True while the deferred part of the last wipe runs. */
  private finishingNow = false;
  private visitorsSinceLaunch = 0;
  private launchedAt = 0;
  private maintenanceTimer: TimerHandle | null = null;
  /** Callers of atNextIdleMoment() still waiting. */
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly maintenance: RelaunchPolicy | undefined,
    private readonly shell: Pick<KioskShell, 'wipeOperations' | 'relaunch'>,
    private readonly clock: Clock,
    private readonly log: KioskLog,
    private readonly visit: WipedVisit,
  ) {}

  /** The station starts: the launch time, for the relaunch policy. */
  launched(): void {
    this.launchedAt = this.clock.now();
  }

  /** The station is up: the nightly relaunch hour, if any, is watched for. */
  started(): void {
    if (this.maintenance?.relaunchAtHour !== undefined) this.armMaintenanceCheck();
  }

  stop(): void {
    if (this.maintenanceTimer !== null) this.clock.clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = null;
  }

  /** The outcome of the last wipe, for staff screens and tests. */
  lastReport(): WipeReport | null {
    return this.lastWipe;
  }

  /** Resolves once the last wipe has completely finished, its deferred steps included (tests, benchmark). */
  async settled(): Promise<WipeReport | null> {
    await this.finishing?.catch(() => undefined);
    return this.lastWipe;
  }

  /** Resolves at the next idle moment (core/session/idle-moment.ts). */
  atNextIdleMoment(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.releaseIdleWaiters();
    });
  }

  /** Called whenever what is on screen changes. */
  releaseIdleWaiters(): void {
    if (this.idleWaiters.length === 0 || this.visit.stopped()) return;
    if (!isIdleMoment({ ...this.visit.activity(), wipeFinishing: this.finishingNow })) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Wipes the visit that just ended (the "wiping" screen is up). What stands between
   * the next visitor and the last one's data runs now; the rest (ending a browser
   * nobody can reach any more, deleting its folder) right after the home screen is
   * back, so the next visitor does not wait for it.
   */
  async wipe(cause: EndCause, minutes: number, notice: HomeNotice | null = NOTICE_FOR_CAUSE[cause]): Promise<void> {
    const plan = planWipe(this.shell.wipeOperations(), this.visit.kioskWipeOperations?.());
    const report = await runWipe(plan.immediate, this.clock, { log: this.log });
    const deferred = plan.deferred;
    this.lastWipe = report;
    this.visit.forgetVisitor();
    this.visitorsSinceLaunch += 1;
    this.log.info('session-ended', { cause, minutes });
    if (!report.ok) {
      // Erase as much as possible anyway, then stay out of order.
      const rest = deferred.length > 0 ? await runWipe(deferred, this.clock, { log: this.log }) : null;
      this.lastWipe = rest === null ? report : { ok: false, ms: report.ms + rest.ms, steps: [...report.steps, ...rest.steps] };
      this.failed(this.lastWipe);
      return;
    }
    this.visit.showHome(notice);
    if (deferred.length === 0) {
      this.log.info('wipe-done', { ms: report.ms, steps: report.steps.length });
      if (await this.relaunchIfDue()) return;
      this.visit.publish();
      return;
    }
    this.finishingNow = true; // before publishing the home screen: the wipe is not over yet
    this.visit.publish();
    const finishing = this.finish(report, deferred).finally(() => {
      this.finishingNow = false;
    });
    this.finishing = finishing;
    this.visit.background(finishing, 'finish-wipe');
  }

  /** The deferred part of the wipe; its failure takes the station out of order, whoever is there. */
  private async finish(first: WipeReport, deferred: WipeStep[]): Promise<void> {
    const rest = await runWipe(deferred, this.clock, { log: this.log });
    const report: WipeReport = { ok: rest.ok, ms: first.ms + rest.ms, steps: [...first.steps, ...rest.steps] };
    this.lastWipe = report;
    if (!rest.ok) {
      await this.visit.clearForOutOfOrder();
      this.failed(report);
      return;
    }
    this.log.info('wipe-done', { ms: first.ms, finishedMs: rest.ms, steps: report.steps.length });
    this.finishingNow = false;
    const { screen, overlay } = this.visit.activity();
    if (screen === 'home' && overlay === 'none' && (await this.relaunchIfDue())) return;
    this.releaseIdleWaiters();
  }

  private failed(report: WipeReport): void {
    const failed = report.steps.filter((step) => !step.ok);
    this.log.error('wipe-failed', {
      failedSteps: failed.map((step) => step.name).join(','),
      firstError: failed[0]?.error ?? null,
    });
    // Never show the next visitor anything of the last one: stay out of order until staff act.
    this.visit.showOutOfOrder();
  }

  /** Relaunches between two visitors when the maintenance policy says so. Returns true if it did. */
  private async relaunchIfDue(): Promise<boolean> {
    const reason = relaunchDue(this.maintenance, {
      visitorsSinceLaunch: this.visitorsSinceLaunch,
      launchedAt: this.launchedAt,
      now: this.clock.now(),
      visitorPresent: this.visit.activity().visitorPresent,
    });
    if (reason === null) return false;
    this.log.info('relaunch', { reason, visitors: this.visitorsSinceLaunch });
    this.visit.stop();
    await this.shell.relaunch();
    return true;
  }

  /** Checks once a minute whether the nightly relaunch hour has come while the station is unused. */
  private armMaintenanceCheck(): void {
    this.maintenanceTimer = this.clock.setTimeout(() => {
      this.maintenanceTimer = null;
      if (this.visit.stopped()) return;
      const { screen, overlay } = this.visit.activity();
      if (screen === 'home' && overlay === 'none') {
        this.visit.background(
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
}
