import { parse } from 'tldts';
import { isLoopbackHost } from '../navigation/hosts';

/**
 * The grammar of a host in a tile's `allowedHosts`:
 *
 *   pattern  = host | "*." host
 *   host     = label *("." label)      ; lower case, ASCII (punycode for accented names), at most 253 characters
 *   label    = 1–63 of a-z 0-9 "-", neither starting nor ending with "-"
 *
 * - An exact host matches itself only; `*.ants.gouv.fr` matches every name strictly below ants.gouv.fr.
 * - The host after `*.` must not be a public suffix (`fr`, `gouv.fr`, `co.uk`, `github.io`):
 *   `*.gouv.fr` would allow every site anyone registers under it. The public suffix list is
 *   the maintained one from the `tldts` package, private domains included.
 * - An exact host is not a public suffix either (no site lives at `fr`).
 * - Loopback names are where the training sites run: `localhost`, `*.entrainement.localhost`
 *   (never `*.localhost`, which is all of them) and the IP address 127.0.0.1. No other IP address.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
export const MAX_HOST_LENGTH = 253;

/** Why a pattern is refused, in words for staff; null when it is a valid pattern. */
export function hostPatternProblem(pattern: string): string | null {
  if (pattern.length > MAX_HOST_LENGTH + 2) return `is ${pattern.length} characters long; a host name has at most ${MAX_HOST_LENGTH}`;
  if (pattern === '') return 'must not be empty';
  if (/\s/.test(pattern)) return 'must not contain spaces';
  if (/[:/?#@\\[\]]/.test(pattern)) return 'must be a host name alone, without scheme, path, port or user: "www.caf.fr", not "https://www.caf.fr/"';
  if (/[A-Z]/.test(pattern)) return `must be written in lower case ("${pattern.toLowerCase()}")`;
  if (/[^\x20-\x7e]/.test(pattern)) return 'must be written in ASCII letters, digits, dots and dashes (an accented name in its punycode form "xn--…")';
  const wildcard = pattern.startsWith('*.');
  const host = wildcard ? pattern.slice(2) : pattern;
  if (host.includes('*')) return 'may have a "*" only as its whole first label, followed by a domain: "*.ants.gouv.fr"';
  if (host.endsWith('.') || host.startsWith('.') || host.includes('..')) return 'has an empty label (a dot at the start, at the end or twice in a row)';
  if (host.length > MAX_HOST_LENGTH) return `is ${host.length} characters long; a host name has at most ${MAX_HOST_LENGTH}`;
  const badLabel = host.split('.').find((label) => !LABEL.test(label));
  if (badLabel !== undefined) {
    return `has an invalid label "${badLabel}" (letters, digits and inner dashes, at most 63 characters)`;
  }
  if (IPV4.test(host)) {
    if (wildcard) return 'a "*." pattern needs a domain name, not an IP address';
    return host.startsWith('127.') ? null : 'an IP address is allowed only for this machine (127.0.0.1): write the site\'s host name';
  }
  if (/^\d+$/.test(host.split('.').at(-1) ?? '')) return 'ends with a number: the last label is a top-level domain such as "fr"';
  if (host === 'localhost' || (isLoopbackHost(host) && !wildcard)) {
    return wildcard ? '"*.localhost" would allow every site on this machine: write "*.NAME.localhost" or the exact host' : null;
  }
  if (isLoopbackHost(host)) return null; // *.entrainement.localhost: the training sites
  if (!wildcard && !host.includes('.')) return `"${host}" is a single name, not a site's full host name (write it whole, e.g. "www.caf.fr")`;
  const suffix = parse(host, { allowPrivateDomains: true }).publicSuffix;
  if (suffix === host) {
    return wildcard
      ? `"*.${host}" would allow every site under "${host}", a public suffix anyone can register a domain under: write the service's own domain, e.g. "*.ants.gouv.fr", or exact hosts`
      : `"${host}" is a public suffix (like "fr" or "gouv.fr"), not the host of a site`;
  }
  return null;
}
