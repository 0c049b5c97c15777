// Local web server of fictitious "training" government sites.
// Sites are told apart by the Host header: `<siteId>.entrainement.localhost:<port>`.
// The security tests mount their hostile sites on it as an extension
// (tests/support/hostile-sites/): the demo serves none of them.
// Only Node built-ins are used.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  TRAINING_DOMAIN,
  accountPage,
  findSite,
  homePage,
  identityPage,
  isTrainingUrl,
  loginPage,
  logoutPage,
  attachmentFormPage,
  attestationPdf,
  methodNotAllowedPage,
  notFoundPage,
  refusedReturnPage,
  serverErrorPage,
  siteOrigin,
  slowPage,
  forgottenPasswordPage,
  printableAttestationPage,
  siteQuestionsPage,
} from './sites';
import type { OriginOf, SiteDefinition } from './sites';

/** A request to one of an extension's sites, once the common routes have passed it on. */
export interface TrainingSiteRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly siteId: string;
  readonly url: URL;
  readonly method: string;
  readonly originOf: OriginOf;
  /** Cookies received with the request (name → value). */
  readonly cookies: ReadonlyMap<string, string>;
}

/**
 * More sites on the same server (the security tests' hostile sites). Its sites get
 * the common routes (`/etat`, `/erreur`, `/partir`, `/lent`) and the server's 404.
 */
export interface TrainingSiteExtension {
  readonly sites: readonly SiteDefinition[];
  /** Sees every request before its host is read (pages on hosts that are no site); true when it answered. */
  readonly intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Answers a request to one of `sites`; false for the server's 404. */
  readonly route: (request: TrainingSiteRequest) => boolean;
}

export interface TrainingServer {
  port: number;
  origin(siteId: string): string;
  close(): Promise<void>;
}

/** Delay of the `/lent` page, in milliseconds. */
export const SLOW_PAGE_DELAY_MS = 3000;
/** Where `/partir` redirects to (outside of the allowed hosts). */
export const EXTERNAL_REDIRECT_URL = 'https://www.example.org/';

const MAX_BODY_BYTES = 64 * 1024;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const HOST_PATTERN = new RegExp(
  `^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\\.${TRAINING_DOMAIN.replace(/\./g, '\\.')}\\.?(?::(\\d{1,5}))?$`,
);

interface HostInfo {
  readonly siteId: string;
  readonly port: number | undefined;
}

function parseHost(hostHeader: string | undefined): HostInfo | undefined {
  if (hostHeader === undefined) return undefined;
  const match = HOST_PATTERN.exec(hostHeader.trim().toLowerCase());
  if (match === null) return undefined;
  const siteId = match[1];
  if (siteId === undefined) return undefined;
  const portText = match[2];
  return { siteId, port: portText === undefined ? undefined : Number(portText) };
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

function sessionCookies(): string[] {
  return [
    `session=${randomHex(16)}; HttpOnly; Path=/; SameSite=Lax`,
    'preferences=contraste; Path=/; SameSite=Lax',
  ];
}

const CLEAR_SESSION_COOKIE =
  'session=; HttpOnly; Path=/; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Readonly<Record<string, string | string[]>> = {},
  contentType = 'text/html; charset=utf-8',
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (status === 204) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.writeHead(status);
  res.end(body);
}

function redirect(
  res: ServerResponse,
  status: 302 | 303,
  location: string,
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  send(res, status, '', { ...headers, Location: location }, 'text/plain; charset=utf-8');
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), {}, 'application/json; charset=utf-8');
}

/** Reads an `application/x-www-form-urlencoded` body (bounded in size). */
function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly site: SiteDefinition;
  /** The extension serving `site`, when it is not one of the training sites. */
  readonly extension: TrainingSiteExtension | undefined;
  readonly url: URL;
  readonly method: string;
  readonly originOf: OriginOf;
  readonly cookies: Map<string, string>;
  /** Delays a response; the timer is cancelled when the server closes. */
  readonly delay: (ms: number) => Promise<boolean>;
}

function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

function notAllowed(ctx: RequestContext, allow: string): void {
  send(ctx.res, 405, methodNotAllowedPage(ctx.site.name), { Allow: allow });
}

