import { beforeEach, describe, expect, it } from 'vitest';
import type { KeyboardInput } from '../../../main/core/contract/keyboard';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import { KioskController, type Connectivity, type ConnectivitySource } from '../../../main/core/session/kiosk-controller';
import type { KioskLayout, KioskShell } from '../../../main/core/shell';
import type { WipeOperations, WipeStepName } from '../../../main/core/wipe/wipe-steps';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { testWipeOperations } from '../../support/wipe-operations';

/** A shell that records what the controller asks of it. */
class RecordingShell implements KioskShell {
  layouts: KioskLayout[] = [];
  opened: { url: string; allowedHosts: readonly string[]; permissions?: readonly string[] }[] = [];
  views: KioskView[] = [];
  wipes = 0;
  failOpen = false;
  failWipeStep: WipeStepName | null = null;
  /** When a person last used the devices (null: never); `failInputCount` makes the count unreadable. */
  inputAt: number | null = null;
  failInputCount = false;
  inputReads = 0;

  constructor(private readonly now: () => number = () => 0) {}

  /** A touch, key or mouse move on the station's devices, now. */
  deviceInput(): void {
    this.inputAt = this.now();
  }
  realInputIdleMs(): Promise<number> {
    this.inputReads += 1;
    if (this.failInputCount) return Promise.reject(new Error('xprintidle: cannot open display'));
    return Promise.resolve(this.inputAt === null ? Number.POSITIVE_INFINITY : this.now() - this.inputAt);
  }

  setLayout(layout: KioskLayout): Promise<void> {
    this.layouts.push(layout);
    return Promise.resolve();
  }
  openSite(url: string, allowedHosts: readonly string[], permissions: readonly string[] = []): Promise<void> {
    this.opened.push({ url, allowedHosts, ...(permissions.length > 0 ? { permissions } : {}) });
    return this.failOpen ? Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')) : Promise.resolve();
  }
  /** Steps that may finish after the home screen is back (the Chromium shell's file deletion). */
  deferredSteps: WipeStepName[] = [];
  /** What had been published when each step ran. */
  screenAtStep = new Map<string, string>();
  wipeOperations(): WipeOperations {
    this.wipes += 1;
    const step = (name: WipeStepName) => () => {
      this.screenAtStep.set(name, this.views.at(-1)?.screen.name ?? 'none');
      return name === this.failWipeStep ? Promise.reject(new Error(`${name} broke`)) : Promise.resolve();
    };
    const performed: WipeStepName[] = ['end-visitor-site', 'clear-site-storage', 'new-visitor-site', 'verify-clean', ...this.deferredSteps];
    return testWipeOperations(Object.fromEntries(performed.map((name) => [name, step(name)])));
  }
  publishView(view: KioskView): void {
    this.views.push(view);
  }
  typed: KeyboardInput[] = [];
  typeOnSite(input: KeyboardInput): Promise<void> {
    this.typed.push(input);
    return Promise.resolve();
  }
  screen = { width: 1366, height: 768 };
  screenSize() {
    return this.screen;
  }
  relaunches = 0;
  relaunch(): Promise<void> {
    this.relaunches += 1;
    return Promise.resolve();
  }
  get lastView(): KioskView {
    const view = this.views.at(-1);
    if (view === undefined) throw new Error('nothing published');
    return view;
  }
}

class MemoryLog implements KioskLog {
  lines: string[] = [];
  info = (event: string, fields?: object) => void this.lines.push(`info ${event} ${JSON.stringify(fields ?? {})}`);
  warn = (event: string, fields?: object) => void this.lines.push(`warn ${event} ${JSON.stringify(fields ?? {})}`);
  error = (event: string, fields?: object) => void this.lines.push(`error ${event} ${JSON.stringify(fields ?? {})}`);
}

const IDLE = { timeoutSeconds: 60, warningSeconds: 20 };

