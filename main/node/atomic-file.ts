import { randomBytes } from 'node:crypto';
import { open, rename, rm, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that a reader (or the next start, after a power cut) sees either
 * the old content or the new one, never half of it: write a temporary file in the
 * same folder, flush it to disk, rename it over the old one, flush the folder.
 * Own code rather than write-file-atomic: its current major needs Node 22 and the
 * project supports Node 20; this is the whole of what is needed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644, options: { createFolder?: boolean } = {}): Promise<void> {
  const folder = dirname(path);
  // Off for a USB key: a key pulled out must not come back as a folder on the station's disk.
  if (options.createFolder !== false) await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; not every file system allows opening a folder.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
