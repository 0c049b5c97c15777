import { z } from 'zod';
import type { StaffCounterDay } from '../contract/staff-view';
import { COOP_THEMES } from '../config/station-config';

/**
 * Anonymous activity counters, per day, in the mediators' vocabulary (the
 * administrative themes of La Coop de la médiation numérique, FIELD.md). Nothing
 * about a visitor: a day is the finest time kept, a tile id the finest place, and no
 * text. Only the last `keepDays` days are kept, so the store cannot grow without
 * bound; `totals` (a fixed handful of numbers since the store was created) feed the
 * fleet's Prometheus counters, which must never go down.
 */

export type EndCause = 'visitor' | 'idle' | 'crash';
export type CoopTheme = (typeof COOP_THEMES)[number];

export type CounterEvent =
  | { kind: 'visit-started' }
  | { kind: 'visit-ended'; cause: EndCause; seconds: number }
  | { kind: 'tile-opened'; tileId: string; theme: CoopTheme | null }
  | { kind: 'memo-printed' }
  | { kind: 'printer-error' }
  | { kind: 'wipe-failed' };

/** Longest visit counted in the duration histogram: anything longer counts as this (a kiosk left on a page all day). */
export const LONGEST_COUNTED_MINUTES = 240;
export const DEFAULT_COUNTER_DAYS = 90;

const count = z.number().int().min(0);
const dayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD');

export const dayCountersSchema = z.strictObject({
  day: dayKey,
  visitsStarted: count,
  endedByVisitor: count,
  endedByIdle: count,
  endedByCrash: count,
  /** Sum of visit lengths, in seconds (shown in minutes). */
  totalSeconds: count,
  /** How many visits lasted each whole number of minutes (for the median); keys "0"…"240". */
  minutes: z.record(z.string().regex(/^\d+$/), count),
  byService: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), count),
  byTheme: z.partialRecord(z.enum(COOP_THEMES), count),
  memosPrinted: count,
  printerErrors: count,
  wipeFailures: count,
});
export type DayCounters = z.infer<typeof dayCountersSchema>;

export const totalsSchema = z.strictObject({
  visitsStarted: count,
  endedByVisitor: count,
  endedByIdle: count,
  endedByCrash: count,
  memosPrinted: count,
  printerErrors: count,
  wipeFailures: count,
});
export type CounterTotals = z.infer<typeof totalsSchema>;

export const counterStoreSchema = z.strictObject({
  version: z.literal(1),
  /** A visit had started and not ended when this was written: found true at start, the kiosk stopped mid-visit (a crash). */
  visitOpen: z.boolean(),
  totals: totalsSchema,
  days: z.array(dayCountersSchema),
});
export type CounterStore = z.infer<typeof counterStoreSchema>;

/** A deep copy (the store is plain JSON data). */
export function cloneStore(store: CounterStore): CounterStore {
  return JSON.parse(JSON.stringify(store)) as CounterStore;
}

export function emptyStore(): CounterStore {
  return {
    version: 1,
    visitOpen: false,
    totals: { visitsStarted: 0, endedByVisitor: 0, endedByIdle: 0, endedByCrash: 0, memosPrinted: 0, printerErrors: 0, wipeFailures: 0 },
    days: [],
  };
}

export function emptyDay(day: string): DayCounters {
  return { day, visitsStarted: 0, endedByVisitor: 0, endedByIdle: 0, endedByCrash: 0, totalSeconds: 0, minutes: {}, byService: {}, byTheme: {}, memosPrinted: 0, printerErrors: 0, wipeFailures: 0 };
}

/** The station's local calendar day of an instant: what staff call "today". */
export function dayOf(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day `offset` days before `day` (calendar arithmetic, whatever the time zone). */
export function dayBefore(day: string, offset: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, date - offset));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${utc.getUTCFullYear()}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
}

const END_FIELD: Record<EndCause, 'endedByVisitor' | 'endedByIdle' | 'endedByCrash'> = {
  visitor: 'endedByVisitor',
  idle: 'endedByIdle',
  crash: 'endedByCrash',
};

