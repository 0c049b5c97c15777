import type { IpcMain, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { KeyboardInput } from '../../../main/core/contract/keyboard';
import { IPC_INVOKE_CHANNEL } from '../../../main/core/contract/kiosk-api';
import type { LogFields } from '../../../main/core/log';
import { KioskController, outOfOrderView } from '../../../main/core/session/kiosk-controller';
import { ActionCallerError, refuseAllActions } from '../../../main/core/session/dispatch-action';
import { handleKioskInvoke, registerKioskIpc, type KioskActions, type KioskInvokeEvent } from '../../../main/shells/electron/ipc';
import type { LanguageCode } from '../../../main/core/config/languages';
import { MemoDesk } from '../../../main/core/memo/memo-desk';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock } from '../../support/fake-clock';
import * as fake from '../fakes/electron';
import type { PinLockState } from '../../../main/core/staff/pin-lockout';
import { StaffGate } from '../../../main/core/staff/staff-gate';
import { RecordingShell } from '../../support/recording-shell';

vi.mock('electron', () => import('../fakes/electron'));

const VIEW = outOfOrderView('config');

function fakeActions() {
  return {
    getView: vi.fn(async () => VIEW),
    openTile: vi.fn(async (_tileId: string) => {}),
    goHome: vi.fn(async () => {}),
    requestEndSession: vi.fn(async () => {}),
    confirmEndSession: vi.fn(async () => {}),
    dismissOverlay: vi.fn(async () => {}),
    stillHere: vi.fn(async () => {}),
    retrySite: vi.fn(async () => {}),
    reportActivity: vi.fn(async () => {}),
    openMemo: vi.fn(async () => {}),
    previewMemo: vi.fn(async () => Promise.reject(new Error('not in this test'))),
    printMemo: vi.fn(async () => ({ ok: true as const })),
    setGuidePanel: vi.fn(async (_open: boolean, _side: 'left' | 'right') => {}),
    openForgottenPassword: vi.fn(async () => {}),
    typeOnSite: vi.fn(async (_input: KeyboardInput) => {}),
    hideKeyboard: vi.fn(async () => {}),
    setTextSize: vi.fn(async (_size: string) => {}),
    attachThumbnail: vi.fn(async (_fileId: string) => null),
    attachFiles: vi.fn(async (_fileIds: string[]) => ({ ok: true as const })),
    scanDocument: vi.fn(async (_step: string) => {}),
    answerSiteDialog: vi.fn(async (_id: number, _choice: string, _text: string) => {}),
    printDocument: vi.fn(async (_copies: number) => {}),
    staffWayIn: vi.fn(async () => {}),
    staffPinSubmit: vi.fn(async (_pin: string) => {}),
    staffCancelPin: vi.fn(async () => {}),
    staffOpen: vi.fn(async (_screen: 'home' | 'health' | 'counters' | 'errors') => {}),
    staffSetMaintenance: vi.fn(async (_on: boolean) => {}),
    staffEndVisitorSession: vi.fn(async () => {}),
    staffPrintTestPage: vi.fn(async () => {}),
    staffPrintSampleMemo: vi.fn(async () => {}),
    staffReloadStation: vi.fn(async () => {}),
    staffExportCounters: vi.fn(async (_to: 'usb' | 'screen') => {}),
    staffRestart: vi.fn(async () => {}),
    staffExit: vi.fn(async () => {}),
    staffLeave: vi.fn(async () => {}),
    printShownDocument: vi.fn(async () => {}),
    saveDocumentToUsb: vi.fn(async () => {}),
  } satisfies KioskActions;
}

let ui: fake.FakeWebContents;
let actions: ReturnType<typeof fakeActions>;
type LogCall = (event: string, fields?: LogFields) => void;
let log: { info: Mock<LogCall>; warn: Mock<LogCall>; error: Mock<LogCall> };

beforeEach(() => {
  fake.resetElectronFake();
  ui = new fake.FakeWebContents(fake.session.fromPartition('kiosk-ui'), {});
  ui.mainFrame.url = 'kiosk://app/index.html';
  actions = fakeActions();
  log = { info: vi.fn<LogCall>(), warn: vi.fn<LogCall>(), error: vi.fn<LogCall>() };
});

