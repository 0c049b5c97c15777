import { execFile } from 'node:child_process';

/** How long one read of the X server's counter may take before it counts as unreadable. */
const READ_TIMEOUT_MS = 2_000;

/**
 * The X server's own count of the milliseconds since the last input from a
 * device (MIT-SCREEN-SAVER extension, read by `xprintidle`). Only keyboards,
 * pointers and touch screens (and XTEST, which is how xdotool types in tests)
 * reset it: a page's events, a video, a wake lock, and windows the kiosk moves
 * under a resting pointer do not. Written around the small Debian tool rather
 * than an X protocol library: one request, and no npm package does it.
 */
export function readXInputIdleMs(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('xprintidle', [], { env, timeout: READ_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => {
      if (error !== null) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? 'xprintidle is not installed (apt-get install xprintidle)' : `xprintidle failed on display ${env.DISPLAY ?? '(none)'}: ${error.message.split('\n')[0] ?? ''}`));
        return;
      }
      const ms = Number(stdout.trim());
      if (!Number.isFinite(ms) || ms < 0 || stdout.trim() === '') reject(new Error(`xprintidle gave no count on display ${env.DISPLAY ?? '(none)'}`));
      else resolve(ms);
    });
  });
}
