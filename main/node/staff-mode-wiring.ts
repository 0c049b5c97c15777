import type { StationConfig } from '../core/config/station-config';
import type { Clock } from '../core/clock';
import type { KioskLog } from '../core/log';
import type { MemoDesk } from '../core/memo/memo-desk';
import type { StaffModeOptions } from '../core/session/kiosk-controller';
import type { StationControl } from '../core/staff/staff-mode';
import { openStaffDesk } from './staff-desk';
import type { StationRecords } from './station-records';

/**
 * Staff mode's ports for a running station, the same for both shells: the staff desk
 * (PIN gate, health, counters, CSV, last problems, station file, maintenance flag), the
 * memo desk's test page and sample memo, and the shell's restart and exit. A desk that
 * cannot open leaves staff mode refused (the PIN pad says so), never open.
 */
export async function staffModeOptions(options: {
  config: StationConfig;
  stationFile: string;
  records: StationRecords;
  memo: MemoDesk;
  clock: Clock;
  log: KioskLog;
  control: Omit<StationControl, 'exitAllowed'>;
}): Promise<StaffModeOptions> {
  const { config } = options;
  const desk = await openStaffDesk({ config, stationFile: options.stationFile, records: options.records, clock: options.clock, log: options.log }).catch((error: unknown) => {
    options.log.error('staff-desk-failed', { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
    return null;
  });
  return {
    services:
      desk === null
        ? null
        : {
            gate: desk.gate,
            healthAtAGlance: () => desk.healthAtAGlance(),
            countersTable: (days) => desk.countersTable(days),
            countersCsv: (days) => desk.countersCsv(days),
            exportCounters: (days) => desk.exportCounters(days),
            recentProblems: (limit) => desk.recentProblems(limit),
            reloadStationFile: () => desk.reloadStationFile(),
            maintenance: () => desk.maintenance(),
            setMaintenance: (on) => desk.setMaintenance(on),
            services: config.tiles.map((tile) => ({ id: tile.id, label: tile.label.fr })),
          },
    printing: { printTestPage: () => options.memo.printTestPage(), printSampleMemo: () => options.memo.printSampleMemo() },
    control: { ...options.control, exitAllowed: config.staff?.allowExit === true },
  };
}
