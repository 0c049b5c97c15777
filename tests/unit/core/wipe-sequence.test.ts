import { describe, expect, it } from 'vitest';
import { relaunchDue } from '../../../main/core/session/relaunch-policy';
import { runWipe, type WipeStep } from '../../../main/core/wipe/wipe-sequence';
import { FakeClock } from '../../support/fake-clock';

const step = (name: string, run: () => Promise<void>, order: string[]): WipeStep => ({
  name,
  run: async () => {
    order.push(name);
    await run();
  },
});

describe('the wipe runner', () => {
  it('runs every step in order and reports success', async () => {
    const order: string[] = [];
    const report = await runWipe(
      [step('a', () => Promise.resolve(), order), step('b', () => Promise.resolve(), order)],
      new FakeClock(),
    );
    expect(order).toEqual(['a', 'b']);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([['a', true], ['b', true]]);
  });

  it('keeps erasing after a failed step, and reports the failure in one line', async () => {
    const order: string[] = [];
    const report = await runWipe(
      [
        step('a', () => Promise.reject(new Error('first line\nsecond line')), order),
        step('b', () => Promise.resolve(), order),
      ],
      new FakeClock(),
    );
    expect(order).toEqual(['a', 'b']);
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({ name: 'a', ok: false, error: 'first line' });
    expect(report.steps[1]).toMatchObject({ name: 'b', ok: true });
  });

  it('fails a step that hangs past its deadline', async () => {
    const clock = new FakeClock();
    const pending = runWipe([{ name: 'hang', run: () => new Promise<void>(() => undefined) }], clock, { stepTimeoutMs: 5_000 });
    await clock.advance(5_000);
    const report = await pending;
    expect(report.ok).toBe(false);
    expect(report.steps[0]?.error).toBe('hang did not finish within 5000 ms');
  });
});

describe('the relaunch policy', () => {
  const base = { visitorsSinceLaunch: 0, launchedAt: 0, now: 0, visitorPresent: false };
  it('is off without a policy', () => {
    expect(relaunchDue(undefined, { ...base, visitorsSinceLaunch: 10_000 })).toBeNull();
  });
  it('is due after the number of visitors, never under a visitor', () => {
    expect(relaunchDue({ relaunchAfterVisitors: 200 }, { ...base, visitorsSinceLaunch: 199 })).toBeNull();
    expect(relaunchDue({ relaunchAfterVisitors: 200 }, { ...base, visitorsSinceLaunch: 200 })).toBe('visitors');
    expect(relaunchDue({ relaunchAfterVisitors: 200 }, { ...base, visitorsSinceLaunch: 200, visitorPresent: true })).toBeNull();
  });
  it('is due at the hour, once', () => {
    const threeAm = new Date(2026, 10, 23, 3, 10).getTime();
    expect(relaunchDue({ relaunchAtHour: 3 }, { ...base, now: threeAm, launchedAt: threeAm - 5 * 3_600_000 })).toBe('hour');
    expect(relaunchDue({ relaunchAtHour: 3 }, { ...base, now: threeAm, launchedAt: threeAm - 5 * 60_000 })).toBeNull();
    expect(relaunchDue({ relaunchAtHour: 4 }, { ...base, now: threeAm, launchedAt: 0 })).toBeNull();
  });
});
