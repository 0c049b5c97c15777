import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { StationConfig } from '../../main/core/config/station-config';
import type { KioskLog } from '../../main/core/log';
import { rendererDir } from '../../main/node/paths';
import { startChromiumKiosk, type RunningChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { hostileTile, startTrainingServer } from '../../tests/support/hostile-sites/training-server';
import { processTreeMemoryKb } from './process-memory';
import { buildMemo } from '../../main/core/memo/memo-document';
import { encodeDocument } from '../../main/core/printer/encoder';
import { PRINTER_PROFILES } from '../../main/core/printer/profiles';
import { readShippedConfig } from '../../main/node/load-config';
import { makeQrMatrix } from '../../main/node/qr-matrix';
import { SerialPrinter } from '../../main/printer/serial-printer';
import { startFakePrinter } from '../../tests/support/fake-printer';
import { hashPin, writePinFile } from '../../main/node/staff-pin';

/**
 * `npm run bench`: the Chromium shell, headless, against the training sites.
 * 1. Start to a home screen ready for a tap, and the wipe-to-ready time (from
 *    the visitor's "Oui, tout effacer" tap until the home screen accepts the
 *    next tap) over visitors who each log in (`--visitors`, default 50).
 * 2. The memo's size per printer profile and its send time through a fake
 *    printer at 9600, 19200 and 115200 baud (`--no-memo` to skip).
 * 3. A soak (`--soak`, default 500; 0 to skip): visitors in a row on the
 *    hostile training site, which plants every kind of storage; wipe-to-ready
 *    and the resident memory of the kiosk and of its browser processes. Each
 *    visit lasts at least `--visit-seconds` (default 2; a real visit lasts
 *    minutes), so the next visitor's browser has started, as it has at a real
 *    station; `--visit-seconds=0` measures back-to-back one-second visits,
 *    where the wipe also waits for that browser to start.
 * 4. Staff mode (`--staff`, default 10 rounds; 0 to skip): from the way in
 *    (Ctrl+Shift+F9 twice) to the PIN pad, from "Valider" to the staff home
 *    ready for a tap (the PIN checked at the real scrypt cost), and from
 *    "Quitter le mode personnel" to the visitors' home ready (the full wipe).
 * Figures are printed, never asserted: this is a measurement, not a test.
 */
const quiet: KioskLog = { info: () => undefined, warn: () => undefined, error: (event) => process.stderr.write(`error ${event}\n`) };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      visitors: { type: 'string', default: '50' },
      soak: { type: 'string', default: '500' },
      'visit-seconds': { type: 'string', default: '2' },
      memo: { type: 'boolean', default: true },
      staff: { type: 'string', default: '10' },
    },
    allowNegative: true,
  });
  const executablePath = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';
  const training = await startTrainingServer();
  try {
    const visitors = Number(values.visitors);
    if (visitors > 0) await journeyBench(executablePath, demoStationConfig(training.port), visitors);
    if (values.memo) await memoBench();
    const soak = Number(values.soak);
    const staffRounds = Number(values.staff);
    if (staffRounds > 0) await staffBench(executablePath, demoStationConfig(training.port), staffRounds);
    if (soak > 0) await soakBench(executablePath, withHostileTile(demoStationConfig(training.port)), soak, Number(values['visit-seconds']) * 1000);
  } finally {
    await training.close();
  }
}

async function journeyBench(executablePath: string, config: StationConfig, visitors: number): Promise<void> {
  const started = performance.now();
  const kiosk = await start(executablePath, config);
  await kiosk.shell.uiPage.waitForSelector('button[data-tile="caf"]');
  const startToReady = performance.now() - started;
  const times: number[] = [];
  stepTimes.clear();
  try {
    for (let visitor = 0; visitor < visitors; visitor += 1) {
      const site = await openTile(kiosk, 'caf');
      await site.waitForSelector('#lien-connexion');
      await site.click('#lien-connexion');
      await site.fill('#identifiant', '1234567890123');
      await site.fill('#mot-de-passe', 'entrainement');
      await site.click('button[type="submit"]');
      await site.waitForSelector('body[data-stockage="pret"]');
      times.push(await endSession(kiosk, visitor));
    }
  } finally {
    await kiosk.close();
  }
  console.log(`bench: Chromium shell, headless, ${visitors} visitors who each log in on the CAF training site`);
  console.log(`bench: start to home screen ready: ${startToReady.toFixed(0)} ms`);
  console.log(`bench: wipe to ready: ${summary(times)}`);
  for (const [step, values] of stepTimes) console.log(`bench: journey wipe step ${step}: ${summary(values)}`);
}

