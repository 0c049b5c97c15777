import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { StationConfig } from '../../main/core/config/station-config';
import { LOCK_STATE_FILE, hashPin, writePinFile } from '../../main/node/staff-pin';
import { MAINTENANCE_FILE } from '../../main/node/staff-desk';
import { findSocat, startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { missingXTools } from '../support/x-display';
import { clickSiteField, recordKeys } from './headed-keys';
import { DISPLAY, expect, startHeadedKiosk, startTestKiosk, test, type TestKiosk } from './kiosk-fixture';

/**
 * Staff mode on the real kiosk (Chromium shell), through the kiosk UI as staff use it:
 * the way in (corner long press then another corner; Ctrl+Shift+F9 twice), the PIN pad
 * (wrong PIN, lock after five), the staff screens (axe-core scans in French), maintenance
 * kept across a restart, the receipt printer's test page, the CSV, and the full wipe on
 * leaving, so a visitor after staff finds nothing of it. Forged staff calls through
 * `window.kiosk` are refused. Headed, the chord typed on a real keyboard (xdotool, through
 * the X server) opens the pad whatever window has the focus, the official site's too.
 */

const PIN = '482913';
/** Cheap enough for tests (the floor the hash file accepts). */
const TEST_COST = { N: 2 ** 14, r: 8, p: 1, keyLength: 32 };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface StaffStation {
  dir: string;
  stationFile: string;
  withStaff: (config: StationConfig) => StationConfig;
}

async function staffStation(): Promise<StaffStation> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-staff-'));
  await writePinFile(join(dir, 'borne.pin.json'), await hashPin(PIN, TEST_COST));
  return {
    dir,
    stationFile: join(dir, 'borne.json'),
    withStaff: (config) => ({ ...config, staff: { pinFile: 'borne.pin.json', stateDirectory: 'state' } }),
  };
}

async function startStaffKiosk(files: StaffStation, edit: (config: StationConfig) => StationConfig = (config) => config): Promise<TestKiosk> {
  return startTestKiosk({ stationFile: files.stationFile, edit: (config) => edit(files.withStaff(config)) });
}

/** Hold the top-left corner 3 s, lift, touch the top-right corner. */
async function cornerWayIn(ui: Page): Promise<void> {
  await ui.mouse.move(6, 6);
  await ui.mouse.down();
  await ui.waitForTimeout(3200);
  await ui.mouse.up();
  await ui.mouse.move(DISPLAY.width - 6, 6);
  await ui.mouse.down();
  await ui.mouse.up();
}

async function typePin(ui: Page, pin: string): Promise<void> {
  for (const digit of pin) await ui.click(`[data-pin-key="${digit}"]`);
  await ui.click('[data-action="pin-submit"]');
}

async function enterStaffMode(ui: Page): Promise<void> {
  await ui.keyboard.press('Control+Shift+F9');
  await ui.keyboard.press('Control+Shift+F9');
  await expect(ui.locator('main[data-screen="staff-pin"]')).toBeVisible();
  await typePin(ui, PIN);
  await expect(ui.locator('main[data-screen="staff-home"]')).toBeVisible();
}

async function expectNoAxeViolations(ui: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page: ui }).withTags(WCAG_TAGS).analyze();
  console.log(`axe ${name} fr: ${results.violations.length} violations, ${results.passes.length} passes`);
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), name).toEqual([]);
}

