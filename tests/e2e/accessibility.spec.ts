import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import type { LanguageCode } from '../../main/core/config/languages';
import type { AttachPicker } from '../../main/core/contract/attach';
import type { KioskView, StationInfo } from '../../main/core/contract/kiosk-view';
import type { StaffHealthLine, StaffOpenView, StaffView } from '../../main/core/contract/staff-view';
import { printPanel, siteQuestion } from './overlay-samples';
import { demoStation, kioskView, launchUiBrowser, openKioskUi, type KioskUi } from './ui-harness';

/**
 * Every screen of the kiosk UI, in French and in Arabic, scanned by axe-core for
 * WCAG 2.2 A/AA: zero violations expected. The built UI (dist/renderer) runs
 * alone with a fake main process (tests/e2e/ui-harness.ts), on the surface
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
/** A tap on a button of the kiosk UI, then its panel shows. */
function opensPanel(button: string, panel: string): (ui: KioskUi) => Promise<void> {
  return async (ui) => {
    await ui.page.locator(button).click();
    await expect(ui.page.locator(panel)).toBeVisible();
  };
}

async function guideFollowsLanguage(ui: KioskUi, language: LanguageCode): Promise<void> {
  if (language !== 'ar') return;
  const call = await ui.waitForCall('setGuidePanel');
  expect(call.args).toEqual([true, 'right']);
  await ui.pushView({ ...ui.view, layout: 'guide-right' });
  await expect(ui.page.locator('[data-layout="guide-right"] [data-panel="guide"]')).toBeVisible();
}

/** The kiosk's file picker (issue 13) with a document of each kind from both sources. */
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PICKER: AttachPicker = {
  multiple: true,
  kinds: ['PDF', 'JPEG', 'PNG'],
  maxFileBytes: 20 * 1024 * 1024,
  visit: [{ id: 'f1', source: 'visit', name: 'attestation-caf.pdf', type: 'application/pdf', size: 84_000, picture: false }],
  usb: { state: 'ready', files: [{ id: 'f2', source: 'usb', name: 'photo-identite.png', type: 'image/png', size: 230_000, picture: true }], truncated: false },
  scanner: true,
  scan: null,
  lastScanned: null,
};

const openStaff = (patch: Partial<StaffOpenView> = {}): StaffOpenView => ({ name: 'open', screen: 'home', maintenance: false, canExit: false, busy: false, idleMinutes: 2, notice: null, health: null, counters: null, errors: null, ...patch });
const HEALTH: StaffHealthLine[] = [
  { key: 'internet', ok: true, what: 'Internet répond.', todo: null },
  { key: 'printer', ok: false, what: "L'imprimante n'a plus de papier.", todo: 'Mettez un rouleau neuf, puis imprimez la page de test.' },
  { key: 'pin', ok: true, what: 'Le code PIN du personnel est défini.', todo: null },
];
const COUNTER_DAYS = Array.from({ length: 30 }, (_, index) => ({
  day: `2026-11-${String(index + 1).padStart(2, '0')}`,
  visitsStarted: (index * 7) % 11,
  endedByVisitor: (index * 5) % 7,
  endedByIdle: index % 3,
  endedByCrash: 0,
  medianMinutes: index % 4 === 0 ? null : 10 + (index % 9),
  totalMinutes: 60 + index,
  byService: { caf: index % 5, anef: index % 3 },
  memosPrinted: index % 2,
  printerErrors: index % 6 === 0 ? 1 : 0,
  wipeFailures: 0,
}));
/** Staff screens over the home screen (the main process pushes them after the way in). */
function staffScreen(name: string, staff: StaffView): Screen {
  const shown = staff.name === 'pin' ? 'staff-pin' : `staff-${staff.screen}`;
  return {
    name,
    start: () => kioskView(station),
    then: () => kioskView(station, { staff }),
    // The staff screen itself is what is scanned, in French (lang="fr") whatever the visitor's language.
    act: async (ui) => expect(ui.page.locator(`[lang="fr"] main[data-screen="${shown}"], main[data-screen="${shown}"][lang="fr"]`)).toBeVisible(),
  };
}
const STAFF_SCREENS: Screen[] = [
  staffScreen('staff-pin', { name: 'pin', gate: { kind: 'ready', triesLeft: 5 }, checking: false, wrong: false }),
  staffScreen('staff-pin-wrong', { name: 'pin', gate: { kind: 'ready', triesLeft: 2 }, checking: false, wrong: true }),
  staffScreen('staff-pin-locked', { name: 'pin', gate: { kind: 'locked', secondsLeft: 290 }, checking: false, wrong: true }),
  staffScreen('staff-no-pin', { name: 'pin', gate: { kind: 'no-pin', message: "Mode personnel indisponible : aucun code PIN n'est défini pour cette borne. Pour en définir un, sur la borne : npm run set-pin -- --config /etc/borne/station.json" }, checking: false, wrong: false }),
  staffScreen('staff-home', openStaff({ health: HEALTH, maintenance: true, canExit: true, notice: { kind: 'printed', what: 'test-page' } })),
  staffScreen('staff-health', openStaff({ screen: 'health', health: HEALTH })),
  staffScreen('staff-counters', openStaff({ screen: 'counters', counters: { services: [{ id: 'caf', label: 'CAF' }, { id: 'anef', label: 'Titre de séjour' }], days: COUNTER_DAYS }, notice: { kind: 'exported-screen', csv: '\uFEFFDate;Visites commencées\r\n2026-11-01;0\r\n', noUsbKey: true } })),
  staffScreen('staff-errors', openStaff({ screen: 'errors', errors: [{ time: '2026-12-02T10:00:00.000Z', level: 'error', what: "L'effacement après un visiteur a échoué (clear-storage) : la borne est hors service.", todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }, { time: '2026-12-02T09:00:00.000Z', level: 'warn', what: 'La connexion Internet est coupée.', todo: 'Vérifiez le câble, le Wi-Fi ou la 4G du routeur.' }] })),
  staffScreen('staff-reload-refused', openStaff({ notice: { kind: 'reload-refused', problems: ['/etc/borne/station.json: tiles[0].entry: must be an https:// address (got "http://www.caf.fr/")'] } })),
];

