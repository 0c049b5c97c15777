import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import type { LanguageCode } from '../../main/core/config/languages';
import type { KioskView, StationInfo } from '../../main/core/contract/kiosk-view';
import { demoStation, kioskView, launchUiBrowser, openKioskUi, type KioskUi } from '../support/ui-harness';

/**
 * Every screen of the kiosk UI, in French and in Arabic, scanned by axe-core for
 * WCAG 2.2 A/AA: zero violations expected. The built UI (dist/renderer) runs
 * alone with a fake main process (tests/support/ui-harness.ts), on the surface
 * the layout gives it on a 1280×800 screen; the language is chosen through the
 * toolbar like a visitor does.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGUAGES: readonly LanguageCode[] = ['fr', 'ar'];

const { station } = demoStation();
const SITE = { name: 'site', tileId: 'caf', loading: false } as const;
const onSite = (patch: Partial<KioskView> = {}): KioskView => kioskView(station, { screen: SITE, openedTiles: ['caf'], ...patch });

/** The demo station with one démarche that needs the Internet (the demo's tiles all work offline). */
function withTileNeedingConnection(info: StationInfo): StationInfo {
  return { ...info, tiles: info.tiles.map((tile) => (tile.id === 'anef' ? { ...tile, needsConnection: true } : tile)) };
}

interface Screen {
  name: string;
  /** The view the page opens on, and where the visitor picks the language (it has the toolbar). */
  start: () => KioskView;
  /** Pushed by the fake main process once the language is chosen: panels, and screens without a toolbar. */
  then?: () => KioskView;
  /** What the visitor does before the scan. */
  act?: (ui: KioskUi, language: LanguageCode) => Promise<void>;
}

/** In Arabic the UI asks for the guide on the right: the fake main process moves it there. */
async function guideFollowsLanguage(ui: KioskUi, language: LanguageCode): Promise<void> {
  if (language !== 'ar') return;
  const call = await ui.waitForCall('setGuidePanel');
  expect(call.args).toEqual([true, 'right']);
  await ui.pushView({ ...ui.view, layout: 'guide-right' });
  await expect(ui.page.locator('[data-layout="guide-right"] [data-panel="guide"]')).toBeVisible();
}

