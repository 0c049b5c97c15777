import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, IPC_VIEW_CHANNEL } from '../../../main/core/contract/kiosk-api';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type * as FakeElectron from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

type Fake = typeof FakeElectron;

const STATION = {
  station: { name: 'Borne de la médiathèque', helpText: { fr: "Demandez à l'accueil." } },
  languages: { default: 'fr', available: ['fr'] },
  idle: { timeoutSeconds: 180, warningSeconds: 30 },
  shell: { preferred: 'electron' },
  tiles: [{ id: 'caf', label: { fr: 'CAF' }, entry: 'https://www.caf.fr/', allowedHosts: ['www.caf.fr'] }],
};

let dir: string;
const savedArgv = process.argv;

let runDir: string;
const savedRunDir = process.env['KIOSK_RUN_DIR'];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  // Each launch's folder goes under this parent (main/node/launch-folder.ts).
  runDir = join(dir, 'run');
  process.env['KIOSK_RUN_DIR'] = runDir;
  vi.resetModules();
});

afterEach(() => {
  if (savedRunDir === undefined) delete process.env['KIOSK_RUN_DIR'];
  else process.env['KIOSK_RUN_DIR'] = savedRunDir;
  process.argv = savedArgv;
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** Runs main.ts as Electron would, with this argv, and returns the fake it ran against. */
async function launch(argv: string[], prepare: (fake: Fake) => void = () => {}): Promise<Fake> {
  // The module main.ts gets for 'electron': the mocked one, whichever instance it is.
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetElectronFake();
  prepare(fake);
  process.argv = ['electron', 'dist/electron/main.cjs', ...argv];
  await import('../../../main/shells/electron/main');
  return fake;
}

function uiView(fake: Fake): InstanceType<Fake['WebContentsView']> {
  const view = fake.createdViews.find((candidate) => candidate.webContents.session.partition === 'kiosk-ui');
  if (view === undefined) throw new Error('no kiosk UI view');
  return view;
}

function fromUi(fake: Fake) {
  const contents = uiView(fake).webContents;
  contents.mainFrame.url = 'kiosk://app/index.html';
  return { sender: contents, senderFrame: contents.mainFrame };
}

describe('main', () => {
  it('refuses to start packaged with a debugging switch: one line, exit 1', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const fake = await launch(['--remote-debugging-port=9222'], (f) => {
      f.app.isPackaged = true;
    });
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(stderr).toHaveBeenCalledOnce();
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^kiosk error refused-to-start .*switch=--remote-debugging-port\n$/);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('starts a station: privileged scheme, no menu, throw-away userData, home view', async () => {
    const config = join(dir, 'station.json');
    writeFileSync(config, JSON.stringify(STATION));
    const fake = await launch([`--config=${config}`]);

    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'kiosk', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'kiosk-file', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
    ]);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    const userData = fake.app.paths.get('userData');
    expect(userData).toBe(join(runDir, readdirSync(runDir)[0] ?? 'none'));
    expect(userData).toMatch(/[/\\]launch-\d+-[^/\\]+$/);

    await vi.waitFor(() => expect(uiView(fake).webContents.loadURL).toHaveBeenCalledWith('kiosk://app/index.html'));
    expect(fake.fakePartitions().get('kiosk-ui')?.protocol.handlers.has('kiosk')).toBe(true);
    const view = (await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), 'getView')) as KioskView;
    expect(view.screen).toEqual({ name: 'home', notice: null });
    expect(view.station?.name).toBe('Borne de la médiathèque');
    expect([...fake.fakePartitions().keys()].filter((name) => name.startsWith('visitor-'))).toHaveLength(1);
    // The visitor's view gets the bundled site preload, beside the kiosk UI's.
    const site = fake.createdViews.find((candidate) => candidate.webContents.session.partition.startsWith('visitor-'));
    const uiPreload = String(uiView(fake).webContents.webPreferences['preload']);
    expect(uiPreload).toMatch(/[/\\]preload\.cjs$/);
    expect(site?.webContents.webPreferences['preload']).toBe(uiPreload.replace(/preload\.cjs$/, 'site-preload.cjs'));

    fake.app.emit('before-quit', fake.fakeEvent());
    fake.app.emit('quit', fake.fakeEvent(), 0);
  });

  it('serves staff actions only to the staff session the main process holds (issue 14)', async () => {
    const { hashPin, writePinFile } = await import('../../../main/node/staff-pin');
    await writePinFile(join(dir, 'station.pin.json'), await hashPin('482913', { N: 2 ** 14, r: 8, p: 1, keyLength: 32 }));
    const config = join(dir, 'station.json');
    writeFileSync(config, JSON.stringify({ ...STATION, staff: { pinFile: 'station.pin.json', stateDirectory: 'state' } }));
    const fake = await launch([`--config=${config}`]);
    await vi.waitFor(() => expect(uiView(fake).webContents.loadURL).toHaveBeenCalledWith('kiosk://app/index.html'));
    const send = (...args: unknown[]) => fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), ...args);
    const maintenanceFile = join(dir, 'state', 'maintenance.json');

    // A forged staff call from the kiosk UI, before any PIN: refused, nothing written.
    await expect(send('staffSetMaintenance', true)).rejects.toThrow(/^refused$/);
    await expect(send('staffRestart')).rejects.toThrow(/^refused$/);
    expect(existsSync(maintenanceFile)).toBe(false);
    expect(fake.app.relaunch).not.toHaveBeenCalled();

    await send('staffWayIn');
    await send('staffPinSubmit', '111222');
    await expect(send('staffSetMaintenance', true)).rejects.toThrow(/^refused$/);
    await send('staffPinSubmit', '482913');
    expect(((await send('getView')) as KioskView).staff?.name).toBe('open');
    await send('staffSetMaintenance', true);
    expect(readFileSync(maintenanceFile, 'utf8')).toBe('{"on":true}\n');
    // Restart ends staff mode, then relaunches the app (which reads the station file again).
    await send('staffRestart');
    expect(fake.app.relaunch).toHaveBeenCalledOnce();
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    await expect(send('staffSetMaintenance', false)).rejects.toThrow(/^refused$/);
    expect(readFileSync(maintenanceFile, 'utf8')).toBe('{"on":true}\n');

    fake.app.emit('before-quit', fake.fakeEvent());
    fake.app.emit('quit', fake.fakeEvent(), 0);
  });

  it('shows "out of order" and ignores every action when the station file is invalid', async () => {
    const stdout = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const fake = await launch([`--config=${join(dir, 'missing.json')}`]);
    await vi.waitFor(() => expect(uiView(fake).webContents.loadURL).toHaveBeenCalled());
    expect(stdout.mock.calls.map(([line]) => String(line)).join('')).toContain('config-invalid');
    expect(uiView(fake).webContents.send).toHaveBeenCalledWith(IPC_VIEW_CHANNEL, expect.objectContaining({ screen: { name: 'out-of-order', reason: 'config' } }));
    await expect(fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), 'openTile', 'caf')).resolves.toBeUndefined();
    expect(uiView(fake).webContents.send).not.toHaveBeenCalledWith(IPC_VIEW_CHANNEL, expect.objectContaining({ screen: expect.objectContaining({ name: 'site' }) }));
    const view = (await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), 'getView')) as KioskView;
    expect(view.screen).toEqual({ name: 'out-of-order', reason: 'config' });
    // No visitor view for a station that cannot serve visitors.
    expect([...fake.fakePartitions().keys()].some((name) => name.startsWith('visitor-'))).toBe(false);
    fake.app.emit('quit', fake.fakeEvent(), 0);
  });

  it('sweeps the user data a crashed launch left, and removes its own at quit', async () => {
    const config = join(dir, 'station.json');
    writeFileSync(config, JSON.stringify(STATION));
    // A launch that died (a power cut): its process is gone, its visitor's files are not.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
    const leftover = join(runDir, `launch-${dead}-crashed`);
    mkdirSync(join(leftover, 'visitors', 'v1'), { recursive: true });
    writeFileSync(join(leftover, 'visitors', 'v1', 'avis-imposition.pdf'), 'visitor file');
    // A launch still running (another instance starting) is left alone.
    const alive = join(runDir, `launch-${process.pid === 1 ? 2 : 1}-running`);
    mkdirSync(alive, { recursive: true });
    const fake = await launch([`--config=${config}`]);
    expect(existsSync(leftover)).toBe(false);
    const userData = fake.app.paths.get('userData') ?? '';
    expect(existsSync(userData)).toBe(true);
    await vi.waitFor(() => expect(fake.createdWindows).toHaveLength(1));
    // The station has finished starting (else it would go on registering into the next test's fake).
    await vi.waitFor(() => expect(uiView(fake).webContents.loadURL).toHaveBeenCalled());
    fake.app.emit('before-quit', fake.fakeEvent());
    fake.app.emit('quit', fake.fakeEvent(), 0);
    expect(existsSync(userData)).toBe(false);
    expect(existsSync(alive)).toBe(true);
  });

  it('takes a changed station file at the next idle moment: relaunches then, never under a visitor', async () => {
    const config = join(dir, 'station.json');
    writeFileSync(config, JSON.stringify(STATION));
    const fake = await launch([`--config=${config}`]);
    await vi.waitFor(() => expect(uiView(fake).webContents.loadURL).toHaveBeenCalled());
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), 'openTile', 'caf');
    writeFileSync(config, JSON.stringify({ ...STATION, station: { ...STATION.station, name: 'Borne du bus' } }));
    // The file is polled every 2 s and must then stay unchanged for 3 s: 5 s and more, under a visitor.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(fake.app.relaunch).not.toHaveBeenCalled();
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), 'requestEndSession');
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromUi(fake), 'confirmEndSession');
    await vi.waitFor(() => expect(fake.app.relaunch).toHaveBeenCalledOnce(), { timeout: 5000 });
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    fake.app.emit('quit', fake.fakeEvent(), 0);
  }, 20_000);

  it('lets only a deliberate quit close the window', async () => {
    const config = join(dir, 'station.json');
    writeFileSync(config, JSON.stringify(STATION));
    const fake = await launch([`--config=${config}`]);
    await vi.waitFor(() => expect(fake.createdWindows).toHaveLength(1));
    const window = fake.createdWindows[0];
    window?.close();
    expect(window?.isDestroyed()).toBe(false);
    fake.app.emit('before-quit', fake.fakeEvent());
    window?.close();
    expect(window?.isDestroyed()).toBe(true);
    fake.app.emit('quit', fake.fakeEvent(), 0);
  });
});
