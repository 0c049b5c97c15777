import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskLog } from '../../../main/core/log';
import { mountedKeysInFolder, stationUsbKey, UsbKeyDocumentWriter } from '../../../main/node/usb-keys';
import { mountUsbKey, usbKeyMountUnavailable, type MountedUsbKey } from '../../support/usb-key-mount';

/**
 * "Enregistrer sur ma clé USB" on the disk: only a key really mounted in the station's
 * removable-media folder is written, never a look-alike folder of the station's own disk.
 * Keys are real mounts (tmpfs), so the test needs root.
 */

const unavailable = usbKeyMountUnavailable();
if (unavailable !== null) console.warn(`[skipped] documents saved on a USB key: ${unavailable}`);

function recordingLog(): KioskLog & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (event: string, fields?: object) => void lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

let root: string;
let media: string;
let pdf: string;
const mounts: MountedUsbKey[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-usb-'));
  media = join(root, 'media');
  mkdirSync(media);
  pdf = join(root, 'impression-1.pdf');
  writeFileSync(pdf, '%PDF-1.7\n% attestation ENTR-2026-0042\n%%EOF\n');
});
afterEach(() => {
  for (const mount of mounts.splice(0)) mount.unmount();
  rmSync(root, { recursive: true, force: true });
});

describe('a station without a USB key folder', () => {
  it('has no writer at all', () => {
    expect(stationUsbKey(undefined, recordingLog())).toBeNull();
  });

  it('with a folder that is not there (yet), or holds only look-alike folders of the station\'s disk, says "no key" and writes nothing', async () => {
    const log = recordingLog();
    expect(await new UsbKeyDocumentWriter(join(root, 'absent'), log).save(pdf)).toBe('no-key');
    // A sub-folder left on the station's disk, with files, as the staff export would take for a key.
    const lookAlike = join(media, 'CLE');
    mkdirSync(lookAlike);
    writeFileSync(join(lookAlike, 'ancien.txt'), 'x');
    expect(await mountedKeysInFolder(media)).toEqual([]);
    expect(await new UsbKeyDocumentWriter(media, log).save(pdf)).toBe('no-key');
    expect(readdirSync(lookAlike)).toEqual(['ancien.txt']);
  });
});

describe.skipIf(unavailable !== null)('a USB key mounted in the folder', () => {
  it('gets the PDF, byte for byte, and a second one under a new name', async () => {
    const key = mountUsbKey(join(media, 'CLE-VISITEUR'));
    mounts.push(key);
    mkdirSync(join(media, 'VIDE'), { recursive: true }); // a mount point with no key: never chosen
    expect(await mountedKeysInFolder(media)).toEqual([key.path]);
    const writer = new UsbKeyDocumentWriter(media, recordingLog());
    expect(await writer.save(pdf)).toBe('saved');
    expect(await writer.save(pdf)).toBe('saved');
    expect(readdirSync(key.path).sort()).toEqual(['document (2).pdf', 'document.pdf']);
    expect(readFileSync(join(key.path, 'document.pdf'))).toEqual(readFileSync(pdf));
    expect(readdirSync(join(media, 'VIDE'))).toEqual([]);
  });

  it('a write-protected key fails plainly, the next key is tried, and the log names no file', async () => {
    const locked = mountUsbKey(join(media, 'A-PROTEGEE'), { readOnly: true });
    mounts.push(locked);
    const log = recordingLog();
    expect(await new UsbKeyDocumentWriter(media, log).save(pdf)).toBe('failed');
    expect(log.lines).toEqual(['warn usb-document-not-written {"code":"EROFS"}']);
    const free = mountUsbKey(join(media, 'B-LIBRE'));
    mounts.push(free);
    expect(await new UsbKeyDocumentWriter(media, log).save(pdf)).toBe('saved');
    expect(existsSync(join(free.path, 'document.pdf'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain('impression-1');
  });
});