async function soakBench(executablePath: string, config: StationConfig, visitors: number, visitMs: number): Promise<void> {
  const kiosk = await start(executablePath, config);
  const memory = (label: string) => {
    const browsers = processTreeMemoryKb(kiosk.shell.workFolder);
    const kioskMb = process.memoryUsage().rss / 1024 / 1024;
    console.log(
      `bench: soak memory ${label}: kiosk process ${kioskMb.toFixed(0)} MB resident, browser processes ${(browsers.kb / 1024).toFixed(0)} MB proportional (PSS) in ${browsers.processes} processes, total ${(kioskMb + browsers.kb / 1024).toFixed(0)} MB`,
    );
  };
  const times: number[] = [];
  stepTimes.clear();
  try {
    await kiosk.shell.uiPage.waitForSelector('button[data-tile="hostile"]');
    memory('at start');
    for (let visitor = 0; visitor < visitors; visitor += 1) {
      const arrived = performance.now();
      const site = await openTile(kiosk, 'hostile');
      await site.waitForSelector('body[data-done]', { timeout: 20_000 });
      const left = visitMs - (performance.now() - arrived);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      times.push(await endSession(kiosk, visitor));
      const served = visitor + 1;
      if (served === 50 || served === Math.floor(visitors / 2) || served === visitors) {
        await new Promise((resolve) => setTimeout(resolve, 1500)); // let the next visitor's browser finish starting
        memory(`after ${served} visitors`);
      }
    }
  } finally {
    await kiosk.close();
  }
  console.log(`bench: soak, ${visitors} visitors on the hostile training site (every storage kind planted each time), visits of at least ${visitMs / 1000} s`);
  console.log(`bench: soak wipe to ready: ${summary(times)}`);
  for (const [step, values] of stepTimes) console.log(`bench: soak wipe step ${step}: ${summary(values)}`);
}

/**
 * The memo with four services: its size per printer profile, and the time to
 * send it through the fake printer on a pseudo-terminal pair, which reads at
 * the wire's pace (baud / 10 bytes a second: 8N1 is ten bits a byte), against
 * that wire limit.
 */
async function memoBench(): Promise<void> {
  const config = readShippedConfig('default.json');
  const services = ['caf', 'anef', 'ants', 'ameli'].flatMap((id) => config.tiles.filter((tile) => tile.id === id));
  const { document } = buildMemo({ stationName: config.station.name, helpText: config.station.helpText, date: new Date(), services, language: 'fr', makeQr: makeQrMatrix });
  for (const profile of PRINTER_PROFILES) {
    const bytes = encodeDocument(document, profile);
    const times: string[] = [];
    for (const baud of [9600, 19200, 115200]) {
      const fake = await startFakePrinter();
      fake.setSlow(baud / 10);
      const printer = new SerialPrinter({ path: fake.devicePath, baudRate: baud, flowControl: 'none' });
      await printer.start();
      const started = performance.now();
      const outcome = await printer.print(bytes);
      const elapsed = performance.now() - started;
      await printer.stop();
      await fake.stop();
      const wire = (bytes.length * 10 * 1000) / baud;
      times.push(`${baud} baud ${outcome.ok ? `${elapsed.toFixed(0)} ms` : `failed (${outcome.problem})`} vs wire limit ${wire.toFixed(0)} ms`);
    }
    console.log(`bench: memo with 4 services on ${profile.id} (${profile.qr} QR): ${bytes.length} bytes; ${times.join('; ')}`);
  }
}

function start(executablePath: string, config: StationConfig, stationFile?: string): Promise<RunningChromiumKiosk> {
  return startChromiumKiosk({ config, executablePath, headless: true, rendererDir: rendererDir(), display: { width: 1280, height: 800 }, log: quiet, requireBrowserPolicies: false, ...(stationFile === undefined ? {} : { stationFile }) });
}

const BENCH_PIN = '482913';

