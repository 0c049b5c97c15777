import type { WebContents } from 'electron';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_ACTION_TABLE } from '../../../main/core/contract/actions';
import { IPC_INVOKE_CHANNEL, KIOSK_ACTIONS, type KioskApi } from '../../../main/core/contract/kiosk-api';
import { refuseAllActions } from '../../../main/core/session/dispatch-action';
import { grantStaffCapability } from '../../../main/core/session/staff-capability';
import { outOfOrderView } from '../../../main/core/session/kiosk-controller';
import { installKioskBridge } from '../../../main/shells/chromium/kiosk-ui-window';
import { handleKioskInvoke, type KioskInvokeEvent } from '../../../main/shells/electron/ipc';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

/**
 * Every piece derived from the action table (main/core/contract/actions.ts)
 * agrees with it: the list of names, the Electron preload's `window.kiosk`, the
 * Chromium bridge's `window.kiosk`, the out-of-order station; and both shells
 * refuse a call with bad arguments, naming the action.
 */
const TABLE_NAMES = Object.keys(KIOSK_ACTION_TABLE).sort();
const VIEW = outOfOrderView('config');

let preloadApi: KioskApi;

beforeAll(async () => {
  fake.resetElectronFake();
  await import('../../../main/shells/electron/preloads/kiosk-ui');
  preloadApi = fake.contextBridge.exposed.get('kiosk') as KioskApi;
});

/** What installKioskBridge builds in the page, run here on a stand-in for the page's global object. */
function chromiumBridge(invoke: (action: string, args: unknown[]) => Promise<unknown>): Record<string, unknown> {
  const page = globalThis as unknown as Record<string, unknown>;
  page['__kioskInvoke'] = invoke;
  installKioskBridge([...KIOSK_ACTIONS]);
  return page['kiosk'] as Record<string, unknown>;
}

afterEach(() => {
  const page = globalThis as unknown as Record<string, unknown>;
  for (const key of ['__kioskInvoke', '__kioskReceiveView', 'kiosk']) delete page[key];
});

describe('the pieces derived from the action table', () => {
  it('all list the same actions: KIOSK_ACTIONS, the preload, the Chromium bridge, the out-of-order station', () => {
    expect([...KIOSK_ACTIONS].sort()).toEqual(TABLE_NAMES);
    expect(Object.keys(preloadApi).filter((name) => name !== 'onViewChanged').sort()).toEqual(TABLE_NAMES);
    expect(Object.keys(chromiumBridge(() => Promise.resolve())).filter((name) => name !== 'onViewChanged').sort()).toEqual(TABLE_NAMES);
    expect(Object.keys(refuseAllActions(VIEW)).sort()).toEqual(TABLE_NAMES);
    for (const api of [preloadApi, chromiumBridge(() => Promise.resolve())] as Record<string, unknown>[]) {
      expect(typeof api['onViewChanged']).toBe('function');
      for (const name of TABLE_NAMES) expect(typeof api[name], name).toBe('function');
    }
  });

  it('the preload sends each action on the kiosk channel with its arguments, and answers only for those that answer', async () => {
    fake.ipcRenderer.invoke.mockClear();
    fake.ipcRenderer.invoke.mockResolvedValue({ leaked: true });
    try {
      for (const name of KIOSK_ACTIONS) {
        const args = KIOSK_ACTION_TABLE[name].args.map((_check, index) => `argument-${index}`);
        const answer = await (preloadApi[name] as (...args: unknown[]) => Promise<unknown>)(...args);
        expect(fake.ipcRenderer.invoke, name).toHaveBeenLastCalledWith(IPC_INVOKE_CHANNEL, name, ...args);
        expect(answer, name).toEqual(KIOSK_ACTION_TABLE[name].answers === 'nothing' ? undefined : { leaked: true });
      }
      expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(KIOSK_ACTIONS.length);
    } finally {
      fake.ipcRenderer.invoke.mockResolvedValue(undefined);
    }
  });

  it('the Chromium bridge calls its one binding with the action and its arguments', async () => {
    const calls: [string, unknown[]][] = [];
    const bridge = chromiumBridge((action, args) => (calls.push([action, args]), Promise.resolve()));
    for (const name of KIOSK_ACTIONS) await (bridge[name] as (...args: unknown[]) => Promise<unknown>)('a', 'b');
    expect(calls).toEqual(KIOSK_ACTIONS.map((name) => [name, ['a', 'b']]));
  });
});

describe('a call with bad arguments, in the Electron shell', () => {
  it('is refused for every action: the UI reads only "refused", the main process keeps the action\'s name', async () => {
    const ui = new fake.FakeWebContents(fake.session.fromPartition('kiosk-ui'), {});
    ui.mainFrame.url = 'kiosk://app/index.html';
    const warn = vi.fn();
    const actions = refuseAllActions(VIEW);
    const event = fake.asElectron<KioskInvokeEvent>({ sender: ui, senderFrame: ui.mainFrame });
    // A staff session is open, so staff actions reach their argument checks too.
    const staff = grantStaffCapability();
    for (const name of KIOSK_ACTIONS) {
      const tooMany = [...KIOSK_ACTION_TABLE[name].args.map(() => 'x'), 'extra'];
      const refusal = await handleKioskInvoke(event, [name, ...tooMany], { uiContents: fake.asElectron<WebContents>(ui), actions, log: { info: vi.fn(), warn, error: vi.fn() }, staffCapability: () => staff }).then(
        () => null,
        (error: unknown) => error as Error & { cause?: Error & { cause?: Error } },
      );
      expect(refusal?.message, name).toBe('refused');
      expect(refusal?.cause?.cause?.message, name).toBe(`${name}: wrong arguments`);
    }
    expect(warn).toHaveBeenCalledTimes(KIOSK_ACTIONS.length);
    expect(warn).toHaveBeenCalledWith('ipc-refused', { cause: 'arguments' });
  });
});