const SCREENS: Screen[] = [
  { name: 'site-strip-document', start: () => onSite({ layout: 'toolbar', screen: { name: 'site', tileId: 'caf', loading: false, document: true } }) },
  { name: 'site-dialog-storm', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: siteQuestion('confirm', true) }) },
  { name: 'site-dialog-prompt', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: siteQuestion('prompt') }) },
  { name: 'site-dialog-leave', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: siteQuestion('beforeunload') }) },
  { name: 'a4-print-ready', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: printPanel() }) },
  { name: 'a4-print-printed', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: printPanel({ stage: 'done', outcome: 'printed' }) }) },
  { name: 'a4-print-no-printer', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer' }) }) },
  { name: 'a4-print-usb-offered', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer', usb: 'offered' }) }) },
  { name: 'a4-print-usb-no-key', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer', usb: 'no-key' }) }) },
  { name: 'a4-print-usb-saved', start: () => onSite({ layout: 'toolbar' }), then: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer', usb: 'saved' }) }) },

  { name: 'home', start: () => kioskView(station) },
  {
    name: 'home-wiped',
    start: () => kioskView(station, { screen: { name: 'home', notice: 'wiped' } }),
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
    act: opensPanel('[data-action="languages"]', '[data-panel="languages"]'),
  },
  {
    name: 'attach-picker',
    start: () => onSite({ layout: 'toolbar' }),
    then: () => onSite({ overlay: { name: 'attach', picker: PICKER } }),
    act: async (ui) => {
      ui.respond('attachThumbnail', () => PIXEL);
      ui.respond('attachFiles', () => ({ ok: false, problems: [{ code: 'too-large', name: 'photo-identite.png', max: 2 * 1024 * 1024 }] }));
      await ui.page.locator('[data-attach-file="f2"]').click();
      await ui.page.locator('[data-action="attach-send"]').click();
      await expect(ui.page.locator('[data-attach-problems="too-large"]')).toBeVisible();
    },
  },
  {
    name: 'attach-no-key',
    start: () => onSite({ layout: 'toolbar' }),
    then: () => onSite({ overlay: { name: 'attach', picker: { ...PICKER, visit: [], usb: { state: 'no-key', files: [], truncated: false } } } }),
  },
  {
    name: 'attach-scan',
    start: () => onSite({ layout: 'toolbar' }),
    then: () => onSite({ overlay: { name: 'attach', picker: { ...PICKER, scan: { previews: [PIXEL], busy: 'scanning', problem: null, format: 'pdf', maxPages: 10 } } } }),
    act: async (ui) => expect(ui.page.locator('[data-scan-state="scanning"]')).toBeVisible(),
  },
  // Beyond the list: other states a visitor sees.
  {
    name: 'language-strip',
    start: () => onSite({ layout: 'toolbar' }),
    act: opensPanel('[data-action="languages"]', '.language-strip[data-panel="languages"]'),
  },
  {
    name: 'home-help',
    start: () => kioskView(station),
    act: opensPanel('[data-action="help"]', '[data-panel="help"]'),
  },
  {
    name: 'memo-printed',
    start: () => kioskView(station, { openedTiles: ['caf'] }),
    then: () => kioskView(station, { openedTiles: ['caf'], overlay: { name: 'memo' } }),
    act: async (ui) => {
      await expect(ui.page.locator('[data-memo-sheet]')).toBeVisible();
      await ui.page.locator('[data-action="print-memo"]').click();
      await expect(ui.page.locator('[data-memo-result="ok"]')).toBeVisible();
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
  // Staff mode (issue 14): drawn in French whatever the visitor's language; scanned with both.
  ...STAFF_SCREENS,
  {
    name: 'maintenance',
    start: () => kioskView(station),
    then: () => kioskView(station, { screen: { name: 'maintenance' } }),
    act: async (ui) => expect(ui.page.locator('main[data-screen="maintenance"]')).toBeVisible(),
  },
];

let browser: Browser;
let ui: KioskUi;
const counts: string[] = [];

// One browser and one page for the file: each test is a new visitor (a new visitor
// generation drops all of the UI's own state, as after a wipe).
test.beforeAll(async () => {
  browser = await launchUiBrowser();
  ui = await openKioskUi(browser, { view: kioskView(station) });
});
test.afterAll(async () => {
  await browser.close();
  if (counts.length > 0) console.log(`axe summary (${counts.length} scans):\n${counts.join('\n')}`);
});

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

/** One paragraph per violation and per element: what to fix, and where. */
function describeViolations(violations: Violations): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => {
        const summary = node.failureSummary?.replace(/\n/g, '\n        ') ?? '';
        return `      - ${node.target.join(' ')}\n        ${node.html.slice(0, 200)}\n        ${summary}`;
      });
      return `  ${violation.id} [${violation.impact ?? 'n/a'}] ${violation.help}\n    ${violation.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

for (const screen of SCREENS) {
  for (const language of LANGUAGES) {
    test(`axe: ${screen.name} (${language})`, async () => {
      await ui.nextVisitor(screen.start());
      await expect(ui.page.locator('html')).toHaveAttribute('lang', 'fr');
      if (language !== 'fr') await ui.chooseLanguage(language);
      if (screen.then !== undefined) await ui.pushView({ ...screen.then(), visitorGeneration: ui.view.visitorGeneration });
      await screen.act?.(ui, language);
      await ui.settle();
      await expect(ui.page.locator('html')).toHaveAttribute('lang', language);

      const results = await new AxeBuilder({ page: ui.page }).withTags(WCAG_TAGS).analyze();
      const line = `axe ${screen.name} ${language}: ${results.violations.length} violations, ${results.passes.length} passes`;
      console.log(line);
      counts.push(line);
      // What axe could not decide (e.g. text under an open panel): not a failure, a hint for a human.
      if (results.incomplete.length > 0) {
        console.log(`  to review: ${results.incomplete.map((item) => `${item.id} (${item.nodes.map((node) => node.target.join(' ')).join(', ')})`).join('; ')}`);
      }
      if (results.violations.length > 0) {
        await test.info().attach(`axe-${screen.name}-${language}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
        await test.info().attach(`${screen.name}-${language}.png`, { body: await ui.page.screenshot(), contentType: 'image/png' });
      }
      expect(ui.errors, 'errors in the kiosk UI page').toEqual([]);
      // The project's own bar, above WCAG's 24 px: every control a finger uses is at least 48 × 48 px.
      const small = await ui.page.evaluate(() =>
        [...document.querySelectorAll('button, [role="button"], [role="switch"], a[href], label[for], select')]
          .filter((element) => element.closest('[inert]') === null && element.getClientRects().length > 0)
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 47.5 || box.height < 47.5))
          .map(({ element, box }) => `${element.outerHTML.slice(0, 80)} (${Math.round(box.width)}×${Math.round(box.height)})`),
      );
      expect(small, `touch targets under 48 px on ${screen.name} (${language})`).toEqual([]);
      expect(results.violations.length, `axe found violations on ${screen.name} (${language}):\n${describeViolations(results.violations)}`).toBe(0);
    });
  }
}
