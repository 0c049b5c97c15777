import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, IPC_VIEW_CHANNEL, KIOSK_ACTIONS, type KioskApi } from '../../../main/core/contract/kiosk-api';
import { outOfOrderView } from '../../../main/core/session/kiosk-controller';
import { configPathFrom, forbiddenSwitchIn, uiDevToolsWanted } from '../../../main/shells/electron/launch-options';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

describe('preload', () => {
  let api: KioskApi;

  // The preload exposes the API as it loads, once, like in the renderer.
  beforeAll(async () => {
    fake.resetElectronFake();
    await import('../../../main/shells/electron/preloads/kiosk-ui');
    api = fake.contextBridge.exposed.get('kiosk') as KioskApi;
  });

  beforeEach(() => fake.ipcRenderer.invoke.mockClear());

  it('exposes window.kiosk and nothing else: exactly the actions of the contract, and the subscription', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(api).sort()).toEqual([...KIOSK_ACTIONS, 'onViewChanged'].sort());
  });

  it('turns the guide, password and keyboard actions into invokes, arguments as given', async () => {
    await api.setGuidePanel(true, 'left');
    await api.openForgottenPassword();
    await api.typeOnSite({ kind: 'key', key: 'Enter' });
    await api.hideKeyboard();
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_INVOKE_CHANNEL, 'setGuidePanel', true, 'left'],
      [IPC_INVOKE_CHANNEL, 'openForgottenPassword'],
      [IPC_INVOKE_CHANNEL, 'typeOnSite', { kind: 'key', key: 'Enter' }],
      [IPC_INVOKE_CHANNEL, 'hideKeyboard'],
    ]);
  });

  it('resolves the void actions to nothing, whatever the main process answers', async () => {
    fake.ipcRenderer.invoke.mockResolvedValue({ leaked: true });
    try {
      await expect(api.typeOnSite({ kind: 'text', text: 'a' })).resolves.toBeUndefined();
      await expect(api.setGuidePanel(false, 'right')).resolves.toBeUndefined();
      await expect(api.openForgottenPassword()).resolves.toBeUndefined();
      await expect(api.hideKeyboard()).resolves.toBeUndefined();
    } finally {
      fake.ipcRenderer.invoke.mockResolvedValue(undefined);
    }
  });

  it('turns each action into one invoke on the kiosk channel', async () => {
    await api.openTile('caf');
    await api.confirmEndSession();
    expect(fake.ipcRenderer.invoke).toHaveBeenNthCalledWith(1, IPC_INVOKE_CHANNEL, 'openTile', 'caf');
    expect(fake.ipcRenderer.invoke).toHaveBeenNthCalledWith(2, IPC_INVOKE_CHANNEL, 'confirmEndSession');
    await api.printMemo(['caf', 'anef'], 'ar');
    expect(fake.ipcRenderer.invoke).toHaveBeenNthCalledWith(3, IPC_INVOKE_CHANNEL, 'printMemo', ['caf', 'anef'], 'ar');
    const view = outOfOrderView('config');
    fake.ipcRenderer.invoke.mockResolvedValueOnce(view);
    await expect(api.getView()).resolves.toEqual(view);
  });

  it('delivers views without the IPC event, until unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = api.onViewChanged(listener);
    const view = outOfOrderView('config');
    fake.ipcRenderer.emit(IPC_VIEW_CHANNEL, { sender: 'secret' }, view);
    expect(listener).toHaveBeenCalledWith(view);
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    fake.ipcRenderer.emit(IPC_VIEW_CHANNEL, {}, view);
    expect(listener).toHaveBeenCalledOnce();
    expect(fake.ipcRenderer.listenerCount(IPC_VIEW_CHANNEL)).toBe(0);
  });
});

describe('launch options', () => {
  it.each([
    [['electron', '.', '--remote-debugging-port=9222'], '--remote-debugging-port'],
    [['electron', '.', '--remote-debugging-pipe'], '--remote-debugging-pipe'],
    [['electron', '.', '--inspect'], '--inspect'],
    [['electron', '.', '--inspect=9229'], '--inspect'],
    [['electron', '.', '--inspect-brk=0'], '--inspect-brk'],
    [['electron', '.', '--inspect-port=0'], '--inspect-port'],
    [['electron', '.', '--no-sandbox'], '--no-sandbox'],
    [['electron', '.', '--remote-debugging-address=0.0.0.0'], '--remote-debugging-address'],
    [['electron', '.', '--remote-debugging-port', '9222'], '--remote-debugging-port'],
    [['electron', '.', '--Remote-Debugging-Port=1'], '--remote-debugging-port'],
    [['electron', '.', '--disable-web-security'], '--disable-web-security'],
    [['electron', '.', '--js-flags=--allow-natives-syntax'], '--js-flags'],
    [['electron', '.', '--js-flags="--expose-gc"'], '--js-flags'],
    // Chromium also reads single-dash switches (and /switch on Windows).
    [['electron', '.', '-remote-debugging-port=9222'], '--remote-debugging-port'],
    [['electron', '.', '-no-sandbox'], '--no-sandbox'],
    [['electron.exe', '.', '/remote-debugging-pipe'], '--remote-debugging-pipe'],
  ])('finds the forbidden switch in %j', (argv, expected) => {
    expect(forbiddenSwitchIn(argv)).toBe(expected);
  });

  it('ignores what follows --, which is for the app, not for Chromium', () => {
    expect(forbiddenSwitchIn(['electron', '.', '--', '--no-sandbox'])).toBeNull();
  });

  it('lets an ordinary launch through', () => {
    expect(forbiddenSwitchIn(['electron', 'dist/electron/main.cjs', '--config=/etc/borne/station.json'])).toBeNull();
    expect(forbiddenSwitchIn(['electron', '.', '--inspector-notes', '--no-sandboxing', '--js-flagsx', '--disable-web-securityx'])).toBeNull();
    expect(forbiddenSwitchIn(['electron', '.', '--config=/etc/borne/--no-sandbox.json'])).toBeNull();
  });

  it('takes the station file from --config, then KIOSK_CONFIG, then the default', () => {
    expect(configPathFrom(['e', '.', '--config=/etc/borne.json'], { KIOSK_CONFIG: '/other.json' }, '/app/default.json', '/cwd')).toBe('/etc/borne.json');
    expect(configPathFrom(['e', '.', '--config=conf/a.json'], {}, '/app/default.json', '/cwd')).toBe('/cwd/conf/a.json');
    expect(configPathFrom(['e', '.'], { KIOSK_CONFIG: '/other.json' }, '/app/default.json', '/cwd')).toBe('/other.json');
    expect(configPathFrom(['e', '.'], {}, '/app/default.json', '/cwd')).toBe('/app/default.json');
    expect(configPathFrom(['e', '.', '--config='], { KIOSK_CONFIG: '' }, '/app/default.json', '/cwd')).toBe('/app/default.json');
  });

  it('allows UI devtools only on request and never when packaged', () => {
    expect(uiDevToolsWanted({ KIOSK_DEVTOOLS: '1' }, false)).toBe(true);
    expect(uiDevToolsWanted({ KIOSK_DEVTOOLS: '1' }, true)).toBe(false);
    expect(uiDevToolsWanted({}, false)).toBe(false);
  });
});
