import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { UI_CONTENT_SECURITY_POLICY } from '../core/lockdown/ui-csp';
import { isInside, realPathInside } from './path-inside';

/**
 * Serving the kiosk UI's files (dist/renderer) to either shell: Electron's
 * `kiosk://app/` protocol and the Chromium shell's `http://kiosk.localhost/`
 * route answer through the same handler, with the same strict CSP.
 */

export { UI_CONTENT_SECURITY_POLICY };

/** Where a shell serves the UI from: only requests to this scheme and host are answered. */
export interface UiOrigin {
  /** With the colon, as URL.protocol gives it: `kiosk:`, `http:`. */
  protocol: string;
  host: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a UI address names inside `rootDir`, or null when the address is
 * not the UI's origin or would leave the folder (`..`, encoded `%2e%2e` or
 * `%2f`, backslashes, NUL). Pure: the file may not exist.
 */
export function resolveUiPath(rootDir: string, requestUrl: string, origin: UiOrigin): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== origin.protocol || url.host.toLowerCase() !== origin.host || url.username !== '' || url.password !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escape
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const relativePath = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = resolve(rootDir);
  const file = resolve(root, relativePath);
  return isInside(root, file) ? file : null;
}

/** The response headers of every UI file. */
function uiHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  };
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: uiHeaders('text/plain; charset=utf-8') });
}

/** The request handler, separate from the registration so tests call it directly. */
export function createUiRequestHandler(rootDir: string, origin: UiOrigin): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
    const file = resolveUiPath(rootDir, request.url, origin);
    if (file === null) return plainResponse(404, 'Not found');
    let body: Buffer;
    try {
      // A link inside dist/renderer must not lead out of it either.
      const realFile = await realPathInside(rootDir, file);
      if (realFile === null) return plainResponse(404, 'Not found');
      body = await readFile(realFile);
    } catch {
      return plainResponse(404, 'Not found'); // missing, a directory, unreadable
    }
    const headers = uiHeaders(contentTypeFor(file));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
