import { createHash } from 'node:crypto';
import { constants, watch, type FSWatcher } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hasControlCharacter } from '../../core/text/control-characters';
import { accepts, DEFAULT_ATTACHMENT_LIMITS, documentTypeOf, LISTING_LIMITS, type AcceptRule, type AttachmentLimits } from '../../core/attachments/accept';

/**
 * Where the kiosk's file picker finds documents: this visit's downloads
 * folder, and the station's removable-media folder (a USB key). Only regular
 * files of the types the site accepts are listed; symbolic links are never
 * followed (neither to files nor to folders), hidden entries are skipped, and
 * the listing is bounded in depth and count. A chosen file is then copied
 * into the visitor's own folder (wiped with the visit) and that copy is what
 * the site receives: the key can be pulled out, and nothing outside the two
 * folders can be reached through the picker.
 */

export interface ListedFile {
  /** Path below the listed folder, with "/" separators: how the picker names the file back. */
  readonly relativePath: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly modifiedMs: number;
}

export interface Listing {
  readonly files: ListedFile[];
  /** True when the bounds cut the listing short (the picker says "d'autres fichiers ne sont pas montrés"). */
  readonly truncated: boolean;
}

export interface ListingOptions {
  readonly maxDepth?: number;
  readonly maxEntries?: number;
}

/** Lists the documents of `folder` that `accept` takes. A missing folder lists nothing. */
export async function listDocuments(folder: string, accept: AcceptRule, options: ListingOptions = {}): Promise<Listing> {
  const maxDepth = options.maxDepth ?? LISTING_LIMITS.maxDepth;
  const maxEntries = options.maxEntries ?? LISTING_LIMITS.maxEntries;
  const files: ListedFile[] = [];
  let truncated = false;
  let visited = 0;
  let root: string;
  try {
    root = await realpath(folder);
    if (!(await stat(root)).isDirectory()) return { files, truncated };
  } catch {
    return { files, truncated };
  }
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable (a key pulled out while listing): nothing from it
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (truncated) return;
      if (++visited > maxEntries * 4) {
        truncated = true;
        return;
      }
      if (!acceptableName(entry.name)) continue;
      const path = join(dir, entry.name);
      // lstat, not the directory entry's type alone: some file systems report "unknown".
      let info;
      try {
        info = await lstat(path);
      } catch {
        continue;
      }
      if (info.isSymbolicLink()) continue;
      if (info.isDirectory()) {
        if (depth < maxDepth) await walk(path, depth + 1);
        continue;
      }
      if (!info.isFile() || !accepts(accept, entry.name)) continue;
      if (files.length >= maxEntries) {
        truncated = true;
        return;
      }
      files.push({
        relativePath: relative(root, path).split(sep).join('/'),
        name: entry.name,
        size: info.size,
        type: documentTypeOf(entry.name) ?? 'application/octet-stream',
        modifiedMs: info.mtimeMs,
      });
    }
  };
  await walk(root, 0);
  return { files, truncated };
}

function acceptableName(name: string): boolean {
  if (name.startsWith('.') || name.length > LISTING_LIMITS.maxNameLength) return false;
  return !hasControlCharacter(name);
}

export interface CopiedFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly sha256: string;
}

export type CopyResult = { readonly ok: true; readonly file: CopiedFile } | { readonly ok: false; readonly problem: 'not-found' | 'not-allowed' | 'wrong-type' | 'too-large' | 'empty-file'; readonly detail: string };

/** First bytes of the types a site most often checks; a file whose bytes say otherwise is refused. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'application/pdf': (head) => head.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  'image/png': (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

/**
 * Copies `relativePath` of `sourceFolder` into `destinationFolder` (the
 * visitor's), checking on the opened file itself that it is a regular file
 * inside the source folder, of an accepted type and size; returns the copy
 * with its SHA-256 (the same bytes as the source: nothing is converted).
 */
