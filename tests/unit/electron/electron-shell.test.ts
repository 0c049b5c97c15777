import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, Session } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_VIEW_CHANNEL } from '../../../main/core/contract/kiosk-api';
import { GUIDE_WIDTH_PX, KEYBOARD_HEIGHT_PX, KIOSK_LAYOUTS, TOOLBAR_HEIGHT_PX } from '../../../main/core/contract/layout';
import { parseStationConfig } from '../../../main/core/config/parse-config';
import { KioskController, outOfOrderView } from '../../../main/core/session/kiosk-controller';
import { runWipe, type WipeStep } from '../../../main/core/wipe/wipe-sequence';
import { planWipe, WIPE_STEP_NAMES } from '../../../main/core/wipe/wipe-steps';
import { systemClock } from '../../../main/node/system-clock';
import { ElectronShell, relaunchApp } from '../../../main/shells/electron/electron-shell';
import { guardEverything } from '../../../main/shells/electron/guards';
import { SITE_FIELD_CHANNEL } from '../../../main/shells/electron/preloads/field-focus';
import { KioskWindow } from '../../../main/shells/electron/kiosk-window';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import { visitorFileUrl } from '../../../main/shells/electron/visitor-files';
import { TYPING_TIMEOUT_MS, visitorPartitionName } from '../../../main/shells/electron/visitor-site';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

const CAF_ENTRY = 'https://www.caf.fr/';
const CAF_HOSTS = ['www.caf.fr', 'connexion.caf.fr'];
const SITE_PRELOAD = '/opt/borne/dist/electron/site-preload.cjs';

let filesRoot: string;

beforeEach(() => {
  fake.resetElectronFake();
  filesRoot = mkdtempSync(join(tmpdir(), 'kiosk-visitors-'));
});

afterEach(() => rmSync(filesRoot, { recursive: true, force: true }));

function setup(platform: NodeJS.Platform = 'linux', relaunch = vi.fn(), clock = { now: 50_000 }, attachments?: ConstructorParameters<typeof ElectronShell>[0]['attachments']) {
  const registry = new KioskRegistry();
  guardEverything(fake.asElectron<App>(fake.app), registry);
  const uiSession = fake.session.fromPartition('kiosk-ui');
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const kioskWindow = new KioskWindow({
    uiSession: fake.asElectron<Session>(uiSession),
    preloadPath: '/opt/borne/dist/electron/preload.cjs',
    uiDevTools: false,
    registry,
    log,
  });
  let random = 0;
  const shell = new ElectronShell({
    kioskWindow,
    registry,
    visitorFilesRoot: filesRoot,
    sitePreloadPath: SITE_PRELOAD,
    platform,
    randomSuffix: () => `r${(random += 1)}`,
    relaunch,
    now: () => clock.now,
    ...(attachments === undefined ? {} : { attachments }),
  });
  const events = { navigationRefused: vi.fn(), externalLinkRequested: vi.fn(), siteCrashed: vi.fn(), fieldFocused: vi.fn() };
  shell.attach(events);
  const window = fake.createdWindows[0];
  if (window === undefined) throw new Error('no window');
  const uiView = kioskWindow.uiView as unknown as fake.WebContentsView;
  const site = () => shell.currentSite.view as unknown as fake.WebContentsView;
  return { registry, kioskWindow, shell, events, window, uiView, site, log, relaunch };
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

describe('the kiosk window stays a kiosk', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('goes back to kiosk full screen whatever took it out', async () => {
    const { window } = setup();
    for (const event of ['leave-full-screen', 'leave-html-full-screen'] as const) {
      window.leaveFullScreenFromOutside(event);
      await tick();
      expect(window.isFullScreen(), event).toBe(true);
      expect(window.isKiosk(), event).toBe(true);
    }
  });

  it('is restored when minimised', () => {
    const { window } = setup();
    window.minimizeFromOutside();
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.isMinimized()).toBe(false);
  });

  it('lets a deliberate quit leave full screen', async () => {
    const { window, kioskWindow } = setup();
    kioskWindow.allowClose();
    window.leaveFullScreenFromOutside();
    await tick();
    expect(window.isFullScreen()).toBe(false);
  });
});

describe('the kiosk UI recovers', () => {
  it('reloads a crashed kiosk UI, and says so in the log', () => {
    const { uiView, log } = setup();
    uiView.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(uiView.webContents.reload).toHaveBeenCalledOnce();
    expect(log.error).toHaveBeenCalledWith('kiosk-ui-gone', { reason: 'crashed' });
  });

  it('kills a hung kiosk UI, then reloads it once', () => {
    const { uiView, log } = setup();
    const ui = uiView.webContents;
    fake.callLog.length = 0;
    ui.emit('unresponsive');
    expect(fake.callLog.filter((entry) => entry.startsWith('kiosk-ui.'))).toEqual(['kiosk-ui.forcefullyCrashRenderer', 'kiosk-ui.reload']);
    expect(log.error).toHaveBeenCalledWith('kiosk-ui-unresponsive');
    // The renderer we killed goes away: it is already reloading.
    ui.emit('render-process-gone', fake.fakeEvent(), { reason: 'killed', exitCode: 9 });
    expect(ui.reload).toHaveBeenCalledOnce();
    // A later crash is reloaded as usual.
    ui.emit('render-process-gone', fake.fakeEvent(), { reason: 'oom', exitCode: 1 });
    expect(ui.reload).toHaveBeenCalledTimes(2);
  });

  it('re-sends the current view to the reloaded UI', () => {
    const { shell, uiView } = setup();
    const view = outOfOrderView('config');
    shell.publishView(view);
    uiView.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 1 });
    uiView.webContents.emit('did-finish-load');
    expect(uiView.webContents.send).toHaveBeenLastCalledWith(IPC_VIEW_CHANNEL, view);
  });
});

