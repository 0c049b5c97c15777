import { expect, test, type TestKiosk } from './kiosk-fixture';
import type { Frame, Locator, Page } from '@playwright/test';
import { hostileTile } from '../support/hostile-sites/training-server';
import { OTHER_SITE_HOST } from '../support/hostile-sites/hostile-surfaces';

/**
 * The site's own questions (alert, confirm, prompt, "leave this page?") in the
 * kiosk's panel, on the training site's `/questions` page: the kiosk's words in
 * the visitor's language, the host named, the site's text as written, big
 * buttons; a confirm that sends only when accepted; a prompt whose text reaches
 * the site and never the log; the storm offer after three in a row; and a
 * "leave this page?" that never holds the kiosk's own navigations or the wipe.
 */

const PANEL = '[data-overlay="site-dialog"]';

async function openQuestions(station: TestKiosk): Promise<Page> {
  const site = await station.openTile('caf');
  await site.goto(`${station.training.origin('caf')}/questions`);
  await expect(site.locator('h1')).toHaveText('Les questions du site');
  return site;
}

/**
 * Presses a button of the site that raises a dialog. The page is then held until the
 * kiosk answers, and so would a DevTools input event be (Playwright's click waits for
 * it): the click is sent from the page itself, on its next turn.
 */
async function tapOnSite(site: Page, selector: string): Promise<void> {
  await site.locator(selector).waitFor();
  await site.evaluate((target) => {
    setTimeout(() => (document.querySelector(target) as HTMLElement | null)?.click(), 0);
  }, selector);
}

async function expectBigButtons(panel: Locator): Promise<void> {
  const buttons = panel.locator('.dialog-actions button');
  const count = await buttons.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const box = await buttons.nth(index).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(48);
  }
}

test('an alert: the kiosk\'s words, the host, the site\'s text as written, big buttons', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await tapOnSite(site, '#message');
  const panel = ui.locator(PANEL);
  await expect(panel).toBeVisible();
  await expect(panel.locator('.dialog-title')).toHaveText('Message du site');
  await expect(panel.locator('.site-dialog-from')).toContainText('caf.entrainement.localhost');
  const text = panel.locator('[data-site-text]');
  await expect(text).toHaveText('Votre dossier est complet.\nPensez à le télécharger.', { useInnerText: true });
  await expect(text).toHaveAttribute('dir', 'auto');
  expect(await text.getAttribute('lang')).toBeNull();
  await expectBigButtons(panel);
  await expect(panel.locator('[data-action="site-dialog-stop"]')).toHaveCount(0);
  await ui.click('[data-action="site-dialog-ok"]');
  await expect(panel).toHaveCount(0);
  // The page runs again.
  await expect.poll(() => site.evaluate(() => document.title)).toContain('questions');
  expect(station.logLines.some((line) => line.startsWith('info site-dialog') && line.includes('"host":"caf.entrainement.localhost"'))).toBe(true);
});

test('a confirm sends the request only when the visitor accepts', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await tapOnSite(site, '#envoyer');
  const panel = ui.locator(PANEL);
  await expect(panel.locator('.dialog-title')).toHaveText('Le site demande :');
  await expect(panel.locator('[data-site-text]')).toHaveText('Envoyer votre demande ? Vous ne pourrez plus la modifier.');
  // The safe answer has the focus.
  await expect(panel.locator('[data-action="site-dialog-cancel"]')).toBeFocused();
  await ui.click('[data-action="site-dialog-cancel"]');
  await expect(panel).toHaveCount(0);
  await expect.poll(() => site.url()).not.toContain('envoye=1');
  await expect(site.locator('#demande-envoyee')).toHaveCount(0);

  await tapOnSite(site, '#envoyer');
  await ui.click('[data-action="site-dialog-ok"]');
  await expect(site.locator('#demande-envoyee')).toBeVisible();
  expect(site.url()).toContain('envoye=1');
});

