import { readdirSync, readFileSync, statSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileLog, logLine, readRecentProblems, scrubLogValue } from '../../../main/node/json-file-log';
import { tempFoldersPerTest } from '../../support/temp-folders';

const folder = tempFoldersPerTest('json-log-');

describe('the JSON log file', () => {
  it('writes one JSON object a line: time, level, event, then the fields', () => {
    const dir = folder();
    const log = createJsonFileLog({ directory: dir, now: () => Date.UTC(2026, 11, 2, 9, 30) });
    log.info('tile-opened', { tile: 'caf' });
    log.error('wipe-failed', { failedSteps: 'profile', firstError: null });
    const lines = readFileSync(join(dir, 'kiosk.log'), 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { time: '2026-12-02T09:30:00.000Z', level: 'info', event: 'tile-opened', tile: 'caf' },
      { time: '2026-12-02T09:30:00.000Z', level: 'error', event: 'wipe-failed', failedSteps: 'profile', firstError: null },
    ]);
    expect(lines[0]?.startsWith('{"time":')).toBe(true);
  });

  it('keeps only the host of an address that slipped into a field, and cuts long texts', () => {
    expect(scrubLogValue('net::ERR at https://user:pw@wwwd.caf.fr:443/wps/portal?nir=1234567890123#x')).toBe('net::ERR at wwwd.caf.fr');
    expect(scrubLogValue('see http://127.0.0.1:8080/a/b?x=1 now')).toBe('see 127.0.0.1 now');
    expect(scrubLogValue('x'.repeat(1000))).toHaveLength(301);
    const line = JSON.parse(logLine(0, 'warn', 'site-unreachable', { detail: 'https://www.impots.gouv.fr/secret/path?q=typed' })) as Record<string, unknown>;
    expect(line.detail).toBe('www.impots.gouv.fr');
  });

  it('a field cannot pass itself off as the time, level or event', () => {
    const line = JSON.parse(logLine(0, 'info', 'x', { level: 'error', event: 'fake' })) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', event: 'x', field_level: 'error', field_event: 'fake' });
  });

  it('rotates by size and never keeps more than the cap on disk', () => {
    const dir = folder();
    const log = createJsonFileLog({ directory: dir, maxBytes: 4096, files: 3 });
    for (let i = 0; i < 2000; i += 1) log.info('tile-opened', { tile: 'caf', n: i });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2']);
    const total = files.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    expect(total).toBeLessThanOrEqual(3 * 4096);
    // The newest lines are in kiosk.log, the next older ones in kiosk.log.1.
    const last = readFileSync(join(dir, 'kiosk.log'), 'utf8').trimEnd().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ n: 1999 });
    const firstOfCurrent = JSON.parse(readFileSync(join(dir, 'kiosk.log'), 'utf8').split('\n')[0] ?? '') as { n: number };
    const lastOfPrevious = JSON.parse(readFileSync(join(dir, 'kiosk.log.1'), 'utf8').trimEnd().split('\n').at(-1) ?? '') as { n: number };
    expect(lastOfPrevious.n).toBe(firstOfCurrent.n - 1);
    for (const name of files) for (const line of readFileSync(join(dir, name), 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('goes on after a restart in the same file, adding to it', () => {
    const dir = folder();
    createJsonFileLog({ directory: dir }).info('station-ready');
    createJsonFileLog({ directory: dir }).info('station-ready');
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('the last problems, for the staff screen', () => {
  it('gives warnings and errors, newest first, across rotated files, skipping a line cut by a power failure', () => {
    const dir = folder();
    let now = Date.UTC(2026, 11, 2, 8);
    const log = createJsonFileLog({ directory: dir, maxBytes: 600, files: 4, now: () => now });
    log.warn('memo-print-failed', { problem: 'paper-end' });
    for (let i = 0; i < 8; i += 1) {
      now += 60_000;
      log.info('tile-opened', { tile: 'caf' });
    }
    log.error('wipe-failed', { failedSteps: 'profile' });
    appendFileSync(join(dir, 'kiosk.log'), '{"time":"2026-12-02T');
    expect(readdirSync(dir).length).toBeGreaterThan(1);
    const problems = readRecentProblems(dir, 5);
    expect(problems.map((entry) => entry.event)).toEqual(['wipe-failed', 'memo-print-failed']);
    expect(problems[1]).toEqual({ time: '2026-12-02T08:00:00.000Z', level: 'warn', event: 'memo-print-failed', fields: { problem: 'paper-end' } });
    expect(readRecentProblems(dir, 1).map((entry) => entry.event)).toEqual(['wipe-failed']);
    expect(readRecentProblems(join(dir, 'nothing-here'))).toEqual([]);
  });
});
