import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test, expect, type ElectronApplication, type Page } from '@playwright/test';
import type { ExternalLink } from '../../main/core/navigation/external-links';
import type { RefusalReason } from '../../main/core/navigation/policy';
import { HOSTILE_SITE_ID, THIRD_PARTY_SITE_ID } from '../support/hostile-sites/hostile-site';
import { TRAINING_DOMAIN } from '../../main/dev-tools/training-sites/sites';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';
import { expectOverlay, kiosk, kioskView, launchKiosk, openTile, skipWithoutElectron, visitorFiles, writeStation, type ElectronKiosk } from './electron-kiosk';

/**
 * "Nothing gets out": the hostile training site's /evasion page tries every way
 * out of the kiosk, in the real Electron shell. Each attempt must be stopped,
 * and the visitor told why (or shown the address or number, for mail and phone
 * links), with no new window, no other application, no prompt.
 */
skipWithoutElectron('Electron escape suite');

const HOSTILE_HOST = `${HOSTILE_SITE_ID}.${TRAINING_DOMAIN}`;
const THIRD_PARTY_HOST = `${THIRD_PARTY_SITE_ID}.${TRAINING_DOMAIN}`;

let training: TrainingServer;
let configDir: string;
let configPath: string;
let running: ElectronKiosk | null = null;

test.beforeAll(async () => {
  training = await startTrainingServer();
  configDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-escape-'));
  const hostile = training.origin(HOSTILE_SITE_ID);
  configPath = writeStation(configDir, [
    // The third-party host is not allowed: a window to it is a way out.
    { id: 'hostile', entry: `${hostile}/evasion`, allowedHosts: [HOSTILE_HOST] },
    { id: 'hostile-camera', entry: `${hostile}/evasion`, allowedHosts: [HOSTILE_HOST], permissions: ['camera'] },
  ]);
});

test.afterAll(async () => {
  await training?.close();
  if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
});

test.afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(extraArgs: readonly string[] = []): Promise<ElectronKiosk> {
  running = await launchKiosk(configPath, extraArgs);
  return running;
}

function evasionUrl(): string {
  return `${training.origin(HOSTILE_SITE_ID)}/evasion`;
}

async function openEvasion(app: ElectronApplication, ui: Page, tileId = 'hostile'): Promise<Page> {
  const site = await openTile(app, ui, tileId, evasionUrl());
  await site.waitForSelector('body[data-done="yes"]');
  return site;
}

/** Back to /evasion when an attempt was let through on purpose (an allowed pop-up, a PDF). */
async function backToEvasion(site: Page): Promise<void> {
  if (site.url() === evasionUrl()) return;
  await site.goto(evasionUrl());
  await site.waitForSelector('body[data-done="yes"]');
}

/** Replaces shell.openExternal in the main process with a recorder: nothing must reach it. */
async function recordOpenExternal(app: ElectronApplication): Promise<boolean> {
  return app.evaluate(({ shell }) => {
    const calls: string[] = [];
    (globalThis as unknown as { __openExternalCalls: string[] }).__openExternalCalls = calls;
    try {
      shell.openExternal = (url: string) => {
        calls.push(url);
        return Promise.resolve();
      };
      return true;
    } catch {
      return false; // read-only here: the assertions below still hold for the kiosk's view
    }
  });
}

async function openExternalCalls(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => (globalThis as unknown as { __openExternalCalls?: string[] }).__openExternalCalls ?? []);
}

interface WindowState {
  windows: number;
  contents: number;
  fullScreen: boolean;
  bounds: { x: number; y: number; width: number; height: number } | null;
}

async function windowState(app: ElectronApplication): Promise<WindowState> {
  return app.evaluate(({ BrowserWindow, webContents }) => {
    const windows = BrowserWindow.getAllWindows();
    const first = windows[0];
    return {
      windows: windows.length,
      contents: webContents.getAllWebContents().length,
      fullScreen: first?.isFullScreen() ?? false,
      bounds: first?.getBounds() ?? null,
    };
  });
}

test('mail, phone and application links are shown, never launched', async () => {
  const { app, ui } = await start();
  const recording = await recordOpenExternal(app);
  const site = await openEvasion(app, ui);
  const before = await windowState(app);

  const links: [string, ExternalLink][] = [
    ['#lien-mailto', { kind: 'mailto', target: 'aide@caf.fr' }],
    ['#lien-tel', { kind: 'tel', target: '3230' }],
    ['#lien-sms', { kind: 'sms', target: '+33600000000' }],
    ['#lien-intent', { kind: 'other', target: '' }],
    ['#lien-custom', { kind: 'other', target: '' }],
  ];
  for (const [selector, link] of links) {
    await site.click(selector);
    await expectOverlay(ui, { name: 'external-link', link });
    expect(site.url(), selector).toBe(evasionUrl());
  }

  if (recording) expect(await openExternalCalls(app)).toEqual([]);
  expect(await windowState(app)).toEqual(before);
});

