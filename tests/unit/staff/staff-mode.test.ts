import { beforeEach, describe, expect, it } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { StaffOpenView, StaffPinView } from '../../../main/core/contract/staff-view';
import type { CounterEvent, DayReport } from '../../../main/core/counters/activity-counters';
import { countingObserver } from '../../../main/core/counters/counting-log';
import type { KioskLog, LogFields } from '../../../main/core/log';
import type { MemoPrintOutcome } from '../../../main/core/memo/memo-desk';
import { ActionCallerError, dispatchKioskAction } from '../../../main/core/session/dispatch-action';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import { holdsStaffCapability } from '../../../main/core/session/staff-capability';
import { PIN_TRIES_BEFORE_LOCK, type PinLockState } from '../../../main/core/staff/pin-lockout';
import { StaffGate, type LockStateStore, type PinSource } from '../../../main/core/staff/staff-gate';
import { STAFF_IDLE_MS } from '../../../main/core/staff/staff-session';
import type { StaffServices, StationControl } from '../../../main/core/staff/staff-mode';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { RecordingShell } from '../../support/recording-shell';

/**
 * Staff mode through the real KioskController and StaffGate (PIN check and lock in
 * memory): the way in, the PIN pad, the capability's life, the idle timeout, and the
 * wipe that ends it. The shell records views and counts wipes.
 */
const PIN = '482913';

class WipeCountingShell extends RecordingShell {
  wipes = 0;
  relaunches = 0;
  override wipeOperations() {
    this.wipes += 1;
    return super.wipeOperations();
  }
  get last(): KioskView {
    const view = this.views.at(-1);
    if (view === undefined) throw new Error('no view yet');
    return view;
  }
}

function recordingLog(): KioskLog & { lines: { level: string; event: string; fields?: LogFields }[] } {
  const lines: { level: string; event: string; fields?: LogFields }[] = [];
  const push = (level: string) => (event: string, fields?: LogFields) => void lines.push(fields === undefined ? { level, event } : { level, event, fields });
  return { info: push('info'), warn: push('warn'), error: push('error'), lines };
}

class MemoryLockStore implements LockStateStore {
  state: PinLockState | 'missing' = 'missing';
  failSave = false;
  load() {
    return Promise.resolve(this.state);
  }
  save(state: PinLockState) {
    if (this.failSave) return Promise.reject(new Error('EROFS'));
    this.state = state;
    return Promise.resolve();
  }
}

interface FakeStation {
  services: StaffServices;
  maintenanceSaved: boolean | null;
  reload: { ok: true } | { ok: false; problems: string[] };
  control: StationControl & { restarts: number; exits: number };
  printed: string[];
}

function fakeStation(gate: StaffGate, exitAllowed = false): FakeStation {
  const station: FakeStation = {
    maintenanceSaved: null,
    reload: { ok: true },
    printed: [],
    control: {
      restarts: 0,
      exits: 0,
      exitAllowed,
      restart: () => {
        station.control.restarts += 1;
        return Promise.resolve();
      },
      exit: () => {
        station.control.exits += 1;
        return Promise.resolve();
      },
    },
    services: {
      gate,
      healthAtAGlance: () => Promise.resolve([{ key: 'printer', ok: false, sentence: { what: "L'imprimante n'a plus de papier.", todo: 'Mettez un rouleau neuf.' } }]),
      countersTable: (): DayReport[] => [{ day: '2026-12-02', visitsStarted: 3, endedByVisitor: 2, endedByIdle: 1, endedByCrash: 0, medianMinutes: 12, totalMinutes: 40, byService: { caf: 2 }, byTheme: {}, memosPrinted: 1, printerErrors: 0, wipeFailures: 0 }],
      countersCsv: () => '\uFEFFJour;Visites\r\n2026-12-02;3\r\n',
      exportCounters: () => Promise.resolve({ kind: 'usb', path: '/media/borne/CLE/compteurs.csv' }),
      recentProblems: () => [{ time: '2026-12-02T10:00:00.000Z', level: 'warn', sentence: { what: 'La connexion Internet est coupée.', todo: 'Vérifiez le routeur.' } }],
      reloadStationFile: () => Promise.resolve(station.reload),
      maintenance: () => Promise.resolve(station.maintenanceSaved === true),
      setMaintenance: (on) => {
        station.maintenanceSaved = on;
        return Promise.resolve();
      },
      services: [{ id: 'caf', label: 'CAF' }],
    },
  };
  return station;
}

