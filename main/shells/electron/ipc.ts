import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_INVOKE_CHANNEL, isKioskAction } from '../../core/contract/kiosk-api';
import type { KioskLog } from '../../core/log';
import { ActionArgumentsError, ActionCallerError, dispatchKioskAction, type KioskActions } from '../../core/session/dispatch-action';
import type { StaffCapability } from '../../core/session/staff-capability';
import { isKioskUiUrl } from './guards';

export type { KioskActions };

export interface KioskIpcOptions {
  /** The kiosk UI's webContents: the only sender ever answered. */
  uiContents: WebContents;
  actions: KioskActions;
  log?: KioskLog;
  /**
   * The capability of the staff session now open, if any (KioskController.staffCapability):
   * a staff action is served only while one is. Nothing that arrives over IPC can stand in for it.
   */
  staffCapability?: () => StaffCapability | undefined;
}

export type KioskInvokeEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

type RefusalCause = 'sender' | 'action' | 'arguments' | 'caller';

class RefusedCall extends Error {
  constructor(readonly refusalCause: RefusalCause, options?: ErrorOptions) {
    // The renderer only ever sees 'refused': nothing to probe. The main process keeps
    // the dispatcher's error (which names the action) as the cause.
    super('refused', options);
  }
}

/**
 * One invoke from the renderer. Refused unless it comes from the kiosk UI's
 * main frame, on a kiosk://app/ page, naming a KioskApi action with arguments
 * of the right types. A staff action also needs the current staff session's capability,
 * which the main process holds (never the renderer): outside staff mode it is refused.
 */
export async function handleKioskInvoke(event: KioskInvokeEvent, args: readonly unknown[], options: KioskIpcOptions): Promise<unknown> {
  try {
    if (!isTrustedSender(event, options.uiContents)) throw new RefusedCall('sender');
    const [action, ...rest] = args;
    if (!isKioskAction(action)) throw new RefusedCall('action');
    return await dispatchKioskAction(options.actions, action, rest, options.staffCapability?.());
  } catch (error) {
    if (error instanceof ActionArgumentsError) throw refuse(new RefusedCall('arguments', { cause: error }), options);
    if (error instanceof ActionCallerError) throw refuse(new RefusedCall('caller', { cause: error }), options);
    if (error instanceof RefusedCall) throw refuse(error, options);
    throw error;
  }
}

function refuse(call: RefusedCall, options: KioskIpcOptions): Error {
  options.log?.warn('ipc-refused', { cause: call.refusalCause });
  return new Error('refused', { cause: call });
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
