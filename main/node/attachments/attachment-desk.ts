import { spawn } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { lstat, open, readdir, realpath, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AcceptRule, AttachmentLimits } from '../../core/attachments/accept';
import type { AttachmentDesk, DeskListing, ScanFinishResult, ScanPageResult, TakeResult } from '../../core/attachments/desk';
import { DEFAULT_SCAN_MAX_BYTES } from '../../core/attachments/scan-plan';
import type { StationConfig } from '../../core/config/station-config';
import type { AttachSource } from '../../core/contract/attach';
import { copyIntoVisit, listDocuments, RemovableMediaWatcher } from './file-sources';
import { ScanSession, type ScannerOptions, type ScannerTools } from './scanner';

/** This visit's folders, as the shell has them. */
export interface VisitFolders {
  /** Where the site's downloads land (listed in the picker's "this visit"). */
  readonly downloads: string;
  /** The visitor's own folder, deleted with the visit: the picker's copies and scans go below it. */
  readonly own: string;
}

export interface AttachmentDeskOptions {
  readonly documents: StationConfig['documents'];
  /** The current visit's folders; null when no visitor's browser is there. */
  readonly visitFolders: () => VisitFolders | null;
  /** Tests: the SANE test backend's picture, other tool paths. */
  readonly scannerExtraArgs?: readonly string[];
  readonly scannerTools?: Partial<ScannerTools>;
  /** How often the USB key folder is read again besides its change events. */
  readonly pollMs?: number;
}

/** Pictures larger than this get no thumbnail (a type icon instead); a phone's photo is a few megabytes. */
const THUMBNAIL_MAX_BYTES = 16 * 1024 * 1024;
/** Larger thumbnails are made smaller first: a JPEG through djpeg/cjpeg at 1/8, anything else not at all. */
const THUMBNAIL_DIRECT_BYTES = 512 * 1024;
/** The folder below the visitor's own that holds everything of the picker. */
export const ATTACHMENTS_FOLDER = 'attachments';

/**
 * The picker's sources on this machine (core/attachments/desk.ts): this visit's
 * downloads and scans, the station's USB key folder (watched while the picker is
 * up), the scanner. Keys are `d/…` (downloads), `s/…` (scans), `u/…` (USB key),
 * each a path below its own folder that copyIntoVisit checks again on the opened
 * file; nothing else of the machine can be named. Everything it writes lives in
 * the visitor's own folder, under `attachments/`, which `endVisit` deletes.
 */
export class NodeAttachmentDesk implements AttachmentDesk {
  readonly removableMedia: boolean;
  readonly scanner: boolean;
  readonly scanMaxBytes: number;
  private watcher: RemovableMediaWatcher | null = null;
  private scan: ScanSession | null = null;
  /** Captured at the visit's first use, so the wipe still finds them once the shell has moved on. */
  private folders: VisitFolders | null = null;
  private copies = 0;

  constructor(private readonly options: AttachmentDeskOptions) {
    this.removableMedia = options.documents?.removableMediaFolder !== undefined;
    this.scanner = options.documents?.scanner !== undefined;
    this.scanMaxBytes = options.documents?.scanMaxKilobytes === undefined ? DEFAULT_SCAN_MAX_BYTES : options.documents.scanMaxKilobytes * 1024;
  }

  /** The folder everything of the picker lives in for this visit (null before first use). */
  get visitAttachmentsFolder(): string | null {
    return this.folders === null ? null : join(this.folders.own, ATTACHMENTS_FOLDER);
  }

