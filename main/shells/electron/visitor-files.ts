import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { hasControlCharacter } from '../../core/text/control-characters';
import { realPathInside } from '../../node/path-inside';

/**
 * `kiosk-file://download/<name>`: how a PDF the visitor downloaded is shown in
 * their own site view, by Chromium's PDF viewer. file:// stays closed (it would
 * open the whole disk); this scheme exists only on the visitor's partition and
 * serves only the PDFs in that visitor's downloads folder, deleted at the wipe.
 */

export const VISITOR_FILE_SCHEME = 'kiosk-file';
export const VISITOR_FILE_HOST = 'download';

/**
 * Registered before `ready`, with the kiosk UI's scheme (one call for both):
 * a standard, secure origin, streamed, so the PDF viewer can read it as it
 * reads an https document.
 */
export const VISITOR_FILE_PRIVILEGES = { standard: true, secure: true, stream: true, supportFetchAPI: true } as const;

/** The address of a file of the visitor's downloads folder. */
export function visitorFileUrl(fileName: string): string {
  return `${VISITOR_FILE_SCHEME}://${VISITOR_FILE_HOST}/${encodeURIComponent(fileName)}`;
}

export function isVisitorFileUrl(url: string): boolean {
  return url.toLowerCase().startsWith(`${VISITOR_FILE_SCHEME}:`);
}

/**
 * The file name a `kiosk-file://download/<name>` address names, or null: one
 * path segment, a PDF, no dot-files, no separators once decoded, no user,
 * port, query or fragment tricks.
 */
export function visitorFileName(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${VISITOR_FILE_SCHEME}:` || parsed.hostname !== VISITOR_FILE_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '' || parsed.search !== '') return null;
  const segment = parsed.pathname.slice(1);
  if (segment === '' || segment.includes('/')) return null;
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  if (!/\.pdf$/i.test(name) || name.startsWith('.') || /[/\\:*?"<>|]/.test(name) || hasControlCharacter(name)) return null;
  return name;
}

/** The real path of the file an address names inside `downloadsDir`, or null (missing, outside, not a PDF name). */
export async function resolveVisitorFile(downloadsDir: string, url: string): Promise<string | null> {
  const name = visitorFileName(url);
  if (name === null) return null;
  try {
    return await realPathInside(downloadsDir, join(downloadsDir, name));
  } catch {
    return null;
  }
}

const FILE_HEADERS = {
  'Content-Type': 'application/pdf',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** The request handler, separate from the registration so tests call it directly. */
export function createVisitorFileHandler(downloadsDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
    const file = await resolveVisitorFile(downloadsDir, request.url);
    if (file === null) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound(); // a directory, or deleted meanwhile (the wipe)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: FILE_HEADERS });
  };
}

/** On the visitor's own partition only: other partitions, the kiosk UI's included, do not know the scheme. */
export function registerVisitorFileProtocol(protocol: Protocol, downloadsDir: string): void {
  protocol.handle(VISITOR_FILE_SCHEME, createVisitorFileHandler(downloadsDir));
}
