import type { Page } from '@playwright/test';
import { GUIDE_WIDTH_PX, KEYBOARD_HEIGHT_PX, TOOLBAR_HEIGHT_PX } from '../../main/core/contract/layout';
import { hostileTile } from '../support/hostile-sites/training-server';
import { expect, test, DISPLAY, type TestKiosk, windowBounds } from './kiosk-fixture';

/**
 * The on-screen keyboard of a touch station: a finger on a field of the training
 * site brings it up under the toolbar, and its keys type into that field.
 */

/** A finger tap, as a touch screen sends it (the page sees a touch pointer). */
async function tap(page: Page, selector: string): Promise<void> {
  const box = await steadyBox(page, selector);
  const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/**
 * Where the element is once the page has stopped moving: after the guide's navigation
 * the kiosk may still be laying out its windows, and a tap aimed at a box that then
 * moves lands beside the field.
 */
async function steadyBox(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const read = async () => JSON.stringify([await page.locator(selector).boundingBox(), await windowBounds(page)]);
  let previous = await read();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.waitForTimeout(150);
    const now = await read();
    if (now === previous) break;
    previous = now;
  }
  const box = await page.locator(selector).boundingBox();
  if (box === null) throw new Error(`${selector} is not on screen`);
  return box;
}

/** Presses on-screen keys by their names, as a visitor's finger would. */
async function pressKeys(ui: Page, keys: readonly string[]): Promise<void> {
  for (const key of keys) await ui.locator(`[data-keyboard-mode] button[data-skbtn="${key}"]`).click();
}

async function openForgottenPasswordPage(station: TestKiosk): Promise<Page> {
  const { ui } = station;
  await ui.click('button[data-tile="caf"]');
  await ui.click('[data-panel="guide"] [data-action="forgot-password"]');
  const site = station.site();
  await expect(site.locator('#courriel')).toBeVisible();
  return site;
}

test('a finger on an e-mail field brings the keyboard, which types an address with accents and @', async ({ station }) => {
  const { ui } = station;
  const site = await openForgottenPasswordPage(station);

  await tap(site, '#courriel');
  const keyboard = ui.locator('[data-keyboard-mode]');
  await expect(keyboard).toHaveAttribute('data-keyboard-mode', 'email');
  // The keyboard sits under the toolbar; the site moves down, never under it.
  await expect.poll(async () => (await windowBounds(ui)).height).toBe(TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX);
  expect(await windowBounds(site)).toMatchObject({ left: 0, top: TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX, width: DISPLAY.width });
  // In the shorter window the field is whole on screen, with room under it for the form's button.
  await expect
    .poll(() => site.evaluate(() => {
      const box = document.querySelector('#courriel')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight - 48;
    }))
    .toBe(true);

  // é l o d i e . m ü l l e r @ e x e m p l e .fr
  await pressKeys(ui, ['{accents}', 'é', 'l', 'o', 'd', 'i', 'e', '.', 'm', '{accents}', 'ü', 'l', 'l', 'e', 'r', '@', 'e', 'x', 'e', 'm', 'p', 'l', 'e', '.fr']);
  await expect(site.locator('#courriel')).toHaveValue('élodie.müller@exemple.fr');

  // A slip of the finger is corrected with "Effacer".
  await pressKeys(ui, ['{bksp}', '{bksp}', '{bksp}', '.com']);
  await expect(site.locator('#courriel')).toHaveValue('élodie.müller@exemple.com');

  // "Valider" sends the form like the Enter key; the new page has no field: the keyboard goes.
  await pressKeys(ui, ['{enter}']);
  await expect(site.locator('#lien-envoye')).toBeVisible();
  await expect(keyboard).toBeHidden();
  await expect.poll(async () => (await windowBounds(ui)).width).toBe(GUIDE_WIDTH_PX); // back to the guide column
});

test('the keyboard hides on request, and a mouse click does not bring it (a physical keyboard is there)', async ({ station }) => {
  const { ui } = station;
  const site = await openForgottenPasswordPage(station);
  await site.click('#courriel');
  await site.waitForTimeout(300);
  await expect(ui.locator('[data-keyboard-mode]')).toHaveCount(0);

  await tap(site, 'h1');
  await tap(site, '#courriel');
  await expect(ui.locator('[data-keyboard-mode]')).toBeVisible();
  await pressKeys(ui, ['{hide}']);
  await expect(ui.locator('[data-keyboard-mode]')).toHaveCount(0);
  await expect.poll(async () => (await windowBounds(ui)).height).toBe(DISPLAY.height);
});

test.describe('a field inside a web component (an open shadow root)', () => {
  test.use({ kioskOptions: { extraTiles: (config) => [hostileTile(config, { id: 'ombre', path: '/surfaces/champ-ombre' })] } });

  test('a finger on it brings the keyboard for its kind, whose keys type into it; a touch the page makes up brings none', async ({ station }) => {
    const { ui } = station;
    await ui.click('button[data-tile="ombre"]');
    const site = await station.siteReady();
    const field = site.locator('#courriel-ombre');
    await expect(field).toBeVisible();
    const keyboard = ui.locator('[data-keyboard-mode]');

    // The page pretends a finger touched its other field, then focuses it by script (a mouse press on its button).
    await site.click('#faux-doigt');
    await expect(site.locator('#courriel-clair')).toBeFocused();
    await site.waitForTimeout(500);
    await expect(keyboard).toHaveCount(0);

    // A real finger on the field.
    await tap(site, 'h1');
    await tap(site, '#courriel-ombre');
    await expect(keyboard).toHaveAttribute('data-keyboard-mode', 'email');
    await pressKeys(ui, ['a', '@', 'b', '.fr']);
    await expect(field).toHaveValue('a@b.fr');
  });
});
