/**
 * The connectivity monitor's probe on Node: the station is online when ANY of
 * the URLs answers with any HTTP status within the timeout. A 404 or a 503 still
 * proves the link works (it is the site that is unwell, not the station), and a
 * redirect is not followed: its status is proof enough.
 *
 * The URLs are tried in parallel, so one slow or dead host does not delay the
 * verdict; the first answer cancels the rest to spare a weak 4G link.
 * HEAD, no cookies, no cache, no body kept: nothing about the visitor travels.
 *
 * Throws only when built with a bad list (a configuration error, better seen at
 * start-up); the returned probe never throws.
 */
export function httpProbe(urls: readonly string[], timeoutMs = 4000): () => Promise<boolean> {
  if (urls.length === 0) throw new RangeError('httpProbe needs at least one URL');
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError('httpProbe needs a positive timeout');
  const targets = urls.map((url) => {
    const parsed = new URL(url); // throws on a malformed URL
    // A data: or file: URL would always "answer" and hide an outage.
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new RangeError(`httpProbe needs http(s) URLs, not ${parsed.protocol}`);
    return parsed.href;
  });

  return async () => {
    const answered = new AbortController();
    const signal = AbortSignal.any([answered.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      await Promise.any(targets.map((url) => reach(url, signal)));
      return true;
    } catch {
      return false; // every URL failed: DNS error, refused, reset or timed out
    } finally {
      answered.abort(); // stop the requests still running
    }
  };
}

/** Resolves when the server sent a status line, whatever it is; rejects on any network failure. */
async function reach(url: string, signal: AbortSignal): Promise<void> {
  // Node's RequestInit type lacks `cache` (its fetch keeps no HTTP cache today): passed anyway, should one appear.
  const init = { method: 'HEAD', redirect: 'manual', cache: 'no-store', credentials: 'omit', signal } as const;
  const response = await fetch(url, init);
  // HEAD has no body, but release the connection explicitly should a server send one.
  await response.body?.cancel().catch(() => undefined);
}
