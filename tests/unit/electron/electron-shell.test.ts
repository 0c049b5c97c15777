import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, Session } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_VIEW_CHANNEL } from '../../../main/core/contract/kiosk-api';
import { TOOLBAR_HEIGHT_PX } from '../../../main/core/contract/layout';
import { parseStationConfig } from '../../../main/core/config/parse-config';
import { KioskController, outOfOrderView } from '../../../main/core/session/kiosk-controller';
import { runWipe } from '../../../main/core/wipe/wipe-sequence';
import { systemClock } from '../../../main/node/system-clock';
import { ElectronShell, WIPE_STEP_NAMES } from '../../../main/shells/electron/electron-shell';
import { guardEverything } from '../../../main/shells/electron/guards';
import { KioskWindow, layoutBounds } from '../../../main/shells/electron/kiosk-window';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import { visitorPartitionName } from '../../../main/shells/electron/visitor-site';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

const CAF_ENTRY = 'https://www.caf.fr/';
const CAF_HOSTS = ['www.caf.fr', 'connexion.caf.fr'];

let filesRoot: string;

beforeEach(() => {
  fake.resetElectronFake();
  filesRoot = mkdtempSync(join(tmpdir(), 'kiosk-visitors-'));
});

afterEach(() => rmSync(filesRoot, { recursive: true, force: true }));

function setup(platform: NodeJS.Platform = 'linux') {
  const registry = new KioskRegistry();
  guardEverything(fake.asElectron<App>(fake.app), registry);
  const uiSession = fake.session.fromPartition('kiosk-ui');
  const kioskWindow = new KioskWindow({
    uiSession: fake.asElectron<Session>(uiSession),
    preloadPath: '/opt/borne/dist/electron/preload.cjs',
    uiDevTools: false,
    registry,
  });
  let random = 0;
  const shell = new ElectronShell({
    kioskWindow,
    registry,
    visitorFilesRoot: filesRoot,
    platform,
    randomSuffix: () => `r${(random += 1)}`,
  });
  const events = { siteActivity: vi.fn(), navigationRefused: vi.fn(), siteCrashed: vi.fn() };
  shell.attach(events);
  const window = fake.createdWindows[0];
  if (window === undefined) throw new Error('no window');
  const uiView = kioskWindow.uiView as unknown as fake.WebContentsView;
  const site = () => shell.currentSite.view as unknown as fake.WebContentsView;
  return { registry, kioskWindow, shell, events, window, uiView, site };
}

describe('the kiosk window', () => {
  it('is a frameless full-screen kiosk the visitor cannot close', () => {
    const { window, kioskWindow } = setup();
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, minimizable: false });
    window.close();
    expect(window.isDestroyed()).toBe(false);
    kioskWindow.allowClose();
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });

  it('shows the kiosk UI in a sandboxed view with the preload and no devtools', async () => {
    const { uiView, kioskWindow } = setup();
    expect(uiView.webContents.webPreferences).toMatchObject({
      preload: '/opt/borne/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      spellcheck: false,
      devTools: false,
    });
    expect(uiView.webContents.session.partition).toBe('kiosk-ui');
    expect(uiView.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    await kioskWindow.open();
    expect(uiView.webContents.loadURL).toHaveBeenCalledWith('kiosk://app/index.html');
  });

  it('keeps the kiosk UI on kiosk://app/', () => {
    const { uiView } = setup();
    expect(uiView.webContents.emitNavigation('will-navigate', 'https://www.caf.fr/').defaultPrevented).toBe(true);
    expect(uiView.webContents.openWindow('https://www.caf.fr/')).toEqual({ action: 'deny' });
    expect(uiView.webContents.emitNavigation('will-navigate', 'kiosk://app/index.html').defaultPrevented).toBe(false);
  });
});