test('a prompt: the typed text reaches the site and never the log', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await tapOnSite(site, '#question');
  const panel = ui.locator(PANEL);
  await expect(panel.locator('[data-site-text]')).toHaveText('Quel est votre prénom ?');
  const field = panel.locator('[data-site-dialog-input]');
  await expect(field).toBeFocused();
  await field.fill('Zoé-Marguerite');
  await ui.click('[data-action="site-dialog-ok"]');
  await expect(site.locator('#reponse')).toHaveText('Bonjour Zoé-Marguerite');
  expect(station.logLines.join('\n')).not.toContain('Marguerite');
  expect(station.logLines.some((line) => line.startsWith('info site-dialog') && line.includes('"kind":"prompt"'))).toBe(true);

  // Cancelled: the site gets no answer (null).
  await tapOnSite(site, '#question');
  await panel.locator('[data-site-dialog-input]').fill('ne pas envoyer');
  await ui.click('[data-action="site-dialog-cancel"]');
  await expect(site.locator('#reponse')).toHaveText('(pas de réponse)');
});

test('a storm: from the third question in a row the panel offers to stop them, and stopping answers the rest', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await tapOnSite(site, '#rafale');
  const panel = ui.locator(PANEL);
  for (const number of [1, 2]) {
    await expect(panel.locator('[data-site-text]')).toHaveText(`Message ${number} sur 5`);
    await expect(panel.locator('[data-action="site-dialog-stop"]')).toHaveCount(0);
    await ui.click('[data-action="site-dialog-ok"]');
  }
  await expect(panel.locator('[data-site-text]')).toHaveText('Message 3 sur 5');
  await expect(panel.locator('[data-site-dialog-storm]')).toBeVisible();
  await expectBigButtons(panel);
  await ui.click('[data-action="site-dialog-stop"]');
  await expect(panel).toHaveCount(0);
  // Messages 4 and 5 were answered without a panel.
  await expect(site.locator('#rafale-compte')).toHaveText('5');
  expect(station.logLines.filter((line) => line.includes('"outcome":"stopped-by-visitor"')).length).toBe(2);
});

test('"leave this page?": the visitor chooses to stay or to leave', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await site.fill('#brouillon', 'mon brouillon');
  await tapOnSite(site, '#retour');
  const panel = ui.locator(PANEL);
  await expect(panel.locator('.dialog-title')).toHaveText('Quitter cette page ?');
  await expect(panel.locator('[data-action="site-dialog-stay"]')).toBeFocused();
  await ui.click('[data-action="site-dialog-stay"]');
  await expect(panel).toHaveCount(0);
  await expect(site.locator('h1')).toHaveText('Les questions du site');

  await tapOnSite(site, '#retour');
  await ui.click('[data-action="site-dialog-leave"]');
  await expect(site.locator('h1')).not.toHaveText('Les questions du site');
  expect(new URL(site.url()).pathname).toBe('/');
});

test('"leave this page?" never holds the kiosk\'s own navigation', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await site.fill('#brouillon', 'mon brouillon');
  await ui.click('header[data-toolbar] [data-action="home"]');
  await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
  await ui.click('button[data-tile="anef"]');
  await expect(site.locator('h1')).toContainText('Titres de séjour');
  await expect(ui.locator(PANEL)).toHaveCount(0);
  expect(station.logLines.some((line) => line.includes('"kind":"beforeunload"') && line.includes('"outcome":"kiosk-navigation"'))).toBe(true);
});

test('"leave this page?" on screen never holds the wipe, and the next visitor finds no question', async ({ station }) => {
  const { ui } = station;
  const site = await openQuestions(station);
  await site.fill('#brouillon', 'mon brouillon');
  await tapOnSite(site, '#retour');
  await expect(ui.locator(PANEL)).toBeVisible();
  await ui.click('[data-action="end-session"]');
  await expect(ui.locator('[data-overlay="confirm-end"]')).toBeVisible();
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  const report = await station.kiosk.controller?.wipeSettled();
  expect(report?.ok).toBe(true);
  expect(report?.steps.map((step) => step.name)).toContain('end-site-dialogs');
  await expect(ui.locator(PANEL)).toHaveCount(0);
  // The next visitor's site asks nothing of the last one's page.
  const next = await station.openTile('caf');
  await expect(next.locator('h1')).toContainText("Caisse d'allocations");
  await expect(ui.locator(PANEL)).toHaveCount(0);
});

