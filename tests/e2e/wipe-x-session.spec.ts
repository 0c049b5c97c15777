import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { hostileTile } from '../support/hostile-sites/training-server';
import { readLockKeys, type LockKeys } from '../../main/shells/chromium/x-session';
import { missingXTools, type VirtualDisplay } from '../support/x-display';
import { startHeadedKiosk, type HeadedTestKiosk } from './kiosk-fixture';

/**
 * The wipe suite, part two: what the browsers and the X session keep by
 * themselves. A visitor selects and copies a phone number in the kiosk UI
 * (real X triple click and Ctrl+C), turns Caps Lock and Num Lock, leaves a
 * window and storage in the kiosk UI's browser, and the site's renderer
 * crashes, which ends the visit. Then: both X selections are empty, no crash
 * dump, config or cache folder is in the account's home, the lock keys are
 * back, the UI's browser holds nothing — and the wipe's self-check said so.
 * The account's home is a fresh folder (HOME) for the whole kiosk.
 */
const missing = missingXTools();
test.skip(missing !== null, `wipe suite (X session) skipped: ${missing}`);

let display: VirtualDisplay;
let station: HeadedTestKiosk;
let accountHome: string;
let savedHome: string | undefined;
let lockKeysAtStart: LockKeys;
let before: { primary: string; clipboard: string; lockKeys: LockKeys; windows: number; uiPages: number; visitorFolder: string };
let windowsAtHome: number;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  savedHome = process.env.HOME;
  accountHome = mkdtempSync(join(tmpdir(), 'account-home-'));
  process.env.HOME = accountHome;
  station = await startHeadedKiosk({ extraTiles: (config) => [hostileTile(config, { id: 'evasion', path: '/evasion' })] });
  display = station.display;
  const env = { ...process.env, DISPLAY: display.name };
  const { ui } = station;
  lockKeysAtStart = await readLockKeys(env);
  windowsAtHome = display.visibleWindows().length;

  // A phone link on the site: the kiosk shows the number in its own panel.
  await ui.click('button[data-tile="evasion"]');
  const site = station.site();
  await site.waitForSelector('body[data-done]');
  await site.click('#lien-tel');
  const number = ui.locator('[data-overlay="external-link"] [data-external-target]');
  await expect(number).toContainText('3230');
  // The visitor selects the number (triple click) and copies it (Ctrl+C), with the real pointer and keyboard.
  const box = await number.boundingBox();
  if (box === null) throw new Error('no number on screen');
  display.xdotool('mousemove', String(Math.round(box.x + box.width / 2)), String(Math.round(box.y + box.height / 2)), 'click', '--repeat', '3', '--delay', '80', '1');
  await expect.poll(() => display.selection('primary')).toContain('3230');
  display.xdotool('key', 'ctrl+c');
  await expect.poll(() => display.selection('clipboard')).toContain('3230');
  // Caps Lock and Num Lock turned.
  display.xdotool('key', 'Caps_Lock', 'Num_Lock');
  // A stray window of the UI's browser, and storage in it.
  const stray = await ui.context().newPage();
  await ui.context().addCookies([{ name: 'trace', value: 'visiteur', url: 'http://kiosk.localhost/' }]);
  await ui.evaluate(async () => {
    localStorage.setItem('trace', 'visiteur');
    sessionStorage.setItem('trace', 'visiteur');
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('trace');
      request.onsuccess = () => {
        request.result.close();
        resolve(null);
      };
      request.onerror = () => reject(request.error);
    });
  });
  await expect.poll(() => display.visibleWindows().length).toBeGreaterThan(windowsAtHome);
  before = {
    primary: display.selection('primary'),
    clipboard: display.selection('clipboard'),
    lockKeys: await readLockKeys(env),
    windows: display.visibleWindows().length,
    uiPages: ui.context().pages().length,
    visitorFolder: station.kiosk.shell.visitor?.folder ?? '',
  };
  expect(stray.isClosed()).toBe(false);

  // The site's renderer crashes: the visit ends and is wiped.
  const cdp = await site.context().newCDPSession(site);
  await cdp.send('Page.crash').catch(() => undefined);
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped-after-crash"]'))
    .toBeVisible({ timeout: 20_000 })
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${station.logLines.filter((line) => line.startsWith('error')).join('\n')}`);
    });
  await station.kiosk.controller?.wipeSettled();
});

test.afterAll(async () => {
  await station?.close();
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
  rmSync(accountHome, { recursive: true, force: true });
});

test('text selected and copied in the kiosk UI is gone from both X selections', () => {
  expect(before.primary).toContain('3230');
  expect(before.clipboard).toContain('3230');
  expect(display.selection('primary')).toBe('');
  expect(display.selection('clipboard')).toBe('');
});

test('a visit that crashed leaves no crash dump, config or cache folder in the account\'s home', () => {
  expect(station.logLines.some((line) => line.startsWith('info session-ended {"cause":"crash"'))).toBe(true);
  expect(filesUnder(accountHome)).toEqual([]);
  expect(readdirSync(station.kiosk.shell.workFolder).some((name) => before.visitorFolder.endsWith(name))).toBe(false);
  // No crash reporter runs beside any browser of this kiosk.
  // Chromium always runs a crash handler; this kiosk's write inside its own folders, none in the account's home.
  const databases = readdirSync('/proc').flatMap((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const database = /--database=([^\0]*)/.exec(cmdline)?.[1];
      return cmdline.includes('chrome_crashpad_handler') && database !== undefined ? [database] : [];
    } catch {
      return [];
    }
  });
  expect(databases.filter((database) => database.startsWith(accountHome))).toEqual([]);
  expect(databases.filter((database) => database.startsWith(station.kiosk.shell.workFolder)).length).toBeGreaterThan(0);
});

test('Caps Lock is off and Num Lock is back as the station started', async () => {
  expect(before.lockKeys).toEqual({ capsLock: true, numLock: !lockKeysAtStart.numLock });
  expect(await readLockKeys({ ...process.env, DISPLAY: display.name })).toEqual({ capsLock: false, numLock: lockKeysAtStart.numLock });
});

test('the kiosk UI\'s browser holds no window, cookie or storage of the visitor', async () => {
  const { ui } = station;
  expect(before.uiPages).toBe(2);
  expect(before.windows).toBeGreaterThan(windowsAtHome);
  expect(ui.context().pages()).toEqual([ui]);
  expect(display.visibleWindows().length).toBe(windowsAtHome);
  expect(await ui.context().cookies()).toEqual([]);
  expect(
    await ui.evaluate(async () => [localStorage.length, sessionStorage.length, (await indexedDB.databases()).length, getSelection()?.toString() ?? '']),
  ).toEqual([0, 0, 0, '']);
});

test('the self-check ran these steps and passed', () => {
  const report = station.kiosk.controller?.lastWipeReport();
  expect(report?.ok).toBe(true);
  expect(report?.steps.map((step) => step.name)).toEqual(expect.arrayContaining(['clear-clipboard', 'reset-lock-keys', 'forget-in-kiosk-ui', 'verify-clean']));
});

test('fail closed: when the X session cannot be reset, the station goes out of order and the log says why', async () => {
  const { ui } = station;
  // The selection tool is gone (a broken installation): the next wipe cannot prove the selections empty.
  const bin = mkdtempSync(join(tmpdir(), 'bin-without-xsel-'));
  mkdirSync(join(bin, 'x'));
  for (const tool of ['xset', 'xdotool', 'xprintidle', 'xclip']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  const savedPath = process.env.PATH;
  process.env.PATH = bin;
  try {
    await ui.click('button[data-tile="evasion"]');
    await ui.click('header[data-toolbar] [data-action="end-session"]');
    await ui.click('[data-overlay="confirm-end"] [data-action="confirm-end"]');
    await expect(ui.locator('main[data-screen="out-of-order"]')).toBeVisible({ timeout: 20_000 });
  } finally {
    process.env.PATH = savedPath;
    rmSync(bin, { recursive: true, force: true });
  }
  const failure = station.logLines.find((line) => line.startsWith('error wipe-failed'));
  expect(failure).toContain('clear-clipboard');
  expect(failure).toContain('xsel is not installed');
});
