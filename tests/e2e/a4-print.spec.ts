import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeTextPdf } from '../support/make-pdf';
import { printedFiles, privateCupsUnavailable, startPrivateCups, type PrivateCups } from '../support/private-cups';
import { missingXTools } from '../support/x-display';
import { mountUsbKey, usbKeyMountUnavailable } from '../support/usb-key-mount';
import { hostileTile } from '../support/hostile-sites/training-server';
import { recordKeys } from './headed-keys';
import { startHeadedKiosk, startTestKiosk, type TestKiosk } from './kiosk-fixture';

/**
 * "Imprimer" on a site's page (window.print()) through the kiosk's own print panel,
 * to a real CUPS: the distribution's cupsd, private to this file, with a cups-pdf
 * virtual printer (tests/support/private-cups.ts). The PDF that arrives holds the
 * page's text (pdftotext); a job that did not print is cancelled and purged at the
 * wipe; jobs a crashed visit left are purged when the kiosk starts; a station
 * without an A4 printer says so.
 */

const QUEUE = 'borne-a4';
const UNAVAILABLE = privateCupsUnavailable();
const PANEL = '[data-overlay="a4-print"]';

test.describe.configure({ mode: 'serial' });
test.skip(UNAVAILABLE !== null, `private CUPS unavailable: ${UNAVAILABLE ?? ''}`);

let cups: PrivateCups;
test.beforeAll(async () => {
  cups = await startPrivateCups();
  await cups.addCupsPdfQueue(QUEUE);
  // cups-pdf goes through PostScript: poppler's default pdftops loses the text of the
  // TrueType subsets Chromium embeds (pdftotext then reads dingbats); pdftocairo keeps it.
  // A printer setting of this virtual printer, not of the kiosk (real A4 printers take PDF).
  await cups.run('lpadmin', ['-p', QUEUE, '-o', 'pdftops-renderer-default=pdftocairo']);
});
test.afterAll(async () => {
  await cups?.close();
});

function withA4Printer(): Parameters<typeof startTestKiosk>[0] {
  return {
    cupsEnv: cups.clientEnv,
    edit: (config) => ({ ...config, documents: { a4Printer: { queue: QUEUE, label: { fr: "Imprimante de l'accueil", en: 'Front desk printer' } } } }),
  };
}

async function openAttestation(station: TestKiosk) {
  const site = await station.openTile('caf');
  await site.goto(`${station.training.origin('caf')}/attestation`);
  await expect(site.locator('h1')).toHaveText('Attestation de paiement');
  return site;
}

/** Job ids CUPS still knows on the queue (pending, held or done). */
async function jobsOnQueue(): Promise<string> {
  return cups.run('lpstat', ['-W', 'all', '-o', QUEUE]);
}