describe('the visitor journey', () => {
  let clock: FakeClock;
  let shell: RecordingShell;
  let log: MemoryLog;
  let controller: KioskController;

  beforeEach(async () => {
    clock = new FakeClock();
    shell = new RecordingShell(() => clock.now());
    log = new MemoryLog();
    controller = new KioskController(demoStationConfig(8470, IDLE), shell, clock, log);
    await controller.start();
  });

  it('starts on the home screen, full screen, with the station tiles', () => {
    expect(shell.layouts).toEqual(['full']);
    expect(shell.lastView.screen).toEqual({ name: 'home', notice: null });
    expect(shell.lastView.station?.tiles.map((tile) => tile.id)).toEqual(['caf', 'anef', 'ants']);
    expect(shell.lastView.station?.tiles[0]?.host).toBe('caf.entrainement.localhost');
  });

  it('opens a tile under the toolbar with that tile\'s allow-list', async () => {
    await controller.openTile('caf');
    expect(shell.layouts.at(-1)).toBe('guide-left'); // the training CAF's guide opens beside it
    expect(shell.opened).toEqual([
      {
        url: 'http://caf.entrainement.localhost:8470/',
        allowedHosts: ['caf.entrainement.localhost', 'connexion-caf.entrainement.localhost', 'franceconnect.entrainement.localhost'],
      },
    ]);
    expect(shell.lastView.screen).toEqual({ name: 'site', tileId: 'caf', loading: false });
    expect(log.lines).toContain('info tile-opened {"tile":"caf"}');
  });

  it('ignores an unknown tile', async () => {
    await controller.openTile('nope');
    expect(shell.opened).toEqual([]);
    expect(shell.lastView.screen.name).toBe('home');
  });

  it('goes home without losing the démarche, and returns to it without reloading', async () => {
    await controller.openTile('caf');
    await controller.goHome();
    expect(shell.lastView.screen).toEqual({ name: 'home', notice: null });
    expect(shell.layouts.at(-1)).toBe('full');
    await controller.openTile('caf');
    expect(shell.opened).toHaveLength(1);
    expect(shell.lastView.screen).toMatchObject({ name: 'site', tileId: 'caf' });
    await controller.goHome();
    await controller.openTile('anef');
    expect(shell.opened.map((open) => open.url)).toEqual(['http://caf.entrainement.localhost:8470/', 'http://anef.entrainement.localhost:8470/']);
  });

  it('asks before ending the session, and can be cancelled', async () => {
    await controller.openTile('caf');
    await controller.requestEndSession();
    expect(shell.lastView.overlay).toEqual({ name: 'confirm-end' });
    expect(shell.layouts.at(-1)).toBe('full');
    await controller.dismissOverlay();
    expect(shell.lastView.overlay).toEqual({ name: 'none' });
    expect(shell.layouts.at(-1)).toBe('guide-left');
    expect(shell.wipes).toBe(0);
  });

  it('wipes on confirmation and comes back home with a notice, as a new visitor generation', async () => {
    await controller.openTile('caf');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(shell.wipes).toBe(1);
    expect(shell.views.map((view) => view.screen.name)).toContain('wiping');
    expect(shell.lastView.screen).toEqual({ name: 'home', notice: 'wiped' });
    expect(shell.lastView.visitorGeneration).toBe(1);
    expect(controller.lastWipeReport()?.ok).toBe(true);
    expect(log.lines.some((line) => line.startsWith('info session-ended {"cause":"visitor"'))).toBe(true);
  });

  it('does not wipe on a confirmation that was never asked for', async () => {
    await controller.openTile('caf');
    await controller.confirmEndSession();
    expect(shell.wipes).toBe(0);
  });

  it('stays out of order when a wipe step fails, and refuses visitors', async () => {
    shell.failWipeStep = 'clear-site-storage';
    await controller.openTile('caf');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(shell.lastView.screen).toEqual({ name: 'out-of-order', reason: 'wipe-failed' });
    expect(log.lines).toContain('error wipe-failed {"failedSteps":"clear-site-storage","firstError":"clear-site-storage broke"}');
    await controller.openTile('anef');
    expect(shell.opened).toHaveLength(1);
    expect(shell.lastView.screen.name).toBe('out-of-order');
  });

  it('shows a refused address over the site, and goes back to it', async () => {
    await controller.openTile('caf');
    controller.navigationRefused({ reason: 'host', host: 'www.example.com' });
    await flushPromises();
    expect(shell.lastView.overlay).toEqual({ name: 'refused', reason: 'host', host: 'www.example.com' });
    expect(shell.layouts.at(-1)).toBe('full');
    expect(log.lines).toContain('info navigation-refused {"reason":"host"}'); // no host: the log stays anonymous
    await controller.dismissOverlay();
    expect(shell.layouts.at(-1)).toBe('guide-left');
  });

  it('says plainly when a site cannot be reached, and retries', async () => {
    shell.failOpen = true;
    await controller.openTile('caf');
    expect(shell.lastView.overlay).toEqual({ name: 'unreachable', tileId: 'caf' });
    shell.failOpen = false;
    await controller.retrySite();
    expect(shell.opened).toHaveLength(2);
    expect(shell.lastView.overlay).toEqual({ name: 'none' });
    expect(shell.lastView.screen).toEqual({ name: 'site', tileId: 'caf', loading: false });
  });

  describe('a page opened while the démarche\'s first page still loads', () => {
    /** The shell's loads, held until the test settles each one. */
    function holdLoads(): { resolve: () => void; reject: (error: Error) => void }[] {
      const loads: { resolve: () => void; reject: (error: Error) => void }[] = [];
      shell.openSite = (url, allowedHosts) => {
        shell.opened.push({ url, allowedHosts });
        return new Promise<void>((resolve, reject) => loads.push({ resolve, reject }));
      };
      return loads;
    }

    it('the first load, aborted by the second, is no unreachable site', async () => {
      const loads = holdLoads();
      const opening = controller.openTile('caf');
      await flushPromises();
      const forgotten = controller.openForgottenPassword();
      await flushPromises();
      expect(shell.opened.map((load) => load.url)).toEqual(['http://caf.entrainement.localhost:8470/', expect.stringContaining('caf.entrainement.localhost')]);
      loads[0]?.reject(new Error('net::ERR_ABORTED'));
      await flushPromises();
      expect(shell.lastView.screen).toEqual({ name: 'site', tileId: 'caf', loading: true }); // the second still loads
      loads[1]?.resolve();
      await Promise.all([opening, forgotten]);
      expect(shell.lastView.overlay).toEqual({ name: 'none' });
      expect(shell.lastView.screen).toEqual({ name: 'site', tileId: 'caf', loading: false });
      expect(log.lines.filter((line) => line.startsWith('warn site-unreachable'))).toEqual([]);
    });

    it('the second load failing still says the site cannot be reached', async () => {
      const loads = holdLoads();
      const opening = controller.openTile('caf');
      await flushPromises();
      const forgotten = controller.openForgottenPassword();
      await flushPromises();
      loads[0]?.resolve();
      await flushPromises();
      expect(shell.lastView.screen).toEqual({ name: 'site', tileId: 'caf', loading: true });
      loads[1]?.reject(new Error('net::ERR_CONNECTION_REFUSED'));
      await Promise.all([opening, forgotten]);
      expect(shell.lastView.overlay).toEqual({ name: 'unreachable', tileId: 'caf' });
    });
  });

  describe('idle timeout', () => {
    it('does not run before anyone used the station', async () => {
      await clock.advance(10 * 60_000);
      expect(shell.lastView.overlay.name).toBe('none');
      expect(clock.pendingTimers()).toBe(0);
    });

    it('warns after the timeout, with the countdown end, then wipes', async () => {
      await controller.openTile('caf');
      await clock.advance(59_000);
      expect(shell.lastView.overlay.name).toBe('none');
      await clock.advance(1_000);
      expect(shell.lastView.overlay).toEqual({ name: 'idle-warning', endsAt: clock.now() + 20_000, seconds: 20 });
      expect(shell.layouts.at(-1)).toBe('full');
      await clock.advance(19_999);
      expect(shell.wipes).toBe(0);
      await clock.advance(1);
      expect(shell.wipes).toBe(1);
      expect(shell.lastView.screen).toEqual({ name: 'home', notice: 'wiped-after-idle' });
      expect(clock.pendingTimers()).toBe(0);
    });

    it('restarts the timer on real input on the devices, or on a kiosk UI action', async () => {
      await controller.openTile('caf');
      await clock.advance(50_000);
      shell.deviceInput();
      await clock.advance(50_000);
      await controller.goHome();
      await clock.advance(50_000);
      expect(shell.lastView.overlay.name).toBe('none');
      await clock.advance(10_000);
      expect(shell.lastView.overlay.name).toBe('idle-warning');
    });

    it('ignores page pings: reportActivity and what a site makes happen', async () => {
      await controller.openTile('caf');
      for (let second = 0; second < 59; second += 1) {
        await controller.reportActivity();
        controller.navigationRefused({ reason: 'host', host: 'evil.example' });
        controller.externalLinkRequested({ kind: 'tel', target: '3230' });
        await clock.advance(1_000);
      }
      await clock.advance(1_000);
      expect(shell.lastView.overlay.name).toBe('idle-warning');
      // During the warning a site can no longer replace it with a panel of its own.
      controller.navigationRefused({ reason: 'host', host: 'evil.example' });
      controller.externalLinkRequested({ kind: 'tel', target: '3230' });
      await controller.reportActivity();
      await flushPromises();
      expect(shell.lastView.overlay.name).toBe('idle-warning');
      await clock.advance(20_000);
      expect(shell.wipes).toBe(1);
      expect(shell.lastView.screen).toEqual({ name: 'home', notice: 'wiped-after-idle' });
    });

    it('an unreadable input count counts as idle, and says so once in the log', async () => {
      shell.failInputCount = true;
      await controller.openTile('caf');
      await clock.advance(80_000);
      expect(shell.wipes).toBe(1);
      expect(log.lines.filter((line) => line.startsWith('error input-idle-unreadable'))).toEqual(['error input-idle-unreadable {"error":"xprintidle: cannot open display"}']);
    });

    it('input on the devices before the timeout only moves the deadline', async () => {
      await controller.openTile('caf');
      await clock.advance(30_000);
      shell.deviceInput();
      await clock.advance(30_000); // the timer fires, reads 30 s of idleness, waits 30 s more
      expect(shell.lastView.overlay.name).toBe('none');
      await clock.advance(29_000);
      expect(shell.lastView.overlay.name).toBe('none');
      await clock.advance(1_000);
      expect(shell.lastView.overlay.name).toBe('idle-warning');
    });

    it('"Je suis encore là" dismisses the warning and gives the full time again', async () => {
      await controller.openTile('caf');
      await clock.advance(60_000);
      await controller.stillHere();
      expect(shell.lastView.overlay.name).toBe('none');
      expect(shell.layouts.at(-1)).toBe('guide-left');
      await clock.advance(59_000);
      expect(shell.lastView.overlay.name).toBe('none');
      expect(shell.wipes).toBe(0);
    });

    it('a touch on the devices during the warning counts as "still here"', async () => {
      await controller.openTile('caf');
      await clock.advance(60_000);
      expect(shell.lastView.overlay.name).toBe('idle-warning');
      await clock.advance(3_000);
      shell.deviceInput();
      await clock.advance(500);
      expect(shell.lastView.overlay.name).toBe('none');
      await clock.advance(30_000);
      expect(shell.wipes).toBe(0);
    });

    it('the input before the warning does not dismiss it', async () => {
      await controller.openTile('caf');
      shell.deviceInput();
      await clock.advance(120_000);
      expect(shell.wipes).toBe(1);
      expect(clock.pendingTimers()).toBe(0);
    });
  });

  it('shows a mail or phone link as a panel instead of opening anything', async () => {
    await controller.openTile('caf');
    controller.externalLinkRequested({ kind: 'tel', target: '3230' });
    await flushPromises();
    expect(shell.lastView.overlay).toEqual({ name: 'external-link', link: { kind: 'tel', target: '3230' } });
    expect(shell.layouts.at(-1)).toBe('full');
    expect(log.lines).toContain('info external-link-shown {"kind":"tel"}'); // the number itself is not logged
    await controller.dismissOverlay();
    expect(shell.layouts.at(-1)).toBe('guide-left');
  });

  it('wipes even when the windows cannot be laid out (a window already gone)', async () => {
    await controller.openTile('caf');
    shell.setLayout = () => Promise.reject(new Error('Target page, context or browser has been closed'));
    controller.siteCrashed();
    await flushPromises();
    await flushPromises(); // nobody awaits a crash's wipe: its steps take a few more turns
    expect(shell.wipes).toBe(1);
    expect(shell.lastView.screen).toEqual({ name: 'home', notice: 'wiped-after-crash' });
    expect(log.lines.some((line) => line.startsWith('error layout-failed'))).toBe(true);
  });

  it('wipes after a site crash and apologises on the home screen', async () => {
    await controller.openTile('caf');
    controller.siteCrashed();
    await flushPromises();
    await flushPromises(); // nobody awaits a crash's wipe: its steps take a few more turns
    expect(shell.wipes).toBe(1);
    expect(shell.lastView.screen).toEqual({ name: 'home', notice: 'wiped-after-crash' });
  });
});

