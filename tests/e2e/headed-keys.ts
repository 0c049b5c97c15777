import { expect, type Page } from '@playwright/test';
import type { HeadedTestKiosk } from './kiosk-fixture';

/**
 * Real keys and clicks on a headed kiosk's X display, as the headed suites use them:
 * which keys a page received, and a real click that gives a site's field the keyboard.
 */

/** Starts recording, in a page, the codes of the trusted keydowns it receives; the reader returns them so far. */
export async function recordKeys(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const codes: string[] = [];
    (window as unknown as { __keys: string[] }).__keys = codes;
    window.addEventListener('keydown', (event) => void (event.isTrusted && codes.push(event.code)), true);
  });
  return () => page.evaluate(() => (window as unknown as { __keys: string[] }).__keys);
}

/** A real click (X pointer) in a field of the site: the keyboard goes to the site's window. */
export async function clickSiteField(station: HeadedTestKiosk, site: Page, selector: string): Promise<void> {
  const box = await site.locator(selector).boundingBox();
  if (box === null) throw new Error(`no ${selector} on the site`);
  const origin = await site.evaluate(() => ({ x: window.screenX, y: window.screenY }));
  station.display.xdotool('mousemove', String(Math.round(origin.x + box.x + box.width / 2)), String(Math.round(origin.y + box.y + box.height / 2)), 'click', '1');
  await expect(site.locator(selector)).toBeFocused();
}
