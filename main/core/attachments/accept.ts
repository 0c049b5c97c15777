/**
 * Attaching documents to a site's `<input type=file>`: which files may be
 * offered, and whether a choice may be handed to the site. The site says what
 * it takes with `accept` (MIME types, wildcards such as `image/*`, and file
 * extensions) and `multiple`; the kiosk adds its own limits.
 *
 * The kiosk only ever offers documents a visitor attaches to a démarche:
 * PDFs, pictures and office documents. A file's type is judged by its
 * extension (the name the visitor sees) and, by the adapter, confirmed by its
 * first bytes for PDFs and pictures.
 */

/** The types the kiosk can offer, by extension. Anything else is never listed. */
export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.bmp': 'image/bmp',
  '.txt': 'text/plain',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.rtf': 'application/rtf',
};

export interface AcceptRule {
  /** No (usable) accept attribute: any document type. */
  readonly any: boolean;
  readonly mimeTypes: ReadonlySet<string>;
  /** `image` for `image/*`. */
  readonly mimeMajors: ReadonlySet<string>;
  /** With their dot, lower case: `.pdf`. */
  readonly extensions: ReadonlySet<string>;
}

/**
 * Parses an `accept` attribute as browsers do (comma-separated tokens, case
 * insensitive, whitespace trimmed, invalid tokens ignored). An attribute with
 * no valid token accepts anything, as in HTML.
 */
export function parseAccept(accept: string | null | undefined): AcceptRule {
  const mimeTypes = new Set<string>();
  const mimeMajors = new Set<string>();
  const extensions = new Set<string>();
  for (const raw of (accept ?? '').split(',')) {
    const token = raw.trim().toLowerCase();
    if (token === '') continue;
    if (/^\.[a-z0-9][a-z0-9._+-]*$/.test(token)) extensions.add(token);
    else if (/^(audio|video|image)\/\*$/.test(token)) mimeMajors.add(token.slice(0, token.indexOf('/')));
    else if (/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(token)) mimeTypes.add(token);
  }
  return { any: mimeTypes.size === 0 && mimeMajors.size === 0 && extensions.size === 0, mimeTypes, mimeMajors, extensions };
}

/** The extension of a file name, lower case with its dot, or '' (a leading dot alone is not one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot).toLowerCase();
}

/** The document type of a file name, or null when the kiosk never offers such a file. */
export function documentTypeOf(name: string): string | null {
  return DOCUMENT_TYPES[extensionOf(name)] ?? null;
}

/** Whether the site accepts a file of this name (and it is a document the kiosk offers). */
export function accepts(rule: AcceptRule, name: string): boolean {
  const mime = documentTypeOf(name);
  if (mime === null) return false;
  if (rule.any) return true;
  return rule.extensions.has(extensionOf(name)) || rule.mimeTypes.has(mime) || rule.mimeMajors.has(mime.slice(0, mime.indexOf('/')));
}

/** Whether the site accepts what the scanner makes: a PDF or a JPEG. Null when neither. */
export function scanFormatFor(rule: AcceptRule, preferPdf = true): 'pdf' | 'jpeg' | null {
  const pdf = accepts(rule, 'scan.pdf');
  const jpeg = accepts(rule, 'scan.jpg');
  if (pdf && (preferPdf || !jpeg)) return 'pdf';
  return jpeg ? 'jpeg' : null;
}

export interface AttachmentLimits {
  /** Largest single file the kiosk hands over. */
  readonly maxFileBytes: number;
  /** Largest total of one choice. */
  readonly maxTotalBytes: number;
  /** Most files in one choice (when the input takes several). */
  readonly maxFiles: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxFileBytes: 20 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024, maxFiles: 10 };

/** Bounds on what a folder listing shows (a USB key may hold thousands of files). */
export const LISTING_LIMITS = { maxEntries: 300, maxDepth: 3, maxNameLength: 200 } as const;

export interface CandidateFile {
  readonly name: string;
  readonly size: number;
}

/** Why a choice cannot be handed over; the UI has a plain sentence for each (`attach.problem.<code>`). */
export type AttachmentProblem =
  | { readonly code: 'nothing-chosen' }
  | { readonly code: 'only-one'; readonly chosen: number }
  | { readonly code: 'too-many'; readonly chosen: number; readonly max: number }
  | { readonly code: 'wrong-type'; readonly name: string }
  | { readonly code: 'empty-file'; readonly name: string }
  | { readonly code: 'too-large'; readonly name: string; readonly size: number; readonly max: number }
  | { readonly code: 'total-too-large'; readonly total: number; readonly max: number };

/** Checks a choice before it goes to the site: the input's accept and multiple, and the kiosk's limits. */
export function checkChoice(files: readonly CandidateFile[], accept: AcceptRule, multiple: boolean, limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): AttachmentProblem[] {
  if (files.length === 0) return [{ code: 'nothing-chosen' }];
  const problems: AttachmentProblem[] = [];
  if (!multiple && files.length > 1) problems.push({ code: 'only-one', chosen: files.length });
  if (multiple && files.length > limits.maxFiles) problems.push({ code: 'too-many', chosen: files.length, max: limits.maxFiles });
  let total = 0;
  for (const file of files) {
    total += file.size;
    if (!accepts(accept, file.name)) problems.push({ code: 'wrong-type', name: file.name });
    else if (file.size === 0) problems.push({ code: 'empty-file', name: file.name });
    else if (file.size > limits.maxFileBytes) problems.push({ code: 'too-large', name: file.name, size: file.size, max: limits.maxFileBytes });
  }
  if (total > limits.maxTotalBytes) problems.push({ code: 'total-too-large', total, max: limits.maxTotalBytes });
  return problems;
}

/** A size as the visitor reads it: "850 ko", "1,4 Mo" (French units, as the sites write them). */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} Mo`;
}
