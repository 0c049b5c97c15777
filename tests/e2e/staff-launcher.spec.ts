import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { processAlive } from '../../main/node/launch-folder';
import { projectRoot } from '../../main/node/paths';
import { hashPin, writePinFile } from '../../main/node/staff-pin';
import { KIOSK_UI_ORIGIN } from '../../main/shells/chromium/kiosk-ui-window';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';
import { expect, kioskChromium, POLICIES_CONFINED, test } from './kiosk-fixture';

/**
 * Staff's "Redémarrer la borne" and "Quitter la borne" under the real launcher: `npm start`'s
 * own script (dist/cli/start.cjs, main/cli/kiosk-launch.ts) as a child process, as a station
 * runs it. The test reaches the kiosk's UI window as a station's staff would see it, through
 * the DevTools protocol: the Chromium the launcher is given (KIOSK_CHROMIUM_PATH, the way a
 * station names another Chromium) is a wrapper that notes each browser's process id and
 * arguments, adds `--remote-debugging-port=0`, and execs the confined policy Chromium, so the
 * recorded id is the browser's own. The launcher itself is not changed for the test.
 */

const root = projectRoot();
const PIN = '482913';
const TEST_COST = { N: 2 ** 14, r: 8, p: 1, keyLength: 32 };

test.skip(!POLICIES_CONFINED, 'launcher tests skipped: the real launcher requires the station Chromium policies, and they cannot be confined here (see kiosk-fixture)');
test.skip(!existsSync(join(root, 'dist', 'cli', 'start.cjs')), 'launcher tests skipped: dist/cli/start.cjs is missing (run npm run build first)');

interface BrowserLaunch {
  pid: number;
  userDataDir: string;
}

interface LauncherStation {
  dir: string;
  runDir: string;
  stationFile: string;
  launchesDir: string;
  training: TrainingServer;
}

async function launcherStation(staff: { allowExit?: boolean }): Promise<LauncherStation> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-launcher-'));
  const training = await startTrainingServer();
  await writePinFile(join(dir, 'borne.pin.json'), await hashPin(PIN, TEST_COST));
  const stationFile = join(dir, 'borne.json');
  writeFileSync(stationFile, JSON.stringify({ ...demoStationConfig(training.port), staff: { pinFile: 'borne.pin.json', stateDirectory: 'state', ...staff } }, null, 2));
  // Short: Chromium's singleton socket lives deep below the run folder (107 characters at most).
  const runDir = mkdtempSync(join(tmpdir(), 'kl-'));
  const launchesDir = join(dir, 'launches');
  mkdirSync(launchesDir);
  return { dir, runDir, stationFile, launchesDir, training };
}

