import type { Debugger, WebContents } from 'electron';
import type { OpenSiteDialog } from '../../core/dialogs/site-dialog-bridge';
import type { CdpPort } from '../../node/cdp/file-chooser';
import { interceptCdpDialogs } from '../../node/dialogs/intercepted-dialogs';

/**
 * The site's dialogs and print requests in the visitor's view, through the view's own
 * DevTools protocol (webContents.debugger, in-process, no remote port), as the file
 * chooser is (site-surfaces.ts):
 * - alert, confirm, prompt and "leave this page?" arrive as `Page.javascriptDialogOpening`
 *   and are answered with `Page.handleJavaScriptDialog` once the kiosk's panel has its answer
 *   (node/dialogs/intercepted-dialogs.ts);
 * - `window.print()` is replaced, before any script of the page runs, by a call to a
 *   DevTools binding: the kiosk's print panel opens instead of the browser's. Electron has
 *   no event for window.print (ELECTRON.md rule 7); a page that calls the binding itself
 *   only opens the kiosk's panel.
 */

/** The binding the page's `print` calls (Runtime.addBinding). */
export const PRINT_BINDING = '__bornePrintRequest';

/**
 * Runs in the page's world at document start: `print` can then neither be restored nor
 * redefined. The binding is looked up at call time (it may be installed after this script
 * runs); a page that removes or replaces it only loses its own print request.
 */
export const PRINT_LOCK_SOURCE = `(() => {
  const name = ${JSON.stringify(PRINT_BINDING)};
  Object.defineProperty(globalThis, 'print', { value: () => { try { globalThis[name]('print'); } catch (error) { /* no binding: nothing prints */ } }, writable: false, configurable: false });
})()`;

/** Electron's debugger as the protocol port the node adapters take. */
export function debuggerPort(debug: Debugger): CdpPort {
  const listeners = new Map<(params: Record<string, unknown>) => void, (...args: unknown[]) => void>();
  return {
    send: (method, params) => debug.sendCommand(method, params) as Promise<unknown>,
    on: (event, handler) => {
      const listener = (_event: unknown, method: unknown, params: unknown) => {
        if (method === event) handler(typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {});
      };
      listeners.set(handler, listener as (...args: unknown[]) => void);
      debug.on('message', listener as never);
    },
    off: (_event, handler) => {
      const listener = listeners.get(handler);
      if (listener !== undefined) debug.removeListener('message', listener as never);
      listeners.delete(handler);
    },
  };
}

export interface SiteDialogReports {
  dialog(dialog: OpenSiteDialog): void;
  print(): void;
}

/** Returns false when the debugger could not be attached (another one holds it): the caller then serves nobody. */
export function interceptSiteDialogsAndPrint(contents: WebContents, reports: SiteDialogReports): boolean {
  const debug = contents.debugger;
  try {
    if (!debug.isAttached()) debug.attach('1.3');
  } catch {
    return false;
  }
  const port = debuggerPort(debug);
  void interceptCdpDialogs(port, (dialog) => reports.dialog(dialog)).catch(() => undefined);
  port.on('Runtime.bindingCalled', (params) => {
    if (params.name === PRINT_BINDING) reports.print();
  });
  void port
    .send('Runtime.addBinding', { name: PRINT_BINDING })
    .then(() => port.send('Page.addScriptToEvaluateOnNewDocument', { source: PRINT_LOCK_SOURCE }))
    .catch(() => undefined);
  return true;
}
