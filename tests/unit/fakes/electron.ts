/**
 * A hand-written fake of the parts of the `electron` module the Electron shell
 * uses (modelled on Electron Fiddle's tests/mocks/electron.ts). Objects are
 * EventEmitters that record what was done to them, so a test can emit the
 * events Electron would emit and check the outcome.
 *
 *   vi.mock('electron', () => import('../fakes/electron'));
 *
 * Call resetElectronFake() in beforeEach: the module objects (app, ipcMain…)
 * are shared like the real ones.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

// ---- shared records --------------------------------------------------------------------------

/** Every state-changing call of interest, in order, e.g. `visitor-1-aa.clearData`. */
export const callLog: string[] = [];

function record(entry: string): void {
  callLog.push(entry);
}

/** Casts a fake to the Electron type the code under test expects. */
export function asElectron<T>(fake: unknown): T {
  return fake as T;
}

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<P extends object>(params: P = {} as P): FakeEvent & P {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** The error webContents.loadURL rejects with (Electron sets `code` and `errno`). */
export function loadError(code: string, errno: number, url = 'https://example.invalid/'): Error {
  return Object.assign(new Error(`${code} (${errno}) loading '${url}'`), { code, errno, url });
}

let nextId = 1;

// ---- app -------------------------------------------------------------------------------------

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>();
  readonly commandLine = { hasSwitch: vi.fn((_name: string) => false) };
  readonly getAppPath = vi.fn(() => '/fake/app');
  readonly getPath = vi.fn((name: string) => this.paths.get(name) ?? `/fake/${name}`);
  readonly setPath = vi.fn((name: string, path: string) => {
    this.paths.set(name, path);
  });
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn((_code?: number) => record('app.exit'));
  readonly relaunch = vi.fn(() => record('app.relaunch'));
}

export const app = new FakeApp();

// ---- sessions --------------------------------------------------------------------------------

export interface FakeCookie {
  name: string;
  value: string;
  domain: string;
}

export class FakeProtocol {
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  readonly registerSchemesAsPrivileged = vi.fn();
  readonly handle = vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    this.handlers.set(scheme, handler);
  });
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;
type DisplayMediaRequestHandler = (request: unknown, callback: (streams: unknown) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DevicePermissionHandler | null = null;
  displayMediaRequestHandler: DisplayMediaRequestHandler | null = null;
  readonly storedCookies: FakeCookie[] = [];
  runningServiceWorkers: Record<number, unknown> = {};
  readonly protocol = new FakeProtocol();

  readonly cookies = {
    get: vi.fn(async (_filter: object) => [...this.storedCookies]),
  };
  readonly serviceWorkers = {
    getAllRunning: vi.fn(() => this.runningServiceWorkers),
  };

  constructor(readonly partition: string) {
    super();
  }

  readonly setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler | null) => {
    record(`${this.partition}.setPermissionRequestHandler`);
    this.permissionRequestHandler = handler;
  });
  readonly setPermissionCheckHandler = vi.fn((handler: PermissionCheckHandler | null) => {
    record(`${this.partition}.setPermissionCheckHandler`);
    this.permissionCheckHandler = handler;
  });
  readonly setDevicePermissionHandler = vi.fn((handler: DevicePermissionHandler | null) => {
    record(`${this.partition}.setDevicePermissionHandler`);
    this.devicePermissionHandler = handler;
  });
  readonly setDisplayMediaRequestHandler = vi.fn((handler: DisplayMediaRequestHandler | null) => {
    record(`${this.partition}.setDisplayMediaRequestHandler`);
    this.displayMediaRequestHandler = handler;
  });
  readonly clearData = vi.fn(async (..._args: unknown[]) => {
    record(`${this.partition}.clearData`);
    this.storedCookies.length = 0;
  });
  readonly clearCache = vi.fn(async () => record(`${this.partition}.clearCache`));
  readonly clearAuthCache = vi.fn(async () => record(`${this.partition}.clearAuthCache`));
  readonly clearHostResolverCache = vi.fn(async () => record(`${this.partition}.clearHostResolverCache`));
  readonly clearCodeCaches = vi.fn(async (_options: { urls?: string[] }) => record(`${this.partition}.clearCodeCaches`));
  readonly closeAllConnections = vi.fn(async () => record(`${this.partition}.closeAllConnections`));
}

