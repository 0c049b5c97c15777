import type { Clock, TimerHandle } from '../clock';
import type { DayReport } from '../counters/activity-counters';
import type { CounterExportTarget, StaffCounters, StaffNotice, StaffOpenView, StaffPinGate, StaffScreenName, StaffView } from '../contract/staff-view';
import type { KioskLog } from '../log';
import type { MemoPrintOutcome } from '../memo/memo-desk';
import { grantStaffCapability, revokeStaffCapability, type StaffCapability } from '../session/staff-capability';
import type { HealthLine } from './health-verdicts';
import { staffSentence, type StaffSentence } from './log-sentences';
import type { PinAttempt, StaffGateStatus } from './staff-gate';
import { STAFF_IDLE_MS, staffSessionDeadline, staffSessionOver, staffSessionStarted, staffTapped, type StaffSessionTimes } from './staff-session';

/**
 * Staff mode, as a state machine: closed → (way in) PIN pad → (right PIN) staff
 * screens → (leave, or STAFF_IDLE_MS without a tap) the same full wipe as after a
 * visitor, so the next visitor finds nothing of it. The staff capability
 * (session/staff-capability.ts) exists only between the right PIN and the end of
 * the session; the shells pass `capability()` to the dispatcher, so a staff action
 * from the UI is refused at any other time. Pure: the station's files, printers and
 * process are reached through the ports below.
 */

/** What staff mode asks of the station (main/node/staff-desk.ts and the memo desk provide it). */
export interface StaffServices {
  gate: { status(): Promise<StaffGateStatus>; tryPin(entry: string): Promise<PinAttempt> };
  healthAtAGlance(): Promise<HealthLine[]>;
  countersTable(days?: number): DayReport[];
  /** The CSV for the screen. */
  countersCsv(days?: number): string;
  /** Onto the first writable USB key, else back for the screen. */
  exportCounters(days?: number): Promise<{ kind: 'usb'; path: string } | { kind: 'screen'; csv: string }>;
  recentProblems(limit?: number): { time: string; level: 'warn' | 'error'; sentence: StaffSentence }[];
  reloadStationFile(): Promise<{ ok: true } | { ok: false; problems: string[] }>;
  maintenance(): Promise<boolean>;
  setMaintenance(on: boolean): Promise<void>;
  /** The station's services for the counters' columns. */
  services: readonly { id: string; label: string }[];
}

export interface StaffPrinting {
  printTestPage(): Promise<MemoPrintOutcome>;
  printSampleMemo(): Promise<MemoPrintOutcome>;
}

/** The station's process: restart (applies a new station file too) and, where allowed, exit. */
export interface StationControl {
  restart(): Promise<void>;
  exit(): Promise<void>;
  /** staff.allowExit in the station file. */
  exitAllowed: boolean;
}

/** What staff mode needs of the visit under it (kiosk-controller.ts wires the visit). */
export interface StaffModeLinks {
  /** May the PIN pad open now? Not during a wipe, nor once the station stops. */
  canEnter(): boolean;
  /** The PIN pad opens: the visit pauses (no idle timer, no visitor action, the site hidden). */
  takeScreen(): Promise<void>;
  /** The PIN pad closed without staff mode: the visit goes on where it was. */
  giveBackScreen(): Promise<void>;
  /** Staff mode ended: the full wipe, then home (or the maintenance screen). */
  wipeAndShowHome(notice: 'wiped' | null): Promise<void>;
  /** The visitor's home becomes the maintenance screen (or back). */
  maintenanceChanged(on: boolean): void;
  publish(): void;
}

export type StaffLeaveCause = 'leave' | 'idle' | 'end-visitor' | 'restart' | 'exit';

export const COUNTER_DAYS_SHOWN = 30;
export const ERRORS_SHOWN = 10;

type State =
  | { name: 'closed' }
  | { name: 'pin'; gate: StaffPinGate; checking: boolean; wrong: boolean }
  | { name: 'open'; view: StaffOpenView };

function gateView(status: StaffGateStatus): StaffPinGate {
  if (status.kind === 'no-pin') return { kind: 'no-pin', message: status.message };
  if (status.kind === 'locked') return { kind: 'locked', secondsLeft: status.secondsLeft };
  return { kind: 'ready', triesLeft: status.triesLeft };
}