describe('layout', () => {
  const W = 1920;
  const H = 1080;
  // Written out rather than taken from layoutRects: the views must land exactly here.
  const EXPECTED = {
    full: { ui: { x: 0, y: 0, width: W, height: H }, site: null },
    toolbar: { ui: { x: 0, y: 0, width: W, height: TOOLBAR_HEIGHT_PX }, site: { x: 0, y: TOOLBAR_HEIGHT_PX, width: W, height: H - TOOLBAR_HEIGHT_PX } },
    'toolbar-keyboard': {
      ui: { x: 0, y: 0, width: W, height: TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX },
      site: { x: 0, y: TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX, width: W, height: H - TOOLBAR_HEIGHT_PX - KEYBOARD_HEIGHT_PX },
    },
    'guide-left': { ui: { x: 0, y: 0, width: GUIDE_WIDTH_PX, height: H }, site: { x: GUIDE_WIDTH_PX, y: 0, width: W - GUIDE_WIDTH_PX, height: H } },
    'guide-right': { ui: { x: W - GUIDE_WIDTH_PX, y: 0, width: GUIDE_WIDTH_PX, height: H }, site: { x: 0, y: 0, width: W - GUIDE_WIDTH_PX, height: H } },
  } as const;

  it('lists every layout of the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...KIOSK_LAYOUTS].sort());
  });

  it.each(KIOSK_LAYOUTS.filter((layout) => layout !== 'full'))('%s: the UI and the site get their rects, the site shown, the UI above it', async (layout) => {
    const { shell, uiView, site, window } = setup();
    await shell.setLayout(layout);
    expect(uiView.bounds).toEqual(EXPECTED[layout].ui);
    expect(site().bounds).toEqual(EXPECTED[layout].site);
    expect(site().visible).toBe(true);
    expect(window.contentView.children.at(-1)).toBe(uiView);
  });

  it.each(KIOSK_LAYOUTS.filter((layout) => layout !== 'full'))('%s: the keys go to the site', async (layout) => {
    const { shell, uiView, site } = setup();
    await shell.setLayout(layout);
    expect(site().webContents.focus).toHaveBeenCalledOnce();
    expect(uiView.webContents.focus).not.toHaveBeenCalled();
  });

  it.each(KIOSK_LAYOUTS)('%s then full: the kiosk UI covers the window, the site is hidden, the keys go to the UI', async (before) => {
    const { shell, uiView, site } = setup();
    await shell.setLayout(before);
    site().webContents.focus.mockClear();
    uiView.webContents.focus.mockClear();
    await shell.setLayout('full');
    expect(uiView.bounds).toEqual(EXPECTED.full.ui);
    expect(site().visible).toBe(false);
    expect(uiView.webContents.focus).toHaveBeenCalledOnce();
    expect(site().webContents.focus).not.toHaveBeenCalled();
  });

  it('moves both views from one layout to the next', async () => {
    const { shell, uiView, site } = setup();
    await shell.setLayout('toolbar-keyboard');
    await shell.setLayout('guide-right');
    expect(uiView.bounds).toEqual(EXPECTED['guide-right'].ui);
    expect(site().bounds).toEqual(EXPECTED['guide-right'].site);
    await shell.setLayout('toolbar');
    expect(uiView.bounds).toEqual(EXPECTED.toolbar.ui);
    expect(site().bounds).toEqual(EXPECTED.toolbar.site);
  });

  it("places the next visitor's view as the layout wants it", async () => {
    const { shell, site } = setup();
    await shell.setLayout('guide-left');
    for (const step of wipeSteps(shell)) await step.run();
    expect(site().bounds).toEqual(EXPECTED['guide-left'].site);
    expect(site().visible).toBe(true);
  });

  it('follows a resize of the window', async () => {
    const { shell, uiView, site, window } = setup();
    await shell.setLayout('guide-left');
    window.resizeTo(1280, 1024);
    expect(uiView.bounds).toEqual({ x: 0, y: 0, width: GUIDE_WIDTH_PX, height: 1024 });
    expect(site().bounds).toEqual({ x: GUIDE_WIDTH_PX, y: 0, width: 1280 - GUIDE_WIDTH_PX, height: 1024 });
  });

  it("gives the window's content size as the screen size", () => {
    const { shell, window } = setup();
    expect(shell.screenSize()).toEqual({ width: W, height: H });
    window.resizeTo(1024, 768);
    expect(shell.screenSize()).toEqual({ width: 1024, height: 768 });
    // At quit the window is gone: the last size seen, rather than a throw.
    window.contentBounds = { x: 0, y: 0, width: 1, height: 1 };
    vi.spyOn(window, 'isDestroyed').mockReturnValue(true);
    expect(shell.screenSize()).toEqual({ width: 1024, height: 768 });
  });
});

