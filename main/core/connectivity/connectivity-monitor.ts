import type { Clock, TimerHandle } from '../clock';
import type { KioskLog } from '../log';

export type Connectivity = 'online' | 'offline';

export interface ConnectivityOptions {
  /** Pause between probes while the link works. */
  checkEveryMs: number;
  /** Pause between probes once a probe failed (suspected or confirmed outage), so recovery is noticed quickly. */
  retryEveryMs: number;
  /** Consecutive failed probes before declaring the station offline: one lost probe on 4G is not an outage. */
  failuresBeforeOffline: number;
}

export const DEFAULT_CONNECTIVITY_OPTIONS: Readonly<ConnectivityOptions> = Object.freeze({
  checkEveryMs: 20_000,
  retryEveryMs: 3_000,
  failuresBeforeOffline: 2,
});

/**
 * Tells whether the station reaches the Internet, from a probe handed in
 * (see main/node/connectivity-probe.ts). Pure rules: the probe, the clock and
 * the log are injected.
 *
 * - Online until proven otherwise: a station that boots is assumed to work.
 * - `failuresBeforeOffline` consecutive failures (a throwing probe is a failure)
 *   flip it offline; a single success flips it back online.
 * - After any failure the next probe comes after `retryEveryMs`, not
 *   `checkEveryMs`: a suspected outage is confirmed quickly, and so is recovery.
 * - `checkNow()` (a page failed to load) probes at once; its result counts like
 *   any other, so one failed navigation alone never declares an outage, but the
 *   confirming retry follows `retryEveryMs` later.
 * - Never two probes at once: a call while one is in flight shares its result.
 *   The probe must settle by itself (the Node probe has its own timeout); a
 *   probe that hangs holds the monitor where it is rather than stacking up.
 */
export class ConnectivityMonitor {
  private readonly options: ConnectivityOptions;
  private current: Connectivity = 'online';
  private failures = 0;
  /** When the first probe of the current failure streak started: the outage's best-known beginning. */
  private firstFailureAt = 0;
  private inFlight: Promise<Connectivity> | null = null;
  private timer: TimerHandle | null = null;
  private running = false;
  /** Final, as for the kiosk controller: the station is shutting down. */
  private stopped = false;
  /** Wrapped so the same function can subscribe twice and unsubscribe each independently. */
  private readonly listeners = new Set<{ listener: (state: Connectivity) => void }>();

  constructor(
    private readonly probe: () => Promise<boolean>,
    private readonly clock: Clock,
    private readonly log: KioskLog,
    options: Partial<ConnectivityOptions> = {},
  ) {
    this.options = { ...DEFAULT_CONNECTIVITY_OPTIONS, ...options };
    const { checkEveryMs, retryEveryMs, failuresBeforeOffline } = this.options;
    if (!(checkEveryMs > 0) || !(retryEveryMs > 0)) throw new RangeError('connectivity probe intervals must be positive');
    if (!Number.isInteger(failuresBeforeOffline) || failuresBeforeOffline < 1) {
      throw new RangeError('failuresBeforeOffline must be a whole number, at least 1');
    }
  }

  /** First probe at once, then on its schedule. Does nothing if already started or stopped. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.probeNow(); // joins a checkNow() already in flight, whose end then arms the schedule
  }

  /** No timer left, no further probe; a probe still in flight reports to nobody. */
  stop(): void {
    this.stopped = true;
    this.running = false;
    this.inFlight = null;
    this.disarm();
  }

  get state(): Connectivity {
    return this.current;
  }

  /** Called with the new state, only when it changes. Returns the unsubscribe function. */
  onChange(listener: (state: Connectivity) => void): () => void {
    const entry = { listener };
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** A page failed to load: probe now instead of waiting (never two probes at once). */
  checkNow(): Promise<Connectivity> {
    if (this.stopped) return Promise.resolve(this.current);
    return this.probeNow();
  }

  // ---- internals -------------------------------------------------------------------------

  /** Never rejects: callers and timers may ignore the promise. */
  private probeNow(): Promise<Connectivity> {
    if (this.inFlight !== null) return this.inFlight;
    // A timer due meanwhile joins this probe; arm() then restarts the schedule from its end.
    const startedAt = this.clock.now();
    const probing = this.runProbe().then((up) => {
      if (this.stopped) return this.current; // late result after stop(): ignored
      this.inFlight = null;
      this.record(up, startedAt);
      if (this.running) this.arm();
      return this.current;
    });
    this.inFlight = probing;
    return probing;
  }

  private async runProbe(): Promise<boolean> {
    try {
      return (await this.probe()) === true;
    } catch {
      return false; // a probe that throws (synchronously or not) is a failed probe
    }
  }

  private record(up: boolean, startedAt: number): void {
    if (up) {
      const wasOffline = this.current === 'offline';
      this.failures = 0;
      if (!wasOffline) return;
      this.current = 'online';
      this.log.info('connectivity-back', { offlineSeconds: Math.round((this.clock.now() - this.firstFailureAt) / 1000) });
      this.notify();
      return;
    }
    this.failures += 1;
    if (this.failures === 1) this.firstFailureAt = startedAt;
    if (this.current === 'online' && this.failures >= this.options.failuresBeforeOffline) {
      this.current = 'offline';
      this.log.warn('connectivity-lost');
      this.notify();
    }
  }

  private notify(): void {
    for (const { listener } of [...this.listeners]) {
      try {
        listener(this.current);
      } catch (error) {
        // One broken listener must not keep the others, or the monitor, from working. Name only: no message, no address.
        this.log.error('connectivity-listener-failed', { error: error instanceof Error ? error.name : typeof error });
      }
    }
  }

  private arm(): void {
    this.disarm();
    const wait = this.failures > 0 ? this.options.retryEveryMs : this.options.checkEveryMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.probeNow();
    }, wait);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
