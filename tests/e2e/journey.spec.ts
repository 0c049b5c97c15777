import { existsSync } from 'node:fs';
import { GUIDE_WIDTH_PX, TOOLBAR_HEIGHT_PX } from '../../main/core/contract/layout';
import { expect, test, DISPLAY, logInOnCaf, windowBounds } from './kiosk-fixture';

/**
 * A visitor's whole journey on the real kiosk (Chromium shell, headless) against
 * the training sites: home → démarche under the toolbar → login → end of session
 * → wipe → home, and nothing of the visit left for the next visitor.
 */

test('home shows a large tile for every démarche of the station', async ({ station }) => {
  const { ui, config } = station;
  await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
  for (const tile of config.tiles) {
    const button = ui.locator(`button[data-tile="${tile.id}"]`);
    await expect(button).toContainText(tile.label.fr);
    const box = await button.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  }
});

test('the whole journey: open, log in, end the session, and nothing of the visit remains', async ({ station }) => {
  const { ui, training } = station;
  const firstVisitor = station.kiosk.shell.visitor;
  expect(firstVisitor).not.toBeNull();

  await ui.click('button[data-tile="caf"]');
  const site = station.site();
  await expect(site.locator('h1')).toContainText("Caisse d'allocations — site d'entraînement");
  await expect(ui.locator('header[data-toolbar]')).toBeVisible();

  await logInOnCaf(site);
  await expect(site.locator('#etat-connexion')).toContainText('Vous êtes connecté·e');
  expect((await site.context().cookies()).map((cookie) => cookie.name)).toContain('session');
  expect(await site.evaluate(() => localStorage.getItem('brouillon'))).toBe('demarche-en-cours');
  expect(await site.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toContain('entrainement');

  await ui.click('[data-action="end-session"]');
  await expect(ui.locator('[data-overlay="confirm-end"]')).toBeVisible();
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toContainText('Vos données ont été effacées');

  // The last visitor's browser and folder are gone (the folder's deletion finishes just
  // after the home screen is back: the wipe report says when it is complete)…
  expect((await station.kiosk.controller?.wipeSettled())?.ok).toBe(true);
  expect(firstVisitor?.context.pages()).toEqual([]);
  expect(existsSync(firstVisitor?.folder ?? '/')).toBe(false);
  // …and the next visitor starts with nothing: no cookies, no storage, not logged in.
  const next = station.kiosk.shell.visitor;
  expect(next).not.toBe(firstVisitor);
  expect(await next?.context.cookies()).toEqual([]);
  await ui.click('button[data-tile="caf"]');
  const nextSite = station.site();
  await expect(nextSite.locator('h1')).toContainText("Caisse d'allocations");
  expect(await nextSite.evaluate(() => localStorage.getItem('brouillon'))).toBeNull();
  expect(await nextSite.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
  await nextSite.goto(`${training.origin('caf')}/mon-compte`);
  await expect(nextSite).toHaveURL(/\/connexion$/);
  expect(station.kiosk.controller?.lastWipeReport()?.ok).toBe(true);
});

test('the site is a top-level page below the toolbar, and cannot cover or remove it', async ({ station }) => {
  const { ui } = station;
  const site = await station.openTile('caf');

  // Government sites refuse to be framed: the kiosk shows them as top-level pages.
  const response = await site.reload();
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  expect(await site.evaluate(() => window.top === window)).toBe(true);

  // Two windows that do not overlap: the démarche opens with its guide column beside the site…
  expect(await windowBounds(ui)).toEqual({ left: 0, top: 0, width: GUIDE_WIDTH_PX, height: DISPLAY.height });
  expect(await windowBounds(site)).toEqual({ left: GUIDE_WIDTH_PX, top: 0, width: DISPLAY.width - GUIDE_WIDTH_PX, height: DISPLAY.height });
  // …and, the guide closed, the toolbar strip above, the site below.
  await ui.click('[data-panel="guide"] [data-action="close-guide"]');
  await expect(ui.locator('header[data-toolbar] [data-action="guide"]')).toHaveAttribute('aria-pressed', 'false');
  expect(await windowBounds(ui)).toEqual({ left: 0, top: 0, width: DISPLAY.width, height: TOOLBAR_HEIGHT_PX });
  expect(await windowBounds(site)).toEqual({ left: 0, top: TOOLBAR_HEIGHT_PX, width: DISPLAY.width, height: DISPLAY.height - TOOLBAR_HEIGHT_PX });

  // A hostile page empties itself and tries to move its window over the toolbar.
  await site.evaluate(() => {
    document.documentElement.innerHTML = '<body style="background:red">covered</body>';
    window.moveTo(0, 0);
    window.resizeTo(screen.width, screen.height);
  });
  await expect(ui.locator('header[data-toolbar] [data-action="end-session"]')).toBeVisible();
  expect(await windowBounds(ui)).toEqual({ left: 0, top: 0, width: DISPLAY.width, height: TOOLBAR_HEIGHT_PX });
  expect((await windowBounds(site)).top).toBe(TOOLBAR_HEIGHT_PX);
});

test('"Accueil" goes back to the tiles and the démarche can be resumed where it was', async ({ station }) => {
  const { ui } = station;
  await ui.click('button[data-tile="anef"]');
  const site = station.site();
  await site.click('#lien-connexion');
  await expect(site).toHaveURL(/\/connexion$/);
  await ui.click('header[data-toolbar] [data-action="home"]');
  await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
  await ui.click('button[data-tile="anef"]');
  await expect(ui.locator('header[data-toolbar]')).toBeVisible();
  await expect(site).toHaveURL(/\/connexion$/);
});

test('a link outside the démarche is refused with an explanation and a way back', async ({ station }) => {
  const { ui } = station;
  const site = await station.openTile('caf');
  const before = site.url();
  await site.click('#lien-externe');
  const refused = ui.locator('[data-overlay="refused"]');
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('www.example.com');
  expect(site.url()).toBe(before);
  expect((await windowBounds(site)).left).toBeGreaterThanOrEqual(DISPLAY.width); // hidden behind the panel

  await refused.locator('[data-action="dismiss"]').click();
  await expect(refused).toBeHidden();
  expect((await windowBounds(site)).left).toBe(GUIDE_WIDTH_PX); // back beside the guide
  expect(site.url()).toBe(before);
});

test('a redirect that leaves the démarche is refused too', async ({ station }) => {
  const { ui } = station;
  const site = await station.openTile('caf');
  const before = site.url();
  await site.click('#lien-redirection');
  await expect(ui.locator('[data-overlay="refused"]')).toContainText('www.example.org');
  expect(site.url()).toBe(before);
  expect(station.logLines).toContain('info navigation-refused {"reason":"host"}');
});

test('a pop-up to an allowed address opens in the same window; to another address it is refused', async ({ station }) => {
  const { ui, training } = station;
  const site = await station.openTile('caf');
  await site.evaluate((url) => window.open(url, '_blank'), `${training.origin('caf')}/connexion`);
  await expect(site).toHaveURL(/connexion-caf\.entrainement\.localhost:\d+\/connexion/);
  expect(site.context().pages()).toHaveLength(1);
  await site.evaluate(() => window.open('https://www.example.net/', '_blank'));
  await expect(ui.locator('[data-overlay="refused"]')).toContainText('www.example.net');
  await expect.poll(() => site.context().pages().length).toBe(1);
});

test('a wipe that fails leaves the station out of order, showing nothing of the visitor', async ({ station }) => {
  const { ui } = station;
  await station.openTile('caf');
  const visitor = station.kiosk.shell.visitor;
  if (visitor === null) throw new Error('no visitor');
  visitor.deleteFolder = () => Promise.reject(new Error('EBUSY: folder in use'));
  await ui.click('[data-action="end-session"]');
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="out-of-order"]')).toContainText('Hors service — appelez un conseiller');
  expect(station.logLines).toContain('error wipe-failed {"failedSteps":"delete-visitor-profile,verify-erased","firstError":"EBUSY: folder in use"}');
  // No tile, no toolbar button leads anywhere any more.
  await expect(ui.locator('button[data-tile]')).toHaveCount(0);
});
