import type { Protocol } from 'electron';
import { createUiRequestHandler as createHandler, resolveUiPath as resolvePath, type UiOrigin } from '../../node/ui-files';

export { UI_CONTENT_SECURITY_POLICY, contentTypeFor } from '../../node/ui-files';

/**
 * The kiosk UI is served from `kiosk://app/` out of dist/renderer, and from
 * nowhere else: a custom protocol rather than file:// so the UI has an origin
 * of its own and a strict Content-Security-Policy (ELECTRON.md rule 2).
 */

export const UI_SCHEME = 'kiosk';
export const UI_HOST = 'app';
export const UI_ENTRY_URL = `${UI_SCHEME}://${UI_HOST}/index.html`;

/** Registered before `ready` (Electron's requirement): a standard, secure origin that may use fetch. */
export const UI_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

const KIOSK_ORIGIN: UiOrigin = { protocol: `${UI_SCHEME}:`, host: UI_HOST };

/** The file a `kiosk://app/...` address names inside `rootDir`, or null (see node/ui-files.ts). */
export function resolveUiPath(rootDir: string, requestUrl: string): string | null {
  return resolvePath(rootDir, requestUrl, KIOSK_ORIGIN);
}

/** The request handler, separate from the registration so tests call it directly. */
export function createUiRequestHandler(rootDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return createHandler(rootDir, KIOSK_ORIGIN);
}

/** On the UI's own session only: visitor sessions cannot reach kiosk:// at all. */
export function registerUiProtocol(protocol: Protocol, rootDir: string): void {
  protocol.handle(UI_SCHEME, createUiRequestHandler(rootDir));
}
