import { describe, expect, it, vi } from 'vitest';
import { action, actionNames, ActionArgumentsError, ActionCallerError, type ActionHandlers, type ActionTable } from '../../../main/core/contract/action-table';
import { KIOSK_ACTION_TABLE } from '../../../main/core/contract/actions';
import { KIOSK_ACTIONS, isKioskAction, type KioskActions } from '../../../main/core/contract/kiosk-api';
import { dispatchAction, dispatchKioskAction, refuseAllActions, refusingHandlers } from '../../../main/core/session/dispatch-action';
import { outOfOrderView } from '../../../main/core/session/kiosk-controller';
import { grantStaffCapability, holdsStaffCapability, revokeStaffCapability, type StaffCapability } from '../../../main/core/session/staff-capability';

const VIEW = outOfOrderView('config');

const isMinutes = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 60;
const nothing = (): Promise<void> => Promise.resolve();

/** A table with a staff action, as issue 14 will add them to the kiosk's. */
const TEST_TABLE = {
  look: action<[]>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: nothing }),
  pauseStation: action<[minutes: number], { pausedFor: number }>({
    caller: 'staff',
    args: [isMinutes],
    answers: 'value',
    outOfOrder: () => Promise.reject(new Error('refused')),
  }),
} satisfies ActionTable;

function testHandlers() {
  return {
    look: vi.fn(nothing),
    pauseStation: vi.fn((minutes: number) => Promise.resolve({ pausedFor: minutes })),
  } satisfies ActionHandlers<typeof TEST_TABLE>;
}

describe('the action table', () => {
  it('is where the kiosk\'s action names come from, and only those are actions', () => {
    expect(KIOSK_ACTIONS).toEqual(Object.keys(KIOSK_ACTION_TABLE));
    expect(KIOSK_ACTIONS.length).toBeGreaterThan(10);
    for (const name of KIOSK_ACTIONS) expect(isKioskAction(name), name).toBe(true);
    for (const name of ['onViewChanged', 'constructor', '__proto__', 'toString', 42, null]) expect(isKioskAction(name), String(name)).toBe(false);
    expect(actionNames(TEST_TABLE)).toEqual(['look', 'pauseStation']);
  });

  it('gives the out-of-order station one method per action, each answering as its entry says', async () => {
    const refusing = refuseAllActions(VIEW);
    expect(Object.keys(refusing)).toEqual([...KIOSK_ACTIONS]);
    await expect(refusing.getView()).resolves.toEqual(VIEW);
    await expect(refusing.previewMemo(['caf'], 'fr')).rejects.toThrow('refused');
    await expect(refusing.printMemo(['caf'], 'fr')).resolves.toEqual({ ok: false, problem: 'not-configured' });
    await expect(refusing.attachThumbnail('f1')).resolves.toBeNull();
    await expect(refusing.attachFiles(['f1'])).resolves.toEqual({ ok: false, problems: [{ code: 'failed' }] });
    const answering = new Set(['getView', 'previewMemo', 'printMemo', 'attachThumbnail', 'attachFiles']);
    for (const name of KIOSK_ACTIONS.filter((name) => !answering.has(name))) {
      await expect((refusing[name] as () => Promise<unknown>)(), name).resolves.toBeUndefined();
    }
  });

  it('says which actions answer something: exactly those whose out-of-order answer is not nothing', async () => {
    const refusing = refuseAllActions(VIEW);
    for (const name of KIOSK_ACTIONS) {
      const answer = await (refusing[name] as () => Promise<unknown>)().then(
        (value) => value,
        () => 'rejected',
      );
      expect(KIOSK_ACTION_TABLE[name].answers, name).toBe(answer === undefined ? 'nothing' : 'value');
    }
  });

  it('refuses every action called with one argument too many, naming the action', async () => {
    const refusing = refuseAllActions(VIEW);
    const staff = grantStaffCapability();
    for (const name of KIOSK_ACTIONS) {
      const tooMany = [...KIOSK_ACTION_TABLE[name].args.map(() => 'x'), 'extra'];
      await expect(dispatchKioskAction(refusing, name, tooMany, staff), name).rejects.toThrow(new ActionArgumentsError(name));
      await expect(dispatchKioskAction(refusing, name, tooMany, staff), name).rejects.toThrow(`${name}: wrong arguments`);
    }
    revokeStaffCapability(staff);
  });

  it('refuses every staff action to a caller without the staff capability, whatever the arguments', async () => {
    const refusing = refuseAllActions(VIEW);
    const staffActions = KIOSK_ACTIONS.filter((name) => KIOSK_ACTION_TABLE[name].caller === 'staff');
    expect(staffActions).toEqual(expect.arrayContaining(['staffOpen', 'staffSetMaintenance', 'staffEndVisitorSession', 'staffPrintTestPage', 'staffReloadStation', 'staffExportCounters', 'staffRestart', 'staffExit', 'staffLeave']));
    // The way in and the PIN pad are the visitor's side: nothing behind them without the right PIN.
    expect(KIOSK_ACTION_TABLE.staffWayIn.caller).toBe('visitor');
    expect(KIOSK_ACTION_TABLE.staffPinSubmit.caller).toBe('visitor');
    const revoked = grantStaffCapability();
    revokeStaffCapability(revoked);
    for (const name of staffActions) {
      const args = KIOSK_ACTION_TABLE[name].args.map(() => 'x');
      for (const forged of [undefined, { kind: 'staff-capability' }, Object.freeze({ kind: 'staff-capability' }), revoked]) {
        await expect(dispatchKioskAction(refusing, name, args, forged as never), name).rejects.toThrow(new ActionCallerError(name));
      }
    }
  });
});