describe("the visitor's site view", () => {
  it('lives on an in-memory partition of its own, sandboxed, isolated, with the field-focus preload only', () => {
    const { shell, site, window, uiView } = setup();
    expect(shell.currentSite.partition).toBe('visitor-1-r1');
    expect(shell.currentSite.partition.startsWith('persist:')).toBe(false);
    const preferences = site().webContents.webPreferences;
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      spellcheck: false,
      devTools: false,
      preload: SITE_PRELOAD,
    });
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

  it('counts as a person\'s input only what the system delivered to a view, never a resting pointer\'s "move"', async () => {
    const clock = { now: 50_000 };
    const { shell, site, uiView, kioskWindow } = setup('linux', vi.fn(), clock);
    expect(await shell.realInputIdleMs()).toBe(Number.POSITIVE_INFINITY);
    site().webContents.emit('input-event', fake.fakeEvent(), { type: 'mouseDown', x: 5, y: 5, globalX: 600, globalY: 500 });
    clock.now += 4_000;
    expect(await shell.realInputIdleMs()).toBe(4_000);
    // The idle warning re-lays the views under the pointer: the engine reports moves, at the same place.
    await shell.setLayout('full');
    uiView.webContents.emit('input-event', fake.fakeEvent(), { type: 'mouseMove', x: 600, y: 500, globalX: 600, globalY: 500 });
    site().webContents.emit('input-event', fake.fakeEvent(), { type: 'mouseLeave', x: 5, y: 5, globalX: 600, globalY: 500 });
    clock.now += 1_000;
    expect(await shell.realInputIdleMs()).toBe(5_000);
    // A key on the kiosk UI is input too (the warning's "Je suis encore là" by keyboard).
    uiView.webContents.emit('input-event', fake.fakeEvent(), { type: 'keyDown', keyCode: 'Enter' });
    expect(await shell.realInputIdleMs()).toBe(0);
    expect(kioskWindow.uiContents).toBe(uiView.webContents);
  });

  it('keeps one idle count across visitors: the next visitor\'s view feeds it too', async () => {
    const clock = { now: 50_000 };
    const { shell, site } = setup('linux', vi.fn(), clock);
    for (const step of wipeSteps(shell)) await step.run();
    clock.now += 1_000;
    site().webContents.emit('input-event', fake.fakeEvent(), { type: 'touchStart' });
    clock.now += 250;
    expect(await shell.realInputIdleMs()).toBe(250);
  });

  it('reports crashes to the attached controller', () => {
    const { site, events } = setup();
    site().webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'oom', exitCode: 1 });
    expect(events.siteCrashed).toHaveBeenCalledOnce();
    site().webContents.emit('unresponsive');
    expect(events.siteCrashed).toHaveBeenCalledTimes(2);
    // The site's crash ends the visit; it does not reload the site behind the visitor's back.
    expect(site().webContents.reload).not.toHaveBeenCalled();
  });
});

