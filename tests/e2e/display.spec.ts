import { LANGUAGE_NATIVE_NAMES } from '../../main/core/config/languages';
import { expect, test, type TestKiosk } from './kiosk-fixture';

/** Text size, contrast and language: chosen by one visitor, gone for the next. */

const rootFontPx = (station: TestKiosk) => station.ui.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test('three text sizes and a high-contrast mode, reset after the wipe', async ({ station }) => {
  const { ui } = station;
  const html = ui.locator('html');
  await expect(html).toHaveAttribute('data-text-size', 'normal');
  const normal = await rootFontPx(station);
  const tileHeight = async () => (await ui.locator('button[data-tile="caf"]').boundingBox())?.height ?? 0;
  const normalTile = await tileHeight();

  await ui.click('header[data-toolbar] [data-action="display"]');
  const panel = ui.locator('[data-panel="display"]');
  await expect(panel.locator('[data-text-size]')).toHaveCount(3);
  await panel.locator('[data-text-size="large"]').click();
  await expect(html).toHaveAttribute('data-text-size', 'large');
  expect(await rootFontPx(station)).toBeCloseTo(normal * 1.25, 0);
  await panel.locator('[data-text-size="larger"]').click();
  expect(await rootFontPx(station)).toBeCloseTo(normal * 1.5, 0);
  expect(await tileHeight()).toBeGreaterThan(normalTile);
  // The toolbar keeps its height: the shells give it a fixed strip above the site.
  expect((await ui.locator('header[data-toolbar]').boundingBox())?.height).toBeCloseTo(96, 0);

  await panel.locator('[data-action="contrast"]').click();
  await expect(panel.locator('[data-action="contrast"]')).toHaveAttribute('aria-checked', 'true');
  await expect(html).toHaveAttribute('data-contrast', 'high');
  const ink = await ui.locator('.home-title').evaluate((element) => getComputedStyle(element).color);
  expect(ink).toBe('rgb(0, 0, 0)');

  // The next visitor finds the station as it was.
  await ui.keyboard.press('Escape');
  await ui.click('header[data-toolbar] [data-action="end-session"]');
  await ui.click('[data-overlay="confirm-end"] [data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  await expect(html).toHaveAttribute('data-text-size', 'normal');
  await expect(html).toHaveAttribute('data-contrast', 'normal');
  expect(await rootFontPx(station)).toBeCloseTo(normal, 1);
  expect(await tileHeight()).toBeCloseTo(normalTile, 0);
});

test('the language picker is one tap away, names each language in its own script, and resets for the next visitor', async ({ station }) => {
  const { ui } = station;
  await ui.click('header[data-toolbar] [data-action="languages"]');
  const choices = ui.locator('[data-panel="languages"] [data-language]');
  await expect(choices).toHaveCount(7);
  for (const [code, name] of Object.entries(LANGUAGE_NATIVE_NAMES)) {
    await expect(ui.locator(`[data-panel="languages"] [data-language="${code}"]`)).toContainText(name);
  }
  await ui.click('[data-language="uk"]');
  await expect(ui.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(ui.locator('header[data-toolbar] [data-action="end-session"]')).toContainText(/[а-яіїєґ]/i);
  await ui.click('header[data-toolbar] [data-action="languages"]');
  await ui.click('[data-language="fa"]');
  await expect(ui.locator('html')).toHaveAttribute('dir', 'rtl');

  // Over a site, the picker is still one tap away, in the toolbar strip.
  await ui.click('button[data-tile="anef"]');
  await expect(ui.locator('header[data-toolbar] [data-action="languages"]')).toBeVisible();
  await ui.click('header[data-toolbar] [data-action="end-session"]');
  await ui.click('[data-overlay="confirm-end"] [data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  await expect(ui.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(ui.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('everything works with the keyboard alone, with a visible focus', async ({ station }) => {
  const { ui } = station;
  /** Presses Tab until the focused element matches, like a visitor with a keyboard. */
  const tabTo = async (selector: string) => {
    for (let presses = 0; presses < 40; presses += 1) {
      await ui.keyboard.press('Tab');
      if (await ui.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  const focusRing = () =>
    ui.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });

  await tabTo('button[data-tile="caf"]');
  const ring = await focusRing();
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(3);
  await ui.keyboard.press('Enter');
  await expect(ui.locator('[data-panel="guide"]')).toBeVisible();

  // In the guide: tick a step with the space bar.
  await ui.focus('body');
  await tabTo('[data-step="0"] input[type="checkbox"]');
  expect((await focusRing()).style).not.toBe('none');
  await ui.keyboard.press('Space');
  await expect(ui.locator('[data-step="0"]')).toHaveAttribute('data-done', 'true');

  // And leave: "Terminer ma session", confirmed with the keyboard.
  await tabTo('header[data-toolbar] [data-action="end-session"]');
  await ui.keyboard.press('Enter');
  await expect(ui.locator('[data-overlay="confirm-end"]')).toBeVisible();
  await tabTo('[data-overlay="confirm-end"] [data-action="confirm-end"]');
  await ui.keyboard.press('Enter');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
});
