import type { CounterTotals } from '../counters/activity-counters';
import { PRINTER_STATUSES, type StationHealth } from './station-health';

/**
 * The station's health and counters in the Prometheus text format (0.0.4), for the
 * node exporter's textfile collector. Every name starts with `borne_`; labels carry
 * only fixed words and the station's version and name, never anything of a visitor.
 * Counters (`_total`) are the store's totals, which never go down.
 */

export interface MetricsInput {
  station: { name: string; version: string; shell: 'chromium' | 'electron' };
  health: StationHealth;
  totals: CounterTotals;
}

interface Sample {
  labels?: Record<string, string>;
  value: number;
}

interface Metric {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  samples: Sample[];
}

/** The documented list: README "Parc de bornes" repeats it. */
export const METRIC_NAMES = [
  'borne_info',
  'borne_up',
  'borne_start_time_seconds',
  'borne_out_of_order',
  'borne_maintenance',
  'borne_printer_status',
  'borne_internet_up',
  'borne_last_wipe_ok',
  'borne_last_wipe_timestamp_seconds',
  'borne_wipe_failures_total',
  'borne_visits_started_total',
  'borne_visits_total',
  'borne_memos_printed_total',
  'borne_printer_errors_total',
] as const;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

const flag = (on: boolean): number => (on ? 1 : 0);

export function stationMetrics(input: MetricsInput, up = true): Metric[] {
  const { health, totals } = input;
  const metrics: Metric[] = [
    { name: 'borne_info', type: 'gauge', help: 'Version and shell of the kiosk software, and the station name of its station file (always 1).', samples: [{ labels: { station: input.station.name, version: input.station.version, shell: input.station.shell }, value: 1 }] },
    { name: 'borne_up', type: 'gauge', help: '1 while the kiosk runs; 0 written when it stops cleanly.', samples: [{ value: flag(up) }] },
    { name: 'borne_start_time_seconds', type: 'gauge', help: 'When the kiosk process started (Unix time).', samples: [{ value: Math.floor(health.startedAt / 1000) }] },
    { name: 'borne_out_of_order', type: 'gauge', help: '1 when the station serves no visitor ("Hors service"); the reason label says why (config, wipe-failed, shell-failed).', samples: [{ labels: { reason: health.outOfOrder ?? 'none' }, value: flag(health.outOfOrder !== null) }] },
    { name: 'borne_maintenance', type: 'gauge', help: '1 when staff put the station in maintenance.', samples: [{ value: flag(health.maintenance) }] },
    {
      name: 'borne_printer_status',
      type: 'gauge',
      help: 'Memo printer status: 1 for the current status (ok, unknown before the first print, paper-end, cover-open, offline, unplugged…), 0 for the others.',
      samples: health.printer.kind === 'none' ? [] : PRINTER_STATUSES.map((status) => ({ labels: { kind: health.printer.kind, status }, value: flag(health.printer.status === status) })),
    },
    { name: 'borne_internet_up', type: 'gauge', help: '1 when the Internet link answers, 0 when it is down, NaN before the first check.', samples: [{ value: health.internet === 'unknown' ? NaN : flag(health.internet === 'online') }] },
    { name: 'borne_last_wipe_ok', type: 'gauge', help: '1 when the last end-of-visit wipe and its self-check succeeded, 0 when it failed, NaN before the first wipe since start.', samples: [{ value: health.lastWipe === null ? NaN : flag(health.lastWipe.ok) }] },
    { name: 'borne_last_wipe_timestamp_seconds', type: 'gauge', help: 'When the last wipe ended (Unix time, to the minute); 0 before the first wipe since start.', samples: [{ value: health.lastWipe === null ? 0 : Math.floor(health.lastWipe.at / 60_000) * 60 }] },
    { name: 'borne_wipe_failures_total', type: 'counter', help: 'Wipes whose self-check failed (the station then went out of order).', samples: [{ value: totals.wipeFailures }] },
    { name: 'borne_visits_started_total', type: 'counter', help: 'Visits started.', samples: [{ value: totals.visitsStarted }] },
    {
      name: 'borne_visits_total',
      type: 'counter',
      help: 'Visits ended, by how: the visitor ended it, idle timeout, or a crash.',
      samples: [
        { labels: { end: 'visitor' }, value: totals.endedByVisitor },
        { labels: { end: 'idle' }, value: totals.endedByIdle },
        { labels: { end: 'crash' }, value: totals.endedByCrash },
      ],
    },
    { name: 'borne_memos_printed_total', type: 'counter', help: 'Blank memos printed.', samples: [{ value: totals.memosPrinted }] },
    { name: 'borne_printer_errors_total', type: 'counter', help: 'Memo prints that failed because of the printer.', samples: [{ value: totals.printerErrors }] },
  ];
  return metrics;
}

/** The text of the .prom file. */
export function formatMetrics(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`);
    for (const sample of metric.samples) {
      const labels = Object.entries(sample.labels ?? {});
      const labelText = labels.length === 0 ? '' : `{${labels.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
      lines.push(`${metric.name}${labelText} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
