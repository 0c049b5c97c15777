/**
 * Host matching for the navigation allow-list. Hosts are compared as whole
 * labels after the URL parser has normalised them (lower case, punycode), never
 * as string prefixes: `www.caf.fr.example.net` is not `www.caf.fr`.
 */

/** Loopback names: where the training sites run, the only hosts allowed over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** `www.caf.fr` matches exactly; `*.ants.gouv.fr` matches any name strictly below `ants.gouv.fr`. */
export function hostMatchesPattern(hostname: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1); // ".ants.gouv.fr"
    return hostname.length > suffix.length && hostname.endsWith(suffix);
  }
  return hostname === pattern;
}

export function hostIsAllowed(hostname: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => hostMatchesPattern(hostname, pattern));
}
