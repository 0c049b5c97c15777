import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestKiosk, type TestKiosk } from './kiosk-fixture';

/**
 * A site whose certificate is not valid (here self-signed, made for the test
 * with openssl): the visitor gets a plain explanation and is never left on
 * Chromium's warning page, whose "continue anyway" link would let them through.
 */
const openssl = spawnSync('sh', ['-c', 'command -v openssl']).status === 0;
test.skip(!openssl, 'certificate test skipped: openssl is not installed (apt-get install openssl)');

let server: Server;
let station: TestKiosk;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-cert-'));
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=faux.entrainement.localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
    response.end('<h1>Faux site</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  station = await startTestKiosk({
    edit: (config) => ({
      ...config,
      tiles: [...config.tiles, { id: 'faux', label: { fr: 'Faux certificat' }, entry: `https://faux.entrainement.localhost:${port}/`, allowedHosts: ['faux.entrainement.localhost'] }],
    }),
  });
});
test.afterAll(async () => {
  await station?.close();
  server?.close();
});

test('a site with an invalid certificate is refused with an explanation, and its warning page never stays', async () => {
  await station.ui.click('button[data-tile="faux"]');
  const panel = station.ui.locator('[data-overlay="refused"]');
  await expect(panel).toContainText('certificat de sécurité');
  await expect.poll(() => station.site().url()).not.toMatch(/^chrome-error:/);
  await expect(station.site().locator('text=Faux site')).toHaveCount(0);
});