  async list(source: AttachSource, accept: AcceptRule): Promise<DeskListing> {
    if (source === 'usb') {
      const folder = this.options.documents?.removableMediaFolder;
      if (folder === undefined || !(await hasVisibleEntry(folder))) return { present: false, files: [], truncated: false };
      const listing = await listDocuments(folder, accept);
      return { present: true, files: listing.files.map((file) => ({ key: `u/${file.relativePath}`, name: file.name, size: file.size, type: file.type })), truncated: listing.truncated };
    }
    const folders = this.visit();
    if (folders === null) return { present: true, files: [], truncated: false };
    const [downloads, scans] = await Promise.all([listDocuments(folders.downloads, accept), listDocuments(this.scansFolder(folders), accept, { maxDepth: 0 })]);
    // The newest first: a scan just made, the attestation just downloaded.
    const files = [
      ...scans.files.map((file) => ({ key: `s/${file.relativePath}`, name: file.name, size: file.size, type: file.type, modifiedMs: file.modifiedMs })),
      ...downloads.files.map((file) => ({ key: `d/${file.relativePath}`, name: file.name, size: file.size, type: file.type, modifiedMs: file.modifiedMs })),
    ].sort((a, b) => b.modifiedMs - a.modifiedMs);
    return { present: true, files: files.map(({ key, name, size, type }) => ({ key, name, size, type })), truncated: downloads.truncated || scans.truncated };
  }

  async watchRemovableMedia(onChange: () => void): Promise<void> {
    const folder = this.options.documents?.removableMediaFolder;
    if (folder === undefined || this.watcher !== null) return;
    const watcher = new RemovableMediaWatcher(folder, onChange, this.options.pollMs);
    this.watcher = watcher;
    await watcher.start();
    // Stopped while it started (the picker closed at once): what start set up goes too.
    if (this.watcher !== watcher) watcher.close();
  }

  stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  async thumbnail(source: AttachSource, key: string): Promise<string | null> {
    const place = this.place(source, key);
    if (place === null) return null;
    const bytes = await readInside(place.folder, place.relativePath, THUMBNAIL_MAX_BYTES).catch(() => null);
    if (bytes === null) return null;
    const type = pictureType(bytes);
    if (type === null) return null;
    if (bytes.length <= THUMBNAIL_DIRECT_BYTES) return `data:${type};base64,${bytes.toString('base64')}`;
    if (type !== 'image/jpeg') return null;
    const small = await shrinkJpeg(bytes, { djpeg: this.options.scannerTools?.djpeg ?? 'djpeg', cjpeg: this.options.scannerTools?.cjpeg ?? 'cjpeg' }).catch(() => null);
    return small === null || small.length > THUMBNAIL_DIRECT_BYTES ? null : `data:image/jpeg;base64,${small.toString('base64')}`;
  }

  async take(source: AttachSource, key: string, accept: AcceptRule, limits: AttachmentLimits): Promise<TakeResult> {
    const place = this.place(source, key);
    const folders = this.visit();
    if (place === null || folders === null) return { ok: false, problem: 'not-allowed', detail: 'not a file of the picker' };
    this.copies += 1;
    // A folder per copy: the site receives the file under its own name.
    const destination = join(folders.own, ATTACHMENTS_FOLDER, 'given', String(this.copies));
    const copied = await copyIntoVisit(place.folder, place.relativePath, destination, accept, limits);
    if (!copied.ok) return copied;
    return { ok: true, file: { path: copied.file.path, name: copied.file.name, size: copied.file.size } };
  }

  async scanPage(replace?: number): Promise<ScanPageResult> {
    const scanner = this.options.documents?.scanner;
    const folders = this.visit();
    if (scanner === undefined || folders === null) return { ok: false, staffMessage: 'no scanner on this station' };
    try {
      this.scan ??= await ScanSession.open(this.scannerOptions(scanner), this.scansFolder(folders));
    } catch (error) {
      return { ok: false, staffMessage: `scan folder: ${error instanceof Error ? error.message : String(error)}` };
    }
    const page = await this.scan.scanPage(replace);
    if (!page.ok) return { ok: false, staffMessage: page.staffMessage };
    return { ok: true, page: page.page, preview: `data:image/jpeg;base64,${page.preview.toString('base64')}` };
  }

