import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../../main/core/config/parse-config';
import { COOP_THEMES } from '../../../main/core/config/station-config';
import {
  closeVisitLeftOpen,
  countEvent,
  dayBefore,
  dayOf,
  emptyStore,
  lastDays,
  medianOfHistogram,
  type CounterEvent,
  type CounterStore,
} from '../../../main/core/counters/activity-counters';
import { countingObserver, observedLog } from '../../../main/core/counters/counting-log';
import { countersCsv } from '../../../main/core/counters/counters-csv';
import type { KioskLog } from '../../../main/core/log';
import { readShippedCatalogue } from '../../../main/node/load-config';

function count(events: CounterEvent[], day = '2026-12-02', store: CounterStore = emptyStore(), keepDays?: number): CounterStore {
  return events.reduce((current, event) => countEvent(current, event, day, keepDays), store);
}

const ended = (cause: 'visitor' | 'idle' | 'crash', minutes: number): CounterEvent => ({ kind: 'visit-ended', cause, seconds: minutes * 60 });

describe('the catalogue names a La Coop theme for every service', () => {
  it('every shipped service has one of the themes of FIELD.md', () => {
    for (const service of readShippedCatalogue().catalogue.services) expect(COOP_THEMES, service.id).toContain(service.theme);
  });

  it('a service without a theme is refused, naming the key and the themes', () => {
    const result = parseCatalogue(JSON.stringify({ translations: {}, services: [{ id: 'x', label: { fr: 'X' }, entry: 'https://x.fr/', allowedHosts: ['x.fr'] }] }), 'catalogue.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => `${problem.key}: ${problem.message}`)).toEqual([expect.stringContaining('services[0].theme: must name its La Coop theme, one of: Papiers-Élections-Citoyenneté')]);
  });
});

describe('activity counters', () => {
  it('counts a day: visits, how they ended, minutes, démarches by service and theme, memos, printer errors, wipe failures', () => {
    const store = count([
      { kind: 'visit-started' },
      { kind: 'tile-opened', tileId: 'caf', theme: 'Famille-Scolarité' },
      { kind: 'memo-printed' },
      ended('visitor', 12),
      { kind: 'visit-started' },
      { kind: 'tile-opened', tileId: 'ants', theme: 'Papiers-Élections-Citoyenneté' },
      { kind: 'tile-opened', tileId: 'caf', theme: 'Famille-Scolarité' },
      { kind: 'printer-error' },
      ended('idle', 20),
      { kind: 'visit-started' },
      ended('crash', 3),
      { kind: 'wipe-failed' },
    ]);
    const [day] = lastDays(store, '2026-12-02', 1);
    expect(day).toEqual({
      day: '2026-12-02',
      visitsStarted: 3,
      endedByVisitor: 1,
      endedByIdle: 1,
      endedByCrash: 1,
      medianMinutes: 12,
      totalMinutes: 35,
      byService: { caf: 2, ants: 1 },
      byTheme: { 'Famille-Scolarité': 2, 'Papiers-Élections-Citoyenneté': 1 },
      memosPrinted: 1,
      printerErrors: 1,
      wipeFailures: 1,
    });
    expect(store.totals).toEqual({ visitsStarted: 3, endedByVisitor: 1, endedByIdle: 1, endedByCrash: 1, memosPrinted: 1, printerErrors: 1, wipeFailures: 1 });
  });

  it('the median is the middle visit (the mean of the two middle ones for an even count)', () => {
    expect(medianOfHistogram({})).toBeNull();
    expect(medianOfHistogram({ '5': 1 })).toBe(5);
    expect(medianOfHistogram({ '2': 1, '9': 1, '30': 1 })).toBe(9);
    expect(medianOfHistogram({ '2': 1, '9': 1, '30': 1, '31': 1 })).toBe(20);
    expect(medianOfHistogram({ '4': 3, '60': 1 })).toBe(4);
  });

  it('keeps only the last N days', () => {
    let store = emptyStore();
    for (let offset = 9; offset >= 0; offset -= 1) store = count([{ kind: 'visit-started' }], dayBefore('2026-12-10', offset), store, 7);
    expect(store.days.map((day) => day.day)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
    // The totals keep counting (Prometheus counters never go down).
    expect(store.totals.visitsStarted).toBe(10);
    // A year of use stays a year of days at most, whatever the number of visits.
    let busy = emptyStore();
    for (let offset = 400; offset >= 0; offset -= 1) busy = count(Array(3).fill({ kind: 'visit-started' }), dayBefore('2026-12-10', offset), busy);
    expect(busy.days).toHaveLength(90);
    expect(JSON.stringify(busy).length).toBeLessThan(40_000);
  });

  it('a long visit counts in the histogram as 240 minutes at most, but fully in the total', () => {
    const store = count([{ kind: 'visit-started' }, ended('idle', 600)]);
    expect(store.days[0]?.minutes).toEqual({ '240': 1 });
    expect(lastDays(store, '2026-12-02', 1)[0]?.totalMinutes).toBe(600);
  });

  it('a visit left open by a kiosk that stopped counts as ended by a crash at the next start', () => {
    const open = count([{ kind: 'visit-started' }], '2026-12-01');
    expect(open.visitOpen).toBe(true);
    const { store, closed } = closeVisitLeftOpen(open, '2026-12-02');
    expect(closed).toBe(true);
    expect(store.visitOpen).toBe(false);
    expect(lastDays(store, '2026-12-02', 2).map((day) => day.endedByCrash)).toEqual([0, 1]);
    expect(closeVisitLeftOpen(store, '2026-12-02').closed).toBe(false);
  });

  it('the 30-day view has every day, oldest first, empty ones at zero', () => {
    const view = lastDays(count([{ kind: 'visit-started' }], '2026-11-15'), '2026-12-02');
    expect(view).toHaveLength(30);
    expect(view[0]?.day).toBe('2026-11-03');
    expect(view[29]?.day).toBe('2026-12-02');
    expect(view.find((day) => day.day === '2026-11-15')?.visitsStarted).toBe(1);
    expect(view.filter((day) => day.visitsStarted === 0)).toHaveLength(29);
  });

  it('calendar days: month and year ends, and the local day of an instant', () => {
    expect(dayBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(dayBefore('2027-01-01', 1)).toBe('2026-12-31');
    expect(dayOf(new Date(2026, 11, 2, 23, 59).getTime())).toBe('2026-12-02');
  });
});

describe('counting from the kiosk log', () => {
  const themeOf = (id: string) => (id === 'caf' ? ('Famille-Scolarité' as const) : null);

  it('turns the logged events into counter events, a démarche once per visit, durations from the visit start', () => {
    const events: CounterEvent[] = [];
    let now = 1_000_000;
    const lines: string[] = [];
    const inner: KioskLog = { info: (event) => lines.push(event), warn: (event) => lines.push(event), error: (event) => lines.push(event) };
    const log = observedLog(inner, [countingObserver((event) => events.push(event), themeOf, { now: () => now })]);
    log.info('station-ready', { tiles: 3 });
    log.info('visit-started');
    log.info('tile-opened', { tile: 'caf' });
    log.warn('site-unreachable', { tile: 'caf' });
    log.info('tile-opened', { tile: 'caf' });
    log.info('tile-opened', { tile: 'local-mairie' });
    log.info('memo-printed', { services: 1, printer: 'receipt' });
    log.warn('memo-print-failed', { problem: 'paper-end', detail: 'x' });
    log.warn('memo-print-failed', { problem: 'busy', detail: 'x' });
    now += 7.5 * 60_000;
    log.info('session-ended', { cause: 'idle', minutes: 8 });
    log.error('wipe-failed', { failedSteps: 'profile', firstError: null });
    expect(lines).toContain('station-ready');
    expect(events).toEqual([
      { kind: 'visit-started' },
      { kind: 'tile-opened', tileId: 'caf', theme: 'Famille-Scolarité' },
      { kind: 'tile-opened', tileId: 'local-mairie', theme: null },
      { kind: 'memo-printed' },
      { kind: 'printer-error' },
      { kind: 'visit-ended', cause: 'idle', seconds: 450 },
      { kind: 'wipe-failed' },
    ]);
  });

  it('an observer that throws never stops the log', () => {
    const lines: string[] = [];
    const inner: KioskLog = { info: (event) => lines.push(event), warn: (event) => lines.push(event), error: (event) => lines.push(event) };
    const log = observedLog(inner, [() => { throw new Error('boom'); }]);
    log.error('wipe-failed');
    expect(lines).toEqual(['wipe-failed']);
  });
});

describe('the CSV export', () => {
  const store = count([{ kind: 'visit-started' }, { kind: 'tile-opened', tileId: 'caf', theme: 'Famille-Scolarité' }, ended('visitor', 14)], '2026-12-01');
  const csv = countersCsv(lastDays(store, '2026-12-02', 2), [{ id: 'caf', label: 'CAF' }, { id: 'ants', label: 'ANTS ; titres' }]);

  it('is UTF-8 with a byte-order mark, ";" between fields and CRLF line ends, one line per day', () => {
    expect(csv.startsWith('\uFEFFDate;Visites commencées;Terminées par le visiteur;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two days, and the empty string after the last CRLF
    expect(lines[3]).toBe('');
    expect(csv.slice(1)).not.toMatch(/[^\r]\n/);
    expect(lines[1]?.split(';').slice(0, 7)).toEqual(['2026-12-01', '1', '1', '0', '0', '14', '14']);
    // A day without a finished visit has no median (an empty cell, not 0).
    expect(lines[2]?.split(';').slice(0, 7)).toEqual(['2026-12-02', '0', '0', '0', '0', '', '0']);
  });

  it('has a column for every La Coop theme and for every démarche, quoting what needs it', () => {
    const header = csv.slice(1).split('\r\n')[0] ?? '';
    for (const theme of COOP_THEMES) expect(header).toContain(`Thème : ${theme}`);
    expect(header).toContain('Démarche : CAF');
    expect(header).toContain('"Démarche : ANTS ; titres"');
  });

  it('holds nothing finer than the day', () => {
    expect(csv).not.toMatch(/\d{2}:\d{2}/);
    expect(csv).not.toMatch(/T\d{2}/);
  });
});
