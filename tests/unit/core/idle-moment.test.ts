import { describe, expect, it } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import { isIdleMoment } from '../../../main/core/session/idle-moment';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import type { KioskLayout, KioskShell } from '../../../main/core/shell';
import type { WipeOperations } from '../../../main/core/wipe/wipe-steps';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { testWipeOperations } from '../../support/wipe-operations';

/** A shell whose deferred wipe step (the folder's deletion) finishes only when the test says so. */
class GatedShell implements KioskShell {
  /** No input device: only the kiosk UI's own calls count as presence. */
  realInputIdleMs(): Promise<number> {
    return Promise.resolve(Number.POSITIVE_INFINITY);
  }
  views: KioskView[] = [];
  private finishDeletion: (() => void) | null = null;
  setLayout(_layout: KioskLayout): Promise<void> {
    return Promise.resolve();
  }
  openSite(): Promise<void> {
    return Promise.resolve();
  }
  wipeOperations(): WipeOperations {
    return testWipeOperations({
      'end-visitor-site': () => Promise.resolve(),
      'delete-visitor-profile': () => new Promise<void>((resolve) => (this.finishDeletion = resolve)),
    });
  }
  deletionRunning(): boolean {
    return this.finishDeletion !== null;
  }
  endDeletion(): void {
    this.finishDeletion?.();
    this.finishDeletion = null;
  }
  publishView(view: KioskView): void {
    this.views.push(view);
  }
  typeOnSite(): Promise<void> {
    return Promise.resolve();
  }
  screenSize() {
    return { width: 1366, height: 768 };
  }
  relaunch(): Promise<void> {
    return Promise.resolve();
  }
}

const quiet: KioskLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const IDLE = { timeoutSeconds: 60, warningSeconds: 20 };

async function station() {
  const shell = new GatedShell();
  const clock = new FakeClock();
  const controller = new KioskController(demoStationConfig(8470, IDLE), shell, clock, quiet);
  await controller.start();
  return { shell, clock, controller };
}

/** Whether the promise has settled, after letting pending work run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await flushPromises();
  return done;
}

describe('the idle-moment rule', () => {
  it('is idle only with no visitor, the bare home screen and no wipe still running', () => {
    const idle = { visitorPresent: false, screen: 'home', overlay: 'none', wipeFinishing: false } as const;
    expect(isIdleMoment(idle)).toBe(true);
    expect(isIdleMoment({ ...idle, visitorPresent: true })).toBe(false);
    expect(isIdleMoment({ ...idle, screen: 'site' })).toBe(false);
    expect(isIdleMoment({ ...idle, screen: 'wiping' })).toBe(false);
    expect(isIdleMoment({ ...idle, screen: 'out-of-order' })).toBe(false);
    expect(isIdleMoment({ ...idle, overlay: 'memo' })).toBe(false);
    expect(isIdleMoment({ ...idle, wipeFinishing: true })).toBe(false);
  });
});

describe('a change that waits for the next idle moment (a new station file)', () => {
  it('happens at once on a station nobody uses', async () => {
    const { controller } = await station();
    expect(await settled(controller.atNextIdleMoment())).toBe(true);
  });

  it('never happens under a visitor: only once they have left and their wipe is completely over', async () => {
    const { shell, controller } = await station();
    await controller.openTile('caf');
    const change = controller.atNextIdleMoment();
    expect(await settled(change)).toBe(false);
    // Back on the home screen, but still the same visitor.
    await controller.goHome();
    expect(shell.views.at(-1)?.screen.name).toBe('home');
    expect(await settled(change)).toBe(false);
    await controller.requestEndSession();
    await controller.confirmEndSession();
    // The home screen is back for the next visitor while the last one's folder is still being deleted.
    expect(shell.views.at(-1)?.screen.name).toBe('home');
    expect(shell.deletionRunning()).toBe(true);
    expect(await settled(change)).toBe(false);
    shell.endDeletion();
    expect(await settled(change)).toBe(true);
  });

  it('waits for the idle timeout\'s wipe when the visitor walks away', async () => {
    const { shell, clock, controller } = await station();
    await controller.openTile('anef');
    const change = controller.atNextIdleMoment();
    await clock.advance(59_000);
    expect(await settled(change)).toBe(false);
    await clock.advance(IDLE.warningSeconds * 1000 + 2000);
    expect(shell.views.at(-1)?.screen).toEqual({ name: 'home', notice: 'wiped-after-idle' });
    shell.endDeletion();
    expect(await settled(change)).toBe(true);
  });

  it('waits again when the next visitor begins before the last wipe is over', async () => {
    const { shell, controller } = await station();
    await controller.openTile('caf');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    const change = controller.atNextIdleMoment();
    await controller.openTile('ants'); // the next visitor, while the folder is still being deleted
    shell.endDeletion();
    expect(await settled(change)).toBe(false);
    await controller.requestEndSession();
    await controller.confirmEndSession();
    shell.endDeletion();
    expect(await settled(change)).toBe(true);
  });
});