const pinSource: PinSource = { kind: 'ready', verifier: { verify: (entry) => Promise.resolve(entry === PIN) } };

let clock: FakeClock;
let shell: WipeCountingShell;
let log: ReturnType<typeof recordingLog>;
let store: MemoryLockStore;
let station: FakeStation;
let controller: KioskController;

async function startStation(options: { pin?: PinSource; exitAllowed?: boolean; maintenance?: boolean } = {}): Promise<void> {
  clock = new FakeClock();
  shell = new WipeCountingShell();
  log = recordingLog();
  store = new MemoryLockStore();
  const gate = new StaffGate(options.pin ?? pinSource, store, clock, log);
  station = fakeStation(gate, options.exitAllowed);
  if (options.maintenance === true) station.maintenanceSaved = true;
  controller = new KioskController(demoStationConfig(8470, { timeoutSeconds: 60, warningSeconds: 20 }), shell, clock, log, { staff: {
    services: station.services,
    printing: {
      printTestPage: (): Promise<MemoPrintOutcome> => {
        station.printed.push('test-page');
        return Promise.resolve({ ok: true });
      },
      printSampleMemo: (): Promise<MemoPrintOutcome> => Promise.resolve({ ok: false, problem: 'paper-end' }),
    },
    control: station.control,
  } });
  await controller.start();
}

/** What the UI would call: the dispatcher, with the capability the shell passes (the current staff session's). */
function call(action: Parameters<typeof dispatchKioskAction>[1], ...args: unknown[]): Promise<unknown> {
  return dispatchKioskAction(controller, action, args, controller.staffCapability());
}

function pinView(): StaffPinView {
  const staff = shell.last.staff;
  if (staff?.name !== 'pin') throw new Error(`no PIN pad on screen (${staff?.name ?? 'none'})`);
  return staff;
}

function openView(): StaffOpenView {
  const staff = shell.last.staff;
  if (staff?.name !== 'open') throw new Error(`no staff screen (${staff?.name ?? 'none'})`);
  return staff;
}

async function enterStaffMode(): Promise<void> {
  await call('staffWayIn');
  await call('staffPinSubmit', PIN);
  openView();
}

beforeEach(async () => {
  await startStation();
});

