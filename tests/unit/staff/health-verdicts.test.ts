import { describe, expect, it } from 'vitest';
import { healthAfter, initialHealth } from '../../../main/core/fleet/station-health';
import { healthVerdicts, LOW_DISK_BYTES, type SystemFigures } from '../../../main/core/staff/health-verdicts';
import { PIN_PAD_ROWS } from '../../../main/core/staff/pin-policy';

const FIGURES: SystemFigures = {
  version: '0.1.0',
  stationFile: 'kiosk-config/bus.json',
  stationFileReadAt: Date.UTC(2026, 11, 2, 8),
  uptimeSeconds: 3 * 3600 + 5 * 60,
  visitorsSinceStart: 12,
  freeDiskBytes: 20 * 1024 ** 3,
  freeMemoryBytes: 4 * 1024 ** 3,
  pinSet: true,
};

describe('health at a glance', () => {
  it('all fine: every line ok, with the station file, version, uptime and visitors', () => {
    let health = initialHealth(0, 'receipt');
    health = healthAfter(health, 'connectivity-back', {}, 0);
    health = healthAfter(health, 'memo-printed', {}, 0);
    health = healthAfter(health, 'wipe-done', {}, 0);
    const lines = healthVerdicts(health, FIGURES);
    expect(lines.map((line) => line.key)).toEqual(['internet', 'printer', 'wipe', 'station', 'disk', 'memory', 'pin']);
    expect(lines.every((line) => line.ok)).toBe(true);
    const station = lines.find((line) => line.key === 'station')?.sentence.what ?? '';
    expect(station).toContain('kiosk-config/bus.json');
    expect(station).toContain('Version 0.1.0');
    expect(station).toContain('3 h 05');
    expect(station).toContain('12 visiteurs');
  });

  it('what is wrong is marked, with what to do in one sentence', () => {
    let health = initialHealth(0, 'receipt');
    health = healthAfter(health, 'connectivity-lost', {}, 0);
    health = healthAfter(health, 'memo-print-failed', { problem: 'paper-end' }, 0);
    health = healthAfter(health, 'wipe-failed', {}, 0);
    const lines = healthVerdicts(health, { ...FIGURES, freeDiskBytes: LOW_DISK_BYTES - 1, freeMemoryBytes: 100 * 1024 * 1024, pinSet: false });
    const wrong = lines.filter((line) => !line.ok);
    expect(wrong.map((line) => line.key)).toEqual(['internet', 'printer', 'wipe', 'station', 'disk', 'memory', 'pin']);
    for (const line of wrong) expect(line.sentence.todo, line.key).toMatch(/\.$/);
    expect(lines.find((line) => line.key === 'printer')?.sentence.what).toBe("L'imprimante n'a plus de papier.");
  });

  it('the PIN pad is the fixed telephone layout, every digit once', () => {
    expect(PIN_PAD_ROWS.flat().sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(PIN_PAD_ROWS[0]).toEqual(['1', '2', '3']);
  });
});
