import { describe, expect, it, vi } from 'vitest';
import { dispatchKioskAction, refuseAllActions, ActionArgumentsError, type KioskActions } from '../../../main/core/session/dispatch-action';
import { outOfOrderView } from '../../../main/core/session/kiosk-controller';

function recordingActions(): KioskActions {
  const done = () => Promise.resolve();
  return {
    getView: vi.fn(() => Promise.resolve(outOfOrderView('config'))),
    openTile: vi.fn(done),
    goHome: vi.fn(done),
    requestEndSession: vi.fn(done),
    confirmEndSession: vi.fn(done),
    dismissOverlay: vi.fn(done),
    stillHere: vi.fn(done),
    retrySite: vi.fn(done),
    reportActivity: vi.fn(done),
    openMemo: vi.fn(done),
    previewMemo: vi.fn(() => Promise.reject(new Error('not in this test'))),
    printMemo: vi.fn(() => Promise.resolve({ ok: true as const })),
    setGuidePanel: vi.fn(done),
    openForgottenPassword: vi.fn(done),
    typeOnSite: vi.fn(done),
    hideKeyboard: vi.fn(done),
    setTextSize: vi.fn(done),
    attachThumbnail: vi.fn(() => Promise.resolve(null)),
    attachFiles: vi.fn(() => Promise.resolve({ ok: true as const })),
    scanDocument: vi.fn(done),
    answerSiteDialog: vi.fn(done),
    printDocument: vi.fn(done),
    staffWayIn: vi.fn(done),
    staffPinSubmit: vi.fn(done),
    staffCancelPin: vi.fn(done),
    staffOpen: vi.fn(done),
    staffSetMaintenance: vi.fn(done),
    staffEndVisitorSession: vi.fn(done),
    staffPrintTestPage: vi.fn(done),
    staffPrintSampleMemo: vi.fn(done),
    staffReloadStation: vi.fn(done),
    staffExportCounters: vi.fn(done),
    staffRestart: vi.fn(done),
    staffExit: vi.fn(done),
    staffLeave: vi.fn(done),
    printShownDocument: vi.fn(done),
    saveDocumentToUsb: vi.fn(done),
  };
}

describe('dispatching the UI\'s actions', () => {
  it('passes a well-formed tile id to openTile', async () => {
    const actions = recordingActions();
    await dispatchKioskAction(actions, 'openTile', ['caf']);
    expect(actions.openTile).toHaveBeenCalledWith('caf');
  });

  it.each([[[]], [[42]], [['caf', 'anef']], [['../../etc']], [['x'.repeat(65)]], [['CAF']]])('refuses openTile(%j)', async (args) => {
    const actions = recordingActions();
    await expect(dispatchKioskAction(actions, 'openTile', args)).rejects.toBeInstanceOf(ActionArgumentsError);
    expect(actions.openTile).not.toHaveBeenCalled();
  });

  it('refuses arguments to an action that takes none', async () => {
    const actions = recordingActions();
    await expect(dispatchKioskAction(actions, 'confirmEndSession', [true])).rejects.toBeInstanceOf(ActionArgumentsError);
    expect(actions.confirmEndSession).not.toHaveBeenCalled();
    await dispatchKioskAction(actions, 'confirmEndSession', []);
    expect(actions.confirmEndSession).toHaveBeenCalledOnce();
  });

  it('checks the memo\'s services and language', async () => {
    const actions = recordingActions();
    await dispatchKioskAction(actions, 'printMemo', [['caf', 'anef'], 'ar']);
    expect(actions.printMemo).toHaveBeenCalledWith(['caf', 'anef'], 'ar');
    for (const args of [[['caf'], 'xx'], ['caf', 'fr'], [[1], 'fr'], [['caf']], [Array(51).fill('caf'), 'fr']]) {
      await expect(dispatchKioskAction(actions, 'printMemo', args)).rejects.toBeInstanceOf(ActionArgumentsError);
    }
    expect(actions.printMemo).toHaveBeenCalledOnce();
  });

  it('passes the picker\'s opaque file ids, and never a path or an unbounded list', async () => {
    const actions = recordingActions();
    await dispatchKioskAction(actions, 'attachFiles', [['f1', 'f22']]);
    expect(actions.attachFiles).toHaveBeenCalledWith(['f1', 'f22']);
    for (const args of [[['/etc/passwd']], [['../f1']], [['f1', 'f1']], [Array.from({ length: 11 }, (_, index) => `f${index + 1}`)], ['f1'], [[1]], [['f1'], 'extra'], [['f1234567890']]]) {
      await expect(dispatchKioskAction(actions, 'attachFiles', args)).rejects.toBeInstanceOf(ActionArgumentsError);
    }
    expect(actions.attachFiles).toHaveBeenCalledOnce();
    await dispatchKioskAction(actions, 'attachThumbnail', ['f3']);
    await expect(dispatchKioskAction(actions, 'attachThumbnail', ['/tmp/x.png'])).rejects.toBeInstanceOf(ActionArgumentsError);
    expect(actions.attachThumbnail).toHaveBeenCalledOnce();
  });

  it('passes the scan\'s known steps only', async () => {
    const actions = recordingActions();
    for (const step of ['start', 'again', 'add', 'finish', 'cancel']) await dispatchKioskAction(actions, 'scanDocument', [step]);
    expect(actions.scanDocument).toHaveBeenCalledTimes(5);
    for (const args of [['print'], [], [['start']], ['start', 'now']]) {
      await expect(dispatchKioskAction(actions, 'scanDocument', args)).rejects.toBeInstanceOf(ActionArgumentsError);
    }
    expect(actions.scanDocument).toHaveBeenCalledTimes(5);
  });

  it('passes a known text size to setTextSize, and nothing else', async () => {
    const actions = recordingActions();
    await dispatchKioskAction(actions, 'setTextSize', ['larger']);
    expect(actions.setTextSize).toHaveBeenCalledWith('larger');
    for (const args of [[], ['huge'], [1.5], ['large', 'larger']]) {
      await expect(dispatchKioskAction(actions, 'setTextSize', args)).rejects.toBeInstanceOf(ActionArgumentsError);
    }
    expect(actions.setTextSize).toHaveBeenCalledOnce();
  });

  it('an out-of-order station shows its view and does nothing else', async () => {
    const view = outOfOrderView('config');
    const refusing = refuseAllActions(view);
    await expect(dispatchKioskAction(refusing, 'getView', [])).resolves.toEqual(view);
    await expect(dispatchKioskAction(refusing, 'openTile', ['caf'])).resolves.toBeUndefined();
  });
});