describe('the way in and the PIN pad', () => {
  it('the way in opens the PIN pad with the tries left; no capability yet', async () => {
    await call('staffWayIn');
    expect(pinView()).toEqual({ name: 'pin', gate: { kind: 'ready', triesLeft: PIN_TRIES_BEFORE_LOCK }, checking: false, wrong: false });
    expect(controller.staffCapability()).toBeUndefined();
    await expect(call('staffOpen', 'health')).rejects.toBeInstanceOf(ActionCallerError);
  });

  it('the right PIN opens the staff home and grants the capability', async () => {
    await call('staffWayIn');
    await call('staffPinSubmit', PIN);
    const home = openView();
    expect(home.screen).toBe('home');
    expect(home.idleMinutes).toBe(STAFF_IDLE_MS / 60_000);
    expect(home.health?.[0]).toEqual({ key: 'printer', ok: false, what: "L'imprimante n'a plus de papier.", todo: 'Mettez un rouleau neuf.' });
    expect(holdsStaffCapability(controller.staffCapability())).toBe(true);
    // The PIN is never logged, whatever the outcome.
    expect(JSON.stringify(log.lines)).not.toContain(PIN);
  });

  it('a wrong PIN says how many tries are left, then the pad locks', async () => {
    await call('staffWayIn');
    await call('staffPinSubmit', '111222');
    expect(pinView()).toMatchObject({ gate: { kind: 'ready', triesLeft: PIN_TRIES_BEFORE_LOCK - 1 }, wrong: true });
    for (let i = 1; i < PIN_TRIES_BEFORE_LOCK; i += 1) await call('staffPinSubmit', '111222');
    expect(pinView().gate).toEqual({ kind: 'locked', secondsLeft: 300 });
    // Locked: even the right PIN opens nothing.
    await call('staffPinSubmit', PIN);
    expect(pinView().gate.kind).toBe('locked');
    expect(controller.staffCapability()).toBeUndefined();
    expect(log.lines.map((line) => line.event)).toEqual(expect.arrayContaining(['staff-pin-wrong', 'staff-locked', 'staff-pin-while-locked']));
    expect(JSON.stringify(log.lines)).not.toMatch(/111222|482913/);
  });

  it('a station without a PIN shows how to set one, and never opens', async () => {
    await startStation({ pin: { kind: 'absent', message: 'Mode personnel indisponible : aucun code PIN. npm run set-pin' } });
    await call('staffWayIn');
    expect(pinView().gate).toEqual({ kind: 'no-pin', message: 'Mode personnel indisponible : aucun code PIN. npm run set-pin' });
    await call('staffPinSubmit', PIN);
    expect(controller.staffCapability()).toBeUndefined();
    expect(pinView().gate.kind).toBe('no-pin');
  });

  it('attempts that cannot be counted are refused (fail closed), even the right PIN', async () => {
    await call('staffWayIn');
    store.failSave = true;
    await call('staffPinSubmit', PIN);
    expect(pinView().gate.kind).toBe('unavailable');
    expect(controller.staffCapability()).toBeUndefined();
  });

  it('"Annuler" gives the screen back to the visit without a wipe; the visit goes on', async () => {
    await call('openTile', 'caf');
    await call('staffWayIn');
    expect(shell.last.screen.name).toBe('site');
    expect(shell.last.layout).toBe('full'); // the site is hidden under the pad
    // Under the pad the visitor's side refuses its actions.
    await call('goHome');
    expect(shell.last.screen.name).toBe('site');
    await call('staffCancelPin');
    expect(shell.last.staff).toBeNull();
    expect(shell.last.layout).not.toBe('full');
    expect(shell.wipes).toBe(0);
  });

  it('the PIN pad closes by itself after the staff idle time', async () => {
    await call('staffWayIn');
    await clock.advance(STAFF_IDLE_MS + 1);
    await flushPromises();
    expect(shell.last.staff).toBeNull();
    expect(shell.wipes).toBe(0);
  });
});

