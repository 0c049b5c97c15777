import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { emptyStore } from '../../../main/core/counters/activity-counters';
import { formatMetrics, METRIC_NAMES, stationMetrics } from '../../../main/core/fleet/prometheus-metrics';
import { healthAfter, initialHealth } from '../../../main/core/fleet/station-health';

const STARTED = 1_800_000_000_000;

function sample() {
  let health = initialHealth(STARTED, 'receipt');
  health = healthAfter(health, 'station-ready', {}, STARTED);
  health = healthAfter(health, 'connectivity-back', {}, STARTED);
  health = healthAfter(health, 'memo-print-failed', { problem: 'paper-end' }, STARTED);
  health = healthAfter(health, 'wipe-done', {}, STARTED + 95_000);
  const totals = { ...emptyStore().totals, visitsStarted: 4, endedByVisitor: 2, endedByIdle: 1, endedByCrash: 1, memosPrinted: 3, printerErrors: 1 };
  return formatMetrics(stationMetrics({ station: { name: 'Médiathèque "Les Tilleuls"\\Bus', version: '0.1.0', shell: 'chromium' }, health, totals }));
}

describe('the Prometheus metrics', () => {
  const text = sample();

  it('documents every metric with HELP and TYPE, borne_ prefix, in the documented list', () => {
    const names = [...text.matchAll(/^# TYPE (\S+) (gauge|counter)$/gm)].map((match) => match[1]);
    expect(names).toEqual([...METRIC_NAMES]);
    for (const name of METRIC_NAMES) {
      expect(name.startsWith('borne_')).toBe(true);
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
    for (const counter of text.matchAll(/^# TYPE (\S+) counter$/gm)) expect(counter[1]?.endsWith('_total')).toBe(true);
  });

  it('gives the values', () => {
    expect(text).toContain('\nborne_up 1\n');
    expect(text).toContain('\nborne_visits_total{end="visitor"} 2\n');
    expect(text).toContain('\nborne_visits_total{end="idle"} 1\n');
    expect(text).toContain('\nborne_visits_total{end="crash"} 1\n');
    expect(text).toContain('\nborne_visits_started_total 4\n');
    expect(text).toContain('\nborne_memos_printed_total 3\n');
    expect(text).toContain('\nborne_printer_errors_total 1\n');
    expect(text).toContain('\nborne_printer_status{kind="receipt",status="paper-end"} 1\n');
    expect(text).toContain('\nborne_printer_status{kind="receipt",status="ok"} 0\n');
    expect(text).toContain('\nborne_internet_up 1\n');
    expect(text).toContain('\nborne_last_wipe_ok 1\n');
    expect(text).toContain(`\nborne_last_wipe_timestamp_seconds ${Math.floor((STARTED + 95_000) / 60_000) * 60}\n`);
    expect(text).toContain('\nborne_out_of_order{reason="none"} 0\n');
    expect(text).toContain(`\nborne_start_time_seconds ${STARTED / 1000}\n`);
  });

  it('escapes label values (quotes, backslashes)', () => {
    expect(text).toContain('station="Médiathèque \\"Les Tilleuls\\"\\\\Bus"');
  });

  it('before anything is known: NaN, not a false 0 or 1; a wipe failure is out of order', () => {
    const fresh = formatMetrics(stationMetrics({ station: { name: 'B', version: '1', shell: 'electron' }, health: initialHealth(STARTED, 'none'), totals: emptyStore().totals }));
    expect(fresh).toContain('\nborne_internet_up NaN\n');
    expect(fresh).toContain('\nborne_last_wipe_ok NaN\n');
    expect(fresh).not.toContain('borne_printer_status{');
    const failed = healthAfter(initialHealth(STARTED, 'none'), 'wipe-failed', {}, STARTED);
    const failedText = formatMetrics(stationMetrics({ station: { name: 'B', version: '1', shell: 'electron' }, health: failed, totals: emptyStore().totals }));
    expect(failedText).toContain('\nborne_out_of_order{reason="wipe-failed"} 1\n');
    expect(failedText).toContain('\nborne_last_wipe_ok 0\n');
  });

  it('is valid for promtool check metrics (the Prometheus project\'s own linter)', () => {
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (promtool.error !== undefined) {
      console.log('promtool check skipped: promtool not installed (apt-get install prometheus)');
      return;
    }
    expect(promtool.status, `${promtool.stdout}${promtool.stderr}`).toBe(0);
  });

  it('the example alert rules pass promtool check rules', () => {
    const promtool = spawnSync('promtool', ['check', 'rules', 'build/linux/prometheus/borne-alerts.yml'], { encoding: 'utf8' });
    if (promtool.error !== undefined) {
      console.log('promtool check skipped: promtool not installed (apt-get install prometheus)');
      return;
    }
    expect(promtool.status, `${promtool.stdout}${promtool.stderr}`).toBe(0);
    expect(promtool.stdout).toContain('SUCCESS: 4 rules found');
  });

  it('the example alerts fire when they should (promtool test rules, with input series)', () => {
    const promtool = spawnSync('promtool', ['test', 'rules', 'borne-alerts.test.yml'], { encoding: 'utf8', cwd: 'build/linux/prometheus' });
    if (promtool.error !== undefined) {
      console.log('promtool test skipped: promtool not installed (apt-get install prometheus)');
      return;
    }
    expect(promtool.status, `${promtool.stdout}${promtool.stderr}`).toBe(0);
    expect(promtool.stdout).toContain('SUCCESS');
  });
});
