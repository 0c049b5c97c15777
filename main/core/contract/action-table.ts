import type { KioskView } from './kiosk-view';

/**
 * The machinery of an action table (the kiosk's own is contract/actions.ts): each
 * action is written once, with the checks of its arguments, what it answers, who
 * may call it and what an out-of-order station answers. The API types, the
 * preload, the Chromium bridge, the dispatcher and the refusing station are
 * derived from the table (contract/kiosk-api.ts, session/dispatch-action.ts).
 * Pure: the sandboxed preload bundles it.
 */

/**
 * Who may call an action: the kiosk UI (`visitor`), or a staff session, which
 * must present the staff capability (session/staff-capability.ts) that the
 * kiosk UI never holds.
 */
export type ActionCaller = 'visitor' | 'staff';

/** Checks one argument as it arrives from the other process, and narrows it. */
export type ArgumentCheck<T> = (value: unknown) => value is T;

/** `nothing` for an action resolving to nothing, `value` for one that answers. */
export type ActionAnswer<Result> = [Result] extends [void] ? 'nothing' : 'value';

export interface ActionEntry<Args extends readonly unknown[], Result> {
  readonly caller: ActionCaller;
  /** One check per argument, in order; a call with more or fewer arguments is refused. */
  readonly args: { readonly [K in keyof Args]: ArgumentCheck<Args[K]> };
  /** Read by the preload: an action that answers nothing resolves to undefined, whatever came back. */
  readonly answers: ActionAnswer<Result>;
  /** What a station that cannot serve visitors answers (invalid station file, shell failure). */
  readonly outOfOrder: (view: KioskView) => Promise<Result>;
}

/**
 * One table entry. The argument tuple (labelled: the labels become the API's
 * parameter names) and the result are written as type arguments; the compiler
 * then holds the checks, `answers` and `outOfOrder` to them.
 */
export function action<Args extends readonly unknown[], Result = void>(entry: ActionEntry<Args, Result>): ActionEntry<Args, Result> {
  return Object.freeze(entry);
}

/** What every entry of any table is, whatever its arguments and result. */
export interface AnyActionEntry {
  readonly caller: ActionCaller;
  readonly args: readonly ArgumentCheck<unknown>[];
  readonly answers: 'nothing' | 'value';
  readonly outOfOrder: (view: KioskView) => Promise<unknown>;
}

export type ActionTable = Readonly<Record<string, AnyActionEntry>>;

export type ActionArgs<Entry> = Entry extends ActionEntry<infer Args, infer _Result> ? Args : never;
export type ActionResult<Entry> = Entry extends ActionEntry<infer _Args, infer Result> ? Result : never;

/** The methods that serve a table: one per action, its arguments checked, its result a promise. */
export type ActionHandlers<Table extends ActionTable> = {
  -readonly [Name in keyof Table]: (...args: ActionArgs<Table[Name]>) => Promise<ActionResult<Table[Name]>>;
};

/** The table's action names, in the table's order. */
export function actionNames<Table extends ActionTable>(table: Table): readonly (keyof Table & string)[] {
  return Object.freeze(Object.keys(table) as (keyof Table & string)[]);
}

/** True when `args` are exactly what the entry takes: as many as its checks, each passing its own. */
export function acceptsArguments(entry: AnyActionEntry, args: readonly unknown[]): boolean {
  return args.length === entry.args.length && entry.args.every((check, index) => check(args[index]));
}

/** An action called with arguments it does not take. */
export class ActionArgumentsError extends Error {
  constructor(action: string) {
    super(`${action}: wrong arguments`);
    this.name = 'ActionArgumentsError';
  }
}

/** A staff action called without the staff capability. */
export class ActionCallerError extends Error {
  constructor(action: string) {
    super(`${action}: staff only`);
    this.name = 'ActionCallerError';
  }
}