test('new windows never open: an allowed one loads in the same view, another is refused', async () => {
  const { app, ui } = await start();
  const site = await openEvasion(app, ui);
  const before = await windowState(app);

  await site.click('#ouvrir-fenetre');
  await expectOverlay(ui, { name: 'refused', reason: 'host', host: THIRD_PARTY_HOST });
  await expect(site.locator('body')).toHaveAttribute('data-ouvrir-fenetre', 'blocked');

  await site.click('#lien-blank');
  await expectOverlay(ui, { name: 'refused', reason: 'host', host: 'www.example.com' });

  await site.click('#formulaire-blank');
  await expectOverlay(ui, { name: 'refused', reason: 'host', host: 'www.example.com' });

  await site.click('#ouvrir-fenetre-autorisee');
  await expect.poll(() => site.url()).toBe(`${training.origin(HOSTILE_SITE_ID)}/plant`);
  await backToEvasion(site);

  await site.click('#lien-blank-autorise');
  await expect.poll(() => site.url()).toBe(`${training.origin(HOSTILE_SITE_ID)}/inspect`);
  await backToEvasion(site);

  expect(await windowState(app)).toEqual(before);
});

test('forbidden addresses are refused and the page stays', async () => {
  const { app, ui } = await start();
  const site = await openEvasion(app, ui);

  // Web addresses out of the démarche, whichever way the page goes there: the visitor is told.
  const refused: [string, { reason: RefusalReason; host: string | null }][] = [
    ['#lien-sosie', { reason: 'host', host: 'www.caf.fr.example.net' }],
    ['#lien-tiret', { reason: 'host', host: 'caf-fr.com' }],
    ['#lien-punycode', { reason: 'host', host: 'www.xn--cf-c9b.fr' }],
    ['#lien-arobase', { reason: 'credentials', host: 'www.example.com' }],
    ['#lien-diese', { reason: 'host', host: 'www.example.com' }],
    ['#lien-redirection', { reason: 'host', host: 'www.example.org' }],
    ['#lien-meta-refresh', { reason: 'host', host: 'www.example.net' }],
    ['#lien-js-redirection', { reason: 'host', host: 'www.example.net' }],
  ];
  for (const [selector, refusal] of refused) {
    await site.click(selector);
    await expectOverlay(ui, { name: 'refused', ...refusal });
    // A refused refresh leaves the page that asked for it (/meta-refresh): go back.
    await backToEvasion(site);
  }

  // Local files, browser pages and non-web documents: Chromium itself may stop some of them
  // before the kiosk sees them; either way the page stays and nothing else shows.
  for (const selector of ['#lien-file', '#lien-chrome', '#lien-devtools', '#lien-view-source', '#lien-data', '#lien-blob', '#lien-about', '#lien-javascript']) {
    await site.click(selector);
    await expect.poll(() => site.url(), { timeout: 3000 }).toBe(evasionUrl());
    const overlay = (await kioskView(ui)).overlay;
    if (overlay.name === 'refused') expect(overlay.reason, selector).toBe('scheme');
    if (overlay.name !== 'none') await kiosk(ui, 'dismissOverlay');
  }
});

test('every permission is denied without a prompt, and full screen never leaves the kiosk', async () => {
  const { app, ui } = await start();
  const site = await openEvasion(app, ui);
  const before = await windowState(app);

  // Denied (or without a device to offer): never granted, never left pending.
  const strict = ['camera', 'micro', 'geoloc', 'notifications', 'presse-papiers', 'midi', 'serie', 'usb', 'hid', 'bluetooth', 'plein-ecran', 'capture', 'fenetres'];
  // Chromium may answer these without asking (a top-level page already has its storage; a lock outside full screen does nothing).
  const noPrompt = ['stockage', 'clavier'];
  for (const name of [...strict, ...noPrompt]) {
    await site.click(`#demander-${name}`);
    await expect(site.locator('body'), name).toHaveAttribute(`data-${name}`, /.+/, { timeout: 6000 });
    const outcome = await site.locator('body').getAttribute(`data-${name}`);
    expect(outcome, name).not.toBe('prompt');
    if (strict.includes(name)) expect(outcome, name).not.toBe('granted');
    if ((await kioskView(ui)).overlay.name !== 'none') await kiosk(ui, 'dismissOverlay');
  }

  const after = await windowState(app);
  expect(after.fullScreen).toBe(before.fullScreen);
  expect(after.windows).toBe(before.windows);
  expect((await kioskView(ui)).screen).toMatchObject({ name: 'site', tileId: 'hostile' });
});