function fromUi(frame: fake.FakeFrame | null = ui.mainFrame): KioskInvokeEvent {
  return fake.asElectron<KioskInvokeEvent>({ sender: ui, senderFrame: frame });
}

function invoke(event: KioskInvokeEvent, ...args: unknown[]): Promise<unknown> {
  return handleKioskInvoke(event, args, { uiContents: fake.asElectron<WebContents>(ui), actions, log });
}

describe('kiosk IPC handler', () => {
  it('dispatches an action from the kiosk UI', async () => {
    await invoke(fromUi(), 'openTile', 'caf');
    expect(actions.openTile).toHaveBeenCalledWith('caf');
    await invoke(fromUi(), 'confirmEndSession');
    expect(actions.confirmEndSession).toHaveBeenCalledOnce();
    await expect(invoke(fromUi(), 'getView')).resolves.toEqual(VIEW);
  });

  it('refuses a foreign sender, even one that names a good action', async () => {
    const site = new fake.FakeWebContents(fake.session.fromPartition('visitor-1-a'), {});
    site.mainFrame.url = 'kiosk://app/index.html';
    await expect(invoke(fake.asElectron<KioskInvokeEvent>({ sender: site, senderFrame: site.mainFrame }), 'confirmEndSession')).rejects.toThrow(/^refused$/);
    expect(actions.confirmEndSession).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith('ipc-refused', { cause: 'sender' });
  });

  it('refuses an iframe of the UI, a UI frame that is gone, and a UI that left kiosk://app/', async () => {
    const iframe = new fake.FakeFrame('kiosk://app/frame.html', ui.mainFrame);
    await expect(invoke(fromUi(iframe), 'goHome')).rejects.toThrow('refused');
    await expect(invoke(fromUi(null), 'goHome')).rejects.toThrow('refused');
    ui.mainFrame.url = 'https://www.example.org/';
    await expect(invoke(fromUi(), 'goHome')).rejects.toThrow('refused');
    expect(actions.goHome).not.toHaveBeenCalled();
  });

  it('refuses an unknown action', async () => {
    for (const name of ['openDevTools', 'constructor', '__proto__', 'onViewChanged', 42, undefined]) {
      await expect(invoke(fromUi(), name), String(name)).rejects.toThrow('refused');
    }
    expect(log.warn).toHaveBeenCalledWith('ipc-refused', { cause: 'action' });
  });

  it('refuses arguments of the wrong type or number', async () => {
    await expect(invoke(fromUi(), 'openTile')).rejects.toThrow('refused');
    await expect(invoke(fromUi(), 'openTile', 42)).rejects.toThrow('refused');
    await expect(invoke(fromUi(), 'openTile', { id: 'caf' })).rejects.toThrow('refused');
    await expect(invoke(fromUi(), 'openTile', 'caf', 'extra')).rejects.toThrow('refused');
    await expect(invoke(fromUi(), 'openTile', '../caf')).rejects.toThrow('refused');
    await expect(invoke(fromUi(), 'openTile', 'x'.repeat(500))).rejects.toThrow('refused');
    await expect(invoke(fromUi(), 'goHome', 'extra')).rejects.toThrow('refused');
    expect(actions.openTile).not.toHaveBeenCalled();
    expect(actions.goHome).not.toHaveBeenCalled();
  });

  it('refuses a memo of services that are no memo service of the station, or the same one twice (issue 10)', async () => {
    const printed: unknown[] = [];
    const config = demoStationConfig(8470);
    const desk = new MemoDesk(config, { kind: 'receipt', print: (document) => (printed.push(document), Promise.resolve({ ok: true as const })) }, () => ({ size: 1, modules: [true] }), new FakeClock(), log);
    const withDesk: KioskActions = {
      ...fakeActions(),
      printMemo: (ids: string[], language: LanguageCode) => desk.print(ids, language),
      previewMemo: (ids: string[], language: LanguageCode) => Promise.resolve(desk.preview(ids, language)),
    };
    const call = (...args: unknown[]) => handleKioskInvoke(fromUi(), args, { uiContents: fake.asElectron<WebContents>(ui), actions: withDesk, log });
    for (const ids of [['nope'], ['caf', 'caf'], Array<string>(50).fill('caf'), ['caf', 'nope'], []]) {
      await expect(call('printMemo', ids, 'fr')).rejects.toThrow('refused');
      if (ids.length > 0) await expect(call('previewMemo', ids, 'fr')).rejects.toThrow('refused');
    }
    expect(printed).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith('ipc-refused', { cause: 'arguments' });
    await expect(call('printMemo', ['caf', 'anef'], 'fr')).resolves.toEqual({ ok: true });
    expect(printed).toHaveLength(1);
  });

  it('dispatches the guide, password and keyboard actions with their arguments', async () => {
    await invoke(fromUi(), 'setGuidePanel', true, 'right');
    expect(actions.setGuidePanel).toHaveBeenCalledWith(true, 'right');
    await invoke(fromUi(), 'openForgottenPassword');
    expect(actions.openForgottenPassword).toHaveBeenCalledOnce();
    await invoke(fromUi(), 'typeOnSite', { kind: 'text', text: 'é' });
    await invoke(fromUi(), 'typeOnSite', { kind: 'key', key: 'Backspace' });
    expect(actions.typeOnSite.mock.calls).toEqual([[{ kind: 'text', text: 'é' }], [{ kind: 'key', key: 'Backspace' }]]);
    await invoke(fromUi(), 'hideKeyboard');
    expect(actions.hideKeyboard).toHaveBeenCalledOnce();
  });

  it('refuses the new actions with wrong arguments, without logging what was typed', async () => {
    const refused: [string, ...unknown[]][] = [
      ['setGuidePanel', true],
      ['setGuidePanel', 'yes', 'left'],
      ['setGuidePanel', true, 'up'],
      ['setGuidePanel', true, 'left', 'extra'],
      ['openForgottenPassword', 'https://www.example.org/'],
      ['hideKeyboard', true],
      ['typeOnSite'],
      ['typeOnSite', 'secret'],
      ['typeOnSite', { kind: 'text', text: '' }],
      ['typeOnSite', { kind: 'text', text: 'motdepasse-entier' }],
      ['typeOnSite', { kind: 'text', text: '\n' }],
      ['typeOnSite', { kind: 'text', text: 'a', extra: 1 }],
      ['typeOnSite', { kind: 'key', key: 'Escape' }],
      ['typeOnSite', { kind: 'key', key: 'Enter' }, 'extra'],
    ];
    for (const [action, ...args] of refused) await expect(invoke(fromUi(), action, ...args), `${action} ${JSON.stringify(args)}`).rejects.toThrow(/^refused$/);
    expect(actions.setGuidePanel).not.toHaveBeenCalled();
    expect(actions.openForgottenPassword).not.toHaveBeenCalled();
    expect(actions.hideKeyboard).not.toHaveBeenCalled();
    expect(actions.typeOnSite).not.toHaveBeenCalled();
    expect(log.warn.mock.calls.every(([event, fields]) => event === 'ipc-refused' && JSON.stringify(fields) === '{"cause":"arguments"}')).toBe(true);
    expect(log.warn).toHaveBeenCalledTimes(refused.length);
  });

  it('refuses a staff call the dispatcher turns down, as a refusal of its caller', async () => {
    const staffOnly = { ...actions, goHome: () => Promise.reject(new ActionCallerError('goHome')) };
    const refusal = await handleKioskInvoke(fromUi(), ['goHome'], { uiContents: fake.asElectron<WebContents>(ui), actions: staffOnly, log }).then(
      () => null,
      (error: unknown) => error as Error & { cause?: Error & { cause?: Error } },
    );
    expect(refusal?.message).toBe('refused');
    expect(refusal?.cause?.cause?.message).toBe('goHome: staff only');
    expect(log.warn).toHaveBeenCalledWith('ipc-refused', { cause: 'caller' });
  });

  it('refuses a keyboard key from the site view', async () => {
    const site = new fake.FakeWebContents(fake.session.fromPartition('visitor-1-a'), {});
    site.mainFrame.url = 'https://www.caf.fr/';
    await expect(invoke(fake.asElectron<KioskInvokeEvent>({ sender: site, senderFrame: site.mainFrame }), 'typeOnSite', { kind: 'text', text: 'a' })).rejects.toThrow('refused');
    expect(actions.typeOnSite).not.toHaveBeenCalled();
  });

  it('is registered on the invoke channel', async () => {
    registerKioskIpc(fake.asElectron<IpcMain>(fake.ipcMain), { uiContents: fake.asElectron<WebContents>(ui), actions });
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, { sender: ui, senderFrame: ui.mainFrame }, 'stillHere');
    expect(actions.stillHere).toHaveBeenCalledOnce();
    await expect(fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, { sender: {}, senderFrame: ui.mainFrame }, 'stillHere')).rejects.toThrow('refused');
  });
});

