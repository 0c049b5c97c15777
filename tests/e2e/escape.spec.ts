import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestKiosk, type TestKiosk } from './kiosk-fixture';
import { hostileTile } from '../support/hostile-sites/training-server';

/**
 * The escape suite, everything but the keyboard (see escape-keys.spec.ts): a
 * hostile training site tries pop-ups, forbidden addresses, look-alike hosts,
 * redirects, other applications, every permission, downloads and HTTP
 * authentication. One test per attempt; the station is shared, each attempt
 * starts from a fresh load of the hostile page.
 */
let station: TestKiosk;
let site: Page;
let hostile: string;

test.beforeAll(async () => {
  station = await startTestKiosk({ extraTiles: (config) => [hostileTile(config, { id: 'hostile', path: '/evasion' })] });
  hostile = station.training.origin('hostile');
  await station.ui.click('button[data-tile="hostile"]');
  site = station.site();
  await site.waitForSelector('body[data-done]');
});
test.afterAll(async () => {
  await station?.close();
});

test.beforeEach(async () => {
  // Back to the démarche with a fresh hostile page, whatever the last attempt left on screen.
  const overlay = station.ui.locator('[data-overlay] [data-action="dismiss"]');
  if (await overlay.count()) await overlay.first().click();
  await site.goto(`${hostile}/evasion`);
  await site.waitForSelector('body[data-done]');
});

/** The refusal panel is shown and the visitor is still on an allowed page (`/evasion` unless said). */
async function expectRefused(text: string | RegExp, stillOn = '/evasion'): Promise<void> {
  const panel = station.ui.locator('[data-overlay="refused"]');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(text);
  await expect(site).toHaveURL(`${hostile}${stillOn}`);
  expect(site.context().pages()).toHaveLength(1);
}

test.describe('windows and pop-ups', () => {
  /** What opens a window, and what must come of it: a refusal naming the host, or the page in the one window. */
  const OPENERS: [string, string, { refused: string } | { opens: string }][] = [
    ['window.open to another site is refused, nothing opens', '#ouvrir-fenetre', { refused: 'tiers.entrainement.localhost' }],
    ['window.open to an allowed page opens it in the same window', '#ouvrir-fenetre-autorisee', { opens: '/plant' }],
    ['a target="_blank" link to another site is refused', '#lien-blank', { refused: 'www.example.com' }],
    ['a target="_blank" link to an allowed page opens in the same window', '#lien-blank-autorise', { opens: '/inspect' }],
    ['a form with target="_blank" to another site is refused', '#formulaire-blank', { refused: 'www.example.com' }],
  ];
  for (const [what, id, outcome] of OPENERS) {
    test(what, async () => {
      await site.click(id);
      if ('refused' in outcome) {
        await expectRefused(outcome.refused);
      } else {
        await expect(site).toHaveURL(`${hostile}${outcome.opens}`);
        expect(site.context().pages()).toHaveLength(1);
      }
    });
  }

  test('window.close() does not close the window', async () => {
    await site.click('#fermer');
    await site.waitForTimeout(300);
    expect(site.isClosed()).toBe(false);
    expect(site.url()).toBe(`${hostile}/evasion`);
  });
});

