import type { WebContents } from 'electron';
import type { KioskLog } from '../../core/log';

/**
 * The kiosk UI must never stay blank or frozen in front of a visitor: a crashed
 * renderer is reloaded (the window then re-sends the current view), a hung one
 * is killed first. A site's crash ends the visit instead (see
 * installSiteHealthReports); the kiosk UI holds nothing of the visitor's.
 */
export function installUiRecovery(contents: WebContents, log?: KioskLog): void {
  // Set while the renderer we killed ourselves goes away: it is already being reloaded.
  let killedByUs = false;
  contents.on('render-process-gone', (_event, details) => {
    if (killedByUs) {
      killedByUs = false;
      return;
    }
    log?.error('kiosk-ui-gone', { reason: details.reason });
    reload(contents);
  });
  contents.on('unresponsive', () => {
    log?.error('kiosk-ui-unresponsive');
    if (contents.isDestroyed()) return;
    killedByUs = true;
    contents.forcefullyCrashRenderer();
    reload(contents);
  });
}

function reload(contents: WebContents): void {
  if (!contents.isDestroyed()) contents.reload();
}
