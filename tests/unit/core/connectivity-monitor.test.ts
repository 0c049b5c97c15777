import { beforeEach, describe, expect, it } from 'vitest';
import { ConnectivityMonitor, DEFAULT_CONNECTIVITY_OPTIONS, type Connectivity } from '../../../main/core/connectivity/connectivity-monitor';
import type { KioskLog } from '../../../main/core/log';
import { FakeClock, flushPromises } from '../../support/fake-clock';

class MemoryLog implements KioskLog {
  lines: string[] = [];
  info = (event: string, fields?: object) => void this.lines.push(`info ${event} ${JSON.stringify(fields ?? {})}`);
  warn = (event: string, fields?: object) => void this.lines.push(`warn ${event} ${JSON.stringify(fields ?? {})}`);
  error = (event: string, fields?: object) => void this.lines.push(`error ${event} ${JSON.stringify(fields ?? {})}`);
}

/**
 * A probe the test steers: 'up' and 'down' answer at once, 'throw' throws,
 * 'reject' rejects, 'manual' waits for the test to call answer().
 */
class ScriptedProbe {
  mode: 'up' | 'down' | 'throw' | 'reject' | 'manual' = 'up';
  /** Clock times at which the probe was called. */
  calls: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private pending: ((up: boolean) => void)[] = [];

  constructor(private readonly clock: FakeClock) {}

  readonly probe = (): Promise<boolean> => {
    this.calls.push(this.clock.now());
    if (this.mode === 'throw') throw new Error('probe broke');
    if (this.mode === 'reject') return Promise.reject(new Error('getaddrinfo ENOTFOUND'));
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const answer = new Promise<boolean>((resolve) => {
      if (this.mode === 'manual') this.pending.push(resolve);
      else resolve(this.mode === 'up');
    });
    return answer.finally(() => {
      this.inFlight -= 1;
    });
  };

  /** Settles the oldest waiting probe. */
  async answer(up: boolean): Promise<void> {
    const resolve = this.pending.shift();
    if (resolve === undefined) throw new Error('no probe waiting');
    resolve(up);
    await flushPromises();
  }
}

const OPTIONS = { checkEveryMs: 20_000, retryEveryMs: 3_000, failuresBeforeOffline: 2 };