describe('station rules from the file', () => {
  it('a tile may have a longer idle timeout (waiting for an SMS code), used only while it is on screen', async () => {
    const clock = new FakeClock();
    const shell = new RecordingShell();
    const base = demoStationConfig(8470, IDLE);
    const config = { ...base, tiles: base.tiles.map((tile) => (tile.id === 'caf' ? { ...tile, idleTimeoutSeconds: 300 } : tile)) };
    const controller = new KioskController(config, shell, clock, new MemoryLog());
    await controller.start();
    await controller.openTile('caf');
    await clock.advance(120_000);
    expect(shell.lastView.overlay.name).toBe('none');
    await clock.advance(180_000);
    expect(shell.lastView.overlay.name).toBe('idle-warning');
    await controller.stillHere();
    await controller.goHome();
    await clock.advance(60_000);
    expect(shell.lastView.overlay.name).toBe('idle-warning');
  });

  it('passes a tile\'s granted permissions to the shell', async () => {
    const shell = new RecordingShell();
    const base = demoStationConfig(8470, IDLE);
    const config = { ...base, tiles: base.tiles.map((tile) => (tile.id === 'ants' ? { ...tile, permissions: [{ name: 'camera' as const, why: 'photo d\'identité' }] } : tile)) };
    const controller = new KioskController(config, shell, new FakeClock(), new MemoryLog());
    await controller.start();
    await controller.openTile('ants');
    expect(shell.opened.at(-1)?.permissions).toEqual(['camera']);
    await controller.goHome();
    await controller.openTile('caf');
    expect(shell.opened.at(-1)?.permissions).toBeUndefined();
  });

  it('relaunches between two visitors after the configured number of visitors', async () => {
    const shell = new RecordingShell();
    const log = new MemoryLog();
    const controller = new KioskController({ ...demoStationConfig(8470, IDLE), maintenance: { relaunchAfterVisitors: 2 } }, shell, new FakeClock(), log);
    await controller.start();
    for (let visitor = 1; visitor <= 2; visitor += 1) {
      await controller.openTile('caf');
      await controller.requestEndSession();
      await controller.confirmEndSession();
      expect(shell.relaunches).toBe(visitor === 2 ? 1 : 0);
    }
    expect(log.lines).toContain('info relaunch {"reason":"visitors","visitors":2}');
  });

  it('relaunches at the configured hour when nobody is using the station, never under a visitor', async () => {
    const hourFrom = (clock: FakeClock) => (new Date(clock.now()).getHours() + 1) % 24;
    const toNextHour = (clock: FakeClock) => 3_600_000 - (clock.now() % 3_600_000);

    const idleClock = new FakeClock();
    const idleShell = new RecordingShell();
    const idle = new KioskController({ ...demoStationConfig(8470, IDLE), maintenance: { relaunchAtHour: hourFrom(idleClock) } }, idleShell, idleClock, new MemoryLog());
    await idle.start();
    await idleClock.advance(toNextHour(idleClock) + 2 * 60_000);
    expect(idleShell.relaunches).toBe(1);

    const busyClock = new FakeClock();
    const busyShell = new RecordingShell(() => busyClock.now());
    const busy = new KioskController({ ...demoStationConfig(8470, IDLE), maintenance: { relaunchAtHour: hourFrom(busyClock) } }, busyShell, busyClock, new MemoryLog());
    await busy.start();
    await busy.openTile('caf');
    const end = busyClock.now() + toNextHour(busyClock) + 3_600_000 + 60_000;
    while (busyClock.now() < end) {
      busyShell.deviceInput(); // the visitor keeps working through the whole hour
      await busyClock.advance(30_000);
    }
    expect(busyShell.relaunches).toBe(0);
  });
});