/** Staff mode's way in, PIN and way out, timed as staff live them (the PIN hash at its real cost). */
async function staffBench(executablePath: string, config: StationConfig, rounds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-staff-'));
  await writePinFile(join(dir, 'borne.pin.json'), await hashPin(BENCH_PIN));
  const kiosk = await start(executablePath, { ...config, staff: { pinFile: 'borne.pin.json', stateDirectory: 'state' } }, join(dir, 'borne.json'));
  const toPad: number[] = [];
  const toStaffHome: number[] = [];
  const wayInToHome: number[] = [];
  const leaveToHome: number[] = [];
  try {
    const ui = kiosk.shell.uiPage;
    await ui.waitForSelector('main[data-screen="home"] button[data-tile]');
    for (let round = 0; round < rounds; round += 1) {
      await ui.keyboard.press('Control+Shift+F9');
      const wayIn = performance.now();
      await ui.keyboard.press('Control+Shift+F9');
      await ui.waitForSelector('main[data-screen="staff-pin"] [data-pin-key="0"]:enabled');
      toPad.push(performance.now() - wayIn);
      for (const digit of BENCH_PIN) await ui.click(`[data-pin-key="${digit}"]`);
      const submit = performance.now();
      await ui.click('[data-action="pin-submit"]');
      await ui.waitForSelector('main[data-screen="staff-home"] [data-action="staff-health"]:enabled');
      toStaffHome.push(performance.now() - submit);
      wayInToHome.push(performance.now() - wayIn);
      const leave = performance.now();
      await ui.click('[data-action="staff-leave"]');
      await ui.waitForSelector('main[data-screen="home"] button[data-tile]', { state: 'visible' });
      leaveToHome.push(performance.now() - leave);
      const report = await kiosk.controller?.wipeSettled();
      if (report?.ok !== true) throw new Error(`staff round ${round + 1}: the wipe failed`);
    }
  } finally {
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`bench: staff mode, ${rounds} rounds (PIN checked at the default scrypt cost)`);
  console.log(`bench: staff way in to PIN pad ready: ${summary(toPad)}`);
  console.log(`bench: staff PIN "Valider" to staff home ready: ${summary(toStaffHome)}`);
  console.log(`bench: staff way in to staff home ready (PIN typed by a script): ${summary(wayInToHome)}`);
  console.log(`bench: staff leave to visitors' home ready (full wipe): ${summary(leaveToHome)}`);
}

async function openTile(kiosk: RunningChromiumKiosk, tileId: string): Promise<Page> {
  await kiosk.shell.uiPage.click(`button[data-tile="${tileId}"]`);
  const site = kiosk.shell.visitor?.page;
  if (site === undefined) throw new Error('no visitor browser');
  return site;
}

/** Each wipe step's durations, for the journey's and the soak's breakdowns. */
const stepTimes = new Map<string, number[]>();

/** Ends the session from the toolbar; returns the time from the confirming tap to a home screen ready for the next tap. */
async function endSession(kiosk: RunningChromiumKiosk, visitor: number): Promise<number> {
  const ui = kiosk.shell.uiPage;
  await ui.click('[data-action="end-session"]');
  await ui.waitForSelector('[data-action="confirm-end"]');
  const tap = performance.now();
  await ui.click('[data-action="confirm-end"]');
  await ui.waitForSelector('main[data-screen="home"] [data-notice]', { state: 'visible' });
  await ui.waitForSelector('main[data-screen="home"] button[data-tile]', { state: 'visible' });
  const elapsed = performance.now() - tap;
  // The whole report, deferred steps included (they finish after the home screen is back).
  const report = await kiosk.controller?.wipeSettled();
  if (report?.ok !== true) throw new Error(`wipe ${visitor + 1} failed`);
  for (const step of report.steps) stepTimes.set(step.name, [...(stepTimes.get(step.name) ?? []), step.ms]);
  return elapsed;
}

function withHostileTile(config: StationConfig): StationConfig {
  return { ...config, tiles: [...config.tiles, hostileTile(config, { id: 'hostile', path: '/plant', withThirdParty: true })] };
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return `median ${at(50).toFixed(0)} ms, 95th percentile ${at(95).toFixed(0)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms (n=${sorted.length})`;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
