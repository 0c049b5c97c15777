import { hostIsAllowed, isLoopbackHost } from './hosts';

/**
 * The navigation policy: may this frame go to this address? Both shells ask it
 * before every navigation and every redirect, so the answer must not depend on
 * anything but the address, the frame and the tile's allow-list.
 */

export type NavigationVerdict = { allowed: true } | ({ allowed: false } & Refusal);

/** A refused address, page or file, as both shells report it to the controller and the UI shows it. */
export interface Refusal {
  reason: RefusalReason;
  /** The host refused, when there is one to name. */
  host: string | null;
}

/**
 * Why an address was refused; the kiosk UI turns each into a plain sentence.
 * - `invalid`: not an address at all.
 * - `scheme`: not a web page (file:, data:, javascript:, chrome:, mailto:…).
 * - `insecure`: plain http to a real host.
 * - `credentials`: an address with `user@` or `user:password@` in it, a phishing trick.
 * - `host`: a web page outside the démarche's allowed hosts.
 * - `login-prompt`: the site asked for the browser's own login window (HTTP authentication).
 * - `certificate`: the site's security certificate is not valid.
 * - `file-type`: a download that is not a document the visitor may need (only PDF is kept).
 */
export type RefusalReason = 'invalid' | 'scheme' | 'insecure' | 'credentials' | 'host' | 'login-prompt' | 'certificate' | 'file-type';

export interface NavigationRequest {
  url: string;
  /** Sub-frames may also be blank documents; the top-level page may not. */
  isMainFrame: boolean;
  allowedHosts: readonly string[];
  /**
   * Hosts the démarche's pages may show inside frames only (a captcha, an identity
   * button, a video): never as the page itself. Every other frame host is refused.
   */
  frameHosts?: readonly string[];
}

const BLANK_FRAME_URLS = new Set(['about:blank', 'about:srcdoc']);

export function checkNavigation(request: NavigationRequest): NavigationVerdict {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { allowed: false, reason: 'invalid', host: null };
  }
  if (!request.isMainFrame && BLANK_FRAME_URLS.has(url.href)) {
    return { allowed: true };
  }
  const host = url.hostname === '' ? null : url.hostname;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { allowed: false, reason: 'scheme', host };
  }
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'credentials', host };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { allowed: false, reason: 'insecure', host };
  }
  const hosts = request.isMainFrame ? request.allowedHosts : [...request.allowedHosts, ...(request.frameHosts ?? [])];
  if (!hostIsAllowed(url.hostname, hosts)) {
    return { allowed: false, reason: 'host', host };
  }
  return { allowed: true };
}