describe('leaving staff mode', () => {
  it('"Quitter" revokes the capability and runs the full wipe; the next visitor finds home and nothing else', async () => {
    await call('openTile', 'caf');
    await enterStaffMode();
    const capability = controller.staffCapability();
    const generation = shell.last.visitorGeneration;
    await call('staffLeave');
    await controller.wipeSettled();
    expect(holdsStaffCapability(capability)).toBe(false);
    expect(controller.staffCapability()).toBeUndefined();
    expect(shell.wipes).toBe(1);
    expect(shell.last.staff).toBeNull();
    expect(shell.last.screen).toEqual({ name: 'home', notice: null });
    expect(shell.last.openedTiles).toEqual([]);
    expect(shell.last.visitorGeneration).toBeGreaterThan(generation);
    // The old capability, replayed, opens nothing.
    await expect(dispatchKioskAction(controller, 'staffOpen', ['health'], capability)).rejects.toBeInstanceOf(ActionCallerError);
    await expect(dispatchKioskAction(controller, 'staffSetMaintenance', [true], capability)).rejects.toBeInstanceOf(ActionCallerError);
  });

  it('ends by itself after STAFF_IDLE_MS without a tap, with the same wipe', async () => {
    await enterStaffMode();
    const capability = controller.staffCapability();
    await clock.advance(STAFF_IDLE_MS - 1000);
    await call('staffOpen', 'counters'); // a tap: the time starts again
    await clock.advance(STAFF_IDLE_MS - 1000);
    expect(holdsStaffCapability(capability)).toBe(true);
    await clock.advance(2000);
    await flushPromises();
    await controller.wipeSettled();
    expect(holdsStaffCapability(capability)).toBe(false);
    expect(shell.wipes).toBe(1);
    expect(shell.last.staff).toBeNull();
    expect(log.lines).toContainEqual({ level: 'info', event: 'staff-mode-left', fields: { cause: 'idle' } });
  });

  it('"Terminer la session du visiteur" wipes with the notice the visitor knows', async () => {
    await call('openTile', 'caf');
    await enterStaffMode();
    await call('staffEndVisitorSession');
    await controller.wipeSettled();
    expect(shell.wipes).toBe(1);
    expect(shell.last.screen).toEqual({ name: 'home', notice: 'wiped' });
    expect(controller.staffCapability()).toBeUndefined();
  });

  it('the counters see a visit under staff mode end, and no visit when staff came alone', async () => {
    const recorded: CounterEvent[] = [];
    const count = countingObserver((event) => recorded.push(event), () => null, clock);
    const feed = () => {
      for (const line of log.lines.splice(0)) count(line.level as 'info', line.event, line.fields ?? {});
    };
    await enterStaffMode();
    await call('staffLeave');
    await controller.wipeSettled();
    expect(log.lines).toContainEqual({ level: 'info', event: 'session-ended', fields: { cause: 'staff', minutes: 0 } });
    feed();
    expect(recorded).toEqual([]);
    await call('openTile', 'caf');
    await enterStaffMode();
    await call('staffLeave');
    await controller.wipeSettled();
    expect(log.lines).toContainEqual({ level: 'info', event: 'session-ended', fields: { cause: 'staff-ended-visit', minutes: 0 } });
    expect(shell.last.screen).toEqual({ name: 'home', notice: null }); // "Quitter" says nothing; "Terminer la session du visiteur" does
    feed();
    expect(recorded.map((event) => event.kind)).toEqual(['visit-started', 'tile-opened', 'visit-ended']);
    expect(recorded.at(-1)).toMatchObject({ kind: 'visit-ended', cause: 'visitor' });
  });

  it('the visitor idle timer does not wipe under staff mode', async () => {
    await call('openTile', 'caf');
    await enterStaffMode();
    await clock.advance(STAFF_IDLE_MS - 1000); // longer than the visitor's 60 s timeout
    expect(shell.wipes).toBe(0);
    expect(shell.last.overlay.name).toBe('none');
    expect(openView().screen).toBe('home');
  });
});

