import type { AttachSource } from '../contract/attach';
import type { AcceptRule, AttachmentLimits } from './accept';

/**
 * What the kiosk's file picker needs of the machine (main/node/attachments/attachment-desk.ts
 * supplies it): the documents of each source, the USB key folder's changes, the copy
 * of a chosen file into the visitor's own folder (checked on the opened file), the
 * scanner, and the end of the visit. The core never sees a path: a file is a `key`
 * the desk gave, which the core keeps behind its own opaque ids.
 */
export interface DeskFile {
  /** The desk's own handle for the file (never sent to the UI). */
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

export interface DeskListing {
  /** False for the USB source when no key is there (or the folder is missing). */
  readonly present: boolean;
  readonly files: readonly DeskFile[];
  readonly truncated: boolean;
}

/** A file copied into the visitor's folder, ready for the site's input. */
export interface TakenFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

export type TakeProblem = 'not-found' | 'not-allowed' | 'wrong-type' | 'too-large' | 'empty-file';

export type TakeResult = { readonly ok: true; readonly file: TakenFile } | { readonly ok: false; readonly problem: TakeProblem; readonly detail: string };

export type ScanPageResult = { readonly ok: true; readonly page: number; readonly preview: string } | { readonly ok: false; readonly staffMessage: string };

export type ScanFinishResult = { readonly ok: true; /** The made file, in the `visit` source. */ readonly key: string } | { readonly ok: false; readonly problem: 'too-large' | 'scanner-failed'; readonly staffMessage: string };

export interface AttachmentDesk {
  /** The station has a USB key folder (documents.removableMediaFolder). */
  readonly removableMedia: boolean;
  /** The station has a scanner (documents.scanner). */
  readonly scanner: boolean;
  /** The largest file a scan may make (documents.scanMaxKilobytes). */
  readonly scanMaxBytes: number;
  list(source: AttachSource, accept: AcceptRule): Promise<DeskListing>;
  /** Starts following the USB key folder (a key plugged in or pulled out calls `onChange`). */
  watchRemovableMedia(onChange: () => void): Promise<void>;
  stopWatching(): void;
  /** A small picture of an image file, as a data: URL; null for other files or when it cannot be made. */
  thumbnail(source: AttachSource, key: string): Promise<string | null>;
  /** Copies the file into the visitor's folder, checking type, size and that it is inside its source. */
  take(source: AttachSource, key: string, accept: AcceptRule, limits: AttachmentLimits): Promise<TakeResult>;
  /** Scans a page (`replace`: the index of a page scanned again). */
  scanPage(replace?: number): Promise<ScanPageResult>;
  /** Makes the scan's file in the visitor's folder (listed with the visit's documents from then on). */
  finishScan(format: 'pdf' | 'jpeg', maxBytes: number): Promise<ScanFinishResult>;
  /** Drops a scan in progress and its pages. */
  cancelScan(): Promise<void>;
  /** The visit ends: watcher and scan closed, the visitor's copies and scans deleted. */
  endVisit(): Promise<void>;
}