function attemptGate(attempt: Exclude<PinAttempt, { ok: true }>): StaffPinGate {
  switch (attempt.reason) {
    case 'no-pin':
      return { kind: 'no-pin', message: attempt.message };
    case 'locked':
      return { kind: 'locked', secondsLeft: attempt.secondsLeft };
    case 'wrong':
      return { kind: 'ready', triesLeft: attempt.triesLeft };
    case 'unavailable':
      return { kind: 'unavailable', message: attempt.message };
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** A print problem in plain French for the staff screen. */
export function printProblemMessage(problem: string): string {
  if (problem === 'not-configured') return "Pas d'imprimante dans le fichier de cette borne : le mémo s'affiche seulement.";
  if (problem === 'busy') return 'Une impression est déjà en cours : réessayez dans un instant.';
  const sentence = staffSentence('memo-print-failed', { problem });
  return sentence.todo === null ? sentence.what : `${sentence.what} ${sentence.todo}`;
}

export const NO_STAFF_DESK_MESSAGE = "Mode personnel indisponible : cette borne a démarré sans fichier de station (aucun code PIN ne peut être vérifié).";

export class StaffMode {
  private state: State = { name: 'closed' };
  private capabilityHeld: StaffCapability | null = null;
  private session: StaffSessionTimes | null = null;
  private timer: TimerHandle | null = null;
  private maintenanceOn = false;
  private stopped = false;

  constructor(
    private readonly services: StaffServices | null,
    private readonly printing: StaffPrinting | null,
    private readonly control: StationControl | null,
    private readonly clock: Clock,
    private readonly log: KioskLog,
    private readonly links: StaffModeLinks,
    private readonly idleMs = STAFF_IDLE_MS,
  ) {}

  /** Reads the saved maintenance flag (at start): fail open to visitors only when it was never set. */
  async loadMaintenance(): Promise<boolean> {
    this.maintenanceOn = (await this.services?.maintenance().catch(() => false)) ?? false;
    if (this.maintenanceOn) this.log.info('maintenance-on', { since: 'before-start' });
    return this.maintenanceOn;
  }

  get maintenance(): boolean {
    return this.maintenanceOn;
  }

  view(): StaffView | null {
    const state = this.state;
    if (state.name === 'closed') return null;
    if (state.name === 'pin') return { name: 'pin', gate: state.gate, checking: state.checking, wrong: state.wrong };
    return { ...state.view };
  }

  /** True while the PIN pad or the staff screens are up: the visit is paused under them. */
  active(): boolean {
    return this.state.name !== 'closed';
  }

  /** The capability of the current staff session, for the dispatcher; undefined outside one. */
  capability(): StaffCapability | undefined {
    return this.capabilityHeld ?? undefined;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.revoke();
  }

  // ---- the way in and the PIN pad (visitor-callable) ----------------------------------

  async wayIn(): Promise<void> {
    if (this.stopped) return;
    if (this.state.name !== 'closed') {
      this.tap();
      return;
    }
    if (!this.links.canEnter()) return;
    const gate: StaffPinGate = this.services === null ? { kind: 'no-pin', message: NO_STAFF_DESK_MESSAGE } : gateView(await this.services.gate.status().catch((): StaffGateStatus => ({ kind: 'no-pin', message: NO_STAFF_DESK_MESSAGE })));
    if (this.state.name !== 'closed' || !this.links.canEnter()) return;
    if (gate.kind === 'no-pin') this.log.warn('staff-no-pin', { reason: 'way-in' });
    this.log.info('staff-pin-pad-opened');
    this.state = { name: 'pin', gate, checking: false, wrong: false };
    this.session = staffSessionStarted(this.clock.now());
    this.armTimer();
    await this.links.takeScreen();
    this.links.publish();
  }

  async cancelPin(): Promise<void> {
    if (this.state.name !== 'pin' || this.state.checking) return;
    await this.closePad();
  }

  async submitPin(entry: string): Promise<void> {
    const state = this.state;
    if (state.name !== 'pin' || state.checking) return;
    this.tap();
    if (this.services === null) return;
    this.state = { ...state, checking: true };
    this.links.publish();
    const attempt = await this.services.gate.tryPin(entry).catch((error: unknown): PinAttempt => {
      this.log.error('staff-action-failed', { action: 'staffPinSubmit', error: firstLine(error) });
      return { ok: false, reason: 'unavailable', message: 'Le code PIN n\'a pas pu être vérifié.' };
    });
    // The pad may have timed out (or the station stopped) meanwhile: a late right PIN opens nothing.
    if (this.state.name !== 'pin' || this.stopped) return;
    if (!attempt.ok) {
      this.state = { name: 'pin', gate: attemptGate(attempt), checking: false, wrong: attempt.reason === 'wrong' || attempt.reason === 'locked' };
      this.tap();
      this.links.publish();
      return;
    }
    this.capabilityHeld = grantStaffCapability();
    this.session = staffSessionStarted(this.clock.now());
    this.armTimer();
    this.log.info('staff-mode-opened');
    const home = await this.withScreenData(this.openView('home')).catch(() => this.openView('home'));
    if (this.capabilityHeld === null) return; // stopped meanwhile
    this.state = { name: 'open', view: home };
    this.links.publish();
  }

  // ---- staff actions (the dispatcher has checked the capability; checked again here) ----

  async open(screen: StaffScreenName): Promise<void> {
    await this.staffAction('staffOpen', async (view) => this.withScreenData({ ...view, screen, notice: null }));
  }

  async setMaintenance(on: boolean): Promise<void> {
    await this.staffAction('staffSetMaintenance', async (view) => {
      if (this.services === null) return view;
      try {
        await this.services.setMaintenance(on);
      } catch (error) {
        this.log.error('maintenance-not-saved', { error: firstLine(error) });
        return { ...view, notice: { kind: 'failed', what: "Le mode maintenance n'a pas pu être enregistré : vérifiez l'espace disque et le dossier d'état." } };
      }
      this.maintenanceOn = on;
      this.links.maintenanceChanged(on);
      return { ...view, maintenance: on, notice: { kind: 'maintenance', on } };
    });
  }

  async printTestPage(): Promise<void> {
    await this.print('test-page');
  }

  async printSampleMemo(): Promise<void> {
    await this.print('sample-memo');
  }

  async exportCounters(to: CounterExportTarget): Promise<void> {
    await this.staffAction('staffExportCounters', async (view) => {
      if (this.services === null) return view;
      if (to === 'screen') return { ...view, notice: { kind: 'exported-screen', csv: this.services.countersCsv(COUNTER_DAYS_SHOWN), noUsbKey: false } };
      const exported = await this.services.exportCounters(COUNTER_DAYS_SHOWN);
      const notice: StaffNotice = exported.kind === 'usb' ? { kind: 'exported-usb', file: exported.path } : { kind: 'exported-screen', csv: exported.csv, noUsbKey: true };
      return { ...view, notice };
    });
  }

  async reloadStation(): Promise<void> {
    let restart = false;
    await this.staffAction('staffReloadStation', async (view) => {
      if (this.services === null) return view;
      const reloaded = await this.services.reloadStationFile();
      if (!reloaded.ok) return { ...view, notice: { kind: 'reload-refused', problems: reloaded.problems } };
      restart = this.control !== null;
      return { ...view, notice: { kind: 'reload-ok' } };
    });
    // A valid file applies by restarting; staff mode ends first (the capability with it).
    if (restart) await this.endAndThen('restart', () => this.control?.restart() ?? Promise.resolve());
  }

  async restart(): Promise<void> {
    if (!this.isOpen() || this.control === null) return;
    await this.endAndThen('restart', () => this.control?.restart() ?? Promise.resolve());
  }

  async exit(): Promise<void> {
    if (!this.isOpen() || this.control === null) return;
    if (!this.control.exitAllowed) {
      this.log.warn('staff-exit-refused');
      await this.staffAction('staffExit', (view) => Promise.resolve({ ...view, notice: { kind: 'exit-refused' } }));
      return;
    }
    await this.endAndThen('exit', () => this.control?.exit() ?? Promise.resolve());
  }

  /** Ends the visitor's session: the full wipe (with "your data was erased"), and staff mode with it. */
  async endVisitorSession(): Promise<void> {
    if (!this.isOpen()) return;
    await this.leaveWith('end-visitor');
  }

  async leave(): Promise<void> {
    if (!this.isOpen()) return;
    await this.leaveWith('leave');
  }

  // ---- internals -------------------------------------------------------------------------

  private isOpen(): boolean {
    return this.state.name === 'open' && this.capabilityHeld !== null && !this.stopped;
  }

  private openView(screen: StaffScreenName): StaffOpenView {
    return {
      name: 'open',
      screen,
      maintenance: this.maintenanceOn,
      canExit: this.control?.exitAllowed === true,
      busy: false,
      idleMinutes: Math.max(1, Math.round(this.idleMs / 60_000)),
      notice: null,
      health: null,
      counters: null,
      errors: null,
    };
  }

  private async withScreenData(view: StaffOpenView): Promise<StaffOpenView> {
    const services = this.services;
    if (services === null) return { ...view, health: null, counters: null, errors: null };
    const health = view.screen === 'health' || view.screen === 'home' ? (await services.healthAtAGlance()).map((line) => ({ key: line.key, ok: line.ok, what: line.sentence.what, todo: line.sentence.todo })) : null;
    const counters: StaffCounters | null =
      view.screen === 'counters'
        ? {
            services: services.services.map((service) => ({ ...service })),
            days: services.countersTable(COUNTER_DAYS_SHOWN).map((day) => ({
              day: day.day,
              visitsStarted: day.visitsStarted,
              endedByVisitor: day.endedByVisitor,
              endedByIdle: day.endedByIdle,
              endedByCrash: day.endedByCrash,
              medianMinutes: day.medianMinutes,
              totalMinutes: day.totalMinutes,
              byService: { ...day.byService },
              memosPrinted: day.memosPrinted,
              printerErrors: day.printerErrors,
              wipeFailures: day.wipeFailures,
            })),
          }
        : null;
    const errors = view.screen === 'errors' ? services.recentProblems(ERRORS_SHOWN).map((entry) => ({ time: entry.time, level: entry.level, what: entry.sentence.what, todo: entry.sentence.todo })) : null;
    return { ...view, health, counters, errors };
  }

  private async print(what: 'test-page' | 'sample-memo'): Promise<void> {
    await this.staffAction(what === 'test-page' ? 'staffPrintTestPage' : 'staffPrintSampleMemo', async (view) => {
      const outcome = this.printing === null ? ({ ok: false, problem: 'not-configured' } as const) : what === 'test-page' ? await this.printing.printTestPage() : await this.printing.printSampleMemo();
      this.log.info('staff-printed', { what, ok: outcome.ok });
      return { ...view, notice: outcome.ok ? { kind: 'printed', what } : { kind: 'print-failed', what, problem: outcome.problem, message: printProblemMessage(outcome.problem) } };
    });
  }

  /**
   * One staff action: only in an open staff session; a tap for the idle rule; the
   * screen shows it is busy, then the action's outcome. A failure is a notice and a log
   * line, never a half-open staff mode.
   */
  private async staffAction(action: string, work: (view: StaffOpenView) => Promise<StaffOpenView>): Promise<void> {
    const state = this.state;
    if (state.name !== 'open' || !this.isOpen() || state.view.busy) return;
    this.tap();
    this.log.info('staff-action', { action });
    this.state = { name: 'open', view: { ...state.view, busy: true, notice: null } };
    this.links.publish();
    let next: StaffOpenView;
    try {
      next = await work({ ...state.view, notice: null });
    } catch (error) {
      this.log.warn('staff-action-failed', { action, error: firstLine(error) });
      next = { ...state.view, notice: { kind: 'failed', what: "L'opération a échoué. Voyez les dernières erreurs, ou redémarrez la borne." } };
    }
    // Staff mode may have ended meanwhile (idle timeout): nothing to show then.
    if (this.state.name !== 'open') return;
    this.state = { name: 'open', view: { ...next, busy: false } };
    this.tap();
    this.links.publish();
  }

  private async leaveWith(cause: Exclude<StaffLeaveCause, 'restart' | 'exit'>): Promise<void> {
    this.endSession(cause);
    await this.links.wipeAndShowHome(cause === 'end-visitor' ? 'wiped' : null);
  }

  /** Staff mode ends (capability revoked) before the station restarts or exits. */
  private async endAndThen(cause: 'restart' | 'exit', then: () => Promise<void>): Promise<void> {
    this.endSession(cause);
    this.links.publish();
    await then();
  }

  private endSession(cause: StaffLeaveCause): void {
    this.clearTimer();
    this.revoke();
    this.session = null;
    this.state = { name: 'closed' };
    this.log.info('staff-mode-left', { cause });
  }

  private async closePad(): Promise<void> {
    this.clearTimer();
    this.session = null;
    this.state = { name: 'closed' };
    this.log.info('staff-pin-pad-closed');
    await this.links.giveBackScreen();
    this.links.publish();
  }

  private revoke(): void {
    if (this.capabilityHeld !== null) revokeStaffCapability(this.capabilityHeld);
    this.capabilityHeld = null;
  }

  private tap(): void {
    if (this.session === null) return;
    this.session = staffTapped(this.session, this.clock.now());
    this.armTimer();
  }

  private armTimer(): void {
    this.clearTimer();
    const session = this.session;
    if (session === null) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.timedOut();
    }, Math.max(0, staffSessionDeadline(session, this.idleMs) - this.clock.now()));
  }

  private timedOut(): void {
    const session = this.session;
    if (session === null || this.stopped) return;
    if (!staffSessionOver(session, this.clock.now(), this.idleMs)) {
      this.armTimer();
      return;
    }
    // A staff action still running (a print) is not idleness: look again when it is done.
    if (this.state.name === 'open' && this.state.view.busy) {
      this.session = staffTapped(session, this.clock.now());
      this.armTimer();
      return;
    }
    const work = this.state.name === 'pin' ? (this.state.checking ? null : this.closePad()) : this.state.name === 'open' ? this.leaveWith('idle') : null;
    if (work === null) {
      this.armTimer();
      return;
    }
    work.catch((error: unknown) => this.log.error('controller-failed', { what: 'staff-idle', error: firstLine(error) }));
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
