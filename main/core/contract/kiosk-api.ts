import type { MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import { actionNames, type ActionHandlers } from './action-table';
import { KIOSK_ACTION_TABLE, type GuideSide } from './actions';
import type { KioskView } from './kiosk-view';

export type { GuideSide, MemoPreview, MemoPrintOutcome };

/** The actions of the kiosk's table (contract/actions.ts), as methods: what the KioskController implements. */
export type KioskActions = ActionHandlers<typeof KIOSK_ACTION_TABLE>;

/**
 * The one contract between the kiosk UI and the main process, derived from the
 * action table. The Electron preload and the Chromium bridge both expose exactly
 * this object as `window.kiosk`, and the main process serves exactly these methods.
 */
export interface KioskApi extends KioskActions {
  /** Subscribes to view changes; returns the unsubscribe function. */
  onViewChanged(listener: (view: KioskView) => void): () => void;
}

/** Methods callable from the UI, i.e. everything but the subscription. */
export type KioskAction = keyof typeof KIOSK_ACTION_TABLE;

/** The table's names, as data: the Electron IPC handler and the Chromium bridge refuse any other name. */
export const KIOSK_ACTIONS: readonly KioskAction[] = actionNames(KIOSK_ACTION_TABLE);

/** Channel names shared by the Electron preload and main process. */
export const IPC_INVOKE_CHANNEL = 'kiosk:invoke';
export const IPC_VIEW_CHANNEL = 'kiosk:view';

export function isKioskAction(name: unknown): name is KioskAction {
  return typeof name === 'string' && (KIOSK_ACTIONS as readonly string[]).includes(name);
}