describe('layout', () => {
  it('computes the bounds of both surfaces', () => {
    expect(layoutBounds('full', { width: 1920, height: 1080 })).toEqual({ ui: { x: 0, y: 0, width: 1920, height: 1080 }, site: null });
    expect(layoutBounds('toolbar', { width: 1920, height: 1080 })).toEqual({
      ui: { x: 0, y: 0, width: 1920, height: TOOLBAR_HEIGHT_PX },
      site: { x: 0, y: TOOLBAR_HEIGHT_PX, width: 1920, height: 1080 - TOOLBAR_HEIGHT_PX },
    });
  });

  it('full: the kiosk UI covers the window and the site is hidden', async () => {
    const { shell, uiView, site } = setup();
    await shell.setLayout('toolbar');
    await shell.setLayout('full');
    expect(uiView.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(site().visible).toBe(false);
    expect(uiView.webContents.focus).toHaveBeenCalled();
  });

  it('toolbar: a strip on top, the site below it, the strip kept above the site', async () => {
    const { shell, uiView, site, window } = setup();
    await shell.setLayout('toolbar');
    expect(uiView.bounds).toEqual({ x: 0, y: 0, width: 1920, height: TOOLBAR_HEIGHT_PX });
    expect(site().bounds).toEqual({ x: 0, y: TOOLBAR_HEIGHT_PX, width: 1920, height: 1080 - TOOLBAR_HEIGHT_PX });
    expect(site().visible).toBe(true);
    expect(window.contentView.children.at(-1)).toBe(uiView);
    expect(site().webContents.focus).toHaveBeenCalled();
  });

  it('follows a resize of the window', async () => {
    const { shell, uiView, site, window } = setup();
    await shell.setLayout('toolbar');
    window.resizeTo(1280, 1024);
    expect(uiView.bounds).toEqual({ x: 0, y: 0, width: 1280, height: TOOLBAR_HEIGHT_PX });
    expect(site().bounds).toEqual({ x: 0, y: TOOLBAR_HEIGHT_PX, width: 1280, height: 1024 - TOOLBAR_HEIGHT_PX });
  });
});

describe("the visitor's site view", () => {
  it('lives on an in-memory partition of its own, sandboxed, with no preload', () => {
    const { shell, site, window, uiView } = setup();
    expect(shell.currentSite.partition).toBe('visitor-1-r1');
    expect(shell.currentSite.partition.startsWith('persist:')).toBe(false);
    const preferences = site().webContents.webPreferences;
    expect(preferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false, devTools: false });
    expect(preferences['preload']).toBeUndefined();
    expect(site().webContents.session.partition).toBe('visitor-1-r1');
    // Attached hidden, beneath the kiosk UI.
    expect(site().visible).toBe(false);
    expect(window.contentView.children).toEqual([uiView, site()]);
  });

  it('names partitions visitor-<counter>-<random>', () => {
    expect(visitorPartitionName(3, 'abc')).toBe('visitor-3-abc');
    expect(visitorPartitionName(1)).toMatch(/^visitor-1-[0-9a-f]{12}$/);
    expect(visitorPartitionName(1)).not.toBe(visitorPartitionName(1));
  });

  it('has every handler in place before its first loadURL', async () => {
    const { shell, site } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const partition = shell.currentSite.partition;
    const firstLoad = fake.callLog.indexOf(`${partition}.loadURL`);
    expect(firstLoad).toBeGreaterThan(0);
    for (const handler of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler']) {
      expect(fake.callLog.indexOf(`${partition}.${handler}`), handler).toBeGreaterThanOrEqual(0);
      expect(fake.callLog.indexOf(`${partition}.${handler}`), handler).toBeLessThan(firstLoad);
    }
    expect(site().webContents.windowOpenHandler).not.toBeNull();
    expect(site().webContents.listenerCount('will-navigate')).toBe(1);
    expect(site().webContents.listenerCount('before-input-event')).toBe(1);
  });

  it('opens the entry and holds the tile to its allow-list', async () => {
    const { shell, site, events } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    expect(site().webContents.loadURL).toHaveBeenCalledWith(CAF_ENTRY);
    expect(site().webContents.emitNavigation('will-navigate', 'https://connexion.caf.fr/').defaultPrevented).toBe(false);
    expect(site().webContents.emitNavigation('will-navigate', 'https://www.caf.fr.example.net/').defaultPrevented).toBe(true);
    expect(events.navigationRefused).toHaveBeenCalledWith({ reason: 'host', host: 'www.caf.fr.example.net' });
  });

  it('rejects when the site cannot be reached, without the address in the error', async () => {
    const { shell, site } = setup();
    site().webContents.loadBehaviour = () => Promise.reject(fake.loadError('ERR_NAME_NOT_RESOLVED', -105, CAF_ENTRY));
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).rejects.toThrow('site unreachable (ERR_NAME_NOT_RESOLVED)');
    site().webContents.loadBehaviour = () => Promise.reject(fake.loadError('ERR_INTERNET_DISCONNECTED', -106, CAF_ENTRY));
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).rejects.not.toThrow(/caf\.fr/);
  });

  it('does not call our own refusal a failure', async () => {
    const { shell, site, events } = setup();
    const contents = site().webContents;
    contents.loadBehaviour = () => {
      // The entry redirects out of the list: the guard cancels, Chromium reports ERR_ABORTED.
      contents.emitNavigation('will-redirect', 'https://www.example.org/');
      return Promise.reject(fake.loadError('ERR_ABORTED', -3));
    };
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).resolves.toBeUndefined();
    expect(events.navigationRefused).toHaveBeenCalledWith({ reason: 'host', host: 'www.example.org' });
  });

  it('does not call a load replaced by the visitor’s own tap a failure', async () => {
    const { shell, site } = setup();
    const contents = site().webContents;
    contents.loadBehaviour = () => {
      contents.emit('did-start-navigation', fake.fakeEvent({ url: 'https://www.caf.fr/aide', isMainFrame: true, isSameDocument: false }));
      return Promise.reject(fake.loadError('ERR_ABORTED', -3));
    };
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).resolves.toBeUndefined();
  });

  it('calls any other cancelled load a failure', async () => {
    const { shell, site } = setup();
    site().webContents.loadBehaviour = () => Promise.reject(fake.loadError('ERR_ABORTED', -3));
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).rejects.toThrow('site unreachable (ERR_ABORTED)');
  });

  it('loads an allowed pop-up in the same view', async () => {
    const { shell, site } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    expect(site().webContents.openWindow('https://connexion.caf.fr/login')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(site().webContents.loadURL).toHaveBeenLastCalledWith('https://connexion.caf.fr/login');
    expect(fake.createdViews).toHaveLength(2); // the kiosk UI and this site: no new window
  });

  it('reports activity and crashes to the attached controller', () => {
    const { site, events } = setup();
    site().webContents.emit('input-event', fake.fakeEvent(), { type: 'mouseDown' });
    site().webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'oom', exitCode: 1 });
    expect(events.siteActivity).toHaveBeenCalledOnce();
    expect(events.siteCrashed).toHaveBeenCalledOnce();
  });
});

