import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { rendererDir } from '../../main/node/paths';
import { startChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { startTrainingServer } from '../support/hostile-sites/training-server';
import { CHROMIUM, DISPLAY, kioskChromium, memoryLog, POLICIES_CONFINED } from './kiosk-fixture';

/**
 * The real kiosk (Chromium shell) keeps its records on disk as a visitor uses it: the
 * counters file, the Prometheus .prom file and the JSON log, in the folders its
 * station file names (relative to that file), with nothing of the visitor in them.
 */
test('a visit on the real kiosk is counted on disk: counters, metrics, JSON log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-records-'));
  const training = await startTrainingServer();
  const config = { ...demoStationConfig(training.port), staff: { stateDirectory: 'state', metricsDirectory: 'textfile', logDirectory: 'logs' } };
  const lines: string[] = [];
  const kiosk = await startChromiumKiosk({ config, executablePath: POLICIES_CONFINED ? kioskChromium() : CHROMIUM, requireBrowserPolicies: POLICIES_CONFINED, headless: true, rendererDir: rendererDir(), display: DISPLAY, log: memoryLog(lines), stationFile: join(dir, 'borne.json') });
  try {
    const ui = kiosk.shell.uiPage;
    await ui.waitForSelector('body[data-ready="true"]');
    await ui.click('button[data-tile="caf"]');
    await expect(kiosk.shell.visitor?.page.locator('h1') ?? ui.locator('never')).toContainText("Caisse d'allocations");
    await ui.click('[data-action="end-session"]');
    await ui.click('[data-action="confirm-end"]');
    await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
    expect((await kiosk.controller?.wipeSettled())?.ok).toBe(true);

    const counters = (): { totals: Record<string, number>; days: { byService: Record<string, number>; byTheme: Record<string, number> }[] } =>
      JSON.parse(readFileSync(join(dir, 'state', 'counters.json'), 'utf8')) as never;
    await expect.poll(() => counters().totals.endedByVisitor, { timeout: 10_000 }).toBe(1);
    expect(counters().totals.visitsStarted).toBe(1);
    expect(counters().days[0]?.byService).toEqual({ caf: 1 });
    expect(counters().days[0]?.byTheme).toEqual({ 'Famille-Scolarité': 1 });

    const prom = () => readFileSync(join(dir, 'textfile', 'borne.prom'), 'utf8');
    await expect.poll(prom, { timeout: 10_000 }).toContain('borne_visits_total{end="visitor"} 1');
    expect(prom()).toContain('borne_last_wipe_ok 1');
    expect(prom()).not.toMatch(/caf|localhost|http/);

    const logLines = readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { event: string; level: string });
    const events = logLines.map((entry) => entry.event);
    for (const event of ['station-ready', 'visit-started', 'tile-opened', 'session-ended', 'wipe-done']) expect(events).toContain(event);
    // The log file holds no address beyond a host, and nothing typed.
    expect(readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8')).not.toMatch(/https?:\/\//);
    // The console log (journald) still gets every line too.
    expect(lines.some((line) => line.startsWith('info visit-started'))).toBe(true);
  } finally {
    await kiosk.close();
    await training.close();
  }
  expect(readFileSync(join(dir, 'textfile', 'borne.prom'), 'utf8')).toContain('\nborne_up 0\n');
  rmSync(dir, { recursive: true, force: true });
});
