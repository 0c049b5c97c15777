import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import vm from 'node:vm';
import { startTrainingServer } from '../../main/dev-tools/training-sites/server';
import type { TrainingServer } from '../../main/dev-tools/training-sites/server';
import { SITES, STORAGE_SCRIPT } from '../../main/dev-tools/training-sites/sites';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  form?: Record<string, string>;
  cookie?: string;
}

let server: TrainingServer;

/** Requests 127.0.0.1 with an explicit Host header (Node may not resolve *.localhost). */
function request(hostname: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const body = options.form === undefined ? undefined : new URLSearchParams(options.form).toString();
  const headers: http.OutgoingHttpHeaders = { Host: `${hostname}:${server.port}` };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  if (options.cookie !== undefined) headers['Cookie'] = options.cookie;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const host = (siteId: string): string => `${siteId}.entrainement.localhost`;

/** Request on a training site by id. */
const site = (siteId: string, path: string, options?: RequestOptions): Promise<Reply> =>
  request(host(siteId), path, options);

function setCookies(reply: Reply): string[] {
  return reply.headers['set-cookie'] ?? [];
}

function cookieNamed(reply: Reply, name: string): string | undefined {
  return setCookies(reply).find((cookie) => cookie.startsWith(`${name}=`));
}

/** `name=value` part of a Set-Cookie line, for sending it back. */
function cookiePair(setCookie: string | undefined): string {
  return (setCookie ?? '').split(';')[0] ?? '';
}

function expectFrameHeaders(reply: Reply): void {
  expect(reply.headers['x-frame-options']).toBe('DENY');
  expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(reply.headers['cache-control']).toBe('no-store');
}

beforeAll(async () => {
  server = await startTrainingServer();
});

afterAll(async () => {
  await server.close();
});

describe('training server', () => {
  it('listens on a random port and builds site origins', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.origin('caf')).toBe(`http://caf.entrainement.localhost:${server.port}`);
  });

  it('puts the frame, CSP and cache headers on every response', async () => {
    const replies = await Promise.all([
      site('caf', '/'),
      site('anef', '/connexion'),
      site('ants', '/mon-compte'),
      site('ants', '/connexion', { form: { identifiant: 'a', 'mot-de-passe': 'b' } }),
      site('connexion-caf', '/connexion'),
      site('franceconnect', '/'),
      site('caf', '/partir'),
      site('caf', '/erreur'),
      site('caf', '/etat'),
      site('caf', '/introuvable'),
      request('inconnu.entrainement.localhost', '/'),
      request('127.0.0.1', '/'),
    ]);
    for (const reply of replies) expectFrameHeaders(reply);
    expect(replies[0]?.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers /etat with JSON on every site', async () => {
    for (const { id } of SITES) {
      const reply = await site(id, '/etat');
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(reply.body)).toEqual({ ok: true, site: id });
    }
  });

  it('answers 404 in French for an unknown host', async () => {
    for (const hostname of ['inconnu.entrainement.localhost', '127.0.0.1', 'www.example.com']) {
      const reply = await request(hostname, '/');
      expect(reply.status).toBe(404);
      expect(reply.body).toContain('lang="fr"');
      expect(reply.body).toContain('Page introuvable');
      expect(reply.body).toContain("Site d'entraînement — aucune donnée réelle");
    }
  });

  it('serves none of the security tests\' hostile hosts (they are mounted by tests/support/hostile-sites/ only)', async () => {
    for (const [hostname, path] of [[host('hostile'), '/plant'], [host('hostile'), '/surfaces/cadre-interdit'], [host('tiers'), '/cadre'], [host('ailleurs'), '/surfaces/contenu']] as const) {
      const reply = await request(hostname, path);
      expect(reply.status, `${hostname}${path}`).toBe(404);
      expect(reply.body).toContain('Page introuvable');
    }
    expect(SITES.map(({ id }) => id)).not.toContain('hostile');
  });

  it('renders accessible home pages with the expected links', async () => {
    const port = server.port;
    const caf = await site('caf', '/');
    expect(caf.status).toBe(200);
    expect(caf.body).toContain("<h1>Caisse d'allocations — site d'entraînement</h1>");
    expect(caf.body).toContain('<main');
    expect(caf.body).toContain("Site d'entraînement — aucune donnée réelle");
    expect(caf.body).toContain(
      `href="http://connexion-caf.entrainement.localhost:${port}/connexion">Me connecter</a>`,
    );
    expect(caf.body).toContain('id="lien-externe" href="https://www.example.com/"');
    expect(caf.body).toContain('id="lien-redirection" href="/partir"');
    const retour = encodeURIComponent(`http://caf.entrainement.localhost:${port}/mon-compte`);
    expect(caf.body).toContain(
      `id="lien-franceconnect" href="http://franceconnect.entrainement.localhost:${port}/?retour=${retour}"`,
    );

    const anef = await site('anef', '/');
    expect(anef.body).toContain("<h1>Titres de séjour (étrangers) — site d'entraînement</h1>");
    expect(anef.body).toContain('href="/connexion">Me connecter</a>');
    const ants = await site('ants', '/');
    expect(ants.body).toContain("<h1>Titres et permis — site d'entraînement</h1>");
    expect(ants.body).toContain('href="/connexion">Me connecter</a>');
  });

  it('shows a labelled login form', async () => {
    const reply = await site('anef', '/connexion');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<form method="post" action="/connexion"');
    expect(reply.body).toContain('<label for="identifiant">');
    expect(reply.body).toContain('<label for="mot-de-passe">');
    expect(reply.body).toMatch(/<input id="mot-de-passe" name="mot-de-passe" type="password"/);
    expect(reply.body).toContain('Se connecter</button>');
  });

  it('re-renders the login form with a French error when fields are empty', async () => {
    const reply = await site('anef', '/connexion', { form: { identifiant: '', 'mot-de-passe': '' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['location']).toBeUndefined();
    expect(setCookies(reply)).toEqual([]);
    expect(reply.body).toContain('id="erreur-connexion"');
    expect(reply.body).toContain('Veuillez saisir votre identifiant et votre mot de passe.');

    const missingPassword = await site('ants', '/connexion', {
      form: { identifiant: '<marie>', 'mot-de-passe': '' },
    });
    expect(missingPassword.body).toContain('Veuillez saisir votre mot de passe.');
    expect(missingPassword.body).toContain('value="&lt;marie&gt;"');
  });

  it('logs in with any non-empty credentials and sets an HttpOnly session cookie', async () => {
    const reply = await site('anef', '/connexion', {
      form: { identifiant: 'marie', 'mot-de-passe': 'secret' },
    });
    expect(reply.status).toBe(303);
    expect(reply.headers['location']).toBe('/mon-compte');
    const session = cookieNamed(reply, 'session');
    expect(session).toMatch(/^session=[0-9a-f]+; HttpOnly; Path=\/; SameSite=Lax$/);
    expect(cookieNamed(reply, 'preferences')).toBe('preferences=contraste; Path=/; SameSite=Lax');
    expect(setCookies(reply).join('\n')).not.toMatch(/domain=/i);

    const account = await site('anef', '/mon-compte', { cookie: cookiePair(session) });
    expect(account.status).toBe(200);
    expect(account.body).toContain('Mon espace — entraînement');
    expect(account.body).toContain('<p id="etat-connexion" role="status">Vous êtes connecté·e</p>');
    expect(account.body).toContain("localStorage.setItem('brouillon', 'demarche-en-cours')");
    expect(account.body).toContain('href="/deconnexion"');
  });

  it('redirects /mon-compte to /connexion without a session cookie', async () => {
    for (const id of ['caf', 'anef', 'ants']) {
      const reply = await site(id, '/mon-compte', { cookie: 'preferences=contraste' });
      expect(reply.status).toBe(303);
      expect(reply.headers['location']).toBe('/connexion');
    }
  });

  it('clears the session cookie on /deconnexion', async () => {
    const reply = await site('ants', '/deconnexion', { cookie: 'session=abc' });
    expect(reply.status).toBe(200);
    expect(cookieNamed(reply, 'session')).toMatch(/^session=;.*Max-Age=0/);
    expect(reply.body).toContain('Vous êtes déconnecté·e');
  });

  it('redirects /partir outside of the allowed hosts', async () => {
    const reply = await site('caf', '/partir');
    expect(reply.status).toBe(302);
    expect(reply.headers['location']).toBe('https://www.example.org/');
  });

  it('answers /erreur with a French 500 page', async () => {
    const reply = await site('ants', '/erreur');
    expect(reply.status).toBe(500);
    expect(reply.body).toContain('Le service est en panne');
  });

  it('answers /lent after about 3 seconds', async () => {
    const started = Date.now();
    const reply = await site('caf', '/lent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Page lente');
  }, 10_000);

  it('lets franceconnect redirect back only to training hosts', async () => {
    const port = server.port;
    const retour = `http://anef.entrainement.localhost:${port}/mon-compte`;
    const page = await site('franceconnect', `/?retour=${encodeURIComponent(retour)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="/autoriser">');

    const accepted = await site('franceconnect', '/autoriser', { form: { retour } });
    expect(accepted.status).toBe(303);
    const location = new URL(accepted.headers['location'] ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(retour);
    expect(location.searchParams.get('jeton')).toMatch(/^[0-9a-f]+$/);

    const refusedTargets = [
      'https://www.example.com/',
      `http://evil.example/?x=.entrainement.localhost`,
      'http://caf.entrainement.localhost.example.com/',
      'http://caf.entrainement.localhost@example.com/',
      'javascript:alert(1)//.entrainement.localhost',
      '/mon-compte',
    ];
    for (const target of refusedTargets) {
      const refused = await site('franceconnect', '/autoriser', { form: { retour: target } });
      expect(refused.status, target).toBe(400);
      expect(refused.headers['location'], target).toBeUndefined();
      expect(refused.body).toContain("L'adresse de retour est refusée");
      const refusedPage = await site('franceconnect', `/?retour=${encodeURIComponent(target)}`);
      expect(refusedPage.body).not.toContain('action="/autoriser"');
    }
  });

  it('runs the CAF login flow through the separate connexion-caf host', async () => {
    const port = server.port;
    const cafLogin = await site('caf', '/connexion');
    expect(cafLogin.status).toBe(303);
    expect(cafLogin.headers['location']).toBe(
      `http://connexion-caf.entrainement.localhost:${port}/connexion`,
    );

    const form = await site('connexion-caf', '/connexion');
    expect(form.status).toBe(200);
    expect(form.body).toContain('id="identifiant"');

    const login = await site('connexion-caf', '/connexion', {
      form: { identifiant: 'marie', 'mot-de-passe': 'secret' },
    });
    expect(login.status).toBe(303);
    expect(cookieNamed(login, 'session')).toMatch(/^session=[0-9a-f]+; HttpOnly; Path=\/; SameSite=Lax$/);
    const location = new URL(login.headers['location'] ?? '');
    expect(location.host).toBe(`caf.entrainement.localhost:${port}`);
    expect(location.pathname).toBe('/mon-compte');
    expect(location.searchParams.get('jeton')).toMatch(/^[0-9a-f]+$/);

    const landing = await site('caf', `${location.pathname}${location.search}`);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('Vous êtes connecté·e');
    const session = cookieNamed(landing, 'session');
    expect(session).toMatch(/^session=[0-9a-f]+; HttpOnly; Path=\/; SameSite=Lax$/);

    const again = await site('caf', '/mon-compte', { cookie: cookiePair(session) });
    expect(again.status).toBe(200);
    expect(again.body).toContain('id="etat-connexion"');
  });

  it('has a storage script that fills local, session and IndexedDB storage', async () => {
    const local = new Map<string, string>();
    const session = new Map<string, string>();
    const stores = new Map<string, Map<unknown, unknown>>();
    const dataset: Record<string, string> = {};
    const storage = (map: Map<string, string>) => ({
      setItem: (key: string, value: string) => void map.set(key, value),
    });
    const indexedDB = {
      open(): Record<string, unknown> {
        const request: Record<string, unknown> = {};
        setTimeout(() => {
          const isNew = stores.size === 0;
          const db = {
            version: 1,
            objectStoreNames: { contains: (name: string) => stores.has(name) },
            createObjectStore: (name: string) => void stores.set(name, new Map()),
            close: () => undefined,
            transaction(name: string) {
              const tx: Record<string, unknown> = {
                objectStore: () => ({
                  put: (value: { id: unknown }) => void stores.get(name)?.set(value.id, value),
                }),
              };
              setTimeout(() => (tx['oncomplete'] as () => void)(), 0);
              return tx;
            },
          };
          request['result'] = db;
          if (isNew) (request['onupgradeneeded'] as () => void)();
          (request['onsuccess'] as () => void)();
        }, 0);
        return request;
      },
    };
    const context = vm.createContext({
      document: { body: { dataset }, getElementById: () => null },
      localStorage: storage(local),
      sessionStorage: storage(session),
      indexedDB,
    });
    vm.runInContext(STORAGE_SCRIPT, context);
    for (let i = 0; i < 50 && dataset['stockage'] === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(dataset['stockage']).toBe('pret');
    expect(local.get('brouillon')).toBe('demarche-en-cours');
    expect(session.get('etape')).toBe('2');
    expect(stores.get('brouillons')?.get(1)).toEqual({ id: 1, texte: 'formulaire commencé' });
  });

  it('closes idempotently with a pending slow request', async () => {
    const other = await startTrainingServer();
    const pending = new Promise<void>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: other.port,
          path: '/lent',
          headers: { Host: `caf.entrainement.localhost:${other.port}` },
        },
        () => resolve(),
      );
      req.on('error', () => resolve());
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await Promise.all([other.close(), other.close()]);
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects when the port is already in use', async () => {
    await expect(startTrainingServer({ port: server.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