test.describe('questions asked by frames', () => {
  const HOSTILE = 'hostile.entrainement.localhost';
  const TIERS = 'tiers.entrainement.localhost';
  // The hostile training page frames the third-party host and a host of another site (both allowed
  // in frames), and a sandboxed frame.
  test.use({ kioskOptions: { extraTiles: (config) => [{ ...hostileTile(config, { id: 'cadres', path: '/surfaces/cadre-question' }), frameHosts: [TIERS, OTHER_SITE_HOST] }] } });

  /** The page's frame whose address matches, once it has loaded its button. */
  async function frameOf(site: Page, url: (href: string) => boolean, button: string): Promise<Frame> {
    await expect.poll(() => site.frames().some((frame) => url(frame.url()))).toBe(true);
    const frame = site.frames().find((candidate) => url(candidate.url())) as Frame;
    await frame.locator(button).waitFor();
    return frame;
  }

  async function tapInFrame(frame: Frame, selector: string): Promise<void> {
    await frame.evaluate((target) => {
      setTimeout(() => (document.querySelector(target) as HTMLElement | null)?.click(), 0);
    }, selector);
  }

  test("the panel names the host of the frame that asked, never the top page's on its behalf", async ({ station }) => {
    const { ui } = station;
    const site = await station.openTile('cadres');
    const panel = ui.locator(PANEL);
    const from = panel.locator('.site-dialog-from');

    // The control: the top page's own alert names the top page's host.
    await tapOnSite(site, '#message-page');
    await expect(panel.locator('[data-site-text]')).toHaveText('Message de la page');
    await expect(from).toContainText(HOSTILE);
    await ui.click('[data-action="site-dialog-ok"]');
    await expect(panel).toHaveCount(0);

    // The third-party frame's alert names the third-party host.
    const tiers = await frameOf(site, (href) => href.includes(`${TIERS}:`) && href.endsWith('/surfaces/tiers-question'), '#message-cadre');
    await tapInFrame(tiers, '#message-cadre');
    await expect(panel.locator('[data-site-text]')).toHaveText('Message du cadre tiers');
    await expect(from).toContainText(TIERS);
    await expect(from).not.toContainText(HOSTILE);
    await expect(from).toHaveAttribute('data-site-dialog-host', 'named');
    await ui.click('[data-action="site-dialog-ok"]');
    await expect(panel).toHaveCount(0);
    expect(station.logLines.some((line) => line.startsWith('info site-dialog') && line.includes(`"host":"${TIERS}"`))).toBe(true);

    // A frame of another site, which Chromium runs in a process of its own: named too.
    const other = await frameOf(site, (href) => href.includes(`//${OTHER_SITE_HOST}:`), '#message-autre-site');
    // Its own process: a DevTools target of its own (a frame in the page's process has none).
    const ownTarget = await site.context().newCDPSession(other).catch(() => null);
    expect(ownTarget).not.toBeNull();
    await ownTarget?.detach();
    await tapInFrame(other, '#message-autre-site');
    await expect(panel.locator('[data-site-text]')).toHaveText("Message du cadre d'un autre site");
    await expect(from).toContainText(OTHER_SITE_HOST);
    await expect(from).not.toContainText(HOSTILE);
    await ui.click('[data-action="site-dialog-ok"]');
    await expect(panel).toHaveCount(0);

    // A sandboxed frame has no address of its own: the panel names no host, least of all the top page's.
    const isolated = await frameOf(site, (href) => href === 'about:srcdoc', '#message-isole');
    await tapInFrame(isolated, '#message-isole');
    await expect(panel.locator('[data-site-text]')).toHaveText('Message du cadre isolé');
    await expect(from).toHaveAttribute('data-site-dialog-host', 'unknown');
    await expect(from).toHaveText("Ce message vient d'un cadre de la page, dont la borne ne peut pas dire le site. Elle l'affiche tel qu'il a été écrit.");
    await ui.click('[data-action="site-dialog-ok"]');
    await expect(panel).toHaveCount(0);
  });
});