test("a tile's granted permission reaches its own pages, and nothing more", async () => {
  const { app, ui } = await start(['--use-fake-device-for-media-stream']);
  const site = await openEvasion(app, ui, 'hostile-camera');
  await site.click('#demander-camera');
  await expect(site.locator('body')).toHaveAttribute('data-camera', 'granted', { timeout: 6000 });
  await site.click('#demander-micro');
  await expect(site.locator('body')).toHaveAttribute('data-micro', 'denied', { timeout: 6000 });

  // The same pages under a tile that grants nothing: denied again.
  await kiosk(ui, 'goHome');
  const plain = await openEvasion(app, ui, 'hostile');
  await plain.click('#demander-camera');
  await expect(plain.locator('body')).toHaveAttribute('data-camera', 'denied', { timeout: 6000 });
});

test('the window stays put, at its size, in full screen, at 100 %', async () => {
  const { app, ui } = await start();
  const site = await openEvasion(app, ui);
  const before = await windowState(app);

  await site.click('#fermer');
  await site.click('#deplacer');
  for (const keys of ['Control+w', 'Control+q', 'Alt+F4', 'F11', 'Control+Shift+i', 'Control+Equal', 'Control+Minus']) {
    await site.keyboard.press(keys);
  }
  await site.mouse.move(200, 300);
  await site.keyboard.down('Control');
  await site.mouse.wheel(0, -500);
  await site.keyboard.up('Control');

  expect(site.isClosed()).toBe(false);
  expect(await windowState(app)).toEqual(before);
  const zoom = await app.evaluate(({ webContents }) => webContents.getAllWebContents().map((contents) => contents.getZoomFactor()));
  expect(zoom.every((factor) => factor === 1)).toBe(true);
  expect(await site.evaluate(() => window.devicePixelRatio)).toBe(await ui.evaluate(() => window.devicePixelRatio));
});

test('a PDF is kept for the visitor and shown in the kiosk; other files and passwords are refused', async () => {
  const { app, ui, userData } = await start();
  const site = await openEvasion(app, ui);

  await site.click('#lien-exe');
  await expectOverlay(ui, { name: 'refused', reason: 'scheme', host: null });
  expect(visitorFiles(userData)).toEqual([]);

  await site.click('#lien-pdf-telecharger');
  await expect.poll(() => site.url(), { timeout: 10_000 }).toBe('kiosk-file://download/attestation.pdf');
  expect(visitorFiles(userData).map((path) => basename(path))).toEqual(['attestation.pdf']);
  await backToEvasion(site);

  // A PDF shown inline: in Chromium's viewer at its own (allowed) address, or kept and shown
  // like a download if this Electron has no viewer for it. Never refused.
  await site.click('#lien-pdf');
  await expect.poll(() => site.url()).toMatch(/^(http:\/\/hostile\.entrainement\.localhost:\d+\/attestation\.pdf|kiosk-file:\/\/download\/attestation)/);
  expect((await kioskView(ui)).overlay).toEqual({ name: 'none' });
  await backToEvasion(site);

  await site.click('#lien-auth');
  await expectOverlay(ui, { name: 'refused', reason: 'credentials', host: HOSTILE_HOST });
  await backToEvasion(site);

  // Nothing of it survives the visitor.
  await kiosk(ui, 'requestEndSession');
  await kiosk(ui, 'confirmEndSession');
  await expect.poll(async () => (await kioskView(ui)).screen, { timeout: 20_000 }).toEqual({ name: 'home', notice: 'wiped' });
  expect(visitorFiles(userData)).toEqual([]);
  // The next visitor cannot reach the last one's file.
  const next = await openEvasion(app, ui);
  await next.evaluate(() => {
    location.href = 'kiosk-file://download/attestation.pdf';
  });
  await expect.poll(() => next.url(), { timeout: 3000 }).toBe(evasionUrl());
  await expectOverlay(ui, { name: 'refused', reason: 'scheme', host: null });
});