describe('publishView', () => {
  it('sends the view to the kiosk UI, and again when the UI reloads', () => {
    const { shell, uiView } = setup();
    const view = outOfOrderView('shell-failed');
    shell.publishView(view);
    expect(uiView.webContents.send).toHaveBeenCalledWith(IPC_VIEW_CHANNEL, view);
    uiView.webContents.emit('did-finish-load');
    expect(uiView.webContents.send).toHaveBeenCalledTimes(2);
  });
});

describe('the wipe', () => {
  async function runSteps(shell: ElectronShell): Promise<void> {
    for (const step of shell.wipeSteps()) await step.run();
  }

  it('has the steps in order', () => {
    const { shell } = setup();
    expect(shell.wipeSteps().map((step) => step.name)).toEqual([
      'detach-site-view',
      'close-site-view',
      'clear-storage',
      'clear-caches',
      'close-connections',
      'clear-clipboard',
      'delete-downloads',
      'new-visitor-view',
      'verify-clean',
    ]);
    expect([...WIPE_STEP_NAMES]).toEqual(shell.wipeSteps().map((step) => step.name));
  });

  it("erases the leaving visitor's session, view, clipboard and files, in that order", async () => {
    const { shell, window } = setup('linux');
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const leaving = shell.currentSite;
    const leavingView = leaving.view as unknown as fake.WebContentsView;
    const leavingSession = fake.fakePartitions().get(leaving.partition);
    leavingSession?.storedCookies.push({ name: 'session', value: 'abc', domain: 'www.caf.fr' });
    mkdirSync(leaving.downloadsDir, { recursive: true });
    writeFileSync(join(leaving.downloadsDir, 'attestation.pdf'), 'pdf');
    fake.callLog.length = 0;

    await runSteps(shell);

    const p = leaving.partition;
    expect(fake.callLog.filter((entry) => !entry.endsWith('Handler'))).toEqual([
      'contentView.removeChildView',
      `${p}.webContents.close`,
      `${p}.clearData`,
      `${p}.clearCache`,
      `${p}.clearAuthCache`,
      `${p}.clearHostResolverCache`,
      `${p}.clearCodeCaches`,
      `${p}.closeAllConnections`,
      'clipboard.clear',
      'clipboard.selection.clear',
    ]);
    expect(leavingSession?.clearData).toHaveBeenCalledWith(); // no options: every data type, every origin
    expect(leavingSession?.clearCodeCaches).toHaveBeenCalledWith({ urls: [] });
    expect(leavingView.webContents.isDestroyed()).toBe(true);
    expect(window.contentView.children).not.toContain(leavingView);
    expect(existsSync(leaving.visitorDir)).toBe(false);

    const next = shell.currentSite;
    expect(next.partition).toBe('visitor-2-r2');
    expect(next.partition).not.toBe(leaving.partition);
    expect(fake.fakePartitions().get(next.partition)?.clearData).not.toHaveBeenCalled();
    const nextView = next.view as unknown as fake.WebContentsView;
    expect(window.contentView.children).toContain(nextView);
    expect(nextView.visible).toBe(false);
    // The new visitor's partition was guarded when it was created.
    expect(fake.fakePartitions().get(next.partition)?.permissionRequestHandler).not.toBeNull();
  });

  it('leaves the selection clipboard alone outside Linux', async () => {
    const { shell } = setup('win32');
    await runSteps(shell);
    expect(fake.clipboard.clear).toHaveBeenCalledOnce();
    expect(fake.clipboard.selection.clear).not.toHaveBeenCalled();
  });

  it('silences the leaving view: no refusal or crash reaches the controller once the wipe starts', async () => {
    const { shell, events } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const leaving = shell.currentSite.view as unknown as fake.WebContentsView;
    const [detach] = shell.wipeSteps();
    await detach?.run();
    leaving.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'killed', exitCode: 0 });
    leaving.webContents.emitNavigation('will-navigate', 'https://www.example.org/');
    expect(events.siteCrashed).not.toHaveBeenCalled();
    expect(events.navigationRefused).not.toHaveBeenCalled();
  });

  it('fails verify-clean when the new partition already holds a cookie', async () => {
    const { shell } = setup();
    const steps = shell.wipeSteps();
    const verify = steps.pop();
    for (const step of steps) await step.run();
    fake.fakePartitions().get(shell.currentSite.partition)?.storedCookies.push({ name: 'x', value: 'y', domain: 'www.caf.fr' });
    await expect(verify?.run()).rejects.toThrow('verify-clean: the new partition already holds 1 cookie(s)');
  });

  it('fails verify-clean when the downloads folder survived', async () => {
    const { shell } = setup();
    const leaving = shell.currentSite;
    const steps = shell.wipeSteps();
    const verify = steps.pop();
    for (const step of steps) await step.run();
    mkdirSync(leaving.downloadsDir, { recursive: true });
    await expect(verify?.run()).rejects.toThrow("downloads folder still exists");
  });

  it('reports a failed step through the core runner, the later steps still running', async () => {
    const { shell } = setup();
    fake.fakePartitions().get(shell.currentSite.partition)?.clearData.mockRejectedValueOnce(new Error('storage busy'));
    const report = await runWipe(shell.wipeSteps(), systemClock);
    expect(report.ok).toBe(false);
    expect(report.steps.find((step) => step.name === 'clear-storage')).toMatchObject({ ok: false, error: 'storage busy' });
    expect(report.steps.filter((step) => step.ok).map((step) => step.name)).toContain('new-visitor-view');
  });
});

