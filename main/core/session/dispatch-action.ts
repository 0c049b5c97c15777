import type { KioskAction, KioskApi } from '../contract/kiosk-api';

type ActionTarget = Omit<KioskApi, 'onViewChanged'>;

/**
 * Calls a kiosk action coming from the UI, after checking its arguments: the
 * UI is trusted code, but what crosses a process boundary is checked anyway.
 * Both shells use this one function, so they accept exactly the same calls.
 */
export function dispatchKioskAction(target: ActionTarget, action: KioskAction, args: readonly unknown[]): Promise<unknown> {
  switch (action) {
    case 'openTile': {
      const [tileId] = args;
      if (args.length !== 1 || typeof tileId !== 'string' || tileId.length > 100) {
        return Promise.reject(new Error('openTile takes one tile id'));
      }
      return target.openTile(tileId);
    }
    default:
      if (args.length !== 0) return Promise.reject(new Error(`${action} takes no arguments`));
      return target[action]();
  }
}

/** What a station that cannot serve visitors answers: the view, and nothing else. */
export function refuseAllActions(view: () => ReturnType<ActionTarget['getView']>): ActionTarget {
  const refuse = () => Promise.resolve();
  return {
    getView: view,
    openTile: refuse,
    goHome: refuse,
    requestEndSession: refuse,
    confirmEndSession: refuse,
    dismissOverlay: refuse,
    stillHere: refuse,
    retrySite: refuse,
    reportActivity: refuse,
  };
}
