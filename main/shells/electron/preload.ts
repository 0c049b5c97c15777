import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, IPC_VIEW_CHANNEL, type KioskAction, type KioskApi, type MemoPreview, type MemoPrintOutcome } from '../../core/contract/kiosk-api';
import type { KioskView } from '../../core/contract/kiosk-view';

/**
 * The kiosk UI's only door to the main process: `window.kiosk`, exactly the
 * KioskApi contract. The page never sees ipcRenderer or an IPC event object.
 * Bundled into one file by esbuild (a sandboxed preload can require nothing
 * but electron).
 */
export function createKioskApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KioskApi {
  const invoke = (action: KioskAction, ...args: unknown[]): Promise<unknown> => ipc.invoke(IPC_INVOKE_CHANNEL, action, ...args);
  const invokeVoid = (action: KioskAction, ...args: unknown[]): Promise<void> => invoke(action, ...args).then(() => undefined);
  return {
    getView: () => invoke('getView') as Promise<KioskView>,
    openTile: (tileId) => invokeVoid('openTile', tileId),
    goHome: () => invokeVoid('goHome'),
    requestEndSession: () => invokeVoid('requestEndSession'),
    confirmEndSession: () => invokeVoid('confirmEndSession'),
    dismissOverlay: () => invokeVoid('dismissOverlay'),
    stillHere: () => invokeVoid('stillHere'),
    retrySite: () => invokeVoid('retrySite'),
    reportActivity: () => invokeVoid('reportActivity'),
    openMemo: () => invokeVoid('openMemo'),
    previewMemo: (tileIds, language) => invoke('previewMemo', tileIds, language) as Promise<MemoPreview>,
    printMemo: (tileIds, language) => invoke('printMemo', tileIds, language) as Promise<MemoPrintOutcome>,
    setGuidePanel: (open, side) => invokeVoid('setGuidePanel', open, side),
    openForgottenPassword: () => invokeVoid('openForgottenPassword'),
    typeOnSite: (input) => invokeVoid('typeOnSite', input),
    hideKeyboard: () => invokeVoid('hideKeyboard'),
    setTextSize: (size) => invokeVoid('setTextSize', size),
    onViewChanged(listener) {
      const forward = (_event: IpcRendererEvent, view: KioskView): void => listener(view);
      ipc.on(IPC_VIEW_CHANNEL, forward);
      return () => {
        ipc.removeListener(IPC_VIEW_CHANNEL, forward);
      };
    },
  };
}

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
