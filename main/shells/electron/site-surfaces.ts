import type { WebContents } from 'electron';
import type { SiteFileRequest } from '../../core/shell';
import { electronDebuggerPort, handOver, interceptFileChoosers } from '../../node/cdp/file-chooser';

/**
 * The native file chooser (`<input type=file>`) of the visitor's site view
 * never opens: Electron has no event for it, but the view's own DevTools
 * protocol (webContents.debugger, in-process, no remote port) replaces it by
 * `Page.fileChooserOpened` (node/cdp/file-chooser.ts), and the kiosk's picker
 * answers with `DOM.setFileInputFiles`, the files checked again as they are
 * handed over. A request whose input cannot be read calls `onUnreadable` (the
 * "ask a staff member" panel). Returns null when the debugger could not be
 * attached (another one holds it): the caller then serves nobody; otherwise
 * the interception's start, which rejects when it could not be switched on
 * (the view must then show no site: its native chooser would open).
 */
export function interceptFileChooser(contents: WebContents, onRequest: (request: SiteFileRequest) => void, onUnreadable: () => void): Promise<void> | null {
  let port;
  try {
    port = electronDebuggerPort(contents.debugger);
  } catch {
    return null;
  }
  const cdp = port;
  return interceptFileChoosers(
    cdp,
    (request) =>
      onRequest({
        accept: request.accept,
        multiple: request.multiple,
        give: async (files) => {
          if (contents.isDestroyed()) throw new Error('the site view is gone');
          const handed = await handOver(cdp, request, files);
          if (!handed.ok) throw new Error(`refused as handed over: ${handed.problems.map((problem) => problem.code).join(', ')}`);
        },
      }),
    onUnreadable,
  ).then(() => undefined);
}
