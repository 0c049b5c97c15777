import { expect, test } from '@playwright/test';
import { TOOLBAR_HEIGHT_PX } from '../../main/core/contract/layout';
import { missingXTools, startVirtualDisplay, type VirtualDisplay } from '../support/x-display';
import { startTestKiosk, windowBounds } from './kiosk-fixture';

/**
 * The kiosk as a station runs it: headed, on an X display (here a virtual one,
 * Xvfb, 1024×768), with the two app windows placed on the real screen.
 */
const missing = missingXTools();
test.skip(missing !== null, `headed test skipped: ${missing}`);

let display: VirtualDisplay;
test.beforeAll(async () => {
  display = await startVirtualDisplay(1024, 768);
});
test.afterAll(() => display?.close());

test('headed on an X display: full-screen home, then the toolbar strip above the site', async () => {
  const station = await startTestKiosk({ display });
  try {
    const { ui } = station;
    const home = await windowBounds(ui);
    expect(home).toMatchObject({ left: 0, top: 0 });
    expect(Math.abs(home.width - 1024)).toBeLessThanOrEqual(2);
    expect(Math.abs(home.height - 768)).toBeLessThanOrEqual(2);

    const site = await station.openTile('caf');
    expect(await windowBounds(ui)).toEqual({ left: 0, top: 0, width: 1024, height: TOOLBAR_HEIGHT_PX });
    expect(await windowBounds(site)).toEqual({ left: 0, top: TOOLBAR_HEIGHT_PX, width: 1024, height: 768 - TOOLBAR_HEIGHT_PX });
    expect(await site.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([1024, 768 - TOOLBAR_HEIGHT_PX]);
    // Two windows on the screen, no more: no address bar, no other browser window.
    expect(display.visibleWindows().length).toBeGreaterThanOrEqual(2);

    // A 1024 px screen is too narrow for the guide beside the site: asked for, it covers the site.
    await ui.click('header[data-toolbar] [data-action="guide"]');
    await expect(ui.locator('[data-panel="guide"]')).toBeVisible();
    await expect.poll(async () => (await windowBounds(ui)).height).toBeGreaterThan(760);
    expect((await windowBounds(site)).left).toBeGreaterThanOrEqual(1024);
    await ui.click('[data-panel="guide"] [data-action="close-guide"]');
    await expect.poll(async () => (await windowBounds(site)).top).toBe(TOOLBAR_HEIGHT_PX);
  } finally {
    await station.close();
  }
});
