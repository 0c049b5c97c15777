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
    answerSiteDialog: vi.fn(done),
    printDocument: vi.fn(done),
    printShownDocument: vi.fn(done),
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