describe('staff actions', () => {
  it('maintenance: saved, and the visitors see the maintenance screen after staff leave; it comes back at start', async () => {
    await enterStaffMode();
    await call('staffSetMaintenance', true);
    expect(station.maintenanceSaved).toBe(true);
    expect(openView()).toMatchObject({ maintenance: true, notice: { kind: 'maintenance', on: true } });
    await call('staffLeave');
    await controller.wipeSettled();
    expect(shell.last.screen).toEqual({ name: 'maintenance' });
    await call('openTile', 'caf');
    expect(shell.opened).toEqual([]); // visitors can do nothing on the maintenance screen
    controller.stop();

    await startStation({ maintenance: true });
    expect(shell.last.screen).toEqual({ name: 'maintenance' });
    await enterStaffMode();
    await call('staffSetMaintenance', false);
    await call('staffLeave');
    await controller.wipeSettled();
    expect(shell.last.screen).toEqual({ name: 'home', notice: null });
  });

  it('each screen carries its data: health, 30-day counters, last errors in plain words', async () => {
    await enterStaffMode();
    await call('staffOpen', 'counters');
    expect(openView().counters).toEqual({ services: [{ id: 'caf', label: 'CAF' }], days: [expect.objectContaining({ day: '2026-12-02', visitsStarted: 3, byService: { caf: 2 } })] });
    await call('staffOpen', 'errors');
    expect(openView().errors).toEqual([{ time: '2026-12-02T10:00:00.000Z', level: 'warn', what: 'La connexion Internet est coupée.', todo: 'Vérifiez le routeur.' }]);
    await call('staffOpen', 'health');
    expect(openView().health).toHaveLength(1);
  });

  it('prints the test page; a failed sample memo says why', async () => {
    await enterStaffMode();
    await call('staffPrintTestPage');
    expect(station.printed).toEqual(['test-page']);
    expect(openView().notice).toEqual({ kind: 'printed', what: 'test-page' });
    await call('staffPrintSampleMemo');
    expect(openView().notice).toEqual({ kind: 'print-failed', what: 'sample-memo', problem: 'paper-end', message: "L'imprimante n'a plus de papier. Mettez un rouleau neuf, puis imprimez la page de test." });
  });

  it('exports the counters to a USB key or to the screen', async () => {
    await enterStaffMode();
    await call('staffExportCounters', 'usb');
    expect(openView().notice).toEqual({ kind: 'exported-usb', file: '/media/borne/CLE/compteurs.csv' });
    await call('staffExportCounters', 'screen');
    expect(openView().notice).toEqual({ kind: 'exported-screen', csv: '\uFEFFJour;Visites\r\n2026-12-02;3\r\n', noUsbKey: false });
  });

  it('a station file that fails validation is refused with its problems; staff mode stays, nothing restarts', async () => {
    await enterStaffMode();
    station.reload = { ok: false, problems: ['borne.json: tiles[0].entry: must be an https:// address (got "http://www.caf.fr/")'] };
    await call('staffReloadStation');
    expect(openView().notice).toEqual({ kind: 'reload-refused', problems: ['borne.json: tiles[0].entry: must be an https:// address (got "http://www.caf.fr/")'] });
    expect(station.control.restarts).toBe(0);
    expect(controller.staffCapability()).toBeDefined();
  });

  it('a valid station file applies by a restart, after staff mode has ended', async () => {
    await enterStaffMode();
    const capability = controller.staffCapability();
    await call('staffReloadStation');
    expect(station.control.restarts).toBe(1);
    expect(holdsStaffCapability(capability)).toBe(false);
  });

  it('exit only where the station file allows it', async () => {
    await enterStaffMode();
    await call('staffExit');
    expect(station.control.exits).toBe(0);
    expect(openView().notice).toEqual({ kind: 'exit-refused' });
    expect(openView().canExit).toBe(false);
    controller.stop();
    await startStation({ exitAllowed: true });
    await enterStaffMode();
    expect(openView().canExit).toBe(true);
    await call('staffExit');
    expect(station.control.exits).toBe(1);
    expect(controller.staffCapability()).toBeUndefined();
  });

  it('restart ends staff mode first', async () => {
    await enterStaffMode();
    await call('staffRestart');
    expect(station.control.restarts).toBe(1);
    expect(controller.staffCapability()).toBeUndefined();
  });
});

describe('forged staff calls', () => {
  it('every staff action is refused outside a staff session, even with something shaped like a capability', async () => {
    await call('openTile', 'caf');
    for (const forged of [undefined, { kind: 'staff-capability' }, Object.freeze({ kind: 'staff-capability' })]) {
      await expect(dispatchKioskAction(controller, 'staffEndVisitorSession', [], forged as never)).rejects.toBeInstanceOf(ActionCallerError);
      await expect(dispatchKioskAction(controller, 'staffSetMaintenance', [true], forged as never)).rejects.toBeInstanceOf(ActionCallerError);
      await expect(dispatchKioskAction(controller, 'staffExit', [], forged as never)).rejects.toBeInstanceOf(ActionCallerError);
    }
    expect(shell.wipes).toBe(0);
    expect(station.maintenanceSaved).toBeNull();
    expect(station.control.exits).toBe(0);
    // On the PIN pad, before the right PIN, still refused.
    await call('staffWayIn');
    await expect(call('staffSetMaintenance', true)).rejects.toBeInstanceOf(ActionCallerError);
    await call('staffPinSubmit', '111222');
    await expect(call('staffSetMaintenance', true)).rejects.toBeInstanceOf(ActionCallerError);
    expect(station.maintenanceSaved).toBeNull();
  });

  it('the staff mode refuses its actions even to a capability-holding call when it is not open', async () => {
    await enterStaffMode();
    const capability = controller.staffCapability();
    await call('staffLeave');
    await controller.wipeSettled();
    // Even were the dispatcher bypassed, the controller does nothing outside an open staff session.
    await controller.staffSetMaintenance(true);
    await controller.staffExit();
    expect(station.maintenanceSaved).toBeNull();
    expect(holdsStaffCapability(capability)).toBe(false);
  });
});
