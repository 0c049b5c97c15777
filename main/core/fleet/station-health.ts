import type { LogObserver } from '../counters/counting-log';

/**
 * The station's health as staff screens and the fleet's metrics show it, learnt from
 * the events the kiosk logs (core/log.ts) plus what the starter knows (printer kind).
 */
export const PRINTER_STATUSES = ['ok', 'unknown', 'offline', 'cover-open', 'paper-end', 'cutter-error', 'unrecoverable-error', 'head-hot', 'unplugged', 'failed'] as const;
export type PrinterHealth = (typeof PRINTER_STATUSES)[number];

export type OutOfOrderReason = 'config' | 'wipe-failed' | 'shell-failed';

export interface StationHealth {
  /** When this kiosk process started (ms since the epoch). */
  startedAt: number;
  ready: boolean;
  outOfOrder: OutOfOrderReason | null;
  maintenance: boolean;
  printer: { kind: 'receipt' | 'system' | 'none'; status: PrinterHealth };
  internet: 'online' | 'offline' | 'unknown';
  lastWipe: { ok: boolean; at: number } | null;
}

export function initialHealth(startedAt: number, printerKind: StationHealth['printer']['kind']): StationHealth {
  return { startedAt, ready: false, outOfOrder: null, maintenance: false, printer: { kind: printerKind, status: printerKind === 'none' ? 'ok' : 'unknown' }, internet: 'unknown', lastWipe: null };
}

const KNOWN_PRINTER: ReadonlySet<string> = new Set(PRINTER_STATUSES);

/** The health after one logged event; unchanged (the same object) when the event says nothing about it. */
export function healthAfter(health: StationHealth, event: string, fields: Record<string, unknown>, now: number): StationHealth {
  switch (event) {
    case 'station-ready':
      return { ...health, ready: true };
    case 'config-invalid':
      return { ...health, outOfOrder: 'config' };
    case 'shell-failed':
    case 'shell-start-failed':
      return { ...health, outOfOrder: 'shell-failed' };
    case 'wipe-done':
      return { ...health, lastWipe: { ok: true, at: now } };
    case 'wipe-failed':
      return { ...health, lastWipe: { ok: false, at: now }, outOfOrder: 'wipe-failed' };
    case 'connectivity-lost':
      return { ...health, internet: 'offline' };
    case 'connectivity-back':
      return { ...health, internet: 'online' };
    case 'memo-printed':
    case 'test-page-printed':
    case 'sample-memo-printed':
      return { ...health, printer: { ...health.printer, status: 'ok' } };
    case 'memo-print-failed': {
      const problem = String(fields.problem);
      if (problem === 'busy' || problem === 'not-configured') return health;
      return { ...health, printer: { ...health.printer, status: KNOWN_PRINTER.has(problem) ? (problem as PrinterHealth) : 'failed' } };
    }
    // Staff mode's maintenance switch (main/node/staff-desk.ts logs it).
    case 'maintenance-on':
      return { ...health, maintenance: true };
    case 'maintenance-off':
      return { ...health, maintenance: false };
    default:
      return health;
  }
}

/** Follows the log; calls `changed` with each new health. */
export function healthObserver(initial: StationHealth, now: () => number, changed: (health: StationHealth) => void): { observer: LogObserver; current(): StationHealth } {
  let health = initial;
  return {
    observer: (_level, event, fields) => {
      const next = healthAfter(health, event, fields, now());
      if (next === health) return;
      health = next;
      changed(health);
    },
    current: () => health,
  };
}