describe('typing on the site', () => {
  async function opened() {
    const parts = setup();
    await parts.shell.openSite(CAF_ENTRY, CAF_HOSTS);
    return { ...parts, contents: parts.site().webContents };
  }

  it("inserts text into the site's focused field", async () => {
    const { shell, contents, uiView } = await opened();
    await shell.typeOnSite({ kind: 'text', text: 'é' });
    await shell.typeOnSite({ kind: 'text', text: '.com' });
    expect(contents.insertText.mock.calls).toEqual([['é'], ['.com']]);
    expect(contents.sendInputEvent).not.toHaveBeenCalled();
    expect(uiView.webContents.insertText).not.toHaveBeenCalled();
  });

  it('presses Backspace and Tab as key down then key up, with their accelerator names', async () => {
    const { shell, contents } = await opened();
    await shell.typeOnSite({ kind: 'key', key: 'Backspace' });
    await shell.typeOnSite({ kind: 'key', key: 'Tab' });
    expect(contents.sendInputEvent.mock.calls.map(([event]) => event)).toEqual([
      { type: 'keyDown', keyCode: 'Backspace' },
      { type: 'keyUp', keyCode: 'Backspace' },
      { type: 'keyDown', keyCode: 'Tab' },
      { type: 'keyUp', keyCode: 'Tab' },
    ]);
    expect(contents.insertText).not.toHaveBeenCalled();
  });

  it("presses Enter with its character, which is what submits a form (a key down alone carries none)", async () => {
    const { shell, contents } = await opened();
    await shell.typeOnSite({ kind: 'key', key: 'Enter' });
    expect(contents.sendInputEvent.mock.calls.map(([event]) => event)).toEqual([
      { type: 'keyDown', keyCode: 'Enter' },
      { type: 'char', keyCode: '\r' },
      { type: 'keyUp', keyCode: 'Enter' },
    ]);
  });

  it('types keys in the order they were pressed, a key waiting for the text before it', async () => {
    const { shell, contents } = await opened();
    let insert: () => void = () => {};
    contents.insertText.mockImplementationOnce(async () => {
      fake.callLog.push('insertText');
      await new Promise<void>((resolve) => (insert = resolve));
      fake.callLog.push('inserted');
    });
    fake.callLog.length = 0;
    const text = shell.typeOnSite({ kind: 'text', text: 'a' });
    const key = shell.typeOnSite({ kind: 'key', key: 'Backspace' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(contents.sendInputEvent).not.toHaveBeenCalled();
    insert();
    await Promise.all([text, key]);
    expect(fake.callLog).toEqual(['insertText', 'inserted', `${shell.currentSite.partition}.sendInputEvent`, `${shell.currentSite.partition}.sendInputEvent`]);
  });

  it('does not let a renderer that never answers hold up the next keys', async () => {
    vi.useFakeTimers();
    try {
      const { shell, contents } = await opened();
      contents.insertText.mockImplementationOnce(() => new Promise<void>(() => {}));
      const text = shell.typeOnSite({ kind: 'text', text: 'a' });
      const key = shell.typeOnSite({ kind: 'key', key: 'Tab' });
      await vi.advanceTimersByTimeAsync(TYPING_TIMEOUT_MS - 1);
      expect(contents.sendInputEvent).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      await Promise.all([text, key]);
      expect(contents.sendInputEvent).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('swallows a page that went away, and logs nothing of what was typed', async () => {
    const { shell, contents, log } = await opened();
    contents.insertText.mockRejectedValueOnce(new Error('Render frame was disposed before WebFrameMain could be accessed'));
    await expect(shell.typeOnSite({ kind: 'text', text: 'secret' })).resolves.toBeUndefined();
    contents.sendInputEvent.mockImplementationOnce(() => {
      throw new Error('Invalid event object');
    });
    await expect(shell.typeOnSite({ kind: 'key', key: 'Enter' })).resolves.toBeUndefined();
    expect([...log.info.mock.calls, ...log.warn.mock.calls, ...log.error.mock.calls]).toEqual([]);
  });

  it('types nothing before a site was opened', async () => {
    const { shell, site } = setup();
    await shell.typeOnSite({ kind: 'text', text: 'a' });
    await shell.typeOnSite({ kind: 'key', key: 'Enter' });
    expect(site().webContents.insertText).not.toHaveBeenCalled();
    expect(site().webContents.sendInputEvent).not.toHaveBeenCalled();
  });

  it('types nothing once the wipe has begun, into either view', async () => {
    const { shell, contents, site } = await opened();
    const steps = wipeSteps(shell);
    const newView = steps.findIndex((step) => step.name === 'new-visitor-site');
    for (const step of steps.slice(0, newView)) await step.run();
    await shell.typeOnSite({ kind: 'text', text: 'a' });
    await shell.typeOnSite({ kind: 'key', key: 'Backspace' });
    for (const step of steps.slice(newView)) await step.run();
    await shell.typeOnSite({ kind: 'text', text: 'b' });
    expect(contents.insertText).not.toHaveBeenCalled();
    expect(contents.sendInputEvent).not.toHaveBeenCalled();
    // The next visitor's view has no page yet either.
    expect(site().webContents.insertText).not.toHaveBeenCalled();
  });

  it('types nothing into a page that is gone', async () => {
    const { shell, contents } = await opened();
    vi.spyOn(contents, 'isDestroyed').mockReturnValue(true);
    await shell.typeOnSite({ kind: 'text', text: 'a' });
    expect(contents.insertText).not.toHaveBeenCalled();
  });
});

describe('text-field focus in the site', () => {
  const EMAIL = { type: 'email', inputMode: '', autocomplete: 'email', byTouch: true };

  it('reports a field focused in the current site, with the keyboard it wants', () => {
    const { site, events } = setup();
    const contents = site().webContents;
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [{ type: 'text', inputMode: 'numeric', autocomplete: 'one-time-code', byTouch: false }]);
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [{ type: 'text', inputMode: '', autocomplete: 'family-name', byTouch: true }]);
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [null]);
    expect(events.fieldFocused.mock.calls).toEqual([[{ mode: 'email', byTouch: true }], [{ mode: 'numeric', byTouch: false }], [{ mode: 'text', byTouch: true }], [null]]);
  });

  it('ignores the same message from any other sender', () => {
    const { site, events, uiView } = setup();
    const contents = site().webContents;
    // The kiosk UI, and a webContents the kiosk did not make.
    uiView.webContents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    new fake.FakeWebContents(fake.session.fromPartition('visitor-1-r1'), {}).sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    // An iframe of the site, a frame that is gone, an event that names another sender.
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL], { frame: new fake.FakeFrame('https://www.caf.fr/widget', contents.mainFrame) });
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL], { frame: null });
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL], { sender: uiView.webContents });
    expect(events.fieldFocused).not.toHaveBeenCalled();
    contents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    expect(events.fieldFocused).toHaveBeenCalledOnce();
  });

  it("ignores the leaving visitor's view from the start of the wipe, and hears the next one", async () => {
    const { shell, site, events } = setup();
    const leaving = site().webContents;
    const [detach, ...rest] = wipeSteps(shell);
    await detach?.run();
    leaving.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    for (const step of rest) await step.run();
    leaving.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    expect(events.fieldFocused).not.toHaveBeenCalled();
    site().webContents.sendFromRenderer(SITE_FIELD_CHANNEL, [EMAIL]);
    expect(events.fieldFocused).toHaveBeenCalledWith({ mode: 'email', byTouch: true });
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'email'],
    ['an array', ['email', '', '', true]],
    ['a missing key', { type: 'email', inputMode: '', byTouch: true }],
    ['an extra key', { ...EMAIL, value: 'jean@example.fr' }],
    ['a number for the type', { ...EMAIL, type: 5 }],
    ['a string for byTouch', { ...EMAIL, byTouch: 'true' }],
    ['an attribute too long', { ...EMAIL, autocomplete: `email ${'x'.repeat(200)}` }],
  ])('ignores a message of the wrong shape: %s', (_name, payload) => {
    const { site, events } = setup();
    site().webContents.sendFromRenderer(SITE_FIELD_CHANNEL, [payload]);
    expect(events.fieldFocused).not.toHaveBeenCalled();
  });

  it('reports that no field is focused when the site moves to a new page', async () => {
    const { shell, site, events } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    expect(events.fieldFocused).toHaveBeenLastCalledWith(null);
    events.fieldFocused.mockClear();
    site().webContents.emit('did-navigate', fake.fakeEvent(), 'https://connexion.caf.fr/', 200, 'OK');
    expect(events.fieldFocused.mock.calls).toEqual([[null]]);
  });

  it("reports nothing about the leaving visitor's navigations", async () => {
    const { shell, site, events } = setup();
    const leaving = site().webContents;
    const [detach] = wipeSteps(shell);
    await detach?.run();
    leaving.emit('did-navigate', fake.fakeEvent(), 'https://www.caf.fr/', 200, 'OK');
    expect(events.fieldFocused).not.toHaveBeenCalled();
  });
});

