/**
 * Printing a document the site gave (an attestation, a récépissé) on the
 * station's A4 printer, through CUPS: what the visitor may ask (1 to 3
 * copies), and what a CUPS job's state means for them. The adapter
 * (main/node/cups/) reads the states; this file turns them into one plain
 * message key for the visitor and one precise line for the staff log.
 */

export const MIN_COPIES = 1;
export const MAX_COPIES = 3;

/** A number of copies the visitor may choose, or null. */
export function validCopies(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_COPIES && value <= MAX_COPIES ? value : null;
}

/** IPP job-state (RFC 8011 §5.3.7), by its enum value 3–9. */
export const JOB_STATES = { 3: 'pending', 4: 'held', 5: 'processing', 6: 'stopped', 7: 'canceled', 8: 'aborted', 9: 'completed' } as const;
export type CupsJobState = (typeof JOB_STATES)[keyof typeof JOB_STATES];

/** IPP printer-state (RFC 8011 §5.4.12), by its enum value 3–5. */
export const PRINTER_STATES = { 3: 'idle', 4: 'processing', 5: 'stopped' } as const;
export type CupsPrinterState = (typeof PRINTER_STATES)[keyof typeof PRINTER_STATES];

export function jobStateOf(value: number): CupsJobState | null {
  return (JOB_STATES as Record<number, CupsJobState>)[value] ?? null;
}
export function printerStateOf(value: number): CupsPrinterState | null {
  return (PRINTER_STATES as Record<number, CupsPrinterState>)[value] ?? null;
}

export interface CupsJobStatus {
  readonly queue: string;
  readonly jobId: number;
  readonly jobState: CupsJobState;
  /** job-state-reasons keywords, e.g. job-completed-successfully, job-hold-until-specified. */
  readonly jobReasons: readonly string[];
  readonly printerState: CupsPrinterState | null;
  /** printer-state-reasons keywords, e.g. media-empty-error, offline-report, paused. */
  readonly printerReasons: readonly string[];
}

/**
 * What the visitor is told. `printing` is not final: the kiosk asks again.
 * The texts live in the UI catalogues under `a4print.<outcome>`; French:
 * - printed: « Imprimé — prenez votre feuille »
 * - printing: « Impression en cours… »
 * - out-of-paper: « L'imprimante n'a plus de papier — un conseiller va vous aider »
 * - offline: « L'imprimante ne répond pas — un conseiller va vous aider »
 * - failed: « L'impression n'a pas pu se faire — un conseiller va vous aider »
 * - no-printer: « Pas d'imprimante ici »
 */
export type A4PrintOutcome = 'printed' | 'printing' | 'out-of-paper' | 'offline' | 'failed' | 'no-printer';

export function visitorMessageKey(outcome: A4PrintOutcome): `a4print.${A4PrintOutcome}` {
  return `a4print.${outcome}`;
}

const OUT_OF_PAPER = /^(media-empty|media-needed|input-tray-missing)(-error|-warning|-report)?$/;
const OFFLINE = /^(offline|connecting-to-device|timed-out|shutdown|cups-missing-filter|cups-insecure-filter|paused)(-error|-warning|-report)?$/;

/** True when a reason says something is wrong, not just informs (`-report` alone is a report). */
function blocking(reason: string): boolean {
  return !reason.endsWith('-report') || reason === 'offline-report';
}

/**
 * The visitor's outcome for a job. CUPS "completed" means every page went to
 * the printer (what CUPS can know); paper and connection troubles are read
 * from the printer's reasons while the job waits or stops.
 */
export function a4PrintOutcome(status: CupsJobStatus): A4PrintOutcome {
  const printerReasons = status.printerReasons.filter(blocking);
  switch (status.jobState) {
    case 'completed':
      return 'printed';
    case 'canceled':
    case 'aborted':
      return printerReasons.some((reason) => OUT_OF_PAPER.test(reason)) ? 'out-of-paper' : 'failed';
    case 'pending':
    case 'held':
    case 'processing':
    case 'stopped':
      if (printerReasons.some((reason) => OUT_OF_PAPER.test(reason))) return 'out-of-paper';
      if (status.jobState === 'stopped' || status.printerState === 'stopped' || printerReasons.some((reason) => OFFLINE.test(reason))) return 'offline';
      return 'printing';
    default: {
      const unknown: never = status.jobState;
      return unknown;
    }
  }
}

