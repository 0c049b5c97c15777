import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A pretend USB key that is a real mount: a small tmpfs mounted on a folder, so it is
 * another file system than the station's, as a key udisks mounts under /media/borne is.
 * Mounting needs root (CI runs as root); without it, the tests that need a key say why
 * they are skipped.
 */

let probed: string | null | undefined;

/** Null when keys can be mounted here; otherwise why not. */
export function usbKeyMountUnavailable(): string | null {
  if (probed !== undefined) return probed;
  if (process.getuid?.() !== 0) return (probed = 'not root: mounting a pretend USB key (tmpfs) needs root');
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-usb-probe-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', folder], { encoding: 'utf8' });
    if (mounted.status !== 0) return (probed = `mount -t tmpfs fails here: ${(mounted.stderr || `status ${String(mounted.status)}`).trim()}`);
    spawnSync('umount', [folder]);
    return (probed = null);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface MountedUsbKey {
  readonly path: string;
  unmount(): void;
}

/** Mounts a key at `path` (made if missing); `readOnly` as a write-protected key. */
export function mountUsbKey(path: string, options: { readOnly?: boolean } = {}): MountedUsbKey {
  mkdirSync(path, { recursive: true });
  const flags = ['size=16m', 'mode=0777', ...(options.readOnly === true ? ['ro'] : [])].join(',');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', flags, 'tmpfs', path], { encoding: 'utf8' });
  if (mounted.status !== 0) throw new Error(`could not mount a pretend USB key on ${path}: ${mounted.stderr.trim()}`);
  let done = false;
  return {
    path,
    unmount: () => {
      if (done) return;
      done = true;
      // Lazy: a file the kiosk still holds open does not keep the mount (nor fail the test's cleanup).
      spawnSync('umount', ['-l', path]);
    },
  };
}
