import { KIOSK_ACTION_TABLE } from '../../main/core/contract/actions';
import { KIOSK_ACTIONS, type KioskAction, type KioskApi } from '../../main/core/contract/kiosk-api';
import type { KioskView } from '../../main/core/contract/kiosk-view';

/** `window.kiosk`, or null when the page was opened outside the kiosk shell. */
export function kioskApi(): KioskApi | null {
  const candidate: unknown = (window as Partial<Window>).kiosk;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const api = candidate as Partial<KioskApi>;
  return typeof api.getView === 'function' && typeof api.onViewChanged === 'function' ? (api as KioskApi) : null;
}

export interface ViewSink {
  receiveView(view: KioskView): void;
  markBridgeUnavailable(): void;
}

/**
 * Subscribes first, then asks for the current view, so no change can slip between
 * the two; a view pushed while getView() was pending is newer and wins.
 * Returns the unsubscribe function.
 */
export async function connectToKiosk(sink: ViewSink, api: KioskApi | null = kioskApi()): Promise<() => void> {
  if (api === null) {
    sink.markBridgeUnavailable();
    return () => {};
  }
  let pushed = false;
  let unsubscribe: () => void = () => {};
  try {
    unsubscribe = api.onViewChanged((view) => {
      pushed = true;
      sink.receiveView(view);
    });
    const view = await api.getView();
    if (!pushed) sink.receiveView(view);
  } catch (error: unknown) {
    console.error('[kiosk-ui] cannot reach the main process', error);
    unsubscribe();
    sink.markBridgeUnavailable();
    return () => {};
  }
  return unsubscribe;
}

/** Calls one action of the main process; a failure is logged, the main process stays in charge. */
function run(call: (api: KioskApi) => Promise<unknown>): void {
  const api = kioskApi();
  if (api === null) return;
  call(api).catch((error: unknown) => {
    console.error('[kiosk-ui] action failed', error);
  });
}

/** The actions that answer nothing (the table's `answers: 'nothing'`), as the UI's buttons fire them. */
type FireAndForget = {
  [Action in KioskAction as (typeof KIOSK_ACTION_TABLE)[Action]['answers'] extends 'nothing' ? Action : never]: (...args: Parameters<KioskApi[Action]>) => void;
};

/**
 * One fire-and-forget call per action of the table that answers nothing; those that
 * answer are called on `kioskApi()`. Only the action's own arguments are passed on:
 * `onClick={kioskActions.goHome}` gets a click event, which is not an argument of goHome.
 */
export const kioskActions: FireAndForget = Object.fromEntries(
  KIOSK_ACTIONS.filter((action) => KIOSK_ACTION_TABLE[action].answers === 'nothing').map((action) => {
    const arity = KIOSK_ACTION_TABLE[action].args.length;
    const fire = (...args: unknown[]): void => run((api) => (api[action] as (...args: unknown[]) => Promise<unknown>)(...args.slice(0, arity)));
    return [action, fire];
  }),
) as FireAndForget;