/** The Chromium given to the launcher: records the browser's id (exec keeps it) and arguments, opens a DevTools port. */
function recordingChromium(station: LauncherStation): string {
  const wrapper = join(station.dir, 'chromium-recorded');
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      '# Test-only (tests/e2e/staff-launcher.spec.ts): note this browser, then become it.',
      `printf '%s\\n' "$@" > ${quote(station.launchesDir)}/$$.args`,
      `exec ${quote(kioskChromium())} "$@" --remote-debugging-port=0`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

interface Launcher {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

function startLauncher(station: LauncherStation): Launcher {
  const child = spawn('node', [join(root, 'dist/cli/start.cjs'), `--config=${station.stationFile}`, '--shell=chromium', '--headless'], {
    cwd: root,
    env: { ...process.env, KIOSK_RUN_DIR: station.runDir, KIOSK_CHROMIUM_PATH: recordingChromium(station) },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The kiosk UI windows' browsers the launcher started so far, oldest first (visitors' browsers are left out). */
function uiLaunches(station: LauncherStation): BrowserLaunch[] {
  return readdirSync(station.launchesDir)
    .filter((name) => name.endsWith('.args'))
    .map((name) => {
      const args = readFileSync(join(station.launchesDir, name), 'utf8').split('\n');
      const userDataDir = args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? '';
      return { pid: Number(name.slice(0, -'.args'.length)), userDataDir };
    })
    // The UI window's profile is <work folder>/ui-XXXXXX/profile (kiosk-ui-window.ts); a visitor's is v-XXXXXX.
    .filter((launch) => /\/ui-[^/]+\/profile$/.test(launch.userDataDir))
    .sort((a, b) => a.pid - b.pid);
}

interface UiWindow {
  launch: BrowserLaunch;
  browser: Browser;
  ui: Page;
}

/** Connects to the kiosk UI window of the given browser through its DevTools port, once the kiosk page is ready. */
async function connectUi(launch: BrowserLaunch): Promise<UiWindow> {
  const portFile = join(launch.userDataDir, 'DevToolsActivePort');
  // The file can exist before Chromium has written its port in it: wait for a port.
  const portIn = () => (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').split('\n')[0]) || 0 : 0);
  await expect.poll(portIn, { timeout: 20_000, message: `${portFile} never named a port` }).toBeGreaterThan(0);
  const port = portIn();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  let ui: Page | undefined;
  await expect
    .poll(() => {
      ui = browser.contexts().flatMap((context) => context.pages()).find((page) => page.url().startsWith(`${KIOSK_UI_ORIGIN}/`));
      return ui !== undefined;
    }, { timeout: 20_000, message: 'no kiosk UI page in the browser' })
    .toBe(true);
  if (ui === undefined) throw new Error('no kiosk UI page');
  await ui.waitForSelector('body[data-ready="true"]');
  return { launch, browser, ui };
}

/** The launcher's first (or next) UI window: waits until the launcher has started one more than `known`. */
async function nextUiWindow(station: LauncherStation, known: number): Promise<UiWindow> {
  await expect.poll(() => uiLaunches(station).length, { timeout: 30_000, message: 'the launcher started no (new) kiosk UI browser' }).toBeGreaterThan(known);
  const launches = uiLaunches(station);
  const launch = launches[launches.length - 1];
  if (launch === undefined) throw new Error('no UI browser');
  return connectUi(launch);
}

async function enterStaffMode(ui: Page): Promise<void> {
  await ui.keyboard.press('Control+Shift+F9');
  await ui.keyboard.press('Control+Shift+F9');
  await expect(ui.locator('main[data-screen="staff-pin"]')).toBeVisible();
  for (const digit of PIN) await ui.click(`[data-pin-key="${digit}"]`);
  await ui.click('[data-action="pin-submit"]');
  await expect(ui.locator('main[data-screen="staff-home"]')).toBeVisible();
}

/** A call made by the kiosk page itself through `window.kiosk`, as forged code in it would. */
function forgedCall(ui: Page, action: string): Promise<string> {
  return ui.evaluate(async (name) => {
    const call = (window as unknown as { kiosk: Record<string, () => Promise<unknown>> }).kiosk[name];
    if (typeof call !== 'function') return 'no such function';
    try {
      await call();
      return 'served';
    } catch (error) {
      return `refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  }, action);
}

/** Processes whose command line or environment names this folder (a kiosk browser's profile and home are in it). */
function processesUsing(folder: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const read = (file: string) => {
      try {
        return readFileSync(join('/proc', name, file)).toString('latin1');
      } catch {
        return ''; // gone meanwhile, or a kernel thread
      }
    };
    if (read('cmdline').includes(folder) || read('environ').includes(folder)) found.push(Number(name));
  }
  return found;
}

/** The launcher's console lines (journald's), without the browsers' chatter. */
function kioskLines(launcher: Launcher): string[] {
  return launcher.output().split('\n').filter((line) => line.startsWith('kiosk '));
}

let station: LauncherStation;
let launcher: Launcher | null = null;
test.afterEach(async () => {
  await launcher?.stop();
  launcher = null;
  await station.training.close();
  rmSync(station.dir, { recursive: true, force: true });
  rmSync(station.runDir, { recursive: true, force: true });
});

test('"Redémarrer la borne": the launcher ends the kiosk browser and starts a new one, on the home screen, with nothing of staff mode; exit is refused (staff.allowExit unset)', async () => {
  test.setTimeout(120_000);
  station = await launcherStation({});
  launcher = startLauncher(station);
  await expect.poll(() => launcher?.output() ?? '', { timeout: 30_000 }).toContain('Borne prête');
  const first = await nextUiWindow(station, 0);
  const { ui } = first;
  await expect(ui.locator('main[data-screen="home"] button[data-tile="caf"]')).toBeVisible();

  // Forged exit before any PIN: refused, and the launcher goes on.
  expect(await forgedCall(ui, 'staffExit')).toMatch(/^refused/);
  await enterStaffMode(ui);
  const home = ui.locator('main[data-screen="staff-home"]');
  await expect(home.locator('[data-action="staff-restart"]')).toHaveText('Redémarrer la borne');
  await expect(home.locator('[data-action="staff-exit"]')).toHaveCount(0);
  // Forged exit with staff mode open: the station file does not allow it; staff read why.
  expect(await forgedCall(ui, 'staffExit')).toBe('served');
  await expect(ui.locator('[data-notice="exit-refused"]')).toContainText('Le fichier de la borne ne permet pas de la quitter (staff.allowExit).');
  await ui.waitForTimeout(1500);
  expect(launcher.child.exitCode).toBeNull();
  expect(processAlive(first.launch.pid)).toBe(true);
  expect(kioskLines(launcher).some((line) => line.startsWith('kiosk warn staff-exit-refused'))).toBe(true);
  expect(kioskLines(launcher).some((line) => line.startsWith('kiosk info staff-exit'))).toBe(false);
  // Staff mode is still open after the refusal.
  await expect(home).toBeVisible();

  await ui.click('[data-action="staff-restart"]', { noWaitAfter: true }).catch(() => undefined); // the window goes with the click
  // The kiosk's browser really ends, with its profile; the launcher starts another.
  await expect.poll(() => processAlive(first.launch.pid), { timeout: 20_000, message: 'the first kiosk browser is still running' }).toBe(false);
  await expect.poll(() => existsSync(first.launch.userDataDir), { timeout: 20_000 }).toBe(false);
  const second = await nextUiWindow(station, 1);
  expect(second.launch.pid).not.toBe(first.launch.pid);
  console.log(`[staff-launcher] restart: kiosk UI browser ${first.launch.pid} ended, ${second.launch.pid} started by the same launcher (${launcher.child.pid})`);
  expect(processAlive(second.launch.pid)).toBe(true);
  expect(launcher.child.exitCode).toBeNull();

  const after = second.ui;
  await expect(after.locator('main[data-screen="home"] button[data-tile="caf"]')).toBeVisible();
  // Nothing of staff mode: no staff screen, no notice, no staff right, no storage.
  await expect(after.locator('[data-screen^="staff"]')).toHaveCount(0);
  await expect(after.locator('main[data-screen="home"] [data-notice]')).toHaveCount(0);
  expect(await forgedCall(after, 'staffOpen')).toMatch(/^refused/);
  expect(await forgedCall(after, 'staffRestart')).toMatch(/^refused/);
  expect(await after.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);

  const lines = kioskLines(launcher);
  const left = lines.findIndex((line) => line.startsWith('kiosk info staff-mode-left cause=restart'));
  const restarted = lines.findIndex((line) => line === 'kiosk info staff-restart');
  expect(left).toBeGreaterThanOrEqual(0);
  expect(restarted).toBeGreaterThan(left);
  // The station came up a second time, and only once more.
  expect(launcher.output().split('Borne prête').length - 1).toBe(2);
  expect(uiLaunches(station)).toHaveLength(2);
  // Still a running station: SIGTERM ends it cleanly.
  await launcher.stop();
  expect((await launcher.exited).code).toBe(0);
});

test('"Quitter la borne" with staff.allowExit: the launcher exits with status 0 and no browser of the kiosk is left', async () => {
  test.setTimeout(120_000);
  station = await launcherStation({ allowExit: true });
  launcher = startLauncher(station);
  await expect.poll(() => launcher?.output() ?? '', { timeout: 30_000 }).toContain('Borne prête');
  const { ui, launch } = await nextUiWindow(station, 0);
  // The kiosk's own browsers are running now, every one of them from the run folder.
  await expect.poll(() => processesUsing(station.runDir).length, { timeout: 20_000 }).toBeGreaterThan(1);
  const kioskProcesses = processesUsing(station.runDir);
  expect(kioskProcesses).toContain(launch.pid);

  await enterStaffMode(ui);
  const exit = ui.locator('main[data-screen="staff-home"] [data-action="staff-exit"]');
  await expect(exit).toHaveText('Quitter la borne');
  await exit.click({ noWaitAfter: true }).catch(() => undefined); // the window goes with the click

  const ended = await Promise.race([launcher.exited, new Promise<null>((done) => setTimeout(() => done(null), 30_000))]);
  expect(ended, `the launcher did not exit; its output:\n${launcher.output()}`).not.toBeNull();
  expect(ended).toEqual({ code: 0, signal: null });
  const lines = kioskLines(launcher);
  expect(lines).toContain('kiosk info staff-exit');
  expect(lines.some((line) => line.startsWith('kiosk info staff-mode-left cause=exit'))).toBe(true);
  expect(lines.some((line) => line === 'kiosk info staff-restart')).toBe(false);
  // No process of the kiosk is left (none of those seen running, none using its folders), and its launch folder is gone.
  expect(kioskProcesses.filter((pid) => processAlive(pid))).toEqual([]);
  expect(processesUsing(station.runDir)).toEqual([]);
  console.log(`[staff-launcher] exit: launcher ended with status 0; none of the ${kioskProcesses.length} kiosk browser processes seen running is left`);
  expect(readdirSync(station.runDir).filter((name) => name.startsWith('launch-'))).toEqual([]);
  expect(uiLaunches(station)).toHaveLength(1);
});