export async function copyIntoVisit(
  sourceFolder: string,
  relativePath: string,
  destinationFolder: string,
  accept: AcceptRule,
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): Promise<CopyResult> {
  const segments = relativePath.split('/');
  if (relativePath === '' || relativePath.includes('\0') || relativePath.startsWith('/') || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || !acceptableName(segment))) {
    return { ok: false, problem: 'not-allowed', detail: `not a path inside the folder: ${JSON.stringify(relativePath)}` };
  }
  const name = segments[segments.length - 1] ?? '';
  const type = documentTypeOf(name);
  if (type === null || !accepts(accept, name)) return { ok: false, problem: 'wrong-type', detail: `${name}: not a type the site accepts` };
  let root: string;
  let real: string;
  try {
    root = await realpath(sourceFolder);
    real = await realpath(join(root, ...segments));
  } catch {
    return { ok: false, problem: 'not-found', detail: `${relativePath}: no longer there` };
  }
  // Every component resolved inside the folder, and the path had no link in it.
  if (real !== join(root, ...segments)) return { ok: false, problem: 'not-allowed', detail: `${relativePath}: goes through a symbolic link` };
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null);
  if (handle === null) return { ok: false, problem: 'not-found', detail: `${relativePath}: cannot be opened` };
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, problem: 'not-allowed', detail: `${relativePath}: not a regular file` };
    if (info.size === 0) return { ok: false, problem: 'empty-file', detail: `${relativePath}: empty` };
    if (info.size > limits.maxFileBytes) return { ok: false, problem: 'too-large', detail: `${relativePath}: ${info.size} bytes (limit ${limits.maxFileBytes})` };
    const head = Buffer.alloc(16);
    await handle.read(head, 0, head.length, 0);
    const signature = SIGNATURES[type];
    if (signature !== undefined && !signature(head)) return { ok: false, problem: 'wrong-type', detail: `${relativePath}: its content is not ${type}` };

    await mkdir(destinationFolder, { recursive: true, mode: 0o700 });
    const { handle: out, path } = await createUnique(destinationFolder, name);
    const hash = createHash('sha256');
    let copied = 0;
    try {
      const chunk = Buffer.alloc(256 * 1024);
      for (;;) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, copied);
        if (bytesRead === 0) break;
        copied += bytesRead;
        if (copied > limits.maxFileBytes) throw new Error('grew past the size limit while copying');
        hash.update(chunk.subarray(0, bytesRead));
        await out.write(chunk, 0, bytesRead);
      }
    } finally {
      await out.close();
    }
    return { ok: true, file: { path, name, size: copied, type, sha256: hash.digest('hex') } };
  } finally {
    await handle.close();
  }
}

/** A new file named as the original, or "name (2).ext" when the folder already has one; never through a link. */
export async function createUnique(folder: string, name: string, mode = 0o600) {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  for (let attempt = 1; attempt < 100; attempt++) {
    const path = join(folder, attempt === 1 ? name : `${stem} (${attempt})${extension}`);
    try {
      return { handle: await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode), path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${folder}: too many files named ${name}`);
}

/** What is plugged in: the entries of the removable-media folder (one per key under /media/…). */
export interface RemovableMediaState {
  /** The folder exists and can be read. */
  readonly folderPresent: boolean;
  /** Visible entries at its top, with whether each is a mounted volume (another file system). */
  readonly volumes: ReadonlyArray<{ readonly name: string; readonly mounted: boolean }>;
}

/**
 * Watches the station's removable-media folder so a USB key plugged in
 * appears in the picker, and disappears when pulled out.
 *
 * Why fs.watch plus a light poll, and not chokidar: a key mounted on an
 * existing folder (fstab, udisks on /media/<user>/<label> re-used) changes no
 * directory entry, so no inotify event fires for it; any watcher (chokidar
 * builds on fs.watch too) misses it. So the folder's top level is also
 * re-read every `pollMs` (a few stat calls), and fs.watch only makes a
 * change show sooner. A change is reported once, with the new state.
 */
export class RemovableMediaWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private signature = '';
  private checking: Promise<void> | null = null;
  private closed = false;
  state: RemovableMediaState = { folderPresent: false, volumes: [] };

  constructor(
    private readonly folder: string,
    private readonly onChange: (state: RemovableMediaState) => void,
    private readonly pollMs = 2_000,
  ) {}

  async start(): Promise<RemovableMediaState> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.pollMs);
    this.timer.unref();
    this.rewatch();
    return this.state;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = null;
  }

  private rewatch(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.closed || !this.state.folderPresent) return;
    try {
      this.watcher = watch(this.folder, { persistent: false }, () => void this.check());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null; // the poll still sees changes
    }
  }

  private check(): Promise<void> {
    this.checking ??= this.read().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async read(): Promise<void> {
    if (this.closed) return;
    let next: RemovableMediaState;
    let signature: string;
    try {
      const top = await stat(this.folder);
      if (!top.isDirectory()) throw new Error('not a folder');
      const names = (await readdir(this.folder)).filter((name) => !name.startsWith('.')).sort();
      const volumes: Array<{ name: string; mounted: boolean }> = [];
      const parts: string[] = [];
      for (const name of names) {
        const info = await lstat(join(this.folder, name)).catch(() => null);
        if (info === null || info.isSymbolicLink()) continue;
        volumes.push({ name, mounted: info.isDirectory() && info.dev !== top.dev });
        parts.push(`${name}:${info.dev}:${info.ino}:${info.mtimeMs}`);
      }
      next = { folderPresent: true, volumes };
      signature = `present|${top.ino}|${parts.join('|')}`;
    } catch {
      next = { folderPresent: false, volumes: [] };
      signature = 'absent';
    }
    if (signature === this.signature || this.closed) return;
    const wasPresent = this.state.folderPresent;
    const first = this.signature === '';
    this.signature = signature;
    this.state = next;
    if (next.folderPresent !== wasPresent || this.watcher === null) this.rewatch();
    if (!first) this.onChange(next);
  }
}