/** A download, as `will-download` hands it over; `finish()` plays its end. */
export class FakeDownloadItem extends EventEmitter {
  savePath = '';
  cancelled = false;

  constructor(
    readonly url: string,
    readonly filename: string,
    readonly mimeType: string,
  ) {
    super();
  }

  readonly getURL = vi.fn(() => this.url);
  readonly getFilename = vi.fn(() => this.filename);
  readonly getMimeType = vi.fn(() => this.mimeType);
  readonly setSavePath = vi.fn((path: string) => {
    this.savePath = path;
  });
  readonly getSavePath = vi.fn(() => this.savePath);
  readonly cancel = vi.fn(() => {
    this.cancelled = true;
  });

  /** Electron's `done` event, after the bytes were written (or not). */
  finish(state: 'completed' | 'cancelled' | 'interrupted'): void {
    this.emit('done', fakeEvent(), state);
  }
}

const partitions = new Map<string, FakeSession>();

function sessionFor(partition: string): FakeSession {
  let found = partitions.get(partition);
  if (found === undefined) {
    found = new FakeSession(partition);
    partitions.set(partition, found);
    app.emit('session-created', found);
  }
  return found;
}

export const session = {
  get defaultSession(): FakeSession {
    return sessionFor('(default)');
  },
  fromPartition: vi.fn((partition: string) => sessionFor(partition)),
};

/** Every partition created so far, by name. */
export function fakePartitions(): ReadonlyMap<string, FakeSession> {
  return partitions;
}

// ---- IPC, main side ----------------------------------------------------------------------------

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** `ipcMain`, and `webContents.ipc` (the same API, scoped to one webContents). */
export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  readonly handle = vi.fn((channel: string, handler: InvokeHandler) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });

  /** What ipcRenderer.invoke from `sender` would get. */
  async invoke(channel: string, event: { sender: unknown; senderFrame: unknown }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

// ---- webContents -----------------------------------------------------------------------------

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export interface FakeWindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
  referrer: { url: string; policy: string };
}

type WindowOpenHandler = (details: FakeWindowOpenDetails) => { action: 'allow' | 'deny' };

