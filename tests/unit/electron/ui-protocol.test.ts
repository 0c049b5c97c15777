import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  contentTypeFor,
  createUiRequestHandler,
  registerUiProtocol,
  resolveUiPath,
  UI_CONTENT_SECURITY_POLICY,
} from '../../../main/shells/electron/ui-protocol';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

let base: string;
let root: string;

beforeAll(() => {
  // base/secret.txt sits next to the served folder: it must never be reachable.
  base = mkdtempSync(join(tmpdir(), 'kiosk-ui-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Borne</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveUiPath', () => {
  it('maps kiosk://app/ addresses into the folder', () => {
    expect(resolveUiPath(root, 'kiosk://app/index.html')).toBe(join(root, 'index.html'));
    expect(resolveUiPath(root, 'kiosk://app/')).toBe(join(root, 'index.html'));
    expect(resolveUiPath(root, 'kiosk://app/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each([
    'kiosk://app/..%2fsecret.txt',
    'kiosk://app/assets/..%2f..%2fsecret.txt',
    'kiosk://app/%2e%2e%2fsecret.txt',
    'kiosk://app/..%5csecret.txt',
    'kiosk://app/assets%5c..%5c..%5csecret.txt',
    'kiosk://app/index.html%00.js',
    'kiosk://app/%E0%A4%A',
    'kiosk://other/index.html',
    'kiosk://user@app/index.html',
    'https://app/index.html',
    'file:///etc/passwd',
    'not an address',
  ])('refuses %s', (url) => {
    expect(resolveUiPath(root, url)).toBeNull();
  });

  it('keeps dot segments that the URL parser resolved inside the folder', () => {
    const resolved = resolveUiPath(root, 'kiosk://app/../../secret.txt');
    expect(resolved === null || resolved.startsWith(`${root}/`)).toBe(true);
  });
});

describe('UI request handler', () => {
  const get = (url: string, method = 'GET') => createUiRequestHandler(root)({ url, method });

  it('serves a file with the strict CSP and its content type', async () => {
    const response = await get('kiosk://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Borne</title>');
    const script = await get('kiosk://app/assets/app.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it('carries the exact policy of the brief', () => {
    expect(UI_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('answers 404 to traversal, including through a symbolic link', async () => {
    for (const url of ['kiosk://app/..%2fsecret.txt', 'kiosk://app/assets/link.txt', 'kiosk://app/missing.js', 'kiosk://app/assets/']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
      expect(response.headers.get('Content-Security-Policy'), url).toBe(UI_CONTENT_SECURITY_POLICY);
    }
  });

  it('serves reads only', async () => {
    expect((await get('kiosk://app/index.html', 'POST')).status).toBe(405);
    const head = await get('kiosk://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('knows the usual content types', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });

  it('is registered for the kiosk scheme on the protocol it is given', async () => {
    const protocol = new fake.FakeProtocol();
    registerUiProtocol(fake.asElectron<Protocol>(protocol), root);
    const handler = protocol.handlers.get('kiosk');
    expect(handler).toBeDefined();
    const response = await handler?.(new Request('kiosk://app/index.html'));
    expect(response?.status).toBe(200);
  });
});