test.describe('addresses', () => {
  const REFUSED: [string, string, string | RegExp, string?][] = [
    ['file:', '#lien-file', /autre chose qu'une page web/],
    ['data:', '#lien-data', /autre chose qu'une page web/],
    ['blob:', '#lien-blob', /autre chose qu'une page web/],
    ['about:', '#lien-about', /autre chose qu'une page web/],
    ['chrome:', '#lien-chrome', /autre chose qu'une page web/],
    ['devtools:', '#lien-devtools', /autre chose qu'une page web/],
    ['view-source:', '#lien-view-source', /autre chose qu'une page web/],
    ['a look-alike host (www.caf.fr.example.net)', '#lien-sosie', 'www.caf.fr.example.net'],
    ['a look-alike host (caf-fr.com)', '#lien-tiret', 'caf-fr.com'],
    ['a punycode look-alike', '#lien-punycode', 'www.xn--cf-c9b.fr'],
    ['a user name trick (www.caf.fr@…)', '#lien-arobase', /piège/],
    ['a fragment trick (…#allowed-host)', '#lien-diese', 'www.example.com'],
    ['a 302 redirect out of the list', '#lien-redirection', 'www.example.org'],
    ['a meta refresh out of the list', '#lien-meta-refresh', 'www.example.net', '/meta-refresh'],
    ['a script redirect out of the list', '#lien-js-redirection', 'www.example.net'],
  ];
  for (const [what, id, text, stillOn] of REFUSED) {
    test(`${what} is refused with an explanation`, async () => {
      await site.click(id);
      await expectRefused(text, stillOn);
    });
  }

  test('a javascript: link runs no navigation', async () => {
    // Its script runs in the page as any of the site's scripts: its alert comes up in the kiosk's own panel.
    const clicked = site.click('#lien-javascript');
    const panel = station.ui.locator('[data-overlay="site-dialog"]');
    await expect(panel).toBeVisible();
    await station.ui.click('[data-action="site-dialog-ok"]');
    await clicked;
    await expect(panel).toHaveCount(0);
    await site.waitForTimeout(300);
    expect(site.url()).toBe(`${hostile}/evasion`);
    expect(site.context().pages()).toHaveLength(1);
  });
});

test.describe('links to other applications', () => {
  const LINKS: [string, string, string][] = [
    ['mailto:', '#lien-mailto', 'aide@caf.fr'],
    ['tel:', '#lien-tel', '3230'],
    ['sms:', '#lien-sms', '+33600000000'],
    ['intent:', '#lien-intent', ''],
    ['a custom scheme (ms-settings:)', '#lien-custom', ''],
  ];
  for (const [what, id, shown] of LINKS) {
    test(`${what} opens nothing and shows ${shown === '' ? 'that no application is available' : 'the address or number'}`, async () => {
      await site.click(id);
      const panel = station.ui.locator('[data-overlay="external-link"]');
      await expect(panel).toBeVisible();
      if (shown === '') await expect(panel.locator('[data-external-target]')).toHaveCount(0);
      else await expect(panel.locator('[data-external-target]')).toHaveText(shown);
      expect(site.url()).toBe(`${hostile}/evasion`);
      expect(site.context().pages()).toHaveLength(1);
    });
  }
});

test.describe('permissions and devices', () => {
  const PERMISSIONS: [string, string][] = [
    ['camera', 'camera'],
    ['microphone', 'micro'],
    ['geolocation', 'geoloc'],
    ['notifications', 'notifications'],
    ['clipboard-read', 'presse-papiers'],
    ['MIDI', 'midi'],
    ['serial', 'serie'],
    ['USB', 'usb'],
    ['HID', 'hid'],
    ['Bluetooth', 'bluetooth'],
    ['full screen', 'plein-ecran'],
    ['keyboard lock', 'clavier'],
    ['window management', 'fenetres'],
    ['display capture', 'capture'],
  ];
  for (const [what, name] of PERMISSIONS) {
    test(`${what} is denied`, async () => {
      await site.click(`#demander-${name}`);
      const attribute = `data-${name}`;
      await expect(site.locator(`body[${attribute}]`)).toHaveCount(1, { timeout: 6_000 });
      const outcome = await site.locator('body').getAttribute(attribute);
      expect(outcome, `${what}: ${outcome}`).not.toBe('granted');
      expect(outcome, `${what}: ${outcome}`).not.toBe('prompt');
    });
  }

  test('storage access for embedded sites is not granted to a top-level page beyond its own', async () => {
    await site.click('#demander-stockage');
    await expect(site.locator('body[data-stockage]')).toHaveCount(1, { timeout: 6_000 });
    // Granting itself its own first-party storage is all a top-level page can get: no prompt, no other site's data.
    expect(['granted', 'denied']).toContain(await site.locator('body').getAttribute('data-stockage'));
    expect(site.context().pages()).toHaveLength(1);
  });
});

test.describe('files and authentication', () => {
  test('a program download is refused and never lands on disk', async () => {
    await site.click('#lien-exe');
    await expectRefused(/pas un document/);
    const downloads = join(station.kiosk.shell.visitor?.folder ?? '/nonexistent', 'downloads');
    const files = () => {
      try {
        return readdirSync(downloads);
      } catch {
        return [];
      }
    };
    // A small file can be complete before it is cancelled: it is then deleted at once.
    await expect.poll(files, { timeout: 3_000 }).toEqual([]);
  });

  test('a PDF attestation is kept in the visitor\'s own folder, never behind a save dialog', async () => {
    const download = site.waitForEvent('download');
    await site.click('#lien-pdf-telecharger');
    const file = await (await download).path();
    expect(file.startsWith(join(station.kiosk.shell.visitor?.folder ?? '/nonexistent', 'downloads'))).toBe(true);
  });

  test('HTTP authentication never shows the browser\'s login prompt', async () => {
    await site.click('#lien-auth');
    // The 401 page of the site stays (an allowed page); the browser's own login window never opens.
    await expectRefused(/identifiant dans une fenêtre du navigateur/, '/auth');
  });
});