/** webContents.debugger: the view's own DevTools protocol (the site shell's file chooser interception). */
export class FakeDebugger extends EventEmitter {
  attached = false;
  readonly commands: { method: string; params?: object }[] = [];
  isAttached(): boolean {
    return this.attached;
  }
  readonly attach = vi.fn((_protocolVersion?: string) => {
    this.attached = true;
  });
  readonly sendCommand = vi.fn(async (method: string, params?: object) => {
    this.commands.push(params === undefined ? { method } : { method, params });
    return {};
  });
  /** What Chromium sends when a page opens a file chooser. */
  emitMessage(method: string, params: object = {}): void {
    this.emit('message', fakeEvent(), method, params);
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly debugger = new FakeDebugger();
  readonly mainFrame = new FakeFrame('');
  private destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** What the next loadURL calls do; by default they succeed. */
  loadBehaviour: (url: string) => Promise<void> = () => Promise.resolve();

  constructor(
    readonly session: FakeSession,
    readonly webPreferences: Record<string, unknown>,
  ) {
    super();
  }

  /** Messages from this webContents' renderer (see sendFromRenderer). */
  readonly ipc = new FakeIpcMain();

  readonly loadURL = vi.fn(async (url: string) => {
    record(`${this.session.partition}.loadURL`);
    this.mainFrame.url = url;
    this.emit('did-start-navigation', fakeEvent({ url, isMainFrame: true, isSameDocument: false }));
    await this.loadBehaviour(url);
    // Committed: a new document in the main frame.
    this.emit('did-navigate', fakeEvent(), url, 200, 'OK');
    this.emit('did-finish-load');
  });
  readonly send = vi.fn((_channel: string, ..._args: unknown[]) => {});
  /** Resolves once the renderer has inserted the text; what the next calls do can be changed. */
  readonly insertText = vi.fn(async (_text: string): Promise<void> => {
    record(`${this.session.partition}.insertText`);
  });
  readonly sendInputEvent = vi.fn((_event: { type: string; keyCode?: string }) => {
    record(`${this.session.partition}.sendInputEvent`);
  });
  readonly focus = vi.fn();
  readonly setVisualZoomLevelLimits = vi.fn(async (_min: number, _max: number) => {});
  zoomFactor = 1;
  readonly setZoomFactor = vi.fn((factor: number) => {
    this.zoomFactor = factor;
  });
  readonly reload = vi.fn(() => record(`${this.session.partition}.reload`));
  readonly forcefullyCrashRenderer = vi.fn(() => record(`${this.session.partition}.forcefullyCrashRenderer`));
  /** The page as a PDF (the print panel's document): a tiny PDF by default. */
  readonly printToPDF = vi.fn(async (_options: object): Promise<Buffer> => Buffer.from('%PDF-1.7\n% fake page\n%%EOF\n'));
  readonly executeJavaScriptInIsolatedWorld = vi.fn(async (_worldId: number, _scripts: { code: string }[]) => undefined as unknown);
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  readonly close = vi.fn(() => {
    record(`${this.session.partition}.webContents.close`);
    // Electron destroys the contents and says so a moment later.
    setImmediate(() => {
      this.destroyed = true;
      this.emit('destroyed');
    });
  });

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  getZoomFactor(): number {
    return this.zoomFactor;
  }

  /** Chromium's zoom level: 0 is 100 %, each step is a factor of 1.2. */
  getZoomLevel(): number {
    return Math.log(this.zoomFactor) / Math.log(1.2);
  }

  /** Emits will-navigate / will-redirect / will-frame-navigate as Electron does, returns the event. */
  emitNavigation(name: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, isMainFrame = true): FakeEvent {
    const event = fakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
    this.emit(name, event);
    return event;
  }

  /**
   * `ipcRenderer.send(channel, ...args)` from `frame` of this webContents (its main
   * frame by default), delivered as Electron does: first to `webContents.ipc`, then
   * to `ipcMain`. `sender` can be overridden to play a lying event.
   */
  sendFromRenderer(channel: string, args: unknown[], options: { frame?: FakeFrame | null; sender?: unknown } = {}): void {
    const frame = options.frame === undefined ? this.mainFrame : options.frame;
    const event = { type: 'frame', sender: 'sender' in options ? options.sender : this, senderFrame: frame, frameId: 1, processId: 1 };
    this.ipc.emit(channel, event, ...args);
    ipcMain.emit(channel, event, ...args);
  }

  /** What the page's `window.open(url)` gets from the handler. */
  openWindow(url: string): { action: 'allow' | 'deny' } | undefined {
    return this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } });
  }

  pressKey(input: Partial<{ type: string; key: string; code: string; control: boolean; meta: boolean; alt: boolean; shift: boolean }>): FakeEvent {
    const event = fakeEvent();
    this.emit('before-input-event', event, { type: 'keyDown', key: '', code: '', control: false, meta: false, alt: false, shift: false, ...input });
    return event;
  }
}

// ---- views and windows -----------------------------------------------------------------------

export interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeView extends EventEmitter {
  readonly children: FakeView[] = [];
  bounds: FakeRectangle = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  backgroundColor = '';

  readonly addChildView = vi.fn((view: FakeView) => {
    // As in Electron: adding a child again moves it to the top.
    const index = this.children.indexOf(view);
    if (index >= 0) this.children.splice(index, 1);
    this.children.push(view);
  });
  readonly removeChildView = vi.fn((view: FakeView) => {
    record('contentView.removeChildView');
    const index = this.children.indexOf(view);
    if (index >= 0) this.children.splice(index, 1);
  });
  readonly setBounds = vi.fn((bounds: FakeRectangle) => {
    this.bounds = { ...bounds };
  });
  readonly setVisible = vi.fn((visible: boolean) => {
    this.visible = visible;
  });
  readonly setBackgroundColor = vi.fn((color: string) => {
    this.backgroundColor = color;
  });

  getBounds(): FakeRectangle {
    return { ...this.bounds };
  }

  getVisible(): boolean {
    return this.visible;
  }
}