async function handleLogin(ctx: RequestContext): Promise<void> {
  const { site, res } = ctx;
  const target = site.kind === 'connexion' ? findSite(site.sessionFor ?? '') : site;
  if (target === undefined) {
    send(res, 404, notFoundPage(site.name));
    return;
  }
  const backHref = `${ctx.originOf(target.id)}/`;
  if (isRead(ctx.method)) {
    send(res, 200, loginPage(site, { backHref }));
    return;
  }
  if (ctx.method !== 'POST') {
    notAllowed(ctx, 'GET, HEAD, POST');
    return;
  }
  const form = await readForm(ctx.req);
  const identifiant = (form.get('identifiant') ?? '').trim();
  const motDePasse = form.get('mot-de-passe') ?? '';
  if (identifiant === '' || motDePasse === '') {
    const error =
      identifiant === '' && motDePasse === ''
        ? 'Veuillez saisir votre identifiant et votre mot de passe.'
        : identifiant === ''
          ? 'Veuillez saisir votre identifiant.'
          : 'Veuillez saisir votre mot de passe.';
    send(res, 200, loginPage(site, { backHref, error, identifiant }));
    return;
  }
  if (site.kind === 'connexion') {
    // Separate login host: its own cookie, then back to the démarche site with a token.
    const location = `${ctx.originOf(target.id)}/mon-compte?jeton=${randomHex(16)}`;
    redirect(res, 303, location, { 'Set-Cookie': sessionCookies() });
    return;
  }
  redirect(res, 303, '/mon-compte', { 'Set-Cookie': sessionCookies() });
}

function handleAccount(ctx: RequestContext): void {
  if (!isRead(ctx.method)) {
    notAllowed(ctx, 'GET, HEAD');
    return;
  }
  const jeton = ctx.url.searchParams.get('jeton') ?? '';
  if (jeton !== '') {
    // Coming back from a login host or the identity provider: open a local session.
    send(ctx.res, 200, accountPage(ctx.site), { 'Set-Cookie': sessionCookies() });
    return;
  }
  if ((ctx.cookies.get('session') ?? '') === '') {
    redirect(ctx.res, 303, '/connexion');
    return;
  }
  send(ctx.res, 200, accountPage(ctx.site));
}

async function handleIdentity(ctx: RequestContext): Promise<void> {
  let retour: string;
  if (ctx.method === 'POST') {
    retour = (await readForm(ctx.req)).get('retour') ?? '';
  } else if (isRead(ctx.method)) {
    retour = ctx.url.searchParams.get('retour') ?? '';
  } else {
    notAllowed(ctx, 'GET, HEAD, POST');
    return;
  }
  if (!isTrainingUrl(retour)) {
    send(ctx.res, 400, refusedReturnPage(ctx.site, ctx.originOf));
    return;
  }
  const location = new URL(retour);
  location.searchParams.set('jeton', randomHex(16));
  redirect(ctx.res, 303, location.href, { 'Set-Cookie': sessionCookies() });
}

