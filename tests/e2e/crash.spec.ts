import { expect, test } from './kiosk-fixture';

/**
 * Crashes and hangs: a site that crashes or stops answering ends the visit
 * (wiped, apology on the home screen); a crashed kiosk UI comes back by itself.
 */

test('a site whose page crashes: the visit is wiped and the home screen apologises', async ({ station }) => {
  const site = await station.openTile('caf');
  const crashed = station.kiosk.shell.visitor;
  const cdp = await site.context().newCDPSession(site);
  await cdp.send('Page.crash').catch(() => undefined); // the connection goes with the page
  await expect(station.ui.locator('main[data-screen="home"] [data-notice="wiped-after-crash"]')).toBeVisible({ timeout: 15_000 });
  expect(station.kiosk.shell.visitor).not.toBe(crashed);
  expect(station.kiosk.controller?.lastWipeReport()?.ok).toBe(true);
});

test('a site window that closes (Ctrl+W won by the browser, a killed process): the visit is wiped', async ({ station }) => {
  const site = await station.openTile('caf');
  await site.close();
  await expect(station.ui.locator('main[data-screen="home"] [data-notice="wiped-after-crash"]')).toBeVisible({ timeout: 15_000 });
  expect(station.kiosk.controller?.lastWipeReport()?.ok).toBe(true);
  await station.openTile('caf');
});

test('a site that stops answering (an endless script): the visit is wiped too', async ({ station }) => {
  test.slow();
  const site = await station.openTile('caf');
  void site.evaluate(() => {
    for (;;) {
      // hang the page
    }
  }).catch(() => undefined);
  await expect(station.ui.locator('main[data-screen="home"] [data-notice="wiped-after-crash"]')).toBeVisible({ timeout: 40_000 });
  expect(station.logLines).toContain('warn site-crashed {}');
});

test('a crashed kiosk UI comes back by itself and shows the station', async ({ station }) => {
  const cdp = await station.ui.context().newCDPSession(station.ui);
  await cdp.send('Page.crash').catch(() => undefined);
  // Reloaded in place, or (if the page cannot be reloaded) a new UI window: whichever page is current.
  await expect
    .poll(() => station.kiosk.shell.uiPage.locator('main[data-screen="home"] button[data-tile="caf"]').isVisible().catch(() => false), { timeout: 20_000 })
    .toBe(true);
  await station.kiosk.shell.uiPage.click('button[data-tile="caf"]');
  await expect(station.site().locator('h1')).toBeVisible();
});
