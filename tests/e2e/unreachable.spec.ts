import { createServer, type AddressInfo } from 'node:net';
import { SLOW_PAGE_MS } from '../support/hostile-sites/hostile-surfaces';
import { expect, test as kioskTest } from './kiosk-fixture';

/** A site that is down, or a connection that dropped (a bus losing its 4G): a plain message, never a blank page. */
/** The kiosk with the ANEF tile sent to a port where nothing listens. */
const test = kioskTest.extend({
  kioskOptions: async ({ kioskOptions }, use) => {
    const closedPort = await freePort();
    await use({
      ...kioskOptions,
      edit: (config) => ({ ...config, tiles: config.tiles.map((tile) => (tile.id === 'anef' ? { ...tile, entry: `http://anef.entrainement.localhost:${closedPort}/` } : tile)) }),
    });
  },
});

test.describe('a démarche whose site does not answer', () => {
  test('says so plainly and offers to retry or go home, never a blank page', async ({ station: down }) => {
    const { ui } = down;
    await ui.click('button[data-tile="anef"]');
    const panel = ui.locator('[data-overlay="unreachable"]');
    await expect(panel).toContainText('Le site ne répond pas');
    await panel.locator('[data-action="retry"]').click();
    await expect.poll(() => down.logLines.filter((line) => line === 'warn site-unreachable {"tile":"anef"}').length).toBe(2);
    await expect(panel).toBeVisible();
    await panel.locator('[data-action="home"]').click();
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
  });
});

kioskTest.describe('a démarche whose first page is slow', () => {
  kioskTest.use({
    kioskOptions: {
      // The CAF tile's first page takes six seconds (a failing 4G link); its guide and its
      // forgotten-password page are as usual.
      edit: (config) => ({
        ...config,
        tiles: config.tiles.map((tile) => {
          if (tile.id !== 'caf') return tile;
          const entry = new URL(tile.entry);
          const hostile = `hostile.${entry.hostname.split('.').slice(1).join('.')}`;
          return { ...tile, entry: `${entry.protocol}//${hostile}:${entry.port}/surfaces/lente`, allowedHosts: [...tile.allowedHosts, hostile] };
        }),
      }),
    },
  });

  kioskTest('"Mot de passe oublié" tapped while it loads opens that page, and the first one is not said unreachable', async ({ station }) => {
    const { ui } = station;
    await ui.click('button[data-tile="caf"]');
    await ui.click('[data-panel="guide"] [data-action="forgot-password"]');
    const site = station.site();
    await expect(site.locator('#courriel')).toBeVisible();
    expect(new URL(site.url()).pathname).not.toBe('/surfaces/lente');
    // Past the slow page's own time: no "Le site ne répond pas", the page is still the one asked for.
    await ui.waitForTimeout(SLOW_PAGE_MS + 500);
    await expect(ui.locator('[data-overlay="unreachable"]')).toHaveCount(0);
    await expect(site.locator('#courriel')).toBeVisible();
    expect(station.logLines.filter((line) => line.startsWith('warn site-unreachable'))).toEqual([]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
