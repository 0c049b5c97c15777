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
  const body = decodeSafely(url.pathname).split('?')[0]?.split(';')[0] ?? '';
  switch (url.protocol) {
    case 'mailto:':
      return { kind: 'mailto', target: body.split(',')[0]?.trim().slice(0, 120) ?? '' };
    case 'tel:':
      return { kind: 'tel', target: phoneNumber(body) };
    case 'sms:':
      return { kind: 'sms', target: phoneNumber(body) };
    default:
      return { kind: 'other', target: '' };
  }
}

function phoneNumber(text: string): string {
  return text.replace(/[^0-9+#*().\s-]/g, '').trim().slice(0, 40);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
