import { unwatchFile, watchFile, type Stats } from 'node:fs';

/**
 * Calls `changed` once the station file has been changed and then left alone for
 * `settleMs` (an editor saving in several writes, a copy in progress). Polls the
 * file's status: it sees a file replaced by a rename, as editors and package
 * upgrades do, where an inotify watch on the old file would not.
 */
export function watchStationFile(path: string, changed: () => void, options: { intervalMs?: number; settleMs?: number } = {}): () => void {
  const settleMs = options.settleMs ?? 3000;
  let settle: NodeJS.Timeout | null = null;
  const listener = (current: Stats, previous: Stats): void => {
    const same = current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino;
    if (same) return;
    if (settle !== null) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      changed();
    }, settleMs);
  };
  watchFile(path, { interval: options.intervalMs ?? 2000, persistent: false }, listener);
  return () => {
    if (settle !== null) clearTimeout(settle);
    unwatchFile(path, listener);
  };
}
