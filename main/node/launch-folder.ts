import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every launch of the kiosk keeps its browsers' profiles and the visitor's files in a
 * folder of its own, `launch-<pid>-XXXXXX`, under one known parent. A clean quit
 * removes it; a crash or a power cut cannot, so each launch first sweeps the folders
 * of launches whose process is gone. Under systemd the parent is the unit's
 * RuntimeDirectory (/run/borne: tmpfs, emptied by a power cut and removed when the
 * service stops).
 */

const LAUNCH_FOLDER = /^launch-(\d+)-/;

/** The parent of the launch folders: KIOSK_RUN_DIR, else systemd's RUNTIME_DIRECTORY, else a per-user folder in the temporary directory. */
export function launchFoldersParent(env: Readonly<Record<string, string | undefined>> = process.env, uid: number = process.getuid?.() ?? 0): string {
  const explicit = env['KIOSK_RUN_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  // systemd may list several runtime directories, separated by colons: the first is ours.
  const runtime = env['RUNTIME_DIRECTORY']?.split(':')[0];
  if (runtime !== undefined && runtime !== '') return runtime;
  // Short: Chromium's singleton socket path, deep inside, must stay under the 107 characters a Unix socket path may have.
  return join(tmpdir(), `borne-${uid}`);
}

/** True when a process with this id exists (even one of another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LaunchFolder {
  path: string;
  /** The leftovers of dead launches removed before this one began. */
  swept: string[];
  /** Removes this launch's folder (clean quit). */
  remove(): void;
}

/**
 * Sweeps the leftovers of dead launches under `parent`, then creates this launch's
 * folder. Throws when the parent is not a real folder of this user (someone could
 * otherwise prepare it to read the next visitor's files).
 */
export function createLaunchFolder(parent: string, options: { pid?: number; alive?: (pid: number) => boolean } = {}): LaunchFolder {
  const pid = options.pid ?? process.pid;
  const alive = options.alive ?? processAlive;
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const stat = lstatSync(parent);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || stat.isSymbolicLink()) throw new Error(`${parent} is not a folder`);
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${parent} belongs to user ${stat.uid}, not to the kiosk's user ${uid}`);
  const swept: string[] = [];
  for (const name of readdirSync(parent)) {
    const match = LAUNCH_FOLDER.exec(name);
    if (match === null) continue;
    const owner = Number(match[1]);
    if (owner !== pid && alive(owner)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    swept.push(name);
  }
  const path = mkdtempSync(join(parent, `launch-${pid}-`));
  return { path, swept, remove: () => rmSync(path, { recursive: true, force: true }) };
}