/**
 * How long a trouble must last, while CUPS still works on the job, before the
 * visitor is told: a printer's reasons are not all about this job. CUPS's network
 * backends (ipp, socket) say "connecting-to-device" for a moment at every job, and
 * CUPS keeps the reasons a backend set after its job ends (the last visitor's
 * "media-empty-error" is still there when paper is back, until the next job's
 * backend asks the printer again). Read at once, both tell the next visitor of a
 * trouble that is not there.
 */
export const TROUBLE_SETTLE_MS = 5_000;
/** A printer waking from sleep may take several seconds to answer: "connecting" alone waits longer. */
export const CONNECTING_SETTLE_MS = 15_000;

/**
 * Follows one job's states, as the kiosk polls them, to the outcome the visitor
 * is told. A trouble is said at once when CUPS has stopped (the queue or the job
 * is stopped, the job ended): nothing will print until staff act. While the printer
 * still works on the job, the trouble must last (TROUBLE_SETTLE_MS) first; until
 * then the visitor reads "printing". Pure: the caller gives the time.
 */
export class A4OutcomeWatch {
  private trouble: { readonly outcome: A4PrintOutcome; readonly since: number } | null = null;

  observe(status: CupsJobStatus, nowMs: number): A4PrintOutcome {
    const outcome = a4PrintOutcome(status);
    if (outcome !== 'out-of-paper' && outcome !== 'offline') {
      this.trouble = null;
      return outcome;
    }
    if (cupsHasStopped(status)) return outcome;
    if (this.trouble?.outcome !== outcome) this.trouble = { outcome, since: nowMs };
    return nowMs - this.trouble.since >= settleMs(outcome, status) ? outcome : 'printing';
  }
}

function cupsHasStopped(status: CupsJobStatus): boolean {
  return status.printerState === 'stopped' || status.jobState === 'stopped' || status.jobState === 'canceled' || status.jobState === 'aborted';
}

function settleMs(outcome: A4PrintOutcome, status: CupsJobStatus): number {
  const troubles = status.printerReasons.filter(blocking);
  return outcome === 'offline' && troubles.length > 0 && troubles.every((reason) => reason === 'connecting-to-device') ? CONNECTING_SETTLE_MS : TROUBLE_SETTLE_MS;
}

/** One line for the staff log: the queue, the job and CUPS's own words (no document name). */
export function staffLine(status: CupsJobStatus): string {
  const jobReasons = status.jobReasons.length > 0 ? status.jobReasons.join(',') : 'none';
  const printer = status.printerState === null ? 'printer state unknown' : `printer ${status.printerState} (${status.printerReasons.length > 0 ? status.printerReasons.join(',') : 'none'})`;
  return `CUPS queue "${status.queue}" job ${status.jobId}: ${status.jobState} (${jobReasons}); ${printer}`;
}

/** Whether the station can print A4 documents, and what to say when not. */
export type A4PrinterAvailability =
  | { readonly available: true; readonly queue: string }
  | { readonly available: false; readonly outcome: 'no-printer'; readonly staffMessage: string | null };

/**
 * `configuredQueue` comes from the station file (documents.a4Printer.queue);
 * `queues` is what CUPS has. Not configured: the station has no A4 printer
 * (nothing to tell staff). Configured but absent: the visitor is told the
 * same, and staff are told which queue is missing.
 */
export function a4PrinterAvailability(configuredQueue: string | undefined, queues: readonly string[] | { readonly error: string }): A4PrinterAvailability {
  if (configuredQueue === undefined) return { available: false, outcome: 'no-printer', staffMessage: null };
  if (!Array.isArray(queues)) {
    return { available: false, outcome: 'no-printer', staffMessage: `documents.a4Printer.queue "${configuredQueue}": CUPS cannot be reached (${(queues as { error: string }).error})` };
  }
  const list = queues as readonly string[];
  if (!list.includes(configuredQueue)) {
    return {
      available: false,
      outcome: 'no-printer',
      staffMessage: `documents.a4Printer.queue "${configuredQueue}": CUPS has no such queue (queues: ${list.length > 0 ? list.join(', ') : 'none'})`,
    };
  }
  return { available: true, queue: configuredQueue };
}

/**
 * The title CUPS records for the job: never the document's own name (it may
 * carry the visitor's name or number), a neutral word and the visit's job number.
 */
export function neutralJobTitle(jobNumberInVisit: number): string {
  return `Borne - document ${jobNumberInVisit}`;
}
