import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as kioskTest } from './kiosk-fixture';

/**
 * A bus losing its 4G: a démarche that needs the Internet (here a local server
 * the test stops and starts again) waits on a page that opens it by itself when
 * the link is back; training sites keep working; nothing is reset under the visitor.
 */

/** The "Internet": a server that can go away and come back on the same port. */
class SwitchableSite {
  private server: Server | null = null;
  port = 0;

  async up(): Promise<void> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html lang="fr"><title>Service en ligne</title><h1 id="en-ligne">Service en ligne</h1><input id="champ"></html>');
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}

const test = kioskTest.extend<{ internet: SwitchableSite }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads what a fixture needs from this pattern: nothing.
  internet: async ({}, use) => {
    const internet = new SwitchableSite();
    await internet.up();
    await use(internet);
    await internet.down();
  },
  kioskOptions: async ({ internet }, use) => {
    await use({
      edit: (config) => ({
        ...config,
        connectivity: { probeUrls: [`${internet.origin}/`], checkSeconds: 2 },
        tiles: [
          ...config.tiles,
          { id: 'en-ligne', label: { fr: 'Service en ligne' }, entry: `${internet.origin}/`, allowedHosts: ['127.0.0.1'], worksOffline: false },
        ],
      }),
    });
  },
});

test('offline, the tiles say what waits for the link, and the démarche opens by itself when it is back', async ({ station, internet }) => {
  const { ui } = station;
  await internet.down();
  const home = ui.locator('main[data-screen="home"]');
  await expect(home.locator('[data-notice="offline"]')).toBeVisible({ timeout: 15_000 });
  await expect(home.locator('button[data-tile="en-ligne"]')).toHaveAttribute('data-needs-connection', 'true');
  await expect(home.locator('button[data-tile="en-ligne"]')).toContainText("Besoin d'Internet");
  // Training sites live on this machine: not marked, and they open.
  await expect(home.locator('button[data-tile="anef"]')).toHaveAttribute('data-needs-connection', 'false');

  await ui.click('button[data-tile="en-ligne"]');
  const offline = ui.locator('[data-overlay="offline"]');
  await expect(offline).toBeVisible();
  await expect(offline).toContainText('La borne réessaie toute seule');

  await offline.locator('[data-action="home"]').click();
  await ui.click('button[data-tile="anef"]');
  await expect(station.site().locator('h1')).toContainText('Titres de séjour');
  await ui.click('header[data-toolbar] [data-action="home"]');

  await ui.click('button[data-tile="en-ligne"]');
  await expect(offline).toBeVisible();
  const generation = station.kiosk.controller?.view().visitorGeneration;
  await internet.up();
  // Nobody touches anything: the page opens by itself.
  await expect(offline).toBeHidden({ timeout: 15_000 });
  await expect(station.site().locator('#en-ligne')).toBeVisible();
  await expect(home).toHaveCount(0);
  await expect(ui.locator('header[data-toolbar]')).toContainText('Service en ligne');
  expect(station.kiosk.controller?.view().visitorGeneration).toBe(generation);
  expect(station.logLines.some((line) => line.startsWith('warn connectivity-lost'))).toBe(true);
  expect(station.logLines.some((line) => line.startsWith('info connectivity-back'))).toBe(true);
});

test('the link dropping under a visitor changes nothing but a notice in the toolbar', async ({ station, internet }) => {
  const { ui } = station;
  await ui.click('button[data-tile="en-ligne"]');
  const site = station.site();
  await expect(site.locator('#en-ligne')).toBeVisible();
  await site.fill('#champ', 'brouillon');
  await site.evaluate(() => ((window as unknown as { marqueur: number }).marqueur = 42));

  await internet.down();
  const status = ui.locator('header[data-toolbar] [data-status="offline"]');
  await expect(status).toBeVisible({ timeout: 15_000 });
  await expect(status).toContainText('Pas de connexion Internet');

  await internet.up();
  await expect(status).toBeHidden({ timeout: 15_000 });
  // Same page, same document, what the visitor typed still there.
  expect(await site.evaluate(() => (window as unknown as { marqueur?: number }).marqueur)).toBe(42);
  await expect(site.locator('#champ')).toHaveValue('brouillon');
  expect(station.kiosk.controller?.view().screen).toMatchObject({ name: 'site', tileId: 'en-ligne' });
});
