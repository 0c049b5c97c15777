import { readdirSync, readFileSync } from 'node:fs';

/**
 * Closes a browser politely, and kills it if it has not gone within `ms`: a
 * page can hold a browser open (a "leave this page?" question, a hung
 * renderer), and the kiosk must never hang on a visitor's browser. The
 * processes are found by the throw-away folder on their command line (Linux).
 */
export async function closeOrKill(close: () => Promise<void>, folder: string, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    close().then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  if (!closed) killProcessesMentioning(folder);
}

export function killProcessesMentioning(marker: string): number {
  let killed = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0; // not Linux: nothing to look through
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      process.kill(pid, 'SIGKILL');
      killed += 1;
    } catch {
      // Gone meanwhile, or not ours.
    }
  }
  return killed;
}
