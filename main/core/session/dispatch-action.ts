import { acceptsArguments, ActionArgumentsError, ActionCallerError, type ActionHandlers, type ActionTable } from '../contract/action-table';
import { KIOSK_ACTION_TABLE } from '../contract/actions';
import type { KioskAction, KioskActions } from '../contract/kiosk-api';
import type { KioskView } from '../contract/kiosk-view';
import { holdsStaffCapability, type StaffCapability } from './staff-capability';

export { ActionArgumentsError, ActionCallerError };
/** What serves the UI's actions: the KioskController, or a station that refuses them. */
export type { KioskActions };

/**
 * Calls an action of `table` on `target`, as its entry says: a staff action only
 * for a caller holding the staff capability (refused before its arguments are
 * even looked at), then only with the arguments its checks accept. What crosses
 * a process boundary is checked even from the trusted UI. Rejects, never throws.
 */
export function dispatchAction<Table extends ActionTable>(
  table: Table,
  target: ActionHandlers<Table>,
  action: keyof Table & string,
  args: readonly unknown[],
  capability?: StaffCapability,
): Promise<unknown> {
  const entry = table[action];
  if (entry === undefined || !Object.hasOwn(table, action)) return Promise.reject(new Error(`${action}: no such action`));
  if (entry.caller === 'staff' && !holdsStaffCapability(capability)) return Promise.reject(new ActionCallerError(action));
  if (!acceptsArguments(entry, args)) return Promise.reject(new ActionArgumentsError(action));
  const handler = target[action] as (...args: readonly unknown[]) => Promise<unknown>;
  try {
    // A handler's refusal may be thrown at once (the memo desk's): it is still a rejection.
    return Promise.resolve(handler.apply(target, [...args]));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Calls a kiosk action coming from the UI, checked against the kiosk's table.
 * Both shells use this one function, so they accept exactly the same calls.
 * No shell passes a capability today: the UI's calls are the visitor's.
 */
export function dispatchKioskAction(target: KioskActions, action: KioskAction, args: readonly unknown[], capability?: StaffCapability): Promise<unknown> {
  return dispatchAction(KIOSK_ACTION_TABLE, target, action, args, capability);
}

/** What a table's out-of-order station answers: each action its entry's `outOfOrder`. */
export function refusingHandlers<Table extends ActionTable>(table: Table, view: KioskView): ActionHandlers<Table> {
  const handlers: Record<string, () => Promise<unknown>> = {};
  for (const name of Object.keys(table)) {
    const entry = table[name];
    if (entry !== undefined) handlers[name] = () => entry.outOfOrder(view);
  }
  return handlers as ActionHandlers<Table>;
}

/**
 * A station that cannot serve visitors (invalid station file, shell failure):
 * the UI may read the out-of-order view; every other action does what its
 * table entry says (nothing, mostly).
 */
export function refuseAllActions(view: KioskView): KioskActions {
  return refusingHandlers(KIOSK_ACTION_TABLE, view);
}
