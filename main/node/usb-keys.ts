import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KioskLog } from '../core/log';
import type { DocumentToUsbKey, UsbSaveOutcome } from '../core/printing/print-desk';
import { createUnique } from './attachments/file-sources';

/**
 * USB keys as the station sees them: the removable-media folder's sub-folders
 * (`documents.removableMediaFolder`, e.g. udisks under /media/borne), or, for a
 * station without one, the mount points desktop automounters use. Staff export the
 * counters there; a visitor's document goes only onto a key really mounted there.
 */

/** File systems a USB key comes with. */
const REMOVABLE_TYPES = new Set(['vfat', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'msdos']);

/** Mount points of removable media, as desktop automounters place them (/media/…, /run/media/…). */
export function removableMountPoints(mounts: string, roots: readonly string[] = ['/media/', '/run/media/']): string[] {
  return mounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields.length >= 3 && REMOVABLE_TYPES.has(fields[2] ?? ''))
    // /proc/mounts writes a space in a path as \040.
    .map((fields) => (fields[1] ?? '').replace(/\\040/g, ' ').replace(/\\011/g, '\t'))
    .filter((mount) => roots.some((root) => mount.startsWith(root)));
}

/**
 * The USB keys plugged into the station's removable-media folder (`documents.removableMediaFolder`,
 * the folder the file picker's "Clé USB" shows): its visible sub-folders, never a link. A mounted
 * volume (another file system than the folder's) comes first. A sub-folder on the folder's own file
 * system counts only when it holds something: an empty one is where a key gets mounted when none is
 * (a mount point left by fstab or an automounter), and a CSV written there would stay on the
 * station's disk while staff believe it is on the key.
 */
export async function keysInFolder(folder: string): Promise<string[]> {
  const { mounted, plain } = await scanKeyFolder(folder);
  return [...mounted, ...plain];
}

/**
 * Only the volumes really mounted in the folder (another file system than the folder's):
 * a visitor's document is never written on the station's own disk, not even in a
 * sub-folder that looks like a key.
 */
export async function mountedKeysInFolder(folder: string): Promise<string[]> {
  return (await scanKeyFolder(folder)).mounted;
}

/** The folder's visible sub-folders: volumes mounted there, and non-empty ones on the folder's own file system. */
async function scanKeyFolder(folder: string): Promise<{ mounted: string[]; plain: string[] }> {
  let names: string[];
  let device: number;
  try {
    const top = await stat(folder);
    if (!top.isDirectory()) return { mounted: [], plain: [] };
    device = top.dev;
    names = (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();
  } catch {
    return { mounted: [], plain: [] }; // no such folder (yet): no key
  }
  const mounted: string[] = [];
  const plain: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const info = await lstat(path).catch(() => null);
    if (info === null || !info.isDirectory()) continue; // a link, a file, or pulled out meanwhile
    if (info.dev !== device) mounted.push(path);
    else if ((await readdir(path).catch(() => [])).length > 0) plain.push(path);
  }
  return { mounted, plain };
}

/** The name the document gets on the key ("document (2).pdf" when the key has one already). */
export const DOCUMENT_FILE_NAME = 'document.pdf';

/**
 * "Enregistrer sur ma clé USB": the PDF copied onto the first key that takes it, flushed to
 * the key before the visitor is told to pull it out. The log says only the outcome.
 */
export class UsbKeyDocumentWriter implements DocumentToUsbKey {
  constructor(
    private readonly folder: string,
    private readonly log: KioskLog,
  ) {}

  async save(pdfPath: string): Promise<UsbSaveOutcome> {
    const keys = await mountedKeysInFolder(this.folder);
    if (keys.length === 0) return 'no-key';
    const bytes = await readFile(pdfPath);
    for (const key of keys) {
      try {
        const { handle } = await createUnique(key, DOCUMENT_FILE_NAME, 0o644);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return 'saved';
      } catch (error) {
        // Read-only, full, or pulled out meanwhile: the next key, else a plain failure.
        this.log.warn('usb-document-not-written', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      }
    }
    return 'failed';
  }
}

/** The station's writer for visitors' documents, or null without a USB key folder. */
export function stationUsbKey(folder: string | undefined, log: KioskLog): UsbKeyDocumentWriter | null {
  return folder === undefined ? null : new UsbKeyDocumentWriter(folder, log);
}