describe('external links in the site view', () => {
  it('shows a mail, phone or application link instead of launching it', async () => {
    const { shell, site, events } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const contents = site().webContents;
    expect(contents.emitNavigation('will-frame-navigate', 'mailto:aide@caf.fr').defaultPrevented).toBe(true);
    expect(contents.emitNavigation('will-navigate', 'tel:3230').defaultPrevented).toBe(true);
    expect(contents.openWindow('sms:+33600000000')).toEqual({ action: 'deny' });
    expect(contents.openWindow('intent://scan/#Intent;scheme=zxing;end')).toEqual({ action: 'deny' });
    expect(events.externalLinkRequested.mock.calls.map(([link]) => link)).toEqual([
      { kind: 'mailto', target: 'aide@caf.fr' },
      { kind: 'tel', target: '3230' },
      { kind: 'sms', target: '+33600000000' },
      { kind: 'other', target: '' },
    ]);
    expect(events.navigationRefused).not.toHaveBeenCalled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('does not call an entry that turns into an external link a failure', async () => {
    const { shell, site, events } = setup();
    const contents = site().webContents;
    contents.loadBehaviour = () => {
      contents.emitNavigation('will-redirect', 'tel:3230');
      return Promise.reject(fake.loadError('ERR_ABORTED', -3));
    };
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).resolves.toBeUndefined();
    expect(events.externalLinkRequested).toHaveBeenCalledWith({ kind: 'tel', target: '3230' });
  });
});

describe("the démarche's permissions", () => {
  const ANTS_ENTRY = 'https://www.ants.gouv.fr/';
  const ANTS_HOSTS = ['www.ants.gouv.fr'];

  function ask(session: fake.FakeSession | undefined, origin: string, mediaTypes: string[] = ['video']): boolean {
    const callback = vi.fn();
    session?.permissionRequestHandler?.(null, 'media', callback, { isMainFrame: true, requestingUrl: `${origin}/`, securityOrigin: origin, mediaTypes });
    return callback.mock.calls[0]?.[0] as boolean;
  }

  it("grants what the tile grants, to the tile's hosts, until another tile or the wipe", async () => {
    const { shell } = setup();
    const session = fake.fakePartitions().get(shell.currentSite.partition);
    expect(ask(session, 'https://www.ants.gouv.fr')).toBe(false); // nothing open yet

    await shell.openSite(ANTS_ENTRY, ANTS_HOSTS, ['camera']);
    expect(ask(session, 'https://www.ants.gouv.fr')).toBe(true);
    expect(ask(session, 'https://www.ants.gouv.fr', ['audio'])).toBe(false);
    expect(ask(session, 'https://www.example.com')).toBe(false);

    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    expect(ask(session, 'https://www.ants.gouv.fr')).toBe(false);
    expect(ask(session, 'https://www.caf.fr')).toBe(false);

    await shell.openSite(ANTS_ENTRY, ANTS_HOSTS, ['camera']);
    const [detach] = wipeSteps(shell);
    await detach?.run();
    expect(ask(session, 'https://www.ants.gouv.fr')).toBe(false);
  });

  it('gives the next visitor nothing of the last one’s grants', async () => {
    const { shell } = setup();
    await shell.openSite(ANTS_ENTRY, ANTS_HOSTS, ['camera', 'microphone']);
    for (const step of wipeSteps(shell)) await step.run();
    const next = fake.fakePartitions().get(shell.currentSite.partition);
    expect(ask(next, 'https://www.ants.gouv.fr')).toBe(false);
  });

  it('keeps the kiosk UI without any permission, whatever the tile', async () => {
    const { shell } = setup();
    await shell.openSite(ANTS_ENTRY, ANTS_HOSTS, ['camera']);
    expect(ask(fake.fakePartitions().get('kiosk-ui'), 'https://www.ants.gouv.fr')).toBe(false);
  });
});

describe('certificates and passwords', () => {
  it('tells the visitor about a bad certificate on the entry, without calling it unreachable', async () => {
    const { shell, site, events } = setup();
    const contents = site().webContents;
    contents.loadBehaviour = () => {
      fake.app.emit('certificate-error', fake.fakeEvent(), contents, CAF_ENTRY, 'net::ERR_CERT_AUTHORITY_INVALID', {}, vi.fn(), true);
      return Promise.reject(fake.loadError('ERR_CERT_AUTHORITY_INVALID', -202, CAF_ENTRY));
    };
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).resolves.toBeUndefined();
    expect(events.navigationRefused).toHaveBeenCalledWith({ reason: 'certificate', host: 'www.caf.fr' });
  });

  it('still calls an unexplained certificate failure unreachable', async () => {
    const { shell, site } = setup();
    site().webContents.loadBehaviour = () => Promise.reject(fake.loadError('ERR_CERT_DATE_INVALID', -201, CAF_ENTRY));
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).rejects.toThrow('site unreachable (ERR_CERT_DATE_INVALID)');
  });

  it('tells the visitor a page asked for a password, and gives none', async () => {
    const { shell, site, events } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const callback = vi.fn();
    fake.app.emit(
      'login',
      fake.fakeEvent(),
      site().webContents,
      { url: 'https://connexion.caf.fr/prive', pid: 1, isRequestForNavigation: true },
      { isProxy: false, scheme: 'basic', host: 'connexion.caf.fr', port: 443, realm: 'caf' },
      callback,
    );
    expect(callback).toHaveBeenCalledWith();
    expect(events.navigationRefused).toHaveBeenCalledWith({ reason: 'login-prompt', host: 'connexion.caf.fr' });
  });
});

