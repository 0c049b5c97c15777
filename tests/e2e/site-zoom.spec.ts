import { expect, test, type TestKiosk } from './kiosk-fixture';

/**
 * The official site gets the visitor's text size as its page zoom, set by the kiosk
 * (Chromium shell: CSS zoom on the page's root, on every page of the visit); the next
 * visitor's site is at 100 %. What is checked is what the page itself computes.
 */

// A page still navigating has no document to ask yet, and after a short visit the next
// visitor's browser may still be starting: asked again by the poll.
const rootZoom = async (station: TestKiosk) =>
  (await station.kiosk.shell.visitor?.page.evaluate(() => getComputedStyle(document.documentElement).zoom).catch(() => 'navigating')) ?? 'starting';

test('the largest text size zooms the site to 150 %, on the next page too, and the next visitor starts at 100 %', async ({ station }) => {
  const { ui } = station;
  await ui.click('[data-action="display"]');
  await ui.click('[data-text-size="larger"]');
  await expect(ui.locator('html')).toHaveAttribute('data-text-size', 'larger');
  await ui.click('[data-panel="display"] .panel-head .button');
  await ui.click('button[data-tile="caf"]');
  await expect.poll(() => rootZoom(station)).toBe('1.5');
  // Another page of the démarche keeps it.
  await ui.click('[data-panel="guide"] [data-action="forgot-password"]');
  await expect(station.site().locator('#courriel')).toBeVisible();
  await expect.poll(() => rootZoom(station)).toBe('1.5');

  await ui.click('[data-action="end-session"]');
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  await ui.click('button[data-tile="caf"]');
  await expect.poll(() => rootZoom(station)).toBe('1');
});