  async finishScan(format: 'pdf' | 'jpeg', maxBytes: number): Promise<ScanFinishResult> {
    const scan = this.scan;
    if (scan === null) return { ok: false, problem: 'scanner-failed', staffMessage: 'no scan in progress' };
    const made = await scan.finish(format, maxBytes);
    if (!made.ok) return { ok: false, problem: made.problem === 'too-large' ? 'too-large' : 'scanner-failed', staffMessage: made.staffMessage };
    this.scan = null;
    await scan.close();
    return { ok: true, key: `s/${basename(made.path)}` };
  }

  async cancelScan(): Promise<void> {
    const scan = this.scan;
    this.scan = null;
    await scan?.close();
  }

  /** The wipe's first part: the USB key folder no longer watched, a scan in progress dropped. */
  async closeTools(): Promise<void> {
    this.stopWatching();
    await this.cancelScan();
  }

  /** Watcher and scan closed, then the visitor's copies and scans deleted (and checked gone). */
  async endVisit(): Promise<void> {
    await this.closeTools();
    const folder = this.visitAttachmentsFolder;
    this.folders = null;
    this.copies = 0;
    if (folder === null) return;
    await rm(folder, { recursive: true, force: true });
    if (existsSync(folder)) throw new Error("the visitor's attachments folder is still there");
  }

  private visit(): VisitFolders | null {
    this.folders ??= this.options.visitFolders();
    return this.folders;
  }

  private scansFolder(folders: VisitFolders): string {
    return join(folders.own, ATTACHMENTS_FOLDER, 'scans');
  }

  private scannerOptions(scanner: NonNullable<NonNullable<StationConfig['documents']>['scanner']>): ScannerOptions {
    return {
      device: scanner.device,
      resolution: scanner.resolution ?? 150,
      color: scanner.color ?? false,
      ...(this.options.scannerExtraArgs === undefined ? {} : { extraArgs: this.options.scannerExtraArgs }),
      ...(this.options.scannerTools === undefined ? {} : { tools: this.options.scannerTools }),
    };
  }

  /** The folder and the path below it a key names; null for a key the desk never gave. */
  private place(source: AttachSource, key: string): { folder: string; relativePath: string } | null {
    const prefix = key.slice(0, 2);
    const relativePath = key.slice(2);
    if (relativePath === '') return null;
    if (source === 'usb') {
      const folder = this.options.documents?.removableMediaFolder;
      return prefix === 'u/' && folder !== undefined ? { folder, relativePath } : null;
    }
    const folders = this.visit();
    if (folders === null) return null;
    if (prefix === 'd/') return { folder: folders.downloads, relativePath };
    if (prefix === 's/') return { folder: this.scansFolder(folders), relativePath };
    return null;
  }
}

async function hasVisibleEntry(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).some((name) => !name.startsWith('.'));
  } catch {
    return false;
  }
}

/** The bytes of a regular file below `folder`, reached through no symbolic link, of at most `maxBytes`. */
async function readInside(folder: string, relativePath: string, maxBytes: number): Promise<Buffer | null> {
  const segments = relativePath.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\0'))) return null;
  const root = await realpath(folder);
  const path = join(root, ...segments);
  if ((await realpath(path)) !== path || (await lstat(path)).isSymbolicLink()) return null;
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size === 0 || info.size > maxBytes) return null;
    const bytes = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A JPEG at an eighth of its size (djpeg | cjpeg, through pipes: no file is named to the tools). */
async function shrinkJpeg(bytes: Buffer, tools: { djpeg: string; cjpeg: string }): Promise<Buffer> {
  const decoded = await pipeThrough(tools.djpeg, ['-scale', '1/8', '-pnm'], bytes);
  return pipeThrough(tools.cjpeg, ['-quality', '75'], decoded);
}

function pipeThrough(command: string, args: readonly string[], input: Buffer, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'ignore'], timeout: timeoutMs });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024 * 1024) child.kill();
      else chunks.push(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${command} exited with ${String(code)}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** The picture type its first bytes say (a thumbnail is only made of a real picture). */
function pictureType(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}