describe('the connectivity monitor', () => {
  let clock: FakeClock;
  let probe: ScriptedProbe;
  let log: MemoryLog;
  let monitor: ConnectivityMonitor;
  let changes: Connectivity[];
  let t0: number;

  beforeEach(() => {
    clock = new FakeClock();
    probe = new ScriptedProbe(clock);
    log = new MemoryLog();
    monitor = new ConnectivityMonitor(probe.probe, clock, log, OPTIONS);
    changes = [];
    monitor.onChange((state) => changes.push(state));
    t0 = clock.now();
  });

  it('starts online, probes at once on start and stays quiet while the link works', async () => {
    expect(monitor.state).toBe('online');
    expect(probe.calls).toEqual([]);
    monitor.start();
    await flushPromises();
    expect(probe.calls).toEqual([t0]);
    await clock.advance(60_000);
    expect(monitor.state).toBe('online');
    expect(changes).toEqual([]);
    expect(log.lines).toEqual([]);
  });

  it('probes every checkEveryMs while online', async () => {
    monitor.start();
    await flushPromises(); // the first probe's answer arms the schedule
    await clock.advance(19_999);
    expect(probe.calls).toHaveLength(1);
    await clock.advance(1);
    expect(probe.calls).toEqual([t0, t0 + 20_000]);
    await clock.advance(40_000);
    expect(probe.calls).toEqual([t0, t0 + 20_000, t0 + 40_000, t0 + 60_000]);
  });

  it('does not call one lost probe an outage, but retries it quickly', async () => {
    probe.mode = 'down';
    monitor.start();
    await flushPromises();
    expect(monitor.state).toBe('online');
    expect(changes).toEqual([]);
    probe.mode = 'up';
    await clock.advance(3_000);
    expect(probe.calls).toEqual([t0, t0 + 3_000]);
    expect(monitor.state).toBe('online');
    // Back to the calm pace, and the streak is forgotten: a new single failure is not an outage either.
    await clock.advance(19_999);
    expect(probe.calls).toHaveLength(2);
    probe.mode = 'down';
    await clock.advance(1);
    expect(monitor.state).toBe('online');
    expect(changes).toEqual([]);
  });

  it('goes offline after two failures in a row, telling listeners once and logging it', async () => {
    probe.mode = 'down';
    monitor.start();
    await flushPromises();
    await clock.advance(3_000);
    expect(monitor.state).toBe('offline');
    expect(changes).toEqual(['offline']);
    expect(log.lines).toEqual(['warn connectivity-lost {}']);
    await clock.advance(30_000); // ten more failures
    expect(probe.calls.length).toBeGreaterThan(10);
    expect(changes).toEqual(['offline']);
    expect(log.lines).toEqual(['warn connectivity-lost {}']);
  });

  it('retries every retryEveryMs while offline, and returns to checkEveryMs once back', async () => {
    probe.mode = 'down';
    monitor.start();
    await flushPromises();
    await clock.advance(9_000);
    expect(probe.calls).toEqual([t0, t0 + 3_000, t0 + 6_000, t0 + 9_000]);
    probe.mode = 'up';
    await clock.advance(3_000);
    expect(monitor.state).toBe('online');
    await clock.advance(19_999);
    expect(probe.calls).toHaveLength(5);
    await clock.advance(1);
    expect(probe.calls.at(-1)).toBe(t0 + 32_000);
  });

  it('comes back online after one success, logging how long the outage lasted', async () => {
    probe.mode = 'down';
    monitor.start();
    await flushPromises();
    await clock.advance(3_000);
    expect(monitor.state).toBe('offline');
    await clock.advance(60_000);
    probe.mode = 'up';
    await clock.advance(3_000); // the outage began with the first failed probe, at t0
    expect(monitor.state).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
    expect(log.lines).toEqual(['warn connectivity-lost {}', 'info connectivity-back {"offlineSeconds":66}']);
  });

  it('counts a probe that throws or rejects as a failure, and keeps probing', async () => {
    probe.mode = 'throw';
    monitor.start();
    await flushPromises();
    probe.mode = 'reject';
    await clock.advance(3_000);
    expect(monitor.state).toBe('offline');
    probe.mode = 'up';
    await clock.advance(3_000);
    expect(monitor.state).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
  });

  it('never runs two probes at once, however slow the probe', async () => {
    probe.mode = 'manual';
    monitor.start();
    await flushPromises();
    await clock.advance(10 * 60_000);
    const first = monitor.checkNow();
    const second = monitor.checkNow();
    await flushPromises();
    expect(probe.calls).toEqual([t0]);
    expect(probe.maxInFlight).toBe(1);
    await probe.answer(false);
    expect(await first).toBe('online'); // both waited for the one probe in flight
    expect(await second).toBe('online');
    // The schedule resumes from that probe's end, at the retry pace after a failure.
    await clock.advance(2_999);
    expect(probe.calls).toHaveLength(1);
    await clock.advance(1);
    expect(probe.calls).toHaveLength(2);
    expect(probe.maxInFlight).toBe(1);
  });

  it('checkNow probes at once, and the schedule restarts from it', async () => {
    monitor.start();
    await flushPromises();
    await clock.advance(5_000);
    const state = await monitor.checkNow();
    expect(state).toBe('online');
    expect(probe.calls).toEqual([t0, t0 + 5_000]);
    await clock.advance(19_999); // the probe planned for t0 + 20 s was replaced
    expect(probe.calls).toHaveLength(2);
    await clock.advance(1);
    expect(probe.calls.at(-1)).toBe(t0 + 25_000);
  });

  it('after a failed navigation, two quick failed checks declare the outage without waiting', async () => {
    monitor.start();
    await flushPromises();
    await clock.advance(1_000);
    probe.mode = 'down';
    expect(await monitor.checkNow()).toBe('online'); // one failure is not enough
    expect(await monitor.checkNow()).toBe('offline');
    expect(clock.now()).toBe(t0 + 1_000);
    expect(changes).toEqual(['offline']);
    probe.mode = 'up';
    expect(await monitor.checkNow()).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
  });

  it('stop() leaves no timer and no further probe', async () => {
    monitor.start();
    await flushPromises();
    await clock.advance(1_000);
    expect(clock.pendingTimers()).toBe(1);
    monitor.stop();
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(10 * 60_000);
    expect(await monitor.checkNow()).toBe('online');
    monitor.start(); // final: a stopped monitor stays stopped
    await flushPromises();
    expect(probe.calls).toEqual([t0]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('ignores the result of a probe that ends after stop()', async () => {
    monitor = new ConnectivityMonitor(probe.probe, clock, log, { ...OPTIONS, failuresBeforeOffline: 1 });
    monitor.onChange((state) => changes.push(state));
    probe.mode = 'manual';
    monitor.start();
    const pendingCheck = monitor.checkNow();
    monitor.stop();
    await probe.answer(false);
    expect(await pendingCheck).toBe('online');
    expect(monitor.state).toBe('online');
    expect(changes).toEqual([]);
    expect(log.lines).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('lets a listener unsubscribe, and survives a listener that throws', async () => {
    const other: Connectivity[] = [];
    const unsubscribe = monitor.onChange((state) => other.push(state));
    monitor.onChange(() => {
      throw new TypeError('listener broke at https://example.org/');
    });
    probe.mode = 'down';
    monitor.start();
    await flushPromises();
    await clock.advance(3_000);
    expect(other).toEqual(['offline']);
    expect(changes).toEqual(['offline']);
    expect(log.lines).toContain('error connectivity-listener-failed {"error":"TypeError"}');
    expect(log.lines.join('\n')).not.toContain('example.org');
    unsubscribe();
    probe.mode = 'up';
    await clock.advance(3_000);
    expect(other).toEqual(['offline']);
    expect(changes).toEqual(['offline', 'online']);
    expect(clock.pendingTimers()).toBe(1); // still on its schedule
  });

  it('a checkNow before start() does not arm a schedule; start() then takes over', async () => {
    expect(await monitor.checkNow()).toBe('online');
    expect(clock.pendingTimers()).toBe(0);
    probe.mode = 'manual';
    const check = monitor.checkNow();
    monitor.start(); // joins the probe in flight rather than starting another
    expect(probe.calls).toHaveLength(2);
    await probe.answer(true);
    expect(await check).toBe('online');
    expect(clock.pendingTimers()).toBe(1);
  });

  it('uses calm defaults and refuses nonsensical options', () => {
    expect(DEFAULT_CONNECTIVITY_OPTIONS).toEqual({ checkEveryMs: 20_000, retryEveryMs: 3_000, failuresBeforeOffline: 2 });
    expect(() => new ConnectivityMonitor(probe.probe, clock, log, { failuresBeforeOffline: 0 })).toThrow(RangeError);
    expect(() => new ConnectivityMonitor(probe.probe, clock, log, { failuresBeforeOffline: 1.5 })).toThrow(RangeError);
    expect(() => new ConnectivityMonitor(probe.probe, clock, log, { retryEveryMs: 0 })).toThrow(RangeError);
    expect(() => new ConnectivityMonitor(probe.probe, clock, log, { checkEveryMs: Number.NaN })).toThrow(RangeError);
  });
});
