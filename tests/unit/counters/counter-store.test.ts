import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../main/core/counters/activity-counters';
import { ActivityRecorder } from '../../../main/core/counters/activity-recorder';
import type { KioskLog } from '../../../main/core/log';
import { FileCounterStore } from '../../../main/node/counter-store';
import { tempFoldersPerTest } from '../../support/temp-folders';

const folder = tempFoldersPerTest('counters-');
function recordingLog(): KioskLog & { events: string[] } {
  const events: string[] = [];
  const push = (event: string) => events.push(event);
  return { info: push, warn: push, error: push, events };
}

describe('the counter store on disk', () => {
  it('keeps the counters across a restart, in one small JSON file and no temporary file left', async () => {
    const dir = folder();
    const now = () => new Date(2026, 11, 2, 10).getTime();
    const first = new ActivityRecorder(new FileCounterStore(dir), { now }, recordingLog());
    await first.start();
    first.record({ kind: 'visit-started' });
    first.record({ kind: 'tile-opened', tileId: 'caf', theme: 'Famille-Scolarité' });
    first.record({ kind: 'visit-ended', cause: 'visitor', seconds: 600 });
    first.record({ kind: 'memo-printed' });
    await first.settled();
    expect(readdirSync(dir)).toEqual(['counters.json']);

    const second = new ActivityRecorder(new FileCounterStore(dir), { now }, recordingLog());
    await second.start();
    const today = second.lastDays(1)[0];
    expect(today).toMatchObject({ day: dayOf(now()), visitsStarted: 1, endedByVisitor: 1, totalMinutes: 10, memosPrinted: 1, byService: { caf: 1 } });
    const saved = readFileSync(join(dir, 'counters.json'), 'utf8');
    expect(saved).not.toMatch(/\d{2}:\d{2}/); // no time of day on disk either
  });

  it('a kiosk killed mid-visit: the visit counts as ended by a crash at the next start', async () => {
    const dir = folder();
    const now = () => new Date(2026, 11, 2, 10).getTime();
    const first = new ActivityRecorder(new FileCounterStore(dir), { now }, recordingLog());
    await first.start();
    first.record({ kind: 'visit-started' });
    await first.settled();
    const log = recordingLog();
    const second = new ActivityRecorder(new FileCounterStore(dir), { now }, log);
    await second.start();
    expect(second.lastDays(1)[0]?.endedByCrash).toBe(1);
    expect(log.events).toContain('counters-visit-left-open');
  });

  it('a damaged file is set aside and counting starts over, said in the log', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'counters.json'), '{"version": 1, "days": "lots"');
    const log = recordingLog();
    const recorder = new ActivityRecorder(new FileCounterStore(dir, () => 42), { now: Date.now }, log);
    await recorder.start();
    expect(log.events).toContain('counters-unreadable');
    expect(readdirSync(dir).sort()).toEqual(['counters.json', 'counters.json.damaged-42']);
    expect(recorder.snapshot().totals.visitsStarted).toBe(0);
  });
});