test('the page\'s "Imprimer" opens the kiosk\'s panel; the PDF that reaches the printer holds the page\'s text', async () => {
  const station = await startTestKiosk(withA4Printer());
  try {
    const { ui } = station;
    const site = await openAttestation(station);
    const before = (await printedFiles(cups)).length;
    await site.click('#imprimer');
    const panel = ui.locator(PANEL);
    await expect(panel).toBeVisible();
    await expect(panel.locator('[data-a4print-printer]')).toContainText("Imprimante de l'accueil");
    await expect(panel.locator('[data-a4print-pages]')).toHaveAttribute('data-a4print-pages', '1', { timeout: 20_000 });
    await expect(panel.locator('[data-a4print-pages]')).toHaveText('Nombre de pages : 1');
    const thumbnail = panel.locator('[data-a4print-thumbnail]');
    expect(await thumbnail.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(100);
    // The spooled file is in the visitor's own folder (deleted with it at the wipe).
    const visitorFolder = station.kiosk.shell.visitor?.folder ?? '';
    expect(readdirSync(join(visitorFolder, 'downloads'))).toContain('impression-1.pdf');
    // Copies 1 to 3, and big buttons.
    await expect(panel.locator('[data-a4print-copies]')).toHaveCount(3);
    for (const button of await panel.locator('.dialog-actions button').all()) expect((await button.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
    await panel.locator('[data-a4print-copies="2"]').check();
    await ui.click('[data-action="print-document"]');
    await expect(panel.locator('[data-a4print-outcome="printed"]')).toHaveText('Imprimé — prenez votre feuille', { timeout: 60_000 });

    await expect.poll(async () => (await printedFiles(cups)).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const printed = (await printedFiles(cups)).at(-1) ?? '';
    const text = execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' });
    expect(text).toContain('ENTR-2026-0042');
    expect(text).toContain('123,45 euros');
    // The staff log names the queue and the CUPS job state; no document name, no address.
    const state = station.logLines.find((line) => line.includes('a4-print-state')) ?? '';
    expect(state).toContain(`"queue":"${QUEUE}"`);
    expect(state).toContain('"state":"completed"');
    expect(station.logLines.join('\n')).not.toContain('/attestation');
    // The job title CUPS recorded is neutral.
    expect(await cups.run('lpstat', ['-W', 'completed', '-o', QUEUE, '-l'])).not.toMatch(/attestation/i);

    await ui.click(`${PANEL} [data-action="dismiss"]`);
    await expect(panel).toHaveCount(0);
  } finally {
    await station.close();
  }
});

test('the toolbar\'s "Imprimer" prints the page on screen: the visitor\'s own request, on any page', async () => {
  const station = await startTestKiosk(withA4Printer());
  try {
    const { ui } = station;
    const site = await openAttestation(station);
    const before = (await printedFiles(cups)).length;
    const toolbarPrint = ui.locator('header[data-toolbar] [data-action="print-shown-document"]');
    await expect(toolbarPrint).toBeVisible();
    await toolbarPrint.click();
    const panel = ui.locator(PANEL);
    await expect(panel.locator('[data-a4print-pages]')).toHaveAttribute('data-a4print-pages', '1', { timeout: 20_000 });
    await ui.click('[data-action="print-document"]');
    await expect(panel.locator('[data-a4print-outcome="printed"]')).toHaveText('Imprimé — prenez votre feuille', { timeout: 60_000 });
    await expect.poll(async () => (await printedFiles(cups)).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const text = execFileSync('pdftotext', [(await printedFiles(cups)).at(-1) ?? '', '-'], { encoding: 'utf8' });
    expect(text).toContain('ENTR-2026-0042');
    expect(site.url()).toContain('/attestation');
  } finally {
    await station.close();
  }
});

test("Ctrl+P on the station's real keyboard prints the page on screen through the kiosk's panel; the site never gets the key, and on the home screen it opens nothing", async () => {
  const missing = missingXTools();
  test.skip(missing !== null, `headed X display unavailable: ${missing ?? ''}`);
  // Headed: the key goes through the X server and the station's input filter, as a visitor types it.
  const station = await startHeadedKiosk(withA4Printer());
  try {
    const { ui, display } = station;
    const panel = ui.locator(PANEL);
    // The home screen: no démarche, nothing to print.
    display.xdotool('key', 'ctrl+p');
    await ui.waitForTimeout(500);
    await expect(panel).toHaveCount(0);
    // The démarche's entry page has no print button of its own.
    const site = await station.openTile('caf');
    await expect(site.locator('button, a').filter({ hasText: /imprim/i })).toHaveCount(0);
    const heading = (await site.locator('h1').innerText()).trim();
    const keys = await recordKeys(site);
    // A real click on the page gives it the keyboard.
    const box = await site.locator('h1').boundingBox();
    const origin = await site.evaluate(() => ({ x: window.screenX, y: window.screenY }));
    if (box === null) throw new Error('no heading on the page');
    display.xdotool('mousemove', String(Math.round(origin.x + box.x + 10)), String(Math.round(origin.y + box.y + box.height / 2)), 'click', '1');
    await expect.poll(() => site.evaluate(() => document.hasFocus())).toBe(true);
    const before = (await printedFiles(cups)).length;
    display.xdotool('key', 'ctrl+p');
    await expect(panel.locator('[data-a4print-pages]')).toHaveAttribute('data-a4print-pages', /^[1-9]/, { timeout: 20_000 });
    await ui.click('[data-action="print-document"]');
    await expect(panel.locator('[data-a4print-outcome="printed"]')).toHaveText('Imprimé — prenez votre feuille', { timeout: 60_000 });
    await expect.poll(async () => (await printedFiles(cups)).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const text = execFileSync('pdftotext', [(await printedFiles(cups)).at(-1) ?? '', '-'], { encoding: 'utf8' });
    expect(text).toContain(heading);
    // The key was the kiosk's: the site received neither P nor any print of its own.
    expect(await keys()).not.toContain('KeyP');
    expect(station.logLines.filter((line) => line.includes('a4-print-requested'))).toHaveLength(1);
  } finally {
    await station.close();
  }
});

test('a job that did not print is cancelled and purged from CUPS at the wipe, with its spooled file', async () => {
  const station = await startTestKiosk(withA4Printer());
  await cups.run('cupsdisable', [QUEUE]);
  try {
    const { ui } = station;
    const site = await openAttestation(station);
    await site.click('#imprimer');
    const panel = ui.locator(PANEL);
    await expect(panel.locator('[data-a4print-pages]')).toBeVisible({ timeout: 20_000 });
    await ui.click('[data-action="print-document"]');
    // The queue is stopped: the visitor reads a plain message, staff read CUPS's own words.
    await expect(panel.locator('[data-a4print-outcome="offline"]')).toHaveText("L'imprimante ne répond pas — un conseiller va vous aider", { timeout: 30_000 });
    const state = station.logLines.find((line) => line.startsWith('warn a4-print-state')) ?? '';
    expect(state).toContain(`CUPS queue \\"${QUEUE}\\" job`);
    expect(state).toContain('printer stopped');
    expect(await jobsOnQueue()).toContain(`${QUEUE}-`);
    expect(readdirSync(cups.spoolFolder).some((name) => name.startsWith('d'))).toBe(true);
    const visitorFolder = station.kiosk.shell.visitor?.folder ?? '';

    await ui.click('[data-action="end-session"]');
    await ui.click('[data-action="confirm-end"]');
    await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
    const report = await station.kiosk.controller?.wipeSettled();
    expect(report?.ok).toBe(true);
    expect(report?.steps.find((step) => step.name === 'purge-print-jobs')?.ok).toBe(true);
    expect(await jobsOnQueue()).toBe('');
    expect(readdirSync(cups.spoolFolder).filter((name) => /^[cd]\d/.test(name))).toEqual([]);
    expect(existsSync(visitorFolder)).toBe(false);
  } finally {
    await cups.run('cupsenable', [QUEUE]);
    await station.close();
  }
});

test('jobs a crashed visit left in CUPS are purged when the kiosk starts', async () => {
  const pdf = makeTextPdf(['Laisse par une visite interrompue']);
  const file = join(cups.folder, 'reste.pdf');
  writeFileSync(file, pdf);
  await cups.run('lp', ['-d', QUEUE, '-H', 'hold', '-t', 'reste', file]);
  expect(await jobsOnQueue()).toContain(`${QUEUE}-`);
  const station = await startTestKiosk(withA4Printer());
  try {
    expect(await jobsOnQueue()).toBe('');
    expect(station.logLines.some((line) => line.startsWith('info a4-print-leftovers-purged'))).toBe(true);
  } finally {
    await station.close();
  }
});

test('a station without an A4 printer says "Pas d\'imprimante ici", and makes no PDF', async () => {
  const station = await startTestKiosk({ cupsEnv: cups.clientEnv });
  try {
    const site = await openAttestation(station);
    // No "Imprimer" in the toolbar over a page: there is nothing to print it on.
    await expect(station.ui.locator('header[data-toolbar] [data-action="home"]')).toBeVisible();
    await expect(station.ui.locator('header[data-toolbar] [data-action="print-shown-document"]')).toHaveCount(0);
    await site.click('#imprimer');
    const panel = station.ui.locator(PANEL);
    await expect(panel.locator('[data-a4print-outcome="no-printer"]')).toHaveText("Pas d'imprimante ici");
    await expect(panel.locator('[data-action="print-document"]')).toHaveCount(0);
    const visitorFolder = station.kiosk.shell.visitor?.folder ?? '';
    const downloads = join(visitorFolder, 'downloads');
    expect(existsSync(downloads) ? readdirSync(downloads) : []).toEqual([]);
    await station.ui.click(`${PANEL} [data-action="dismiss"]`);
    await expect(panel).toHaveCount(0);
  } finally {
    await station.close();
  }
});

/** The two ways a site gives a PDF that the kiosk's viewer shows, each printed from the toolbar as the PDF it is. */
const SHOWN_PDFS = [
  {
    title: "a PDF the visitor downloaded, shown in the kiosk's viewer: the toolbar's Imprimer prints that PDF as it is",
    link: '#lien-pdf-telecharger',
    shownAt: /^file:\/\/.*\/downloads\/document-\d+\.pdf$/,
    texts: ["Attestation d'entraînement"],
  },
  {
    // Shown inline (Content-Disposition: inline): the viewer shows the site's own address.
    title: "a PDF the site shows inline, in the kiosk's viewer: the toolbar's Imprimer prints the site's own PDF",
    link: '#lien-pdf',
    shownAt: /^http:\/\/hostile\.[^/]+\/attestation\.pdf$/,
    texts: ["Attestation d'entraînement", 'Document fictif'],
  },
];

test("a station without an A4 printer offers to save the page on the visitor's USB key: only a key really plugged in gets it", async () => {
  const unavailable = usbKeyMountUnavailable();
  test.skip(unavailable !== null, `no pretend USB key: ${unavailable ?? ''}`);
  const media = mkdtempSync(join(tmpdir(), 'kiosk-media-'));
  // A folder of the station's disk that looks like a key (a mount point left with a file in it): never written.
  const lookAlike = join(media, 'ANCIENNE-CLE');
  mkdirSync(lookAlike, { recursive: true });
  writeFileSync(join(lookAlike, 'lisez-moi.txt'), 'rien');
  const station = await startTestKiosk({
    cupsEnv: cups.clientEnv,
    edit: (config) => ({ ...config, documents: { removableMediaFolder: media } }),
  });
  const key = join(media, 'CLE-VISITEUR');
  let mounted: ReturnType<typeof mountUsbKey> | null = null;
  try {
    const { ui } = station;
    const site = await openAttestation(station);
    await site.click('#imprimer');
    const panel = ui.locator(PANEL);
    await expect(panel.locator('[data-a4print-outcome="no-printer"]')).toHaveText("Pas d'imprimante ici");
    await expect(panel.locator('[data-a4print-help]')).toContainText('clé USB');
    // No key yet: said plainly, and the offer stays.
    await panel.locator('[data-action="save-to-usb"]').click();
    await expect(panel.locator('[data-a4print-usb="no-key"]')).toContainText("Aucune clé USB n'est branchée");
    expect(readdirSync(lookAlike)).toEqual(['lisez-moi.txt']);
    // The visitor plugs their key in and taps again.
    mounted = mountUsbKey(key);
    await panel.locator('[data-action="save-to-usb"]').click();
    await expect(panel.locator('[data-a4print-usb="saved"]')).toHaveText('Enregistré sur votre clé USB — vous pouvez la retirer');
    await expect(panel.locator('[data-action="save-to-usb"]')).toHaveCount(0);
    expect(readdirSync(key)).toEqual(['document.pdf']);
    const text = execFileSync('pdftotext', [join(key, 'document.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('ENTR-2026-0042');
    expect(readdirSync(lookAlike)).toEqual(['lisez-moi.txt']);
    // Nothing went to a printer, and the log names neither the file nor the key.
    expect(station.logLines.filter((line) => line.includes('a4-document-usb-outcome')).map((line) => /"outcome":"([a-z-]+)"/.exec(line)?.[1])).toEqual(['no-key', 'saved']);
    expect(station.logLines.join('\n')).not.toContain('CLE-VISITEUR');
    // The visitor leaves: their copy is on their key, the kiosk's own is wiped with the visit.
    const visitorFolder = station.kiosk.shell.visitor?.folder ?? '';
    await ui.click('[data-overlay] [data-action="dismiss"]');
    await ui.click('[data-action="end-session"]');
    await ui.click('[data-action="confirm-end"]');
    await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
    expect((await station.kiosk.controller?.wipeSettled())?.ok).toBe(true);
    expect(existsSync(visitorFolder)).toBe(false);
    expect(readdirSync(key)).toEqual(['document.pdf']);
  } finally {
    mounted?.unmount();
    await station.close();
    rmSync(media, { recursive: true, force: true });
  }
});

for (const shown of SHOWN_PDFS) {
  test(shown.title, async () => {
    const missing = missingXTools();
    test.skip(missing !== null, `headed PDF viewer unavailable: ${missing ?? ''}`);
    // Headed: headless Chromium has no PDF viewer.
    const station = await startHeadedKiosk({
      ...withA4Printer(),
      extraTiles: (config) => [hostileTile(config, { id: 'hostile', path: '/evasion' })],
    });
    try {
      const { ui } = station;
      await ui.click('button[data-tile="hostile"]');
      const site = station.site();
      await site.waitForSelector('body[data-done]');
      // A web page of a station with an A4 printer: the toolbar's "Imprimer" is there already (it prints
      // the page); over the PDF it must print the PDF itself.
      await expect(ui.locator('[data-action="print-shown-document"]')).toBeVisible();
      await site.click(shown.link);
      await expect(site).toHaveURL(shown.shownAt);
      const before = (await printedFiles(cups)).length;
      await ui.click('[data-action="print-shown-document"]');
      const panel = ui.locator(PANEL);
      await expect(panel.locator('[data-a4print-pages]')).toHaveText('Nombre de pages : 1', { timeout: 20_000 });
      await ui.click('[data-action="print-document"]');
      await expect(panel.locator('[data-a4print-outcome="printed"]')).toBeVisible({ timeout: 60_000 });
      await expect.poll(async () => (await printedFiles(cups)).length, { timeout: 20_000 }).toBeGreaterThan(before);
      const text = execFileSync('pdftotext', [(await printedFiles(cups)).at(-1) ?? '', '-'], { encoding: 'utf8' });
      for (const expected of shown.texts) expect(text).toContain(expected);
      // The PDF itself was sent, not a picture of the viewer: no page made by the browser.
      const downloads = readdirSync(join(station.kiosk.shell.visitor?.folder ?? '', 'downloads'));
      expect(downloads.filter((name) => name.startsWith('impression-'))).toEqual([]);
    } finally {
      await station.close();
    }
  });
}
