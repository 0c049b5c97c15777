/**
 * Links that leave the web for another application (mail, phone, text
 * message, Android intents, custom schemes). Nothing is ever launched on the
 * kiosk; instead the visitor is shown the address or number to use on their
 * own phone.
 */
export type ExternalLinkKind = 'mailto' | 'tel' | 'sms' | 'other';

export interface ExternalLink {
  kind: ExternalLinkKind;
  /** What to show: the e-mail address or the phone number; empty for other applications. */
  target: string;
}

/**
 * What a site can put in front of the visitor is bounded before it is stored in the
 * kiosk's view: a host has at most 253 characters (the DNS limit), an e-mail address
 * 254 (RFC 5321), a phone number 32 characters of digits and separators. Longer is no
 * host, address or number at all, so it is not shown rather than shown cut short
 * (half an address is a wrong address); invisible and control characters are removed.
 */
export const VIEW_LIMITS = { hostCharacters: 253, emailCharacters: 254, phoneCharacters: 32 } as const;

/** Work done on an address from a site is bounded too: no more than this much of it is decoded. */
const MAX_DECODED = 1024;

const WEB_SCHEMES = new Set(['http:', 'https:']);
/** Schemes that are not applications: refused as addresses, not offered as links. */
const INTERNAL_SCHEMES = new Set(['about:', 'blob:', 'data:', 'file:', 'javascript:', 'chrome:', 'chrome-extension:', 'devtools:', 'view-source:', 'filesystem:', 'kiosk:', 'kiosk-file:']);

/** The external link an address is, or null when it is a web address or an internal one. */
export function describeExternalLink(address: string): ExternalLink | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (WEB_SCHEMES.has(url.protocol) || INTERNAL_SCHEMES.has(url.protocol)) return null;
  const body = decodeSafely(url.pathname.slice(0, MAX_DECODED)).split('?')[0]?.split(';')[0] ?? '';
  switch (url.protocol) {
    case 'mailto:':
      return { kind: 'mailto', target: emailAddress(body.split(',')[0] ?? '') };
    case 'tel:':
      return { kind: 'tel', target: phoneNumber(body) };
    case 'sms:':
      return { kind: 'sms', target: phoneNumber(body) };
    default:
      return { kind: 'other', target: '' };
  }
}

function phoneNumber(text: string): string {
  const number = text.replace(/[^0-9+#*().\s-]/g, '').replace(/\s+/g, ' ').trim();
  return number.length <= VIEW_LIMITS.phoneCharacters ? number : '';
}

function emailAddress(text: string): string {
  const address = text.replace(/[\p{Cc}\p{Cf}\p{Z}\s]/gu, '');
  return address.length <= VIEW_LIMITS.emailCharacters ? address : '';
}

/**
 * A host a site caused to be shown (a refused address): at most 253 characters of
 * what the URL parser leaves in a host name, else none (the panel then says "this address").
 */
export function hostForView(host: string | null): string | null {
  if (host === null || host === '' || host.length > VIEW_LIMITS.hostCharacters) return null;
  return /^[a-z0-9.\-[\]:%_]+$/.test(host) ? host : null;
}

/** The same bounds for a link that reached the view by another way than describeExternalLink (a shell's own report). */
export function externalLinkForView(link: ExternalLink): ExternalLink {
  switch (link.kind) {
    case 'mailto':
      return { kind: 'mailto', target: emailAddress(link.target.slice(0, MAX_DECODED)) };
    case 'tel':
    case 'sms':
      return { kind: link.kind, target: phoneNumber(link.target.slice(0, MAX_DECODED)) };
    default:
      return { kind: 'other', target: '' };
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
