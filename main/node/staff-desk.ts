import { access, constants, readFile, statfs } from 'node:fs/promises';
import { freemem } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock';
import type { StationConfig } from '../core/config/station-config';
import { dayOf, type DayReport } from '../core/counters/activity-counters';
import { countersCsv } from '../core/counters/counters-csv';
import type { StationHealth } from '../core/fleet/station-health';
import type { KioskLog } from '../core/log';
import { staffSentence, type StaffSentence } from '../core/staff/log-sentences';
import { healthVerdicts, type HealthLine } from '../core/staff/health-verdicts';
import { StaffGate } from '../core/staff/staff-gate';
import { formatConfigProblem } from '../core/config/parse-config';
import { writeFileAtomic } from './atomic-file';
import { keysInFolder, removableMountPoints } from './usb-keys';
import { loadStationConfig } from './load-config';
import { readRecentProblems } from './json-file-log';
import { FileLockStateStore, loadPinSource } from './staff-pin';
import { kioskVersion, type StationRecords } from './station-records';

/**
 * Everything the staff screens will ask of the main process, in one place, so wiring
 * them to the contract table (issue 11) is one entry per method: the PIN gate, the
 * 30-day table, the CSV (to a USB key or for the screen), the last problems in French,
 * the health. Only a session that passed `gate.tryPin` may reach the others.
 */
export interface StaffDesk {
  gate: StaffGate;
  health(): StationHealth;
  countersTable(days?: number): DayReport[];
  countersCsv(days?: number): string;
  /**
   * Writes the CSV to the first writable USB key (in the station's removable-media folder when
   * it names one, else where desktop automounters put them), or returns it to be shown on screen.
   */
  exportCounters(days?: number): Promise<{ kind: 'usb'; path: string } | { kind: 'screen'; csv: string }>;
  recentProblems(limit?: number): { time: string; level: 'warn' | 'error'; sentence: StaffSentence }[];
  /** Health at a glance: each line fine or wrong, with what to do. */
  healthAtAGlance(): Promise<HealthLine[]>;
  /**
   * Reads the station file again. A file that fails validation is refused with one
   * precise line per problem (file: key: problem), for the screen; the caller keeps
   * running on the configuration it has. A valid one is returned for the caller to apply.
   */
  reloadStationFile(): Promise<{ ok: true; config: StationConfig } | { ok: false; problems: string[] }>;
  /** Whether staff put the station in maintenance; kept in the state folder, so it survives a restart. */
  maintenance(): Promise<boolean>;
  setMaintenance(on: boolean): Promise<void>;
}

export interface StaffDeskOptions {
  config: StationConfig;
  stationFile: string;
  records: StationRecords;
  clock: Clock;
  log: KioskLog;
  /** /proc/mounts by default (tests give their own). */
  readMounts?: () => Promise<string>;
  /** Where automounters put USB keys, for a station without `documents.removableMediaFolder`; tests give a temporary folder. */
  mountRoots?: readonly string[];
}

export function csvFileName(stationName: string, day: string): string {
  const slug = stationName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `compteurs-${slug === '' ? 'borne' : slug}-${day}.csv`;
}

export const MAINTENANCE_FILE = 'maintenance.json';

export async function openStaffDesk(options: StaffDeskOptions): Promise<StaffDesk> {
  const { config, records, clock, log } = options;
  const pin = await loadPinSource(records.paths.pinFile, options.stationFile);
  const gate = new StaffGate(pin, new FileLockStateStore(records.paths.stateDirectory), clock, log);
  const services = config.tiles.map((tile) => ({ id: tile.id, label: tile.label.fr }));
  const readMounts = options.readMounts ?? (() => readFile('/proc/mounts', 'utf8'));
  const csv = (days = 30) => countersCsv(records.recorder.lastDays(days), services);
  return {
    gate,
    health: records.health,
    countersTable: (days = 30) => records.recorder.lastDays(days),
    countersCsv: csv,
    exportCounters: async (days = 30) => {
      const text = csv(days);
      const folder = config.documents?.removableMediaFolder;
      const keys = folder !== undefined ? await keysInFolder(folder) : removableMountPoints(await readMounts().catch(() => ''), options.mountRoots);
      for (const mount of keys) {
        try {
          await access(mount, constants.W_OK);
          const path = join(mount, csvFileName(config.station.name, dayOf(clock.now())));
          await writeFileAtomic(path, text, 0o644, { createFolder: false });
          log.info('counters-exported', { to: 'usb' });
          return { kind: 'usb', path };
        } catch {
          // read-only or pulled out meanwhile: try the next one, else the screen
        }
      }
      log.info('counters-exported', { to: 'screen' });
      return { kind: 'screen', csv: text };
    },
    healthAtAGlance: async () => {
      const disk = await statfs(records.paths.stateDirectory).catch(() => null);
      return healthVerdicts(records.health(), {
        version: kioskVersion(),
        stationFile: options.stationFile,
        stationFileReadAt: records.startedAt,
        uptimeSeconds: Math.round((clock.now() - records.startedAt) / 1000),
        visitorsSinceStart: records.visitorsSinceStart(),
        freeDiskBytes: disk === null ? null : disk.bavail * disk.bsize,
        freeMemoryBytes: freemem(),
        pinSet: pin.kind === 'ready',
      });
    },
    reloadStationFile: async () => {
      const loaded = await loadStationConfig(options.stationFile);
      if (loaded.ok) {
        log.info('config-reloaded', { tiles: loaded.config.tiles.length });
        return { ok: true, config: loaded.config };
      }
      log.warn('config-reload-refused', { problems: loaded.problems.length });
      return { ok: false, problems: loaded.problems.map(formatConfigProblem) };
    },
    maintenance: async () => {
      try {
        const saved = JSON.parse(await readFile(join(records.paths.stateDirectory, MAINTENANCE_FILE), 'utf8')) as { on?: unknown };
        return saved.on === true;
      } catch {
        return false; // never set (or unreadable): the station serves visitors
      }
    },
    setMaintenance: async (on) => {
      await writeFileAtomic(join(records.paths.stateDirectory, MAINTENANCE_FILE), `${JSON.stringify({ on })}\n`);
      log.info(on ? 'maintenance-on' : 'maintenance-off');
    },
    // From the log file when there is one (it spans restarts), else from memory since this start.
    recentProblems: (limit = 10) =>
      (records.paths.logDirectory === null ? records.recentProblems(limit) : readRecentProblems(records.paths.logDirectory, limit)).map((entry) => ({
        time: entry.time,
        level: entry.level === 'error' ? 'error' : 'warn',
        sentence: staffSentence(entry.event, entry.fields),
      })),
  };
}