/** The store with one more event counted on `day`, and the days older than `keepDays` dropped. Pure: returns a new store. */
export function countEvent(store: CounterStore, event: CounterEvent, day: string, keepDays = DEFAULT_COUNTER_DAYS): CounterStore {
  const next: CounterStore = cloneStore(store);
  let today = next.days.find((entry) => entry.day === day);
  if (today === undefined) {
    today = emptyDay(day);
    next.days.push(today);
    next.days.sort((a, b) => a.day.localeCompare(b.day));
  }
  switch (event.kind) {
    case 'visit-started':
      today.visitsStarted += 1;
      next.totals.visitsStarted += 1;
      next.visitOpen = true;
      break;
    case 'visit-ended': {
      const field = END_FIELD[event.cause];
      today[field] += 1;
      next.totals[field] += 1;
      const seconds = Math.max(0, Math.round(event.seconds));
      today.totalSeconds += seconds;
      const minute = String(Math.min(LONGEST_COUNTED_MINUTES, Math.round(seconds / 60)));
      today.minutes[minute] = (today.minutes[minute] ?? 0) + 1;
      next.visitOpen = false;
      break;
    }
    case 'tile-opened':
      today.byService[event.tileId] = (today.byService[event.tileId] ?? 0) + 1;
      if (event.theme !== null) today.byTheme[event.theme] = (today.byTheme[event.theme] ?? 0) + 1;
      break;
    case 'memo-printed':
      today.memosPrinted += 1;
      next.totals.memosPrinted += 1;
      break;
    case 'printer-error':
      today.printerErrors += 1;
      next.totals.printerErrors += 1;
      break;
    case 'wipe-failed':
      today.wipeFailures += 1;
      next.totals.wipeFailures += 1;
      break;
  }
  return keepLastDays(next, day, keepDays);
}

/** Drops the days older than the last `keepDays` (today included). */
export function keepLastDays(store: CounterStore, today: string, keepDays: number): CounterStore {
  const oldest = dayBefore(today, keepDays - 1);
  // Days "after today" come from a clock that went back: kept, they are real visits.
  return { ...store, days: store.days.filter((entry) => entry.day >= oldest) };
}

/**
 * At start: a visit still open in the saved store means the kiosk stopped in the
 * middle of it (crash, power cut). It is counted as ended by a crash, on the day of
 * the restart, with no duration (nobody knows when it really ended).
 */
export function closeVisitLeftOpen(store: CounterStore, day: string, keepDays = DEFAULT_COUNTER_DAYS): { store: CounterStore; closed: boolean } {
  if (!store.visitOpen) return { store: keepLastDays(store, day, keepDays), closed: false };
  const next = cloneStore(store);
  let today = next.days.find((entry) => entry.day === day);
  if (today === undefined) {
    today = emptyDay(day);
    next.days.push(today);
    next.days.sort((a, b) => a.day.localeCompare(b.day));
  }
  today.endedByCrash += 1;
  next.totals.endedByCrash += 1;
  next.visitOpen = false;
  return { store: keepLastDays(next, day, keepDays), closed: true };
}

/**
 * One day as staff and the CSV see it: minutes, medians (whole minutes, null on a day
 * without a finished visit), nothing finer. The staff screen's day (the contract's
 * StaffCounterDay) plus the themes, which only the CSV and the metrics carry.
 */
export interface DayReport extends StaffCounterDay {
  byTheme: Partial<Record<CoopTheme, number>>;
}

export function medianOfHistogram(histogram: Record<string, number>): number | null {
  const entries = Object.entries(histogram)
    .map(([minute, visits]) => [Number(minute), visits] as const)
    .filter(([, visits]) => visits > 0)
    .sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((sum, [, visits]) => sum + visits, 0);
  if (n === 0) return null;
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const [minute, visits] of entries) {
      seen += visits;
      if (rank < seen) return minute;
    }
    return entries[entries.length - 1]?.[0] ?? 0;
  };
  // Even count: the mean of the two middle values, rounded to the minute (half up).
  return n % 2 === 1 ? valueAt((n - 1) / 2) : Math.round((valueAt(n / 2 - 1) + valueAt(n / 2)) / 2);
}

export function dayReport(day: DayCounters): DayReport {
  return {
    day: day.day,
    visitsStarted: day.visitsStarted,
    endedByVisitor: day.endedByVisitor,
    endedByIdle: day.endedByIdle,
    endedByCrash: day.endedByCrash,
    medianMinutes: medianOfHistogram(day.minutes),
    totalMinutes: Math.round(day.totalSeconds / 60),
    byService: { ...day.byService },
    byTheme: { ...day.byTheme },
    memosPrinted: day.memosPrinted,
    printerErrors: day.printerErrors,
    wipeFailures: day.wipeFailures,
  };
}

/** The last `days` days up to `today`, oldest first, days without activity included (for the table and the chart). */
export function lastDays(store: CounterStore, today: string, days = 30): DayReport[] {
  const byDay = new Map(store.days.map((entry) => [entry.day, entry]));
  return Array.from({ length: days }, (_, index) => {
    const day = dayBefore(today, days - 1 - index);
    return dayReport(byDay.get(day) ?? emptyDay(day));
  });
}
