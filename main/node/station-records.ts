import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StationConfig } from '../core/config/station-config';
import { ActivityRecorder } from '../core/counters/activity-recorder';
import { countingObserver, observedLog, type LogObserver } from '../core/counters/counting-log';
import { formatMetrics, stationMetrics } from '../core/fleet/prometheus-metrics';
import { healthObserver, initialHealth, type StationHealth } from '../core/fleet/station-health';
import type { KioskLog } from '../core/log';
import { FileCounterStore } from './counter-store';
import { createJsonFileLog, teeLog, type LogEntry } from './json-file-log';
import { MetricsFile } from './metrics-file';
import { projectRoot } from './paths';
import { staffPaths, type StaffPaths } from './staff-files';

/**
 * What a running station keeps for its staff and its fleet, started beside the
 * controller: the JSON log file (when `staff.logDirectory` is set), the anonymous
 * counters (state folder), the health, and the Prometheus .prom file (when
 * `staff.metricsDirectory` is set). All of it learns from the log: the starter hands
 * `records.log` to the controller, the memo desk and the connectivity monitor instead
 * of the plain log, and nothing else changes.
 */
export interface StationRecords {
  log: KioskLog;
  paths: StaffPaths;
  recorder: ActivityRecorder;
  health(): StationHealth;
  /** The last warnings and errors since this start, newest first (kept in memory, anonymous fields only). */
  recentProblems(limit?: number): LogEntry[];
  /** Visits ended since this start. */
  visitorsSinceStart(): number;
  /** When the records started, right after the station file was read (ms since the epoch). */
  startedAt: number;
  /** Resolves once counters and metrics written so far are on disk (tests). */
  settled(): Promise<void>;
  /** Writes borne_up 0 and waits for the files. */
  close(): Promise<void>;
}

const RECENT_PROBLEMS_KEPT = 50;
export const METRICS_HEARTBEAT_MS = 60_000;

export interface StationRecordsOptions {
  config: StationConfig;
  stationFile: string;
  log: KioskLog;
  shell: 'chromium' | 'electron';
  printerKind: StationHealth['printer']['kind'];
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  /** How often the .prom file is rewritten when nothing happens (default a minute). */
  heartbeatMs?: number;
}

export function kioskVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function startStationRecords(options: StationRecordsOptions): Promise<StationRecords> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const paths = staffPaths(options.config, options.stationFile, options.env);
  let baseLog = options.log;
  if (paths.logDirectory !== null) {
    try {
      baseLog = teeLog(options.log, createJsonFileLog({ directory: paths.logDirectory, now }));
    } catch (error) {
      // No log file is no reason to refuse visitors: the console log (journald) still has everything.
      options.log.error('log-file-unwritable', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
    }
  }
  const recorder = new ActivityRecorder(new FileCounterStore(paths.stateDirectory, now), { now }, baseLog, options.config.staff?.counterDays);
  await recorder.start();

  const metricsFile = paths.metricsDirectory === null ? null : new MetricsFile(paths.metricsDirectory, (error) => baseLog.error('metrics-not-written', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' }));
  const station = { name: options.config.station.name, version: kioskVersion(), shell: options.shell };
  const writeMetrics = (up = true) => metricsFile?.write(formatMetrics(stationMetrics({ station, health: health.current(), totals: recorder.snapshot().totals }, up)));
  const health = healthObserver(initialHealth(now(), options.printerKind), now, () => writeMetrics());
  recorder.onChange(() => writeMetrics());

  const themes = new Map(options.config.tiles.map((tile) => [tile.id, tile.theme ?? null]));
  let visitors = 0;
  const countVisitors: LogObserver = (_level, event, fields) => {
    // Staff mode ends with a wipe too ('staff'): not a visitor of its own.
    if (event === 'session-ended' && fields.cause !== 'staff') visitors += 1;
  };
  const problems: LogEntry[] = [];
  const keepProblem: LogObserver = (level, event, fields) => {
    if (level === 'info') return;
    problems.unshift({ time: new Date(now()).toISOString(), level, event, fields: { ...fields } });
    problems.length = Math.min(problems.length, RECENT_PROBLEMS_KEPT);
  };
  const log = observedLog(baseLog, [countingObserver((event) => recorder.record(event), (tileId) => themes.get(tileId) ?? null, { now }), health.observer, keepProblem, countVisitors]);
  writeMetrics();
  // Rewritten every minute even when nothing happens, so the file's age (node_textfile_mtime_seconds)
  // tells the fleet the kiosk is alive through a quiet night.
  const heartbeat = metricsFile === null ? null : setInterval(() => writeMetrics(), options.heartbeatMs ?? METRICS_HEARTBEAT_MS);
  heartbeat?.unref();

  const settled = async () => {
    await recorder.settled();
    await metricsFile?.settled();
  };
  return {
    log,
    paths,
    recorder,
    health: health.current,
    recentProblems: (limit = 10) => problems.slice(0, limit),
    visitorsSinceStart: () => visitors,
    startedAt,
    settled,
    close: async () => {
      if (heartbeat !== null) clearInterval(heartbeat);
      writeMetrics(false);
      await settled();
    },
  };
}
