import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_INVOKE_CHANNEL, isKioskAction, type KioskApi } from '../../core/contract/kiosk-api';
import type { KioskView } from '../../core/contract/kiosk-view';
import type { KioskLog } from '../../core/log';
import { isKioskUiUrl } from './guards';

/** What the main process serves to the kiosk UI: the KioskController, or a station that refuses. */
export type KioskActions = Omit<KioskApi, 'onViewChanged'>;

export interface KioskIpcOptions {
  /** The kiosk UI's webContents: the only sender ever answered. */
  uiContents: WebContents;
  actions: KioskActions;
  log?: KioskLog;
}

export type KioskInvokeEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Tile ids as the station file allows them (core/config/station-config.ts), bounded. */
const TILE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

type RefusalCause = 'sender' | 'action' | 'arguments';

class RefusedCall extends Error {
  constructor(readonly refusalCause: RefusalCause) {
    // The renderer only ever sees 'refused': nothing to probe.
    super('refused');
  }
}

/**
 * One invoke from the renderer. Refused unless it comes from the kiosk UI's
 * main frame, on a kiosk://app/ page, naming a KioskApi action with arguments
 * of the right types.
 */
export async function handleKioskInvoke(event: KioskInvokeEvent, args: readonly unknown[], options: KioskIpcOptions): Promise<unknown> {
  try {
    if (!isTrustedSender(event, options.uiContents)) throw new RefusedCall('sender');
    const [action, ...rest] = args;
    if (!isKioskAction(action)) throw new RefusedCall('action');
    if (action === 'openTile') {
      const [tileId] = rest;
      if (rest.length !== 1 || typeof tileId !== 'string' || !TILE_ID.test(tileId)) throw new RefusedCall('arguments');
      return await options.actions.openTile(tileId);
    }
    if (rest.length !== 0) throw new RefusedCall('arguments');
    return await options.actions[action]();
  } catch (error) {
    if (error instanceof RefusedCall) {
      options.log?.warn('ipc-refused', { cause: error.refusalCause });
      throw new Error('refused', { cause: error });
    }
    throw error;
  }
}

function isTrustedSender(event: KioskInvokeEvent, uiContents: WebContents): boolean {
  if (event.sender !== uiContents) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false; // gone, or an iframe
  return isKioskUiUrl(frame.url);
}

export function registerKioskIpc(ipcMain: IpcMain, options: KioskIpcOptions): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, ...args: unknown[]) => handleKioskInvoke(event, args, options));
}

/**
 * A station that cannot serve visitors (unreadable station file, shell failure):
 * the UI may read the out-of-order view, every other action is refused.
 */
export function refusingActions(view: KioskView): KioskActions {
  const refuse = (): Promise<void> => Promise.reject(new Error('refused'));
  return {
    getView: () => Promise.resolve(view),
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