describe('who may call an action', () => {
  it('serves a visitor action to anyone', async () => {
    const handlers = testHandlers();
    await dispatchAction(TEST_TABLE, handlers, 'look', []);
    expect(handlers.look).toHaveBeenCalledOnce();
  });

  it('refuses a staff action without the staff capability, before reading its arguments', async () => {
    const handlers = testHandlers();
    await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', [5])).rejects.toThrow(new ActionCallerError('pauseStation'));
    await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', ['not minutes'])).rejects.toBeInstanceOf(ActionCallerError);
    expect(handlers.pauseStation).not.toHaveBeenCalled();
  });

  it('refuses a look-alike of the capability: a copy, a forgery, one sent across a process boundary', async () => {
    const handlers = testHandlers();
    const real = grantStaffCapability();
    try {
      const lookAlikes = [{ kind: 'staff-capability' }, structuredClone(real), JSON.parse(JSON.stringify(real)) as unknown, Object.create(real) as unknown, { ...real }];
      for (const forged of lookAlikes) {
        expect(holdsStaffCapability(forged)).toBe(false);
        await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', [5], forged as StaffCapability)).rejects.toBeInstanceOf(ActionCallerError);
      }
      expect(handlers.pauseStation).not.toHaveBeenCalled();
    } finally {
      revokeStaffCapability(real);
    }
  });

  it('serves a staff action to the holder of the capability, with its arguments checked, until the capability is revoked', async () => {
    const handlers = testHandlers();
    const capability = grantStaffCapability();
    await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', [5], capability)).resolves.toEqual({ pausedFor: 5 });
    expect(handlers.pauseStation).toHaveBeenCalledWith(5);
    await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', [600], capability)).rejects.toThrow(new ActionArgumentsError('pauseStation'));
    await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', [5, 'extra'], capability)).rejects.toBeInstanceOf(ActionArgumentsError);
    revokeStaffCapability(capability);
    await expect(dispatchAction(TEST_TABLE, handlers, 'pauseStation', [5], capability)).rejects.toBeInstanceOf(ActionCallerError);
    expect(handlers.pauseStation).toHaveBeenCalledOnce();
  });

  it('derives a staff action\'s out-of-order answer from its entry too', async () => {
    const refusing = refusingHandlers(TEST_TABLE, VIEW);
    await expect(refusing.look()).resolves.toBeUndefined();
    await expect(refusing.pauseStation(5)).rejects.toThrow('refused');
  });

  it('turns a handler\'s immediate throw into a rejection', async () => {
    const handlers = {
      ...testHandlers(),
      look: () => {
        throw new ActionArgumentsError('look');
      },
    };
    const outcome = dispatchAction(TEST_TABLE, handlers, 'look', []);
    await expect(outcome).rejects.toBeInstanceOf(ActionArgumentsError);
  });
});

describe('the compiler holds the derived pieces to the table', () => {
  it('demands a handler for every entry, of the entry\'s arguments and result', () => {
    const { setTextSize: _left, ...allButOne } = refuseAllActions(VIEW);
    // @ts-expect-error an action of the table without its handler does not compile
    const incomplete: KioskActions = allButOne;
    // @ts-expect-error nor does a table with a staff action and a server without it
    const withoutStaff: ActionHandlers<typeof TEST_TABLE> = { look: nothing };
    const wrongResult: ActionHandlers<typeof TEST_TABLE> = {
      look: nothing,
      // @ts-expect-error a handler answering something else than its entry's result
      pauseStation: (minutes: number) => Promise.resolve({ minutes }),
    };
    // @ts-expect-error a check that does not narrow to the declared argument type
    action<[size: number]>({ caller: 'visitor', args: [(value: unknown): value is string => typeof value === 'string'], answers: 'nothing', outOfOrder: nothing });
    // @ts-expect-error an action answering nothing cannot say it answers a value
    action<[]>({ caller: 'visitor', args: [], answers: 'value', outOfOrder: nothing });
    // @ts-expect-error nor can an action answering a value say it answers nothing
    action<[], number>({ caller: 'visitor', args: [], answers: 'nothing', outOfOrder: () => Promise.resolve(1) });
    expect([incomplete, withoutStaff, wrongResult].every((value) => typeof value === 'object')).toBe(true);
  });
});
