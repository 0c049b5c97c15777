/**
 * The kiosk's own file picker, as the kiosk UI sees it (issue 13, "Joindre un
 * document"): a site's `<input type=file>` asked for files, and the kiosk shows
 * the documents it may offer instead of the machine's file chooser. The UI
 * names a file only by the opaque id the main process gave it: no path ever
 * crosses from the UI. Pure: the preload and the UI bundle it.
 */

/** Where a document comes from: this visit (downloads, scans) or the station's USB key folder. */
export type AttachSource = 'visit' | 'usb';

export interface AttachFile {
  /** Opaque, issued by the main process for this picker only (`f` and digits). */
  id: string;
  source: AttachSource;
  /** The file's own name, shown to the visitor; never logged. */
  name: string;
  /** Its document type (MIME), judged by its extension. */
  type: string;
  size: number;
  /** A picture the UI may ask a thumbnail of (attachThumbnail). */
  picture: boolean;
}

export interface AttachUsb {
  /** `no-key`: nothing plugged in (or the folder is missing). */
  state: 'no-key' | 'ready';
  files: AttachFile[];
  /** More documents than the picker shows. */
  truncated: boolean;
}

/** "Scanner un document", page by page. */
export interface AttachScan {
  /** A small JPEG preview of each page, as a data: URL. */
  previews: string[];
  busy: 'scanning' | 'making' | null;
  problem: 'scanner-failed' | 'too-large' | null;
  /** What the scan will make: a PDF (all pages) or a JPEG (one page). */
  format: 'pdf' | 'jpeg';
  /** The largest page count a scan may have. */
  maxPages: number;
}

export interface AttachPicker {
  /** The site's input takes several files. */
  multiple: boolean;
  /** What the site takes, as the visitor reads it ("PDF", "JPEG"…); null: any document. */
  kinds: string[] | null;
  /** The largest file the kiosk hands over. */
  maxFileBytes: number;
  /** This visit's documents: downloads and scans. */
  visit: AttachFile[];
  /** The USB key folder; null when the station has none. */
  usb: AttachUsb | null;
  /** The station has a scanner and the site takes what it makes (PDF or JPEG). */
  scanner: boolean;
  scan: AttachScan | null;
  /** The file the last scan made (the UI selects it). */
  lastScanned: string | null;
}

/** Why files were not handed over; the UI has a sentence for each (`attach.problem.<code>`). */
export type AttachProblemCode = 'nothing-chosen' | 'only-one' | 'too-many' | 'wrong-type' | 'empty-file' | 'too-large' | 'total-too-large' | 'gone' | 'failed';

export interface AttachProblem {
  code: AttachProblemCode;
  /** The file concerned, when there is one. */
  name?: string;
  /** The limit: bytes for sizes, a count for `too-many`. */
  max?: number;
}

export type AttachOutcome = { ok: true } | { ok: false; problems: AttachProblem[] };

/** The steps of "Scanner un document". */
export const SCAN_STEPS = ['start', 'again', 'add', 'finish', 'cancel'] as const;
export type ScanStep = (typeof SCAN_STEPS)[number];

/** At most this many files in one picker (the listing's own bound, both sources). */
export const MAX_PICKER_FILES = 600;
/** At most this many files chosen at once (the kiosk's limit: core/attachments/accept.ts). */
export const MAX_CHOSEN_FILES = 10;

const FILE_ID = /^f[0-9]{1,9}$/;

export function isAttachFileId(value: unknown): value is string {
  return typeof value === 'string' && FILE_ID.test(value);
}

/** Up to MAX_CHOSEN_FILES ids, each once. */
export function isAttachFileIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_CHOSEN_FILES && value.every(isAttachFileId) && new Set(value).size === value.length;
}

export function isScanStep(value: unknown): value is ScanStep {
  return typeof value === 'string' && (SCAN_STEPS as readonly string[]).includes(value);
}