describe('a whole visit, KioskController on the ElectronShell', () => {
  it('opens a tile, ends the session, wipes and shows the notice', async () => {
    const { shell, uiView, site } = setup();
    const parsed = parseStationConfig(
      JSON.stringify({
        station: { name: 'Borne test', helpText: { fr: 'Demandez au médiateur.' } },
        languages: { default: 'fr', available: ['fr'] },
        idle: { timeoutSeconds: 180, warningSeconds: 30 },
        shell: { preferred: 'electron' },
        tiles: [{ id: 'caf', label: { fr: 'CAF' }, entry: CAF_ENTRY, allowedHosts: CAF_HOSTS }],
      }),
      'test.json',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const controller = new KioskController(parsed.config, shell, systemClock, log);
    shell.attach(controller);
    await controller.start();
    await controller.openTile('caf');
    const first = site();
    expect(first.webContents.loadURL).toHaveBeenCalledWith(CAF_ENTRY);
    expect(first.visible).toBe(true);
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(controller.lastWipeReport()?.ok).toBe(true);
    expect(controller.view().screen).toEqual({ name: 'home', notice: 'wiped' });
    expect(site()).not.toBe(first);
    expect(uiView.webContents.send).toHaveBeenLastCalledWith(IPC_VIEW_CHANNEL, controller.view());
  });
});
