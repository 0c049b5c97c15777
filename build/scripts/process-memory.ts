import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory (kB) of every process whose command line mentions `marker` (a
 * Chromium browser started with a profile under the kiosk's folder) and of all
 * their descendants (renderers, GPU and network processes). Linux /proc.
 * Proportional set size (PSS): pages shared by Chromium's processes are
 * counted once in all, where adding up resident sizes would count them again
 * for every process.
 */
export function processTreeMemoryKb(marker: string): { processes: number; kb: number } {
  const processes = new Map<number, { parent: number; cmdline: string; rssKb: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const rssKb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? /^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      processes.set(pid, { parent, cmdline, rssKb });
    } catch {
      // The process ended while we looked.
    }
  }
  const roots = new Set([...processes.entries()].filter(([, info]) => info.cmdline.includes(marker)).map(([pid]) => pid));
  const counted = new Set<number>();
  const inTree = (pid: number): boolean => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops += 1) {
      if (roots.has(current)) return true;
      current = processes.get(current)?.parent ?? 0;
    }
    return false;
  };
  let kb = 0;
  for (const [pid, info] of processes) {
    if (!inTree(pid)) continue;
    counted.add(pid);
    kb += info.rssKb;
  }
  return { processes: counted.size, kb };
}
