import { createServer, type AddressInfo } from 'node:net';
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
