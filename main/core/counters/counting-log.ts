import type { Clock } from '../clock';
import type { KioskLog, LogFields } from '../log';
import type { CoopTheme, CounterEvent, EndCause } from './activity-counters';

/**
 * Counters and health learn what happens from the events the kiosk already logs
 * (core/log.ts): the controller, the memo desk and the wipe need no new calls.
 * The log is wrapped; each observer sees every entry after it was written.
 */
export type LogObserver = (level: 'info' | 'warn' | 'error', event: string, fields: LogFields) => void;

export function observedLog(inner: KioskLog, observers: readonly LogObserver[]): KioskLog {
  const emit = (level: 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) => {
    inner[level](event, fields);
    for (const observe of observers) {
      try {
        observe(level, event, fields ?? {});
      } catch {
        // An observer's failure must never stop the kiosk or hide the log line.
      }
    }
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

const END_CAUSES: readonly string[] = ['visitor', 'idle', 'crash'] satisfies EndCause[];
/** Print outcomes that say nothing about the printer: another print under way, no printer set. */
const NOT_PRINTER_ERRORS = new Set(['busy', 'not-configured']);

/**
 * Turns log entries into counter events. Its memory of the current visit (when it
 * began, the démarches already counted) is in memory only and forgotten at its end.
 * A démarche opened twice in one visit (a retry, back from "Accueil") counts once.
 */
export function countingObserver(record: (event: CounterEvent) => void, themeOf: (tileId: string) => CoopTheme | null, clock: Pick<Clock, 'now'>): LogObserver {
  let visitStartedAt: number | null = null;
  let opened = new Set<string>();
  return (_level, event, fields) => {
    switch (event) {
      case 'visit-started':
        visitStartedAt = clock.now();
        opened = new Set();
        record({ kind: 'visit-started' });
        return;
      case 'session-ended': {
        // Staff mode ends with a wipe: staff mode alone ('staff') is no visit; a visit under it ends as the visitor's side ended it.
        if (fields.cause === 'staff') return;
        if (fields.cause === 'staff-ended-visit') fields = { ...fields, cause: 'visitor' };
        const cause = typeof fields.cause === 'string' && END_CAUSES.includes(fields.cause) ? (fields.cause as EndCause) : 'crash';
        const minutes = typeof fields.minutes === 'number' ? fields.minutes : 0;
        const seconds = visitStartedAt === null ? minutes * 60 : (clock.now() - visitStartedAt) / 1000;
        visitStartedAt = null;
        opened = new Set();
        record({ kind: 'visit-ended', cause, seconds });
        return;
      }
      case 'tile-opened': {
        const tileId = typeof fields.tile === 'string' ? fields.tile : null;
        if (tileId === null || opened.has(tileId)) return;
        opened.add(tileId);
        record({ kind: 'tile-opened', tileId, theme: themeOf(tileId) });
        return;
      }
      case 'memo-printed':
        record({ kind: 'memo-printed' });
        return;
      case 'memo-print-failed':
        if (!NOT_PRINTER_ERRORS.has(String(fields.problem))) record({ kind: 'printer-error' });
        return;
      case 'wipe-failed':
        record({ kind: 'wipe-failed' });
        return;
      default:
        return;
    }
  };
}
