import { expect, test, type Browser } from '@playwright/test';
import type { LanguageCode } from '../../main/core/config/languages';
import type { KioskView } from '../../main/core/contract/kiosk-view';
import { stationInfo } from '../../main/core/session/kiosk-controller';
import { readShippedConfig } from '../../main/node/load-config';
import { kioskView, launchUiBrowser, openKioskUi, type KioskUi } from './ui-harness';

/**
 * Languages as a visitor meets them, on the built UI (tests/e2e/ui-harness.ts):
 * the after-wipe notice is said in the language the leaving visitor used, then in
 * French; after a language change every screen is in that language, and every run
 * of French inside it (a button name quoted from the French site, the station's
 * name, a text the station file has only in French) is marked `lang="fr"`.
 */

const config = readShippedConfig('default.json');
const station = stationInfo(config, 'receipt');
const demo = stationInfo(readShippedConfig('demo.json'), 'receipt');

let browser: Browser;
let ui: KioskUi;

test.beforeAll(async () => {
  browser = await launchUiBrowser();
  ui = await openKioskUi(browser, { view: kioskView(station), config });
});
test.afterAll(async () => {
  await browser.close();
});

for (const language of ['ar', 'uk'] as const) {
  test(`the after-wipe notice is said in ${language}, then in French`, async () => {
    await ui.nextVisitor(kioskView(station));
    await ui.chooseLanguage(language);
    // The visitor ends the session: the wipe publishes the home with a notice, for a new visitor.
    await ui.nextVisitor(kioskView(station, { screen: { name: 'home', notice: 'wiped' } }));
    const notice = ui.page.locator('[data-notice="wiped"]');
    await expect(notice).toBeVisible();
    await expect(ui.page.locator('html')).toHaveAttribute('lang', 'fr');
    const texts = notice.locator('.notice-text');
    await expect(texts).toHaveCount(2);
    await expect(texts.nth(0)).toHaveAttribute('lang', language);
    await expect(texts.nth(0)).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    await expect(texts.nth(0)).not.toContainText('effacées');
    await expect(texts.nth(1)).toContainText('Vos données ont été effacées');
    // The next visitor after that one gets the notice of their own visit only.
    await ui.nextVisitor(kioskView(station, { screen: { name: 'home', notice: 'wiped' } }));
    await expect(ui.page.locator('[data-notice="wiped"] .notice-text')).toHaveCount(1);
  });
}

test('a French visitor gets the notice once, in French', async () => {
  await ui.nextVisitor(kioskView(station));
  await ui.nextVisitor(kioskView(station, { screen: { name: 'home', notice: 'wiped-after-idle' } }));
  await expect(ui.page.locator('[data-notice="wiped-after-idle"] .notice-text')).toHaveCount(1);
});

const SITE: Partial<KioskView> = { screen: { name: 'site', tileId: 'caf', loading: false }, openedTiles: ['caf'] };
const SCREENS: { name: string; view: () => KioskView; act?: (ui: KioskUi) => Promise<void> }[] = [
  { name: 'home', view: () => kioskView(station) },
  { name: 'home (demo station)', view: () => kioskView(demo) },
  { name: 'site strip', view: () => kioskView(station, { ...SITE, layout: 'toolbar' }) },
  {
    name: 'guide steps',
    view: () => kioskView(station, { ...SITE, layout: 'guide-left', guideOpen: true }),
    act: async (kiosk) => {
      await kiosk.page.locator('[data-procedure]').first().click();
      await kiosk.page.locator('[data-step="0"]').waitFor();
    },
  },
  { name: 'guide of the demo station', view: () => kioskView(demo, { ...SITE, layout: 'guide-left', guideOpen: true }) },
  { name: 'memo', view: () => kioskView(station, { overlay: { name: 'memo' }, openedTiles: ['caf'] }), act: async (kiosk) => kiosk.page.locator('[data-memo-sheet]').waitFor() },
  { name: 'idle warning', view: () => kioskView(station, { ...SITE, overlay: { name: 'idle-warning', endsAt: Date.now() + 30_000, seconds: 30 } }) },
  { name: 'out of order', view: () => kioskView(station, { screen: { name: 'out-of-order', reason: 'wipe-failed' } }) },
];

/** Text shown in Latin script whose closest `lang` is not French: French that a screen reader would read as `language`. */
function unmarkedFrench(): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = (node.textContent ?? '').trim();
    if (parent === null || text === '' || parent.closest('[inert], script, style') !== null) continue;
    // Addresses (shown in an isolated `bdi`, or written like one), numbers and the typed keys of the on-screen keyboard are no language's words.
    const words = text.replace(/[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, ' ').match(/\p{Script=Latin}{2,}/gu);
    if (words === null || parent.closest('.osk, [data-keyboard-mode], bdi[dir="ltr"]') !== null) continue;
    const lang = parent.closest('[lang]')?.getAttribute('lang') ?? '';
    // French, or a language's own name in its own script ("English" on the language buttons).
    if (lang !== 'fr' && lang !== 'en') found.push(`"${text.slice(0, 60)}" (lang="${lang}") in <${parent.tagName.toLowerCase()} class="${parent.className}">`);
  }
  return found;
}

for (const language of ['ar', 'uk'] as const satisfies readonly LanguageCode[]) {
  test(`after choosing ${language}, every screen is in ${language} and its French is marked lang="fr"`, async () => {
    await ui.nextVisitor(kioskView(station));
    await ui.chooseLanguage(language);
    for (const screen of SCREENS) {
      await ui.pushView({ ...screen.view(), visitorGeneration: ui.view.visitorGeneration });
      await screen.act?.(ui);
      await ui.settle();
      await expect(ui.page.locator('html'), screen.name).toHaveAttribute('lang', language);
      const unmarked = await ui.page.evaluate(unmarkedFrench);
      expect(unmarked, `French without lang="fr" on ${screen.name} (${language})`).toEqual([]);
    }
    expect(ui.errors).toEqual([]);
  });
}