/** A call made by the kiosk page itself through `window.kiosk`, as forged code in it would: what it answers. */
function forgedCall(ui: Page, action: string, ...args: unknown[]): Promise<string> {
  return ui.evaluate(
    async ([name, values]) => {
      const kiosk = (window as unknown as { kiosk: Record<string, (...args: unknown[]) => Promise<unknown>> }).kiosk;
      const call = kiosk[name];
      if (typeof call !== 'function') return 'no such function';
      try {
        await call(...values);
        return 'served';
      } catch (error) {
        return `refused: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
    [action, args] as const,
  );
}

let files: StaffStation;
test.beforeEach(async () => {
  files = await staffStation();
});
test.afterEach(() => {
  rmSync(files.dir, { recursive: true, force: true });
});

test('way in by touch, a wrong PIN, the right one, every staff screen scanned by axe, and forged calls refused', async () => {
  const station = await startStaffKiosk(files);
  const { ui } = station;
  try {
    // Before any PIN, staff actions through window.kiosk are refused, and do nothing.
    expect(await forgedCall(ui, 'staffSetMaintenance', true)).toMatch(/^refused/);
    expect(await forgedCall(ui, 'staffEndVisitorSession')).toMatch(/^refused/);
    expect(existsSync(join(files.dir, 'state', MAINTENANCE_FILE))).toBe(false);

    // A short press in a corner is nothing; the long press and another corner open the pad.
    await ui.mouse.click(6, 6);
    await ui.mouse.click(DISPLAY.width - 6, 6);
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
    await cornerWayIn(ui);
    const pad = ui.locator('main[data-screen="staff-pin"]');
    await expect(pad).toBeVisible();
    await expect(pad.locator('[data-gate="ready"]')).toHaveAttribute('data-tries-left', '5');
    // The keys are big (48 px at least) and in the fixed telephone order.
    expect(await ui.locator('[data-pin-key]').evaluateAll((keys) => keys.map((key) => key.getAttribute('data-pin-key')).join(''))).toBe('1234567890');
    for (const box of await ui.locator('.pin-pad button').evaluateAll((keys) => keys.map((key) => key.getBoundingClientRect()))) {
      expect(box.width).toBeGreaterThanOrEqual(48);
      expect(box.height).toBeGreaterThanOrEqual(48);
    }
    await expectNoAxeViolations(ui, 'staff-pin');
    // Digits are masked.
    for (const digit of '111') await ui.click(`[data-pin-key="${digit}"]`);
    await expect(ui.locator('.pin-dots')).toHaveAttribute('data-digits', '3');
    await expect(ui.locator('.pin-dots')).not.toContainText('1');
    await ui.click('[data-action="pin-erase"]');
    await ui.click('[data-action="pin-erase"]');
    await ui.click('[data-action="pin-erase"]');

    await typePin(ui, '111222');
    await expect(pad.locator('[data-gate="ready"]')).toHaveAttribute('data-tries-left', '4');
    await expect(pad).toContainText('Code erroné. Encore 4 essais avant le blocage.');
    expect(await forgedCall(ui, 'staffSetMaintenance', true)).toMatch(/^refused/);

    await typePin(ui, PIN);
    const home = ui.locator('main[data-screen="staff-home"]');
    await expect(home).toBeVisible();
    await expect(home.locator('[data-action="staff-exit"]')).toHaveCount(0); // staff.allowExit is not set
    // Staff are told when staff mode closes by itself.
    await expect(home.locator('[data-idle-minutes="2"]')).toContainText("Sans toucher l'écran pendant 2 minutes, le mode personnel se ferme et la borne s'efface.");
    await expectNoAxeViolations(ui, 'staff-home');

    await ui.click('[data-action="staff-health"]');
    await expect(ui.locator('main[data-screen="staff-health"] [data-health="pin"]')).toHaveAttribute('data-ok', 'true');
    await expectNoAxeViolations(ui, 'staff-health');
    await ui.click('[data-action="staff-back"]');
    await ui.click('[data-action="staff-counters"]');
    await expect(ui.locator('main[data-screen="staff-counters"] .counters-table')).toBeVisible();
    await expectNoAxeViolations(ui, 'staff-counters');
    await ui.click('[data-action="staff-back"]');
    await ui.click('[data-action="staff-errors"]');
    // The wrong PIN is among the last problems, in plain French (and the PIN itself nowhere).
    await expect(ui.locator('main[data-screen="staff-errors"]')).toContainText('Code PIN du personnel erroné');
    await expectNoAxeViolations(ui, 'staff-errors');
    expect(station.logLines.join('\n')).not.toMatch(/482913|111222/);
  } finally {
    await station.close();
  }
});

test('way in by real touch events: a finger held 3 s in a corner, then another corner', async () => {
  const station = await startStaffKiosk(files);
  const { ui } = station;
  try {
    const cdp = await ui.context().newCDPSession(ui);
    const touch = async (type: 'touchStart' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
    const seen: string[] = [];
    await ui.exposeFunction('__staffTestPointer', (kind: string) => void seen.push(kind));
    await ui.evaluate(() => window.addEventListener('pointerdown', (event) => void (window as unknown as { __staffTestPointer: (kind: string) => void }).__staffTestPointer(event.pointerType), { capture: true }));
    // Held too short: nothing.
    await touch('touchStart', 6, DISPLAY.height - 6);
    await ui.waitForTimeout(500);
    await touch('touchEnd', 6, DISPLAY.height - 6);
    await touch('touchStart', DISPLAY.width - 6, DISPLAY.height - 6);
    await touch('touchEnd', DISPLAY.width - 6, DISPLAY.height - 6);
    await ui.waitForTimeout(300);
    await expect(ui.locator('main[data-screen="staff-pin"]')).toHaveCount(0);
    // Held 3 s, then another corner: the PIN pad.
    await touch('touchStart', 6, DISPLAY.height - 6);
    await ui.waitForTimeout(3200);
    await touch('touchEnd', 6, DISPLAY.height - 6);
    await touch('touchStart', DISPLAY.width - 6, 6);
    await touch('touchEnd', DISPLAY.width - 6, 6);
    await expect(ui.locator('main[data-screen="staff-pin"]')).toBeVisible();
    expect(seen.every((kind) => kind === 'touch')).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    await cdp.detach();
  } finally {
    await station.close();
  }
});

test('way in by keyboard; five wrong PINs lock the pad, and the lock is on disk', async () => {
  const station = await startStaffKiosk(files);
  const { ui } = station;
  try {
    await ui.keyboard.press('Control+Shift+F9');
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible(); // once is not the chord
    await ui.keyboard.press('Control+Shift+F9');
    const pad = ui.locator('main[data-screen="staff-pin"]');
    await expect(pad).toBeVisible();
    for (let i = 0; i < 5; i += 1) await typePin(ui, '111222');
    await expect(pad.locator('[data-gate="locked"]')).toContainText('mode personnel bloqué encore 5 min');
    await expect(ui.locator('[data-action="pin-submit"]')).toBeDisabled();
    const lock = JSON.parse(readFileSync(join(files.dir, 'state', LOCK_STATE_FILE), 'utf8')) as { locks: number; lockedAt: number | null };
    expect(lock.locks).toBe(1);
    expect(lock.lockedAt).not.toBeNull();
    expect(await forgedCall(ui, 'staffPinSubmit', PIN)).toBe('served'); // the pad's own call: taken, and refused by the lock
    await expect(pad.locator('[data-gate="locked"]')).toBeVisible();
    await ui.click('[data-action="pin-cancel"]');
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
  } finally {
    await station.close();
  }
});

test('maintenance survives a restart; visitors see the maintenance screen and can tap nothing', async () => {
  let station = await startStaffKiosk(files);
  try {
    await enterStaffMode(station.ui);
    await station.ui.click('[data-action="staff-maintenance"]');
    await expect(station.ui.locator('[data-notice="maintenance"]')).toBeVisible();
    await expect(station.ui.locator('[data-maintenance="on"]')).toBeVisible();
    await station.ui.click('[data-action="staff-leave"]');
    await expect(station.ui.locator('main[data-screen="maintenance"]')).toContainText('Borne en maintenance');
    await expectNoAxeViolations(station.ui, 'maintenance');
  } finally {
    await station.close();
  }
  expect(JSON.parse(readFileSync(join(files.dir, 'state', MAINTENANCE_FILE), 'utf8'))).toEqual({ on: true });

  station = await startStaffKiosk(files);
  try {
    const maintenance = station.ui.locator('main[data-screen="maintenance"]');
    await expect(maintenance).toContainText('Borne en maintenance');
    await expect(maintenance).toContainText('Revenez plus tard');
    // Nothing for visitors to tap: no tile.
    await expect(station.ui.locator('button[data-tile]')).toHaveCount(0);
    // Staff end it.
    await enterStaffMode(station.ui);
    await station.ui.click('[data-action="staff-maintenance"]');
    await station.ui.click('[data-action="staff-leave"]');
    await expect(station.ui.locator('main[data-screen="home"] button[data-tile="caf"]')).toBeVisible();
  } finally {
    await station.close();
  }
  expect(JSON.parse(readFileSync(join(files.dir, 'state', MAINTENANCE_FILE), 'utf8'))).toEqual({ on: false });
});

/** One visit ended by the visitor, then staff mode's counters: the table has today's row. Returns the station's day. */
async function oneVisitThenCounters(station: TestKiosk): Promise<string> {
  const { ui } = station;
  await station.openTile('caf');
  await ui.click('[data-action="end-session"]');
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  await enterStaffMode(ui);
  await ui.click('[data-action="staff-counters"]');
  const today = new Date().toLocaleDateString('sv-SE'); // the station's day, YYYY-MM-DD
  await expect(ui.locator(`tr[data-day="${today}"] [data-column="visits"]`)).toHaveText('1');
  return today;
}

test('the counters as CSV, on screen and, with no USB key, on screen too', async () => {
  const station = await startStaffKiosk(files);
  const { ui } = station;
  try {
    const today = await oneVisitThenCounters(station);
    await expect(ui.locator('.counters-bar')).not.toHaveCount(0);
    await ui.click('[data-action="staff-export-screen"]');
    const csv = ui.locator('[data-notice="exported-screen"] [data-csv]');
    await expect(csv).toContainText('Date;Visites commencées');
    await expect(csv).toContainText(`${today};1;1;0;0`);
    await ui.click('[data-action="staff-export-usb"]');
    await expect(ui.locator('[data-notice="exported-screen"]')).toContainText('Aucune clé USB inscriptible');
  } finally {
    await station.close();
  }
});

/** LibreOffice Calc, headless, when installed (build/scripts/kiosk.sh test installs libreoffice-calc-nogui). */
const SOFFICE = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();

/** The cells of a ";" CSV as the kiosk writes it (no field of its needs quotes but the header's apostrophes, which need none). */
function csvCells(text: string): string[][] {
  return text.split('\r\n').filter((line) => line !== '').map((line) => line.split(';'));
}

test('the counters CSV lands on the USB key plugged into the station folder, named after the station and the day, as the table shows; pulled out, the screen again', async () => {
  test.setTimeout(120_000);
  const usb = mkdtempSync(join(tmpdir(), 'borne-usb-'));
  const station = await startStaffKiosk(files, (config) => ({ ...config, station: { ...config.station, name: 'Médiathèque « Les Tilleuls »' }, documents: { removableMediaFolder: usb } }));
  const { ui } = station;
  try {
    const today = await oneVisitThenCounters(station);

    // No key yet (the folder is empty): on screen.
    await ui.click('[data-action="staff-export-usb"]');
    await expect(ui.locator('[data-notice="exported-screen"]')).toContainText('Aucune clé USB inscriptible');

    // A key appears in the folder, the way the session mounts one (with a file of its owner on it).
    const key = join(usb, 'CLE-PERSONNEL');
    mkdirSync(key);
    writeFileSync(join(key, 'rapport-activite.odt'), 'déjà sur la clé');
    await ui.click('[data-action="staff-export-usb"]');
    const file = join(key, `compteurs-mediatheque-les-tilleuls-${today}.csv`);
    await expect(ui.locator('[data-notice="exported-usb"]')).toHaveText(`Compteurs copiés sur la clé USB : ${file}`);
    expect(readdirSync(key).sort()).toEqual([`compteurs-mediatheque-les-tilleuls-${today}.csv`, 'rapport-activite.odt']);
    expect(readFileSync(join(key, 'rapport-activite.odt'), 'utf8')).toBe('déjà sur la clé');

    // The bytes: UTF-8 with a byte-order mark (Excel), ";" between columns, CRLF line ends.
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // "é" is the two UTF-8 bytes C3 A9 (not Latin-1's E9, not doubly encoded).
    expect(bytes.includes(Buffer.from('Visites commencées', 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from('Ã©', 'utf8'))).toBe(false);
    const cells = csvCells(text);
    const header = cells[0] ?? [];
    expect(header.slice(0, 3)).toEqual(['Date', 'Visites commencées', 'Terminées par le visiteur']);
    expect(header).toContain("Échecs de l'autocontrôle d'effacement");
    expect(header).toContain('Thème : Famille-Scolarité');
    for (const row of cells) expect(row).toHaveLength(header.length);
    // Privacy: one line per day, and no time of day anywhere.
    const rows = cells.slice(1);
    for (const row of rows) expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(text).not.toMatch(/\d{1,2}:\d{2}|T\d{2}|\d{1,2}h\d{2}/);
    expect(new Set(rows.map((row) => row[0])).size).toBe(rows.length);

    // The content is the table on screen, row by row, column by column.
    const tableHeader = await ui.locator('.counters-table thead th').allTextContents();
    const csvColumn = (shown: string): string =>
      ({ Jour: 'Date', Visites: 'Visites commencées', 'Durée médiane (min)': 'Durée médiane (minutes)', 'Mémos imprimés': 'Mémos imprimés', "Erreurs d'imprimante": "Erreurs d'imprimante" })[shown] ?? `Démarche : ${shown}`;
    const tableRows = await ui.locator('.counters-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({ day: (tr as HTMLElement).dataset.day ?? '', cells: [...tr.children].map((cell) => cell.textContent ?? '') })));
    expect(tableRows.map((row) => row.day).sort()).toEqual(rows.map((row) => row[0]).sort());
    for (const shown of tableRows) {
      const row = rows.find((candidate) => candidate[0] === shown.day) ?? [];
      tableHeader.forEach((name, index) => {
        if (index === 0) return; // the day, written the French way on screen
        const column = header.indexOf(csvColumn(name));
        expect(column, `CSV column for "${name}"`).toBeGreaterThan(0);
        const value = shown.cells[index] === '—' ? '' : shown.cells[index];
        expect(row[column], `${shown.day}, ${name}`).toBe(value);
      });
    }
    const todayRow = rows.find((row) => row[0] === today) ?? [];
    expect(todayRow[header.indexOf('Visites commencées')]).toBe('1');
    expect(todayRow[header.indexOf('Terminées par le visiteur')]).toBe('1');
    expect(todayRow[header.indexOf('Thème : Famille-Scolarité')]).toBe('1');

    // The file as LibreOffice Calc opens it (French import: ";" and UTF-8), written back as tab-separated text.
    if (SOFFICE === '') {
      console.log('LibreOffice check skipped: soffice not found (build/scripts/kiosk.sh test installs libreoffice-calc-nogui)');
    } else {
      const work = mkdtempSync(join(tmpdir(), 'counters-calc-'));
      try {
        const calc = spawnSync(
          SOFFICE,
          [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--norestore', '--infilter=CSV:59,34,76,1', '--convert-to', 'csv:Text - txt - csv (StarCalc):9,34,76,1', '--outdir', join(work, 'out'), file],
          { encoding: 'utf8', timeout: 120_000, cwd: work },
        );
        expect(calc.status, calc.stderr).toBe(0);
        const back = readFileSync(join(work, 'out', `compteurs-mediatheque-les-tilleuls-${today}.csv`), 'utf8')
          .split(/\r?\n/)
          .filter((line) => line !== '')
          .map((line) => line.split('\t').map((cell) => cell.replace(/^"|"$/g, '')));
        expect(back[0]).toEqual(header); // "Date", not "\uFEFFDate"; every accent intact
        const calcToday = back.find((row) => row.slice(1).join('\t') === todayRow.slice(1).join('\t'));
        expect(calcToday, 'the day row as Calc reads it').toBeDefined();
        expect(back).toHaveLength(cells.length);
        console.log(`LibreOffice Calc read the key's CSV: ${back.length} lines of ${back[0]?.length ?? 0} columns, header and day row intact`);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }

    // The key is pulled out: the screen again, and nothing is written where it was.
    rmSync(key, { recursive: true, force: true });
    await ui.click('[data-action="staff-export-screen"]'); // another notice first, so the next one is new
    await expect(ui.locator('[data-notice="exported-screen"]')).toContainText('Les compteurs au format CSV');
    await ui.click('[data-action="staff-export-usb"]');
    await expect(ui.locator('[data-notice="exported-screen"]')).toContainText('Aucune clé USB inscriptible');
    await expect(ui.locator('[data-notice="exported-screen"] [data-csv]')).toContainText(`${today};1;1;0;0`);
    expect(readdirSync(usb)).toEqual([]);
    expect(station.logLines.filter((line) => line.startsWith('info counters-exported')).map((line) => line.slice('info counters-exported '.length))).toEqual(['{"to":"screen"}', '{"to":"usb"}', '{"to":"screen"}']);
  } finally {
    await station.close();
    rmSync(usb, { recursive: true, force: true });
  }
});

test('reloading the station file: a bad one is refused with its precise problems, a good one restarts the station', async () => {
  const station = await startStaffKiosk(files);
  const { ui } = station;
  try {
    let restartAsked = false;
    void station.kiosk.staffRequest.then((what) => {
      restartAsked = what === 'restart';
    });
    writeFileSync(files.stationFile, JSON.stringify({ ...files.withStaff(station.config), tiles: [{ ...station.config.tiles[0], entry: 'http://www.caf.fr/' }] }));
    await enterStaffMode(ui);
    await ui.click('[data-action="staff-reload"]');
    const refused = ui.locator('[data-notice="reload-refused"]');
    await expect(refused).toContainText("Fichier de la borne refusé : la borne garde l'ancien.");
    await expect(refused.locator('[data-problem]').first()).toContainText('tiles[0].entry');
    await expect(refused.locator('[data-problem]').first()).toContainText('https://');
    await expectNoAxeViolations(ui, 'staff-reload-refused');
    // The station keeps its file, and staff mode stays open.
    await expect(ui.locator('main[data-screen="staff-home"]')).toBeVisible();
    expect(restartAsked).toBe(false);

    writeFileSync(files.stationFile, JSON.stringify(files.withStaff(station.config)));
    await ui.click('[data-action="staff-reload"]');
    await expect.poll(() => restartAsked).toBe(true);
    expect(station.kiosk.controller?.staffCapability()).toBeUndefined();
  } finally {
    await station.close();
  }
});

test('leaving staff mode wipes: the visitor after it finds nothing of it', async () => {
  const station = await startStaffKiosk(files);
  const { ui } = station;
  try {
    // A visitor's démarche is open when staff come.
    const before = await station.openTile('caf');
    await before.context().addCookies([{ name: 'visitor', value: 'x', url: new URL(before.url()).origin }]);
    await enterStaffMode(ui);
    // Under staff mode the visitor's site is hidden and its actions refused.
    expect(await forgedCall(ui, 'openTile', 'anef')).toBe('served');
    await expect(ui.locator('main[data-screen="staff-home"]')).toBeVisible();
    await ui.click('[data-action="staff-leave"]');
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
    expect((await station.kiosk.controller?.wipeSettled())?.ok).toBe(true);
    // Nothing of staff mode on screen, in the view, or callable.
    await expect(ui.locator('[data-screen^="staff"]')).toHaveCount(0);
    await expect(ui.locator('main[data-screen="home"] [data-notice]')).toHaveCount(0);
    expect((await station.kiosk.controller?.getView())?.staff).toBeNull();
    expect(await forgedCall(ui, 'staffOpen', 'counters')).toMatch(/^refused/);
    expect(await ui.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    // The visitor's browser is a new one, with no cookie of the last.
    const after = await station.openTile('caf');
    expect(after).not.toBe(before);
    expect(await after.context().cookies()).toEqual([]);
    expect(station.logLines.some((line) => line.startsWith('info staff-mode-left {"cause":"leave"}'))).toBe(true);
  } finally {
    await station.close();
  }
});

test.describe('the receipt printer', () => {
  test.skip(findSocat() === null, 'printer part skipped: socat is not installed (apt-get install socat)');
  let printer: FakePrinter;
  test.beforeEach(async () => {
    printer = await startFakePrinter();
  });
  test.afterEach(async () => {
    await printer.stop();
  });

  test('prints the test page from staff mode; paper out is said in words', async () => {
    const station = await startStaffKiosk(files, (config) => ({ ...config, printer: { kind: 'escpos-serial', port: printer.devicePath, profile: 'generic-58mm' } }));
    const { ui } = station;
    try {
      await enterStaffMode(ui);
      await ui.click('[data-action="staff-test-page"]');
      await expect(ui.locator('[data-notice="printed"]')).toBeVisible({ timeout: 20_000 });
      const printed = printer.printed();
      expect(printed.text).toContain('Page de test');
      expect(printed.text).toContain('Profil : generic-58mm');
      expect(printed.qrData).toEqual(['https://www.service-public.gouv.fr/']);
      printer.setState('paper-end');
      await ui.click('[data-action="staff-sample-memo"]');
      await expect(ui.locator('[data-notice="print-failed"]')).toContainText("L'imprimante n'a plus de papier.", { timeout: 20_000 });
    } finally {
      await station.close();
    }
  });
});


test.describe('the staff chord on a real keyboard (headed, X)', () => {
  const missing = missingXTools();
  test.skip(missing !== null, `headed chord part skipped: ${missing}`);
  test.describe.configure({ timeout: 90_000 });

  test('typed while the official site has the keyboard: the PIN pad opens and the site gets none of it; a key between, or a held key, is no chord', async () => {
    const station = await startHeadedKiosk({ stationFile: files.stationFile, edit: files.withStaff });
    const { ui, display } = station;
    try {
      // The filter asked for detectable auto-repeat and sees every key (XInput 2).
      expect(station.logLines.find((line) => line.startsWith('info input-filter-started'))).toMatch(/"detectableAutoRepeat":true,"chordSeesOtherKeys":true/);
      const site = await station.openTile('caf');
      await site.click('#lien-connexion');
      await site.waitForURL(/\/connexion/);
      const field = site.locator('#identifiant');
      await clickSiteField(station, site, '#identifiant');
      // The keyboard really is the site's: what is typed on it lands in the field.
      display.xdotool('type', 'abc');
      await expect(field).toHaveValue('abc');
      const siteKeys = await recordKeys(site);
      const uiKeys = await recordKeys(ui);

      // Pressed once, then another key: no chord (and the other key still reaches the site).
      display.xdotool('key', 'ctrl+shift+F9', 'x', 'ctrl+shift+F9');
      await expect(field).toHaveValue('abcx');
      await ui.waitForTimeout(800);
      await expect(ui.locator('main[data-screen="staff-pin"]')).toHaveCount(0);
      await ui.waitForTimeout(1500); // past the chord's 2 s

      // The X server repeats a held key here (a held letter types several)…
      display.xdotool('keydown', 'y', 'sleep', '1.2', 'keyup', 'y');
      await expect.poll(async () => ((await field.inputValue()).match(/y/g) ?? []).length).toBeGreaterThan(3);
      await field.fill('abc');
      // …and Ctrl+Shift+F9 held as long is one press, not the chord.
      display.xdotool('keydown', 'ctrl+shift+F9', 'sleep', '1.2', 'keyup', 'F9', 'keyup', 'ctrl+shift');
      await ui.waitForTimeout(500);
      await expect(ui.locator('main[data-screen="staff-pin"]')).toHaveCount(0);
      await ui.waitForTimeout(2000);

      // The chord itself, the keyboard still the site's: the kiosk UI shows the PIN pad.
      display.xdotool('key', 'ctrl+shift+F9', 'ctrl+shift+F9');
      const pad = ui.locator('main[data-screen="staff-pin"]');
      await expect(pad).toBeVisible();
      await expect(pad.locator('[data-gate="ready"]')).toBeVisible();
      // Neither window saw F9: the X server gave it to the kiosk alone; the site's field is as it was.
      expect(await field.inputValue()).toBe('abc');
      expect((await siteKeys()).filter((code) => code === 'F9')).toEqual([]);
      expect((await uiKeys()).filter((code) => code === 'F9')).toEqual([]);
      expect(station.logLines.filter((line) => line.startsWith('info staff-pin-pad-opened'))).toHaveLength(1);
      // The pad works as from the UI's own way in: the right PIN opens staff mode.
      await typePin(ui, PIN);
      await expect(ui.locator('main[data-screen="staff-home"]')).toBeVisible();
    } finally {
      await station.close();
    }
  });

  test('typed with the kiosk UI on the home screen: the PIN pad opens', async () => {
    const station = await startHeadedKiosk({ stationFile: files.stationFile, edit: files.withStaff });
    const { ui, display } = station;
    try {
      await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
      const uiKeys = await recordKeys(ui);
      display.xdotool('mousemove', '640', '400'); // the keyboard follows the pointer (no window manager): the UI's window
      display.xdotool('key', 'Tab');
      await expect.poll(() => uiKeys()).toContain('Tab'); // the UI really has the keyboard
      display.xdotool('key', 'ctrl+shift+F9');
      await ui.waitForTimeout(500);
      await expect(ui.locator('main[data-screen="home"]')).toBeVisible(); // once is not the chord
      display.xdotool('key', 'ctrl+shift+F9');
      await expect(ui.locator('main[data-screen="staff-pin"]')).toBeVisible();
      // Heard by the station's filter, not the page: F9 never reached it.
      expect((await uiKeys()).filter((code) => code === 'F9')).toEqual([]);
    } finally {
      await station.close();
    }
  });
});
