import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import { MemoDesk, type MemoPrinter } from '../../../main/core/memo/memo-desk';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import { testWipeOperations } from '../../support/wipe-operations';
import type { KioskLayout, KioskShell } from '../../../main/core/shell';
import { readShippedConfig } from '../../../main/node/load-config';
import { makeQrMatrix } from '../../../main/node/qr-matrix';
import { startStationRecords } from '../../../main/node/station-records';
import { FakeClock } from '../../support/fake-clock';

/**
 * The fleet's view for real: the kiosk's controller runs a few visits, the station
 * records write borne.prom, and Debian's prometheus-node-exporter serves it from its
 * textfile collector on a loopback port; the test scrapes it over HTTP like Prometheus.
 */
const exporterBinary = spawnSync('sh', ['-c', 'command -v prometheus-node-exporter'], { encoding: 'utf8' }).stdout.trim();
const dir = mkdtempSync(join(tmpdir(), 'node-exporter-'));
let exporter: ChildProcess | null = null;
afterAll(() => {
  exporter?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});
if (exporterBinary === '') console.log('node exporter test skipped: prometheus-node-exporter not installed (build/scripts/kiosk.sh test installs it)');

/** Just enough shell for the controller: sites "open", wipes succeed. */
class QuietShell implements KioskShell {
  /** No input device: only the kiosk UI's own calls count as presence. */
  realInputIdleMs(): Promise<number> {
    return Promise.resolve(Number.POSITIVE_INFINITY);
  }
  setLayout(_layout: KioskLayout): Promise<void> {
    return Promise.resolve();
  }
  openSite(): Promise<void> {
    return Promise.resolve();
  }
  wipeOperations() {
    return testWipeOperations({ 'clear-site-storage': () => Promise.resolve() });
  }
  typeOnSite(): Promise<void> {
    return Promise.resolve();
  }
  screenSize() {
    return { width: 1366, height: 768 };
  }
  publishView(_view: KioskView): void {}
  relaunch(): Promise<void> {
    return Promise.resolve();
  }
}

/** A receipt printer that prints once, then runs out of paper. */
class PaperRunningOut implements MemoPrinter {
  readonly kind = 'receipt' as const;
  private prints = 0;
  print() {
    this.prints += 1;
    return Promise.resolve(this.prints === 1 ? ({ ok: true } as const) : ({ ok: false, problem: 'paper-end', staffMessage: 'fake: paper end' } as const));
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function scrape(port: number): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      if (response.ok) return await response.text();
    } catch {
      if (Date.now() > deadline) throw new Error('the node exporter did not answer');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function value(metrics: string, series: string): number | null {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe('fleet metrics through the node exporter', () => {
  it.skipIf(exporterBinary === '')('scrapes borne_ metrics and their values after a few visits', async () => {
    const textfiles = join(dir, 'textfile');
    const config = { ...readShippedConfig('default.json'), staff: { stateDirectory: join(dir, 'state'), metricsDirectory: textfiles } };
    const clock = new FakeClock();
    const consoleLines: string[] = [];
    const quiet = { info: (event: string) => consoleLines.push(event), warn: (event: string) => consoleLines.push(event), error: (event: string) => consoleLines.push(event) };
    const records = await startStationRecords({ config, stationFile: join(dir, 'borne.json'), log: quiet, shell: 'chromium', printerKind: 'receipt', now: () => clock.now() });
    const memo = new MemoDesk(config, new PaperRunningOut(), makeQrMatrix, clock, records.log);
    const controller = new KioskController(config, new QuietShell(), clock, records.log, { memo });
    await controller.start();

    // Visit 1: CAF, a memo, "Terminer". Visit 2: ANTS, the memo fails (no paper), left idle. Visit 3: the site crashes.
    await controller.openTile('caf');
    await controller.openMemo();
    expect(await controller.printMemo(['caf'], 'fr')).toEqual({ ok: true });
    await clock.advance(6 * 60_000);
    await controller.dismissOverlay();
    await controller.requestEndSession();
    await controller.confirmEndSession();
    await controller.openTile('ants');
    await controller.openMemo();
    expect(await controller.printMemo(['ants'], 'fr')).toMatchObject({ ok: false, problem: 'paper-end' });
    // Longer than any démarche's own timeout (ANTS waits longer, for SMS codes), then the warning.
    await clock.advance((Math.max(config.idle.timeoutSeconds, ...config.tiles.map((tile) => tile.idleTimeoutSeconds ?? 0)) + config.idle.warningSeconds + 5) * 1000);
    await controller.openTile('ameli');
    controller.siteCrashed();
    await clock.advance(1000);
    await controller.wipeSettled();
    await records.settled();
    expect(consoleLines.filter((event) => event === 'session-ended')).toHaveLength(3);

    const port = await freePort();
    exporter = spawn(exporterBinary, [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${textfiles}`], { stdio: 'ignore' });
    const metrics = await scrape(port);
    const expected: Record<string, number> = {
      'node_textfile_scrape_error': 0,
      'borne_up': 1,
      'borne_visits_started_total': 3,
      'borne_visits_total{end="visitor"}': 1,
      'borne_visits_total{end="idle"}': 1,
      'borne_visits_total{end="crash"}': 1,
      'borne_memos_printed_total': 1,
      'borne_printer_errors_total': 1,
      'borne_printer_status{kind="receipt",status="paper-end"}': 1,
      'borne_printer_status{kind="receipt",status="ok"}': 0,
      'borne_last_wipe_ok': 1,
      'borne_wipe_failures_total': 0,
      'borne_out_of_order{reason="none"}': 0,
    };
    expect(Object.fromEntries(Object.keys(expected).map((series) => [series, value(metrics, series)]))).toEqual(expected);
    expect(metrics).toMatch(/^# HELP borne_visits_total Visits ended/m);
    expect(metrics).toMatch(/^# TYPE borne_visits_total counter$/m);

    // Nothing of the visitors: no démarche, no address, no memo content in the metrics file.
    const file = readFileSync(join(textfiles, 'borne.prom'), 'utf8');
    for (const secret of ['caf', 'ants', 'ameli', 'http', '.fr']) expect(file).not.toContain(secret);

    // The kiosk stops: the next scrape says so.
    await records.close();
    expect(value(await scrape(port), 'borne_up')).toBe(0);
    controller.stop();
  });
});