const SCREENS: Screen[] = [
  { name: 'home', start: () => kioskView(station) },
  {
    name: 'home-wiped',
    start: () => kioskView(station, { screen: { name: 'home', notice: 'wiped' }, visitorGeneration: 2 }),
    act: async (ui) => expect(ui.page.locator('[data-notice="wiped"]')).toBeVisible(),
  },
  {
    name: 'home-offline',
    start: () => kioskView(withTileNeedingConnection(station), { connectivity: 'offline' }),
    act: async (ui) => expect(ui.page.locator('[data-tile="anef"] .tile-offline')).toBeVisible(),
  },
  { name: 'wiping', start: () => kioskView(station), then: () => kioskView(station, { screen: { name: 'wiping' } }) },
  {
    name: 'out-of-order-config',
    start: () => kioskView(station),
    then: () => kioskView(null, { screen: { name: 'out-of-order', reason: 'config' } }),
  },
  {
    name: 'out-of-order-wipe-failed',
    start: () => kioskView(station),
    then: () => kioskView(station, { screen: { name: 'out-of-order', reason: 'wipe-failed' } }),
  },
  { name: 'site-strip', start: () => onSite({ layout: 'toolbar' }) },
  {
    name: 'site-keyboard-email',
    start: () => onSite({ layout: 'toolbar-keyboard', keyboard: 'email' }),
    act: async (ui) => expect(ui.page.locator('[data-keyboard-mode="email"]')).toBeVisible(),
  },
  {
    name: 'site-keyboard-numeric',
    start: () => onSite({ layout: 'toolbar-keyboard', keyboard: 'numeric' }),
    act: async (ui) => expect(ui.page.locator('[data-keyboard-mode="numeric"]')).toBeVisible(),
  },
  {
    name: 'guide-beside',
    start: () => onSite({ layout: 'guide-left', guideOpen: true }),
    act: guideFollowsLanguage,
  },
  {
    name: 'guide-step-ticked',
    start: () => onSite({ layout: 'guide-left', guideOpen: true }),
    act: async (ui, language) => {
      await guideFollowsLanguage(ui, language);
      // The demo's caf guide has one procedure: it is chosen by itself; the visitor ticks step 1.
      const step = ui.page.locator('[data-guide-procedure="attestation"] [data-step="0"]');
      await step.locator('label').click();
      await expect(step).toHaveAttribute('data-done', 'true');
    },
  },
  {
    name: 'guide-over-site',
    start: () => onSite({ layout: 'full', guideOpen: true }),
    act: async (ui) => expect(ui.page.locator('.guide-scroll--over [data-panel="guide"]')).toBeVisible(),
  },
  {
    name: 'memo',
    start: () => kioskView(station, { openedTiles: ['caf'] }),
    then: () => kioskView(station, { openedTiles: ['caf'], overlay: { name: 'memo' } }),
    act: async (ui) => expect(ui.page.locator('[data-memo-sheet]')).toBeVisible(),
  },
  {
    name: 'idle-warning',
    start: () => onSite({ layout: 'toolbar' }),
    then: () => onSite({ overlay: { name: 'idle-warning', endsAt: Date.now() + 30_000, seconds: 30 } }),
  },
  { name: 'confirm-end', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: { name: 'confirm-end' } }) },
  {
    name: 'refused',
    start: () => onSite({ layout: 'toolbar' }),
    then: () => onSite({ overlay: { name: 'refused', reason: 'host', host: 'www.example.com' } }),
  },
  { name: 'unreachable', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: { name: 'unreachable', tileId: 'caf' } }) },
  {
    name: 'offline',
    start: () => kioskView(withTileNeedingConnection(station), { connectivity: 'offline' }),
    then: () =>
      kioskView(withTileNeedingConnection(station), {
        screen: { name: 'site', tileId: 'anef', loading: false },
        overlay: { name: 'offline', tileId: 'anef' },
        connectivity: 'offline',
        openedTiles: ['anef'],
      }),
  },
  {
    name: 'external-link-tel',
    start: () => onSite({ layout: 'toolbar' }),
    then: () => onSite({ overlay: { name: 'external-link', link: { kind: 'tel', target: '3230' } } }),
  },
  {
    name: 'language-panel',
    start: () => kioskView(station),
    act: async (ui) => {
      await ui.page.locator('[data-action="languages"]').click();
      await expect(ui.page.locator('[data-panel="languages"]')).toBeVisible();
    },
  },
  {
    name: 'display-panel',
    start: () => kioskView(station),
    act: async (ui) => {
      const { page } = ui;
      await page.locator('[data-action="display"]').click();
      await page.locator('[data-text-size="larger"]').click();
      await page.locator('[data-action="contrast"]').click();
      await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
      await expect(page.locator('html')).toHaveAttribute('data-text-size', 'larger');
      await expect(page.locator('[data-panel="display"]')).toBeVisible();
    },
  },
];

let browser: Browser;
const counts: string[] = [];

test.beforeAll(async () => {
  browser = await launchUiBrowser();
});
test.afterAll(async () => {
  await browser.close();
  if (counts.length > 0) console.log(`axe summary (${counts.length} scans):\n${counts.join('\n')}`);
});

/** One line per violation and per element: what to fix, and where. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `      - ${node.target.join(' ')}\n        ${node.failureSummary?.replace(/\n/g, '\n        ') ?? ''}`);
      return `  ${violation.id} [${violation.impact ?? 'n/a'}] ${violation.help}\n    ${violation.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

for (const screen of SCREENS) {
  for (const language of LANGUAGES) {
    test(`axe: ${screen.name} (${language})`, async ({}, testInfo) => {
      const ui = await openKioskUi(browser, { view: screen.start() });
      const pageErrors: string[] = [];
      ui.page.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        if (language !== 'fr') await ui.chooseLanguage(language);
        if (screen.then !== undefined) await ui.pushView(screen.then());
        await screen.act?.(ui, language);
        await ui.settle();
        await expect(ui.page.locator('html')).toHaveAttribute('lang', language);

        const results = await new AxeBuilder({ page: ui.page }).withTags(WCAG_TAGS).analyze();
        const line = `axe ${screen.name} ${language}: ${results.violations.length} violations, ${results.passes.length} passes`;
        console.log(line);
        counts.push(line);
        if (results.violations.length > 0) {
          await testInfo.attach(`axe-${screen.name}-${language}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
        }
        expect(pageErrors, 'errors in the kiosk UI page').toEqual([]);
        expect(results.violations.length, `axe found violations on ${screen.name} (${language}):\n${describeViolations(results.violations)}`).toBe(0);
      } finally {
        await ui.close();
      }
    });
  }
}
