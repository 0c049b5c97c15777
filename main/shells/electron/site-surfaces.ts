import type { WebContents } from 'electron';
import type { SiteSurfaceRequest } from '../../core/shell';

/**
 * The native file chooser (`<input type=file>`) of the visitor's site view
 * never opens: Electron has no event for it, but the view's own DevTools
 * protocol (webContents.debugger, in-process, no remote port) replaces it by
 * `Page.fileChooserOpened`, which is left unanswered; the visitor is told to
 * ask a staff member (issue 9, part 4). Returns false when the debugger could
 * not be attached (another one holds it): the caller then serves nobody.
 */
export function interceptFileChooser(contents: WebContents, onRequest: (request: SiteSurfaceRequest) => void): boolean {
  const debug = contents.debugger;
  try {
    if (!debug.isAttached()) debug.attach('1.3');
  } catch {
    return false;
  }
  debug.on('message', (_event, method) => {
    if (method === 'Page.fileChooserOpened') onRequest('file');
  });
  void debug
    .sendCommand('Page.enable')
    .then(() => debug.sendCommand('Page.setInterceptFileChooserDialog', { enabled: true }))
    .catch(() => undefined);
  return true;
}