interface FakeWebPreferencesOptions {
  webPreferences?: Record<string, unknown> & { session?: FakeSession; partition?: string };
}

function createWebContents(options: FakeWebPreferencesOptions | undefined): FakeWebContents {
  const preferences = options?.webPreferences ?? {};
  const owner = preferences.session ?? (preferences.partition === undefined ? session.defaultSession : sessionFor(preferences.partition));
  const contents = new FakeWebContents(owner, preferences);
  app.emit('web-contents-created', fakeEvent(), contents);
  return contents;
}

export const createdViews: WebContentsView[] = [];

export class WebContentsView extends FakeView {
  readonly webContents: FakeWebContents;

  constructor(readonly options: FakeWebPreferencesOptions = {}) {
    super();
    this.webContents = createWebContents(options);
    createdViews.push(this);
  }
}

export const createdWindows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  readonly contentView = new FakeView();
  readonly webContents: FakeWebContents;
  contentBounds: FakeRectangle = { x: 0, y: 0, width: 1920, height: 1080 };
  private destroyed = false;
  fullScreen: boolean;
  kiosk: boolean;
  minimized = false;
  readonly show = vi.fn();
  readonly setFullScreen = vi.fn((flag: boolean) => {
    this.fullScreen = flag;
  });
  readonly setKiosk = vi.fn((flag: boolean) => {
    this.kiosk = flag;
  });
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });

  constructor(readonly options: Record<string, unknown> & FakeWebPreferencesOptions = {}) {
    super();
    this.webContents = createWebContents(options);
    this.fullScreen = options['fullscreen'] === true;
    this.kiosk = options['kiosk'] === true;
    createdWindows.push(this);
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  isKiosk(): boolean {
    return this.kiosk;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  /** As if the window manager (or a key it let through) minimised the window. */
  minimizeFromOutside(): void {
    this.minimized = true;
    this.emit('minimize');
  }

  /** As if the window left full screen (window manager, or the end of a page's HTML full screen). */
  leaveFullScreenFromOutside(event: 'leave-full-screen' | 'leave-html-full-screen' = 'leave-full-screen'): void {
    this.fullScreen = false;
    this.kiosk = false;
    this.emit(event);
  }

  getContentBounds(): FakeRectangle {
    return { ...this.contentBounds };
  }

  getContentSize(): number[] {
    return [this.contentBounds.width, this.contentBounds.height];
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** As if the window manager resized it. */
  resizeTo(width: number, height: number): void {
    this.contentBounds = { x: 0, y: 0, width, height };
    this.emit('resize');
  }

  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.emit('closed');
    }
  }
}

export const Menu = {
  setApplicationMenu: vi.fn(),
};

// ---- IPC ---------------------------------------------------------------------------------------

export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined);
  readonly send = vi.fn((_channel: string, ..._args: unknown[]) => {});
}

export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const protocol = new FakeProtocol();

/** Never to be called by the kiosk: nothing is ever handed to another application. */
export const shell = {
  openExternal: vi.fn(async (_url: string) => {
    record('shell.openExternal');
  }),
  openPath: vi.fn(async (_path: string) => {
    record('shell.openPath');
    return '';
  }),
};

// ---- clipboard ---------------------------------------------------------------------------------

export const clipboard = {
  clear: vi.fn(() => record('clipboard.clear')),
  selection: {
    clear: vi.fn(() => record('clipboard.selection.clear')),
  },
};

// ---- reset -------------------------------------------------------------------------------------

/** Back to a freshly started Electron: no sessions, views, handlers or listeners. */
export function resetElectronFake(): void {
  callLog.length = 0;
  partitions.clear();
  createdViews.length = 0;
  createdWindows.length = 0;
  app.removeAllListeners();
  app.isPackaged = false;
  app.paths.clear();
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  protocol.handlers.clear();
  vi.clearAllMocks();
}
