/**
 * A PDF the site shows inline (a top-level document of type application/pdf, in
 * Chromium's viewer): which responses the kiosk keeps a copy of, so the toolbar's
 * "Imprimer" sends the PDF itself and not a picture of the viewer. Pure: the
 * visitor browser reads the response through the DevTools protocol.
 */

/** Above this a shown PDF is not kept (nor printable as a document): a receipt or an attestation is far smaller. */
export const MAX_KEPT_PDF_BYTES = 20 * 1024 * 1024;

export interface ResponseHeader {
  readonly name: string;
  readonly value: string;
}

export type InlinePdfVerdict = 'keep' | 'not-pdf' | 'download' | 'too-large';

function header(headers: readonly ResponseHeader[], name: string): string | null {
  const found = headers.find((entry) => entry.name.toLowerCase() === name);
  return found === undefined ? null : found.value;
}

/**
 * Whether a main-frame document response is a PDF shown inline that the kiosk keeps:
 * a 200 declared as PDF, not sent as a download (a download has its own path), not
 * announced bigger than `MAX_KEPT_PDF_BYTES`.
 */
export function inlinePdfVerdict(status: number, headers: readonly ResponseHeader[]): InlinePdfVerdict {
  if (status !== 200) return 'not-pdf';
  const type = (header(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/pdf' && type !== 'application/x-pdf') return 'not-pdf';
  if (/^\s*attachment\b/i.test(header(headers, 'content-disposition') ?? '')) return 'download';
  const length = header(headers, 'content-length');
  if (length !== null && (!/^\s*\d+\s*$/.test(length) || Number(length) > MAX_KEPT_PDF_BYTES)) return 'too-large';
  return 'keep';
}

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * What is kept must be a PDF whatever the headers said: it starts with the PDF
 * signature (strictly: readers that tolerate junk before it are not the rule here)
 * and its size is within the cap.
 */
export function isKeepablePdf(bytes: Uint8Array): boolean {
  if (bytes.length <= PDF_SIGNATURE.length || bytes.length > MAX_KEPT_PDF_BYTES) return false;
  return PDF_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/** The document an address names, whatever its fragment (`#page=2` in the viewer is the same PDF). */
export function documentKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}
