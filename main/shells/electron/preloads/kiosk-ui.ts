import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { KIOSK_ACTION_TABLE } from '../../../core/contract/actions';
import { IPC_INVOKE_CHANNEL, IPC_VIEW_CHANNEL, KIOSK_ACTIONS, type KioskApi } from '../../../core/contract/kiosk-api';
import type { KioskView } from '../../../core/contract/kiosk-view';

/**
 * The kiosk UI's only door to the main process: `window.kiosk`, exactly the
 * KioskApi contract, one method per entry of the action table. The page never
 * sees ipcRenderer or an IPC event object. Bundled into one file by esbuild
 * (a sandboxed preload can require nothing but electron: eslint.config.mjs
 * holds this folder to electron and the pure core).
 */
export function createKioskApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KioskApi {
  const api: Record<string, unknown> = {};
  for (const action of KIOSK_ACTIONS) {
    const invoke = (...args: unknown[]): Promise<unknown> => ipc.invoke(IPC_INVOKE_CHANNEL, action, ...args);
    // An action that answers nothing resolves to nothing, whatever the main process sent back.
    api[action] = KIOSK_ACTION_TABLE[action].answers === 'nothing' ? (...args: unknown[]) => invoke(...args).then(() => undefined) : invoke;
  }
  api['onViewChanged'] = (listener: (view: KioskView) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, view: KioskView): void => listener(view);
    ipc.on(IPC_VIEW_CHANNEL, forward);
    return () => {
      ipc.removeListener(IPC_VIEW_CHANNEL, forward);
    };
  };
  return api as unknown as KioskApi;
}

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