/** An Internet link the test turns on and off. */
class SwitchableLink implements ConnectivitySource {
  state: Connectivity = 'online';
  private listeners: ((state: Connectivity) => void)[] = [];
  checks = 0;
  checkNow(): Promise<Connectivity> {
    this.checks += 1;
    return Promise.resolve(this.state);
  }
  onChange(listener: (state: Connectivity) => void): () => void {
    this.listeners.push(listener);
    return () => undefined;
  }
  set(state: Connectivity): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

describe('the guide, the on-screen keyboard and the Internet link', () => {
  let clock: FakeClock;
  let shell: RecordingShell;
  let controller: KioskController;
  let link: SwitchableLink;

  const start = async (config = demoStationConfig(8470, IDLE)) => {
    clock = new FakeClock();
    shell = new RecordingShell();
    link = new SwitchableLink();
    controller = new KioskController(config, shell, clock, new MemoryLog());
    controller.attachConnectivity(link);
    await controller.start();
  };
  beforeEach(() => start());

  it('gives each tile its guide from the catalogue, and none to a tile without one', () => {
    const [caf, anef] = shell.lastView.station?.tiles ?? [];
    expect(caf?.guide?.procedures.map((procedure) => procedure.id)).toEqual(['attestation']);
    expect(caf?.guide?.hasForgottenPassword).toBe(true);
    expect(caf?.guide?.documents.length).toBeGreaterThan(0);
    expect(anef?.guide?.procedures ?? []).toEqual([]);
  });

  it('opens a démarche with its guide beside the site, on the reading side, and closes it on request', async () => {
    await controller.openTile('caf');
    expect(shell.layouts.at(-1)).toBe('guide-left');
    expect(shell.lastView.guideOpen).toBe(true);
    await controller.setGuidePanel(true, 'right');
    expect(shell.layouts.at(-1)).toBe('guide-right');
    await controller.setGuidePanel(false, 'right');
    expect(shell.layouts.at(-1)).toBe('toolbar');
    expect(shell.lastView.guideOpen).toBe(false);
  });

  it('on a small screen, shows the site first and the guide over it when asked for', async () => {
    shell.screen = { width: 1024, height: 768 };
    await controller.openTile('caf');
    expect(shell.layouts.at(-1)).toBe('toolbar');
    expect(shell.lastView.guideOpen).toBe(false);
    await controller.setGuidePanel(true, 'left');
    expect(shell.layouts.at(-1)).toBe('full');
    expect(shell.lastView.guideOpen).toBe(true);
    expect(shell.lastView.screen).toEqual({ name: 'site', tileId: 'caf', loading: false });
  });

  it('opens the site\'s own "mot de passe oublié" page in the site view', async () => {
    await controller.openTile('caf');
    await controller.openForgottenPassword();
    expect(shell.opened.at(-1)?.url).toBe('http://connexion-caf.entrainement.localhost:8470/mot-de-passe-oublie');
    expect(shell.opened.at(-1)?.allowedHosts).toContain('connexion-caf.entrainement.localhost');
  });

  it('shows the keyboard when a finger focuses a field, types into the site, and hides it', async () => {
    await controller.openTile('anef');
    controller.fieldFocused({ mode: 'email', byTouch: false });
    await flushPromises();
    expect(shell.lastView.keyboard).toBeNull(); // a mouse or a physical keyboard: no on-screen keyboard
    controller.fieldFocused({ mode: 'email', byTouch: true });
    await flushPromises();
    expect(shell.lastView.keyboard).toBe('email');
    expect(shell.layouts.at(-1)).toBe('toolbar-keyboard');
    await controller.typeOnSite({ kind: 'text', text: 'é' });
    await controller.typeOnSite({ kind: 'key', key: 'Backspace' });
    expect(shell.typed).toEqual([{ kind: 'text', text: 'é' }, { kind: 'key', key: 'Backspace' }]);
    await controller.hideKeyboard();
    expect(shell.lastView.keyboard).toBeNull();
    expect(shell.layouts.at(-1)).toBe('toolbar');
    await controller.typeOnSite({ kind: 'text', text: 'x' });
    expect(shell.typed).toHaveLength(2); // nothing is typed while the keyboard is hidden
  });

  it('follows the station setting: "always" shows the keyboard for any focus, "off" never', async () => {
    await start({ ...demoStationConfig(8470, IDLE), keyboard: 'always' });
    await controller.openTile('anef');
    controller.fieldFocused({ mode: 'numeric', byTouch: false });
    await flushPromises();
    expect(shell.lastView.keyboard).toBe('numeric');
    controller.fieldFocused(null);
    await flushPromises();
    expect(shell.lastView.keyboard).toBeNull();

    await start({ ...demoStationConfig(8470, IDLE), keyboard: 'off' });
    await controller.openTile('anef');
    controller.fieldFocused({ mode: 'text', byTouch: true });
    await flushPromises();
    expect(shell.lastView.keyboard).toBeNull();
  });

  it('forgets the guide and the keyboard with the visitor', async () => {
    await controller.openTile('caf');
    await controller.setGuidePanel(true, 'right');
    controller.fieldFocused({ mode: 'text', byTouch: true });
    await flushPromises();
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(shell.lastView).toMatchObject({ guideOpen: false, keyboard: null, layout: 'full' });
    await controller.openTile('caf');
    expect(shell.layouts.at(-1)).toBe('guide-left');
  });

  it('offline, shows a waiting page instead of a démarche that needs Internet, and opens it when the link is back', async () => {
    const config = demoStationConfig(8470, IDLE);
    await start({ ...config, tiles: config.tiles.map((tile) => (tile.id === 'ants' ? { ...tile, worksOffline: false } : tile)) });
    link.set('offline');
    expect(shell.lastView.connectivity).toBe('offline');
    expect(shell.lastView.station?.tiles.find((tile) => tile.id === 'ants')?.needsConnection).toBe(true);
    await controller.openTile('ants');
    expect(shell.opened).toEqual([]);
    expect(shell.lastView.overlay).toEqual({ name: 'offline', tileId: 'ants' });
    // Training sites live on this machine: they still open.
    await controller.dismissOverlay();
    await controller.openTile('caf');
    expect(shell.opened.map((opened) => new URL(opened.url).hostname)).toEqual(['caf.entrainement.localhost']);
    await controller.openTile('ants');
    const generation = shell.lastView.visitorGeneration;
    link.set('online');
    await flushPromises();
    expect(shell.opened.map((opened) => new URL(opened.url).hostname)).toEqual(['caf.entrainement.localhost', 'ants.entrainement.localhost']);
    expect(shell.lastView.overlay).toEqual({ name: 'none' });
    expect(shell.lastView.visitorGeneration).toBe(generation); // nothing reset under the visitor
  });

  it('asks the link when a site fails to load: offline page if the link is down, "site unreachable" otherwise', async () => {
    const config = demoStationConfig(8470, IDLE);
    await start({ ...config, tiles: config.tiles.map((tile) => ({ ...tile, worksOffline: false })) });
    shell.failOpen = true;
    link.state = 'offline'; // the monitor has not noticed yet: the failed load makes it check
    await controller.openTile('anef');
    expect(link.checks).toBe(1);
    expect(shell.lastView.overlay).toEqual({ name: 'offline', tileId: 'anef' });
    link.set('online'); // the link is back but the site still fails: it is the site that is down
    await flushPromises();
    expect(link.checks).toBe(2);
    expect(shell.lastView.overlay).toEqual({ name: 'unreachable', tileId: 'anef' });
  });

  it('losing the link under a visitor changes nothing but the notice', async () => {
    await controller.openTile('anef');
    const before = shell.lastView;
    link.set('offline');
    expect(shell.lastView).toEqual({ ...before, connectivity: 'offline' });
    link.set('online');
    expect(shell.lastView).toEqual(before);
  });
});

describe('a wipe whose last steps finish after the home screen is back', () => {
  it('shows the home screen first, then completes the report', async () => {
    const clock = new FakeClock();
    const shell = new RecordingShell();
    shell.deferredSteps = ['delete-visitor-profile'];
    const controller = new KioskController(demoStationConfig(8470, IDLE), shell, clock, new MemoryLog());
    await controller.start();
    await controller.openTile('anef');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(shell.screenAtStep.get('verify-clean')).toBe('wiping');
    expect(shell.screenAtStep.get('delete-visitor-profile')).toBe('home');
    const report = await controller.wipeSettled();
    expect(report?.ok).toBe(true);
    expect(report?.steps.map((step) => step.name)).toEqual(['end-site-dialogs', 'end-visitor-site', 'clear-site-storage', 'new-visitor-site', 'verify-clean', 'delete-visitor-profile']);
  });

  it('goes out of order when a deferred step fails, even once the next visitor has begun', async () => {
    const clock = new FakeClock();
    const shell = new RecordingShell();
    const log = new MemoryLog();
    shell.deferredSteps = ['delete-visitor-profile'];
    shell.failWipeStep = 'delete-visitor-profile';
    const controller = new KioskController(demoStationConfig(8470, IDLE), shell, clock, log);
    await controller.start();
    await controller.openTile('anef');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    await controller.wipeSettled();
    expect(shell.lastView.screen).toEqual({ name: 'out-of-order', reason: 'wipe-failed' });
    expect(log.lines).toContain('error wipe-failed {"failedSteps":"delete-visitor-profile","firstError":"delete-visitor-profile broke"}');
    await controller.openTile('caf');
    expect(shell.opened).toHaveLength(1); // refused: only the first visitor's démarche was ever opened
  });

  it('still runs the deferred steps when an earlier step failed', async () => {
    const clock = new FakeClock();
    const shell = new RecordingShell();
    shell.deferredSteps = ['delete-visitor-profile'];
    shell.failWipeStep = 'clear-site-storage';
    const controller = new KioskController(demoStationConfig(8470, IDLE), shell, clock, new MemoryLog());
    await controller.start();
    await controller.openTile('anef');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(shell.screenAtStep.get('delete-visitor-profile')).toBe('wiping');
    expect(controller.lastWipeReport()?.steps.map((step) => step.name)).toContain('delete-visitor-profile');
    expect(shell.lastView.screen).toEqual({ name: 'out-of-order', reason: 'wipe-failed' });
  });
});