async function route(ctx: RequestContext): Promise<void> {
  const { site, res, method } = ctx;
  const path = ctx.url.pathname;

  // Routes common to every site.
  switch (path) {
    case '/etat':
      sendJson(res, 200, { ok: true, site: site.id });
      return;
    case '/favicon.ico':
      send(res, 204, '', {}, 'text/plain; charset=utf-8');
      return;
    case '/erreur':
      send(res, 500, serverErrorPage(site.name));
      return;
    case '/partir':
      redirect(res, 302, EXTERNAL_REDIRECT_URL);
      return;
    case '/lent':
      if (await ctx.delay(SLOW_PAGE_DELAY_MS)) send(res, 200, slowPage(site));
      return;
    case '/questions':
      if (ctx.extension === undefined) {
        send(res, 200, siteQuestionsPage(site, ctx.url.searchParams.get('envoye') === '1'));
        return;
      }
      break;
    case '/attestation':
      if (ctx.extension === undefined) {
        send(res, 200, printableAttestationPage(site));
        return;
      }
      break;
    case '/mot-de-passe-oublie':
      // Nothing is sent anywhere: the page only says what a real site would do next.
      if (ctx.extension === undefined) {
        send(res, 200, forgottenPasswordPage(site, method === 'POST'));
        return;
      }
      break;
    default:
      break;
  }

  if (ctx.extension !== undefined) {
    const { req, url, originOf, cookies } = ctx;
    if (ctx.extension.route({ req, res, siteId: site.id, url, method, originOf, cookies })) return;
  } else if (site.kind === 'identite') {
    if (path === '/' && isRead(method)) {
      const retour = ctx.url.searchParams.get('retour');
      const valid = retour !== null && isTrainingUrl(retour);
      const page = identityPage(
        site,
        valid ? { retour, refused: false } : { refused: retour !== null },
        ctx.originOf,
      );
      send(res, 200, page);
      return;
    }
    if (path === '/autoriser') {
      await handleIdentity(ctx);
      return;
    }
  } else if (site.kind === 'connexion') {
    if (path === '/') {
      redirect(res, 302, '/connexion');
      return;
    }
    if (path === '/connexion') {
      await handleLogin(ctx);
      return;
    }
  } else {
    switch (path) {
      case '/':
        if (isRead(method)) send(res, 200, homePage(site, ctx.originOf));
        else notAllowed(ctx, 'GET, HEAD');
        return;
      case '/connexion':
        if (site.loginSiteId !== undefined) {
          // Like the real site: the login page lives on a separate host.
          redirect(res, 303, `${ctx.originOf(site.loginSiteId)}/connexion`);
        } else {
          await handleLogin(ctx);
        }
        return;
      case '/mon-compte':
        handleAccount(ctx);
        return;
      case '/deconnexion':
        send(res, 200, logoutPage(site), { 'Set-Cookie': CLEAR_SESSION_COOKIE });
        return;
      case '/attestation.pdf':
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="attestation.pdf"', 'Cache-Control': 'no-store' });
        res.end(method === 'HEAD' ? undefined : attestationPdf(site));
        return;
      case '/justificatifs':
      case '/justificatif-pdf':
        if (isRead(method)) send(res, 200, attachmentFormPage(site, path));
        else notAllowed(ctx, 'GET, HEAD');
        return;
      default:
        break;
    }
  }
  send(res, 404, notFoundPage(site.name));
}

export async function startTrainingServer(
  options?: { port?: number; host?: string; extensions?: readonly TrainingSiteExtension[] },
): Promise<TrainingServer> {
  const host = options?.host ?? '127.0.0.1';
  const requestedPort = options?.port ?? 0;
  const extensions = options?.extensions ?? [];
  const extensionOf = (siteId: string): { site: SiteDefinition; extension: TrainingSiteExtension } | undefined => {
    for (const extension of extensions) {
      const site = extension.sites.find((candidate) => candidate.id === siteId);
      if (site !== undefined) return { site, extension };
    }
    return undefined;
  };
  const timers = new Map<NodeJS.Timeout, (completed: boolean) => void>();

  const delay = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(true);
      }, ms);
      timers.set(timer, resolve);
    });

  const server = createServer((req, res) => {
    if (extensions.some((extension) => extension.intercept?.(req, res) === true)) return;
    const method = (req.method ?? 'GET').toUpperCase();
    const hostInfo = parseHost(req.headers.host);
    const trainingSite = hostInfo === undefined ? undefined : findSite(hostInfo.siteId);
    const extended = hostInfo === undefined || trainingSite !== undefined ? undefined : extensionOf(hostInfo.siteId);
    const site = trainingSite ?? extended?.site;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      url = new URL('http://localhost/');
    }
    if (site === undefined || hostInfo === undefined) {
      // Health check also answers on any other host (e.g. http://127.0.0.1:PORT/etat).
      if (url.pathname === '/etat') sendJson(res, 200, { ok: true, site: null });
      else send(res, 404, notFoundPage());
      return;
    }
    // Links use the port the browser used (falls back to the listening port).
    const linkPort = hostInfo.port ?? (req.socket.localPort ?? undefined);
    const ctx: RequestContext = {
      req,
      res,
      site,
      extension: extended?.extension,
      url,
      method,
      originOf: (siteId) => siteOrigin(siteId, linkPort),
      cookies: parseCookies(req.headers.cookie),
      delay,
    };
    route(ctx).catch(() => {
      if (!res.headersSent) send(res, 500, serverErrorPage(site.name));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(requestedPort, host);
  });

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    port,
    origin: (siteId: string) => siteOrigin(siteId, port),
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const [timer, resolveDelay] of timers) {
          clearTimeout(timer);
          resolveDelay(false);
        }
        timers.clear();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
