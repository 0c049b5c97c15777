import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpProbe } from '../../main/node/connectivity-probe';

/** What the test servers saw, to check the probe stays discreet. */
const seen: { method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders }[] = [];
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1] & object): Promise<string> {
  const server = createServer((request, response) => {
    seen.push({ method: request.method, url: request.url, headers: request.headers });
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A port that was just free: nobody listens there, so connecting is refused. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

describe('the HTTP connectivity probe', () => {
  let noContent: string;
  let unavailable: string;
  let redirecting: string;
  let redirectTarget: string;
  let silent: string;
  let dead: string;

  beforeAll(async () => {
    noContent = await serve((_request, response) => response.writeHead(204).end());
    unavailable = await serve((_request, response) => response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance'));
    redirectTarget = await serve((_request, response) => response.writeHead(204).end());
    redirecting = await serve((_request, response) => response.writeHead(302, { location: `${redirectTarget}elsewhere` }).end());
    silent = await serve(() => undefined); // accepts the connection, never answers
    dead = await deadUrl();
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('is online when a server answers 204, with a bare HEAD request', async () => {
    seen.length = 0;
    expect(await httpProbe([`${noContent}generate_204`], 1000)()).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('HEAD');
    expect(seen[0]?.url).toBe('/generate_204');
    expect(seen[0]?.headers.cookie).toBeUndefined();
  });

  it('is online when a server answers 503: the link works, the site does not', async () => {
    expect(await httpProbe([unavailable], 1000)()).toBe(true);
  });

  it('is online on a redirect, without following it', async () => {
    seen.length = 0;
    expect(await httpProbe([redirecting], 1000)()).toBe(true);
    expect(seen.map((request) => request.url)).toEqual(['/']);
  });

  it('is offline when nobody listens on the port', async () => {
    expect(await httpProbe([dead], 1000)()).toBe(false);
  });

  it('is offline when the server never answers, once the timeout is over', async () => {
    const { result, ms } = await timed(httpProbe([silent], 300)());
    expect(result).toBe(false);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(2000);
  });

  it('is offline when the host name does not resolve', async () => {
    expect(await httpProbe(['http://nowhere.invalid/'], 2000)()).toBe(false);
  });

  it('is online when one URL is dead and another answers', async () => {
    expect(await httpProbe([dead, noContent], 1000)()).toBe(true);
    expect(await httpProbe([noContent, dead], 1000)()).toBe(true);
  });

  it('tries the URLs in parallel: a silent host does not delay the answer of a live one', async () => {
    const { result, ms } = await timed(httpProbe([silent, noContent], 3000)());
    expect(result).toBe(true);
    expect(ms).toBeLessThan(1500);
  });

  it('is offline when every URL fails', async () => {
    expect(await httpProbe([dead, silent], 300)()).toBe(false);
  });

  it('refuses a list that could never prove anything', () => {
    expect(() => httpProbe([])).toThrow(RangeError);
    expect(() => httpProbe(['data:text/plain,hello'])).toThrow(RangeError);
    expect(() => httpProbe(['not a url'])).toThrow(TypeError);
    expect(() => httpProbe([noContent], 0)).toThrow(RangeError);
  });
});