describe('downloads in the kiosk', () => {
  const PDF = '%PDF-1.7\n%%EOF\n';

  function startDownload(site: fake.WebContentsView, name: string, type: string): fake.FakeDownloadItem {
    const item = new fake.FakeDownloadItem(`https://www.caf.fr/${name}`, name, type);
    site.webContents.session.emit('will-download', fake.fakeEvent(), item, site.webContents);
    return item;
  }

  it("saves a PDF in the visitor's folder and shows it in the site view, through kiosk-file://", async () => {
    const { shell, site } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const item = startDownload(site(), 'attestation.pdf', 'application/pdf');
    expect(item.savePath).toBe(join(shell.currentSite.downloadsDir, 'attestation.pdf'));
    writeFileSync(item.savePath, PDF);
    item.finish('completed');
    const url = visitorFileUrl('attestation.pdf');
    await vi.waitFor(() => expect(site().webContents.loadURL).toHaveBeenLastCalledWith(url));

    // The protocol is on this visitor's partition only, and serves the file.
    const partition = fake.fakePartitions().get(shell.currentSite.partition);
    const handler = partition?.protocol.handlers.get('kiosk-file');
    expect(handler).toBeDefined();
    const response = await handler?.(new Request(url));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toBe(PDF);
    expect(fake.fakePartitions().get('kiosk-ui')?.protocol.handlers.has('kiosk-file')).toBe(false);
    expect(fake.protocol.handlers.has('kiosk-file')).toBe(false);

    // The page may link to the file it downloaded; not to any other.
    expect(shell.currentSite.isOwnFile(url)).toBe(true);
    expect(site().webContents.emitNavigation('will-navigate', url).defaultPrevented).toBe(false);
    expect(site().webContents.emitNavigation('will-navigate', visitorFileUrl('autre.pdf')).defaultPrevented).toBe(true);
  });

  it('cancels any other file and tells the visitor', async () => {
    const { shell, site, events } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const item = startDownload(site(), 'programme.exe', 'application/octet-stream');
    expect(item.cancel).toHaveBeenCalled();
    expect(item.setSavePath).not.toHaveBeenCalled();
    expect(events.navigationRefused).toHaveBeenCalledWith({ reason: 'file-type', host: null });
  });

  it("does not show a file from a visitor who has left, nor the last visitor's files to the next", async () => {
    const { shell, site } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const leavingView = site();
    const leaving = shell.currentSite;
    const item = startDownload(leavingView, 'attestation.pdf', 'application/pdf');
    writeFileSync(item.savePath, PDF);
    const url = visitorFileUrl('attestation.pdf');
    expect(leaving.isOwnFile(url)).toBe(true);
    for (const step of wipeSteps(shell)) await step.run();
    item.finish('completed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(leavingView.webContents.loadURL).not.toHaveBeenCalledWith(url);
    expect(shell.currentSite.isOwnFile(url)).toBe(false);
    expect(site().webContents.emitNavigation('will-navigate', url).defaultPrevented).toBe(true);
  });
});

describe('relaunch', () => {
  it('uses the relaunch it was given', async () => {
    const relaunch = vi.fn();
    const { shell } = setup('linux', relaunch);
    await shell.relaunch();
    expect(relaunch).toHaveBeenCalledOnce();
    expect(fake.app.exit).not.toHaveBeenCalled();
  });

  it('by default starts a new instance, then exits at once', () => {
    relaunchApp();
    expect(fake.callLog).toEqual(['app.relaunch', 'app.exit']);
    expect(fake.app.exit).toHaveBeenCalledWith(0);
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
  /** The core's steps this shell performs, in the order they run. */
  const ELECTRON_STEPS = [
    'end-visitor-site',
    'close-attachments',
    'close-visitor-pages',
    'clear-site-storage',
    'clear-site-caches',
    'close-connections',
    'clear-clipboard',
    'delete-downloads',
    'delete-attachments',
    'new-visitor-site',
    'verify-clean',
  ];

  async function runSteps(shell: ElectronShell): Promise<void> {
    for (const step of wipeSteps(shell)) await step.run();
  }

  it('has the steps in order', () => {
    const { shell } = setup();
    expect(wipeSteps(shell).map((step) => step.name)).toEqual(ELECTRON_STEPS);
    // Nothing is deferred on Electron: the next view is there at once.
    expect(planWipe(shell.wipeOperations()).deferred).toEqual([]);
  });

  it("states why it performs none of the core's other steps, and leaves none out", () => {
    const { shell } = setup();
    const plan = planWipe(shell.wipeOperations());
    expect(plan.notPerformed.map((step) => step.name)).toEqual(['reset-lock-keys', 'forget-in-kiosk-ui', 'release-visitor-browser', 'delete-visitor-profile', 'verify-erased', 'verify-next-site', 'prepare-next-browser']);
    for (const { reason } of plan.notPerformed) expect(reason.length).toBeGreaterThan(20);
    // Every step of the core's list, in its order, is either run or explained.
    const accounted = new Set([...plan.immediate.map((step) => step.name), ...plan.notPerformed.map((step) => step.name)]);
    expect(WIPE_STEP_NAMES.filter((name) => accounted.has(name))).toEqual([...WIPE_STEP_NAMES]);
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
    const [detach] = wipeSteps(shell);
    await detach?.run();
    leaving.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'killed', exitCode: 0 });
    leaving.webContents.emitNavigation('will-navigate', 'https://www.example.org/');
    expect(events.siteCrashed).not.toHaveBeenCalled();
    expect(events.navigationRefused).not.toHaveBeenCalled();
  });

  it('fails verify-clean when the new partition already holds a cookie', async () => {
    const { shell } = setup();
    const steps = wipeSteps(shell);
    const verify = steps.pop();
    for (const step of steps) await step.run();
    fake.fakePartitions().get(shell.currentSite.partition)?.storedCookies.push({ name: 'x', value: 'y', domain: 'www.caf.fr' });
    await expect(verify?.run()).rejects.toThrow('verify-clean: the new partition already holds 1 cookie(s)');
  });

  it('fails verify-clean when the downloads folder survived', async () => {
    const { shell } = setup();
    const leaving = shell.currentSite;
    const steps = wipeSteps(shell);
    const verify = steps.pop();
    for (const step of steps) await step.run();
    mkdirSync(leaving.downloadsDir, { recursive: true });
    await expect(verify?.run()).rejects.toThrow("downloads folder still exists");
  });

  it('fails verify-clean when the new partition already runs a service worker', async () => {
    const { shell } = setup();
    const steps = wipeSteps(shell);
    const verify = steps.pop();
    for (const step of steps) await step.run();
    const next = fake.fakePartitions().get(shell.currentSite.partition);
    if (next !== undefined) next.runningServiceWorkers = { 7: { scope: 'https://www.caf.fr/' } };
    await expect(verify?.run()).rejects.toThrow('verify-clean: the new partition already runs 1 service worker(s)');
  });

  it('gives the site the visitor\'s text size as its zoom, kept across pages, and the next visitor\'s view 100 %', async () => {
    const { shell, site } = setup();
    await shell.setSiteZoom(1.25);
    expect(site().webContents.setZoomFactor).toHaveBeenLastCalledWith(1.25);
    expect(site().webContents.zoomFactor).toBe(1.25);
    // Another host of the démarche: Chromium would start it at 100 %; the kiosk sets it again.
    site().webContents.zoomFactor = 1;
    site().webContents.emit('did-navigate');
    expect(site().webContents.zoomFactor).toBe(1.25);
    for (const step of wipeSteps(shell)) await step.run();
    expect(site().webContents.zoomFactor).toBe(1);
    expect(site().webContents.getZoomLevel()).toBe(0);
  });

  it('brings the focused field to the middle of the site view when the keyboard makes it shorter', async () => {
    const { shell, site } = setup();
    await shell.setLayout('toolbar-keyboard');
    expect(site().webContents.executeJavaScriptInIsolatedWorld).toHaveBeenCalledWith(expect.any(Number), [{ code: expect.stringContaining('scrollIntoView({ block: \'center\'') as string }]);
    site().webContents.executeJavaScriptInIsolatedWorld.mockClear();
    await shell.setLayout('toolbar');
    expect(site().webContents.executeJavaScriptInIsolatedWorld).not.toHaveBeenCalled();
  });

  it('fails verify-clean when the new view is zoomed', async () => {
    const { shell, site } = setup();
    const steps = wipeSteps(shell);
    const verify = steps.pop();
    for (const step of steps) await step.run();
    site().webContents.zoomFactor = 1.2;
    await expect(verify?.run()).rejects.toThrow('verify-clean: the new visitor view is zoomed');
  });

  it('passes verify-clean on a clean wipe', async () => {
    const { shell } = setup();
    await shell.openSite(CAF_ENTRY, CAF_HOSTS);
    const report = await runWipe(wipeSteps(shell), systemClock);
    expect(report.ok).toBe(true);
    expect(report.steps.map((step) => step.name)).toEqual(ELECTRON_STEPS);
  });

  it('reports a failed step through the core runner, the later steps still running', async () => {
    const { shell } = setup();
    fake.fakePartitions().get(shell.currentSite.partition)?.clearData.mockRejectedValueOnce(new Error('storage busy'));
    const report = await runWipe(wipeSteps(shell), systemClock);
    expect(report.ok).toBe(false);
    expect(report.steps.find((step) => step.name === 'clear-site-storage')).toMatchObject({ ok: false, error: 'storage busy' });
    expect(report.steps.filter((step) => step.ok).map((step) => step.name)).toContain('new-visitor-site');
  });
});

/** The shell's wipe as the controller runs it: the core's order, deferred steps last. */
function wipeSteps(shell: ElectronShell): WipeStep[] {
  const plan = planWipe(shell.wipeOperations());
  return [...plan.immediate, ...plan.deferred];
}

/** A one-tile station, through the real parser. */
function testStation() {
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
  return parsed.config;
}

describe('a whole visit, KioskController on the ElectronShell', () => {
  it('opens a tile, ends the session, wipes and shows the notice', async () => {
    const { shell, uiView, site } = setup();
    const parsed = { config: testStation() };
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

  it('shows the external-link overlay when the site taps a phone link', async () => {
    const { shell, site } = setup();
    const parsed = { config: testStation() };
    const controller = new KioskController(parsed.config, shell, systemClock, { info: vi.fn(), warn: vi.fn(), error: vi.fn() });
    shell.attach(controller);
    await controller.start();
    await controller.openTile('caf');
    site().webContents.emitNavigation('will-frame-navigate', 'tel:3230');
    await vi.waitFor(() => expect(controller.view().overlay).toEqual({ name: 'external-link', link: { kind: 'tel', target: '3230' } }));
    controller.stop();
  });
});

describe('the kiosk\'s file picker on Electron (webContents.debugger, through the table)', () => {
  it('a file input opens the picker; the chosen USB file is copied into the visitor\'s folder and handed over by DOM.setFileInputFiles; the wipe deletes it', async () => {
    const usb = mkdtempSync(join(tmpdir(), 'kiosk-usb-'));
    try {
      mkdirSync(join(usb, 'CLE'));
      writeFileSync(join(usb, 'CLE', 'avis.pdf'), '%PDF-1.4 avis de situation');
      writeFileSync(join(usb, 'CLE', 'photo.png'), 'not even a picture');
      const { shell, site } = setup('linux', vi.fn(), { now: 50_000 }, { documents: { removableMediaFolder: usb } });
      const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
      const controller = new KioskController(testStation(), shell, systemClock, log);
      shell.attach(controller);
      await controller.start();
      await controller.openTile('caf');
      const debug = site().webContents.debugger;
      debug.sendCommand.mockImplementation(async (method: string, params?: object) => {
        debug.commands.push(params === undefined ? { method } : { method, params });
        return method === 'DOM.describeNode' ? { node: { attributes: ['accept', 'application/pdf'] } } : {};
      });
      debug.emitMessage('Page.fileChooserOpened', { frameId: 'main', mode: 'selectSingle', backendNodeId: 7 });
      await vi.waitFor(() => expect(controller.view().overlay.name).toBe('attach'));
      const overlay = controller.view().overlay;
      if (overlay.name !== 'attach') throw new Error(`no picker: ${overlay.name}`);
      expect(overlay.picker.usb?.files.map((file) => file.name)).toEqual(['avis.pdf']);
      const id = overlay.picker.usb?.files[0]?.id ?? '';
      await expect(controller.attachFiles([id])).resolves.toEqual({ ok: true });
      const given = debug.commands.find((command) => command.method === 'DOM.setFileInputFiles') as { params: { files: string[]; backendNodeId: number } } | undefined;
      expect(given?.params.backendNodeId).toBe(7);
      const path = given?.params.files[0] ?? '';
      expect(path.startsWith(join(shell.currentSite.visitorDir, 'attachments', 'given'))).toBe(true);
      expect(existsSync(path)).toBe(true);
      const visitorDir = shell.currentSite.visitorDir;

      await controller.requestEndSession();
      await controller.confirmEndSession();
      await controller.wipeSettled();
      expect(controller.lastWipeReport()?.ok).toBe(true);
      expect(controller.lastWipeReport()?.steps.map((step) => step.name)).toEqual(expect.arrayContaining(['close-attachments', 'delete-attachments']));
      expect(existsSync(path)).toBe(false);
      expect(existsSync(visitorDir)).toBe(false);
      expect(JSON.stringify([...log.info.mock.calls, ...log.warn.mock.calls])).not.toContain('avis');
    } finally {
      rmSync(usb, { recursive: true, force: true });
    }
  });

  it('fails closed: a view whose file chooser interception could not be switched on shows no site', async () => {
    const { shell, site } = setup();
    // The interception's later commands fail (Page.enable went out as the view was made).
    site().webContents.debugger.sendCommand.mockRejectedValue(new Error('Target closed'));
    await expect(shell.openSite(CAF_ENTRY, CAF_HOSTS)).rejects.toThrow("file chooser could not be intercepted");
    expect(site().webContents.loadURL).not.toHaveBeenCalled();
  });

  it('a station file without documents still answers with the picker (this visit\'s downloads), and never the USB key', async () => {
    const { shell, site } = setup();
    const controller = new KioskController(testStation(), shell, systemClock, { info: vi.fn(), warn: vi.fn(), error: vi.fn() });
    shell.attach(controller);
    await controller.start();
    await controller.openTile('caf');
    site().webContents.debugger.emitMessage('Page.fileChooserOpened', { frameId: 'main', mode: 'selectMultiple', backendNodeId: 3 });
    await vi.waitFor(() => expect(controller.view().overlay.name).toBe('attach'));
    const overlay = controller.view().overlay;
    expect(overlay.name === 'attach' && overlay.picker.usb).toBeNull();
    expect(overlay.name === 'attach' && overlay.picker.scanner).toBe(false);
  });
});
