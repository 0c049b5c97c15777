import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { rendererDir } from '../../main/node/paths';
import { startChromiumKiosk, type RunningChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';
import { CHROMIUM, DISPLAY, POLICIES_CONFINED, kioskChromium, memoryLog } from './kiosk-fixture';

/**
 * A station with an ordinary printer: the memo goes to CUPS as an A4 PDF.
 * `lp` is replaced by a stand-in script that keeps what it is given, so the
 * test sees exactly what CUPS would print.
 */
let training: TrainingServer;
let kiosk: RunningChromiumKiosk;
let spool: string;
const lines: string[] = [];

test.beforeAll(async () => {
  spool = mkdtempSync(join(tmpdir(), 'fake-cups-'));
  const lp = join(spool, 'lp');
  writeFileSync(lp, `#!/bin/sh\nprintf '%s\\n' "$@" > "${spool}/args"\nfor last; do :; done\ncp "$last" "${spool}/job.pdf"\n`);
  chmodSync(lp, 0o755);
  training = await startTrainingServer();
  kiosk = await startChromiumKiosk({
    config: { ...demoStationConfig(training.port), printer: { kind: 'system', queue: 'accueil' } },
    executablePath: POLICIES_CONFINED ? kioskChromium() : CHROMIUM,
    requireBrowserPolicies: POLICIES_CONFINED,
    headless: true,
    rendererDir: rendererDir(),
    display: DISPLAY,
    log: memoryLog(lines),
    lpCommand: lp,
  });
  await kiosk.shell.uiPage.waitForSelector('body[data-ready="true"]');
});
test.afterAll(async () => {
  await kiosk?.close();
  await training?.close();
});

test('the memo prints on the ordinary printer as an A4 PDF, and the PDF does not stay on the station', async () => {
  const ui = kiosk.shell.uiPage;
  await ui.click('[data-action="memo"]');
  await ui.click('[data-memo-tile="caf"]');
  await ui.click('[data-action="print-memo"]');
  await expect(ui.locator('[data-memo-result="ok"]')).toBeVisible({ timeout: 20_000 });
  const pdf = readFileSync(join(spool, 'job.pdf'));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(2_000);
  const args = readFileSync(join(spool, 'args'), 'utf8').split('\n');
  expect(args.slice(0, 4)).toEqual(['-d', 'accueil', '-t', 'Mon mémo personnel']);
  expect(existsSync(args[4] ?? '/')).toBe(false); // the temporary PDF was deleted after printing
});
