import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import vm from 'node:vm';
import { startTrainingServer } from '../support/hostile-sites/training-server';
import type { TrainingServer } from '../support/hostile-sites/training-server';
import {
  HOSTILE_LABEL,
  PERMISSION_NAMES,
  SERVICE_WORKER_SCRIPT,
  STORAGE_KINDS,
} from '../support/hostile-sites/hostile-site';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
  body: string;
}

interface RequestOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
}

let server: TrainingServer;

/** Requests 127.0.0.1 with an explicit Host header (Node may not resolve *.localhost). */
function site(siteId: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { ...options.headers, Host: `${siteId}.entrainement.localhost:${server.port}` },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, body: bytes.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const hostile = (path: string, options?: RequestOptions): Promise<Reply> => site('hostile', path, options);
const tiers = (path: string, options?: RequestOptions): Promise<Reply> => site('tiers', path, options);

/** Content of `<script type="application/json" id="...">`. */
function jsonScript(body: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(body);
  expect(match, id).not.toBeNull();
  return JSON.parse(match?.[1] ?? 'null');
}

/** Inline scripts that the browser would run (not the JSON data blocks). */
function inlineScripts(body: string): string[] {
  return [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

beforeAll(async () => {
  server = await startTrainingServer();
});

afterAll(async () => {
  await server.close();
});

const HOSTILE_PAGES = ['/', '/plant', '/inspect', '/evasion', '/meta-refresh', '/auth'];
const TIERS_PAGES = ['/', '/cadre', '/cadre-lire'];

describe('hostile training site', () => {
  it('registers the hostile and tiers hosts', async () => {
    expect(server.origin('hostile')).toBe(`http://hostile.entrainement.localhost:${server.port}`);
    expect(server.origin('tiers')).toBe(`http://tiers.entrainement.localhost:${server.port}`);
    for (const id of ['hostile', 'tiers']) {
      const etat = await site(id, '/etat');
      expect(etat.status).toBe(200);
      expect(JSON.parse(etat.body)).toEqual({ ok: true, site: id });
    }
    for (const path of HOSTILE_PAGES.filter((path) => path !== '/auth')) {
      const reply = await hostile(path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.body, path).toContain('lang="fr"');
      expect(reply.body, path).toContain(HOSTILE_LABEL);
    }
    for (const path of TIERS_PAGES) {
      const reply = await tiers(path);
      expect(reply.status, path).toBe(200);
      expect(reply.body, path).toContain(HOSTILE_LABEL);
    }
    expect((await hostile('/introuvable')).status).toBe(404);
    expect((await tiers('/plant')).status).toBe(404);
  });

  it('keeps hostile pages unframeable and lets only the hostile origin frame tiers pages', async () => {
    const hostileOrigin = server.origin('hostile');
    const tiersOrigin = server.origin('tiers');
    const hostilePaths = [...HOSTILE_PAGES, '/sw.js', '/cacheable', '/cookies-recus', '/partir-loin', '/attestation.pdf', '/telecharger.pdf', '/programme.exe'];
    for (const path of hostilePaths) {
      const reply = await hostile(path);
      expect(reply.headers['x-frame-options'], path).toBe('DENY');
      expect(reply.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
    const csp = (await hostile('/plant')).headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain(`frame-src ${tiersOrigin}`);
    expect(csp).not.toContain('form-action');

    for (const path of TIERS_PAGES) {
      const reply = await tiers(path);
      expect(reply.headers['x-frame-options'], path).toBeUndefined();
      const directives = String(reply.headers['content-security-policy'] ?? '')
        .split(';')
        .map((part) => part.trim());
      expect(directives, path).toContain(`frame-ancestors ${hostileOrigin}`);
      expect(directives.filter((directive) => directive.startsWith('frame-ancestors'))).toHaveLength(1);
    }
  });

  it('sets the four planting cookies on /plant', async () => {
    const reply = await hostile('/plant');
    expect(reply.headers['set-cookie']).toEqual([
      'plain=1; Path=/',
      'secret=1; HttpOnly; Path=/',
      'cross=1; SameSite=None; Secure; Path=/',
      'part=1; SameSite=None; Secure; Partitioned; Path=/',
    ]);
    expect(jsonScript(reply.body, 'config-hostile')).toEqual({ tiersOrigin: server.origin('tiers') });
    for (const kind of STORAGE_KINDS) expect(reply.body).toContain(`id="resultat-${kind}"`);
    expect(reply.body).toContain("indexedDB.open('hostile-db', 1)");
    expect(reply.body).toContain("caches.open('hostile-cache')");
    expect(reply.body).toContain("cache.put('/plant-cached', new Response('x'))");
    expect(reply.body).toContain("navigator.serviceWorker.register('/sw.js', { scope: '/' })");
    expect(reply.body).toContain("getFileHandle('hostile.txt', { create: true })");
    expect(reply.body).toContain("history.pushState({}, '', '/plant#etape-2')");
  });

  it('sets the third-party cookie on the tiers frame', async () => {
    const reply = await tiers('/cadre');
    expect(reply.headers['set-cookie']).toEqual(['tiers=1; SameSite=None; Secure; Path=/']);
    expect(jsonScript(reply.body, 'config-tiers')).toEqual({ hostileOrigin: server.origin('hostile') });
    const reading = await tiers('/cadre-lire', { headers: { Cookie: 'tiers=1; tiers-js=1' } });
    expect(reading.headers['set-cookie']).toBeUndefined();
    expect(jsonScript(reading.body, 'cookies-seen')).toEqual(['tiers', 'tiers-js']);
  });

  it('lists the cookie names the server received, HttpOnly ones included', async () => {
    const before = Date.now();
    const reply = await hostile('/inspect', { headers: { Cookie: 'plain=1; secret=1; part=1; js=1' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(jsonScript(reply.body, 'cookies-seen')).toEqual(['plain', 'secret', 'part', 'js']);
    const config = jsonScript(reply.body, 'config-hostile') as { tiersOrigin: string; renderedAt: number };
    expect(config.tiersOrigin).toBe(server.origin('tiers'));
    expect(config.renderedAt).toBeGreaterThanOrEqual(before);
    expect(jsonScript((await hostile('/inspect')).body, 'cookies-seen')).toEqual([]);

    const seen = await hostile('/cookies-recus', { headers: { Cookie: 'cross=1; secret=1' } });
    expect(seen.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(seen.body)).toEqual(['cross', 'secret']);
  });

  it('asks for HTTP authentication on /auth', async () => {
    const missing = await hostile('/auth');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Basic realm="entrainement"');
    const wrong = await hostile('/auth', { headers: { Authorization: basic('entrainement', 'faux') } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Basic realm="entrainement"');
    const right = await hostile('/auth', { headers: { Authorization: basic('entrainement', 'secret') } });
    expect(right.status).toBe(200);
    expect(right.headers['www-authenticate']).toBeUndefined();
    expect(right.headers['cache-control']).toBe('no-store');
    expect(right.body).toContain('<h1 id="authentifie">Authentifié</h1>');
  });

  it('serves a valid one-page PDF, inline and as a download', async () => {
    const inline = await hostile('/attestation.pdf');
    const download = await hostile('/telecharger.pdf');
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['content-disposition']).toBe('inline; filename="attestation.pdf"');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename="attestation.pdf"');
    expect(download.bytes.equals(inline.bytes)).toBe(true);
    expect(Number(inline.headers['content-length'])).toBe(inline.bytes.length);

    const pdf = inline.bytes.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain("(Attestation d'entra\\356nement) Tj");
    expect(pdf).toContain('/Count 1');

    const startxref = /startxref\n(\d+)\n%%EOF\s*$/.exec(pdf);
    const xrefOffset = Number(startxref?.[1]);
    expect(pdf.slice(xrefOffset, xrefOffset + 5)).toBe('xref\n');
    const table = /^xref\n0 (\d+)\n/.exec(pdf.slice(xrefOffset));
    const count = Number(table?.[1]);
    expect(count).toBe(7);
    const entriesStart = xrefOffset + (table?.[0].length ?? 0);
    const entries = pdf.slice(entriesStart, entriesStart + count * 20);
    expect(entries.slice(0, 20)).toBe('0000000000 65535 f \n');
    for (let number = 1; number < count; number += 1) {
      const entry = entries.slice(number * 20, number * 20 + 20);
      expect(entry, `xref entry ${number}`).toMatch(/^\d{10} 00000 n \n$/);
      const offset = Number(entry.slice(0, 10));
      expect(pdf.slice(offset, offset + `${number} 0 obj\n`.length)).toBe(`${number} 0 obj\n`);
    }
    expect(pdf).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R`));

    // The content stream's /Length is its exact byte length.
    const stream = /<< \/Length (\d+) >>\nstream\n/.exec(pdf);
    const streamStart = (stream?.index ?? 0) + (stream?.[0].length ?? 0);
    expect(pdf.slice(streamStart + Number(stream?.[1]))).toMatch(/^\nendstream\n/);
  });

  it('offers a program as a download', async () => {
    const reply = await hostile('/programme.exe');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="programme.exe"');
    expect(reply.bytes.subarray(0, 2).toString('latin1')).toBe('MZ');
  });

  it('serves a service worker with the right headers', async () => {
    const reply = await hostile('/sw.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['service-worker-allowed']).toBe('/');
    expect(reply.body).toBe(SERVICE_WORKER_SCRIPT);
    expect(reply.body).not.toContain("'fetch'");
    expect(() => new vm.Script(reply.body)).not.toThrow();
  });

  it('serves /cacheable with a long max-age and a timestamp', async () => {
    const before = Date.now();
    const first = await hostile('/cacheable');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('max-age=3600');
    const servedAt = Number(first.headers['x-served-at']);
    expect(servedAt).toBeGreaterThanOrEqual(before);
    expect(servedAt).toBeLessThanOrEqual(Date.now());
  });

  it('redirects away with /partir-loin and /meta-refresh', async () => {
    const reply = await hostile('/partir-loin');
    expect(reply.status).toBe(302);
    expect(reply.headers['location']).toBe('https://www.example.org/');
    const refresh = await hostile('/meta-refresh');
    expect(refresh.body).toContain('<meta http-equiv="refresh" content="0;url=https://www.example.net/">');
  });

  it('has every escape attempt of /evasion, each with a stable id', async () => {
    const { body } = await hostile('/evasion');
    const hostileOrigin = server.origin('hostile');
    const links: Record<string, string> = {
      'lien-blank': 'https://www.example.com/',
      'lien-blank-autorise': '/inspect',
      'lien-file': 'file:///etc/passwd',
      'lien-data': 'data:text/html,&lt;h1&gt;x&lt;/h1&gt;',
      'lien-javascript': 'javascript:alert(1)',
      'lien-chrome': 'chrome://settings',
      'lien-devtools': 'devtools://devtools/bundled/inspector.html',
      'lien-view-source': `view-source:${hostileOrigin}/`,
      'lien-sosie': 'https://www.caf.fr.example.net/',
      'lien-tiret': 'https://caf-fr.com/',
      'lien-punycode': 'https://www.xn--cf-c9b.fr/',
      'lien-arobase': 'https://www.caf.fr@www.example.com/',
      'lien-diese': 'https://www.example.com/#hostile.entrainement.localhost',
      'lien-redirection': '/partir-loin',
      'lien-meta-refresh': '/meta-refresh',
      'lien-mailto': 'mailto:aide@caf.fr',
      'lien-tel': 'tel:3230',
      'lien-sms': 'sms:+33600000000',
      'lien-intent': 'intent://scan/#Intent;scheme=zxing;end',
      'lien-custom': 'ms-settings:privacy',
      'lien-auth': '/auth',
      'lien-pdf': '/attestation.pdf',
      'lien-pdf-telecharger': '/telecharger.pdf',
      'lien-exe': '/programme.exe',
    };
    for (const [id, href] of Object.entries(links)) expect(body).toContain(`<a id="${id}" href="${href}"`);
    expect(body).toContain('<a id="lien-blank" href="https://www.example.com/" target="_blank">');
    expect(body).toContain('<a id="lien-blank-autorise" href="/inspect" target="_blank">');
    expect(body).toMatch(/<form id="formulaire-blank-form" method="get" action="https:\/\/www\.example\.com\/" target="_blank">/);
    expect(body).toContain('<button type="submit" id="formulaire-blank">');

    const buttons = [
      'ouvrir-fenetre',
      'ouvrir-fenetre-autorisee',
      'lien-blob',
      'lien-about',
      'lien-js-redirection',
      'copier',
      'fermer',
      'deplacer',
      'zoom',
      ...PERMISSION_NAMES.map((name) => `demander-${name}`),
    ];
    for (const id of buttons) expect(body).toContain(`<button type="button" id="${id}">`);
    for (const id of [...Object.keys(links), ...buttons, 'formulaire-blank']) {
      expect(body.split(`id="${id}"`).length - 1, id).toBe(1);
    }
    expect(jsonScript(body, 'config-hostile')).toEqual({
      tiersOrigin: server.origin('tiers'),
      refreshUrl: 'https://www.example.net/',
    });
  });

  it('has page scripts that compile', async () => {
    const pages = [
      ...HOSTILE_PAGES.map((path) => hostile(path)),
      ...TIERS_PAGES.map((path) => tiers(path)),
    ];
    for (const reply of await Promise.all(pages)) {
      const scripts = inlineScripts(reply.body);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        expect(script).toContain('document.body.dataset.done');
        expect(() => new vm.Script(script)).not.toThrow();
      }
    }
  });

  it('serves only GET and HEAD', async () => {
    const post = await hostile('/plant', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    expect(post.headers['set-cookie']).toBeUndefined();
    const head = await hostile('/evasion', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});
