import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { missingXTools } from '../support/x-display';
import { hostileTile } from '../support/hostile-sites/training-server';
import { startHeadedKiosk, type HeadedTestKiosk } from './kiosk-fixture';

/**
 * A PDF (an attestation) opens in a viewer inside the kiosk, in the visitor's
 * own window, whether the site shows it or sends it as a download; the file
 * lives in the visitor's folder and goes with the wipe. Headed: headless
 * Chromium has no PDF viewer.
 */
const missing = missingXTools();
test.skip(missing !== null, `PDF viewer test skipped: ${missing}`);

let station: HeadedTestKiosk;
test.beforeAll(async () => {
  station = await startHeadedKiosk({ extraTiles: (config) => [hostileTile(config, { id: 'hostile', path: '/evasion' })] });
  await station.ui.click('button[data-tile="hostile"]');
  await station.site().waitForSelector('body[data-done]');
});
test.afterAll(async () => {
  await station?.close();
});

test('a PDF the site shows opens in the viewer in the same window', async () => {
  const site = station.site();
  await site.goto(`${station.training.origin('hostile')}/evasion`);
  await site.click('#lien-pdf');
  await expect(site).toHaveURL(/\/attestation\.pdf$/);
  // Shown by Chromium's PDF viewer (a document of type PDF), not downloaded and not refused.
  await expect.poll(() => site.evaluate(() => document.contentType).catch(() => '')).toBe('application/pdf');
  await expect(station.ui.locator('[data-overlay]')).toHaveCount(0);
  expect(site.context().pages()).toHaveLength(1);
});

test('a PDF sent as a download is kept in the visitor\'s folder, shown in the viewer, and wiped with the visitor', async () => {
  const site = station.site();
  await site.goto(`${station.training.origin('hostile')}/evasion`);
  await site.click('#lien-pdf-telecharger');
  await expect(site).toHaveURL(/^file:\/\/.*\/downloads\/document-\d+\.pdf$/);
  await expect.poll(() => site.evaluate(() => document.contentType).catch(() => '')).toBe('application/pdf');
  const file = fileURLToPath(site.url());
  expect(file.startsWith(station.kiosk.shell.visitor?.folder ?? '/nonexistent')).toBe(true);
  expect(existsSync(file)).toBe(true);
  await expect(station.ui.locator('[data-overlay]')).toHaveCount(0); // no refusal: the visitor's own file

  await station.ui.click('[data-action="end-session"]');
  await station.ui.click('[data-action="confirm-end"]');
  await station.ui.waitForSelector('main[data-screen="home"] [data-notice="wiped"]');
  expect((await station.kiosk.controller?.wipeSettled())?.ok).toBe(true);
  expect(existsSync(file)).toBe(false);
});