describe('staff actions over the fake IPC (issue 14)', () => {
  /** A real controller with staff mode (PIN 482913, lock state in memory), served by the registered handler as main.ts does. */
  async function stationWithStaffMode() {
    const clock = new FakeClock();
    let lock: PinLockState | 'missing' = 'missing';
    const gate = new StaffGate({ kind: 'ready', verifier: { verify: (entry) => Promise.resolve(entry === '482913') } }, { load: () => Promise.resolve(lock), save: (state) => Promise.resolve(void (lock = state)) }, clock, log);
    const saved: boolean[] = [];
    const shell = new RecordingShell();
    const controller = new KioskController(demoStationConfig(8470), shell, clock, log, { staff: {
      services: {
        gate,
        healthAtAGlance: () => Promise.resolve([]),
        countersTable: () => [],
        countersCsv: () => '',
        exportCounters: () => Promise.resolve({ kind: 'screen', csv: '' }),
        recentProblems: () => [],
        reloadStationFile: () => Promise.resolve({ ok: false, problems: [] }),
        maintenance: () => Promise.resolve(false),
        setMaintenance: (on) => Promise.resolve(void saved.push(on)),
        services: [],
      },
      printing: null,
      control: null,
    } });
    await controller.start();
    registerKioskIpc(fake.asElectron<IpcMain>(fake.ipcMain), { uiContents: fake.asElectron<WebContents>(ui), actions: controller, log, staffCapability: () => controller.staffCapability() });
    const send = (...args: unknown[]) => fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, { sender: ui, senderFrame: ui.mainFrame }, ...args);
    return { controller, shell, saved, send };
  }

  it('a forged staff call from the kiosk UI is refused until the right PIN, and again after staff mode ends', async () => {
    const { controller, shell, saved, send } = await stationWithStaffMode();
    // No staff session: refused, whatever the renderer sends along (nothing over IPC is the capability).
    await expect(send('staffSetMaintenance', true)).rejects.toThrow(/^refused$/);
    await expect(send('staffSetMaintenance', true, { kind: 'staff-capability' })).rejects.toThrow(/^refused$/);
    await expect(send('staffEndVisitorSession')).rejects.toThrow(/^refused$/);
    expect(log.warn).toHaveBeenCalledWith('ipc-refused', { cause: 'caller' });
    // The PIN pad, a wrong PIN: still refused.
    await send('staffWayIn');
    await send('staffPinSubmit', '111222');
    await expect(send('staffSetMaintenance', true)).rejects.toThrow(/^refused$/);
    expect(saved).toEqual([]);
    // The right PIN: the staff session's capability is passed by the main process.
    await send('staffPinSubmit', '482913');
    expect(shell.views.at(-1)?.staff?.name).toBe('open');
    await send('staffSetMaintenance', true);
    expect(saved).toEqual([true]);
    await send('staffLeave');
    await controller.wipeSettled();
    await expect(send('staffSetMaintenance', false)).rejects.toThrow(/^refused$/);
    expect(saved).toEqual([true]);
    controller.stop();
  });

  it('a PIN that is not 6 to 12 digits is refused as arguments and never tried', async () => {
    const { send, shell } = await stationWithStaffMode();
    await send('staffWayIn');
    for (const pin of ['12345', '1234567890123', 'abcdef', 482913, '48291 3']) await expect(send('staffPinSubmit', pin), String(pin)).rejects.toThrow(/^refused$/);
    const pad = shell.views.at(-1)?.staff;
    expect(pad).toMatchObject({ name: 'pin', gate: { kind: 'ready', triesLeft: 5 } });
  });
});

describe('a station that refuses', () => {
  it('shows its view and does nothing else', async () => {
    const refusing = refuseAllActions(VIEW);
    await expect(refusing.getView()).resolves.toEqual(VIEW);
    await expect(refusing.openTile('caf')).resolves.toBeUndefined();
    await expect(refusing.confirmEndSession()).resolves.toBeUndefined();
  });
});
