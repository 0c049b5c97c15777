import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import {
  A4OutcomeWatch,
  a4PrinterAvailability,
  jobStateOf,
  neutralJobTitle,
  printerStateOf,
  staffLine,
  validCopies,
  type A4PrintOutcome,
  type A4PrinterAvailability,
  type CupsJobState,
  type CupsJobStatus,
} from '../../core/printing/a4-print';
import type { KioskLog } from '../../core/log';
import type { WipeStep } from '../../core/wipe/wipe-sequence';
import { attributeOf, describeServer, IPP_OPERATION, IPP_TAG, ippRequest, ippStatusText, sendIpp, type CupsServer, type IppMessage, type IppOutAttribute } from './ipp';

/** How long the wipe waits for CUPS to let go of a job the printer was on (the wipe's step has 10 s). */
export const PURGE_SETTLE_MS = 6_000;

/** Larger documents are refused before they reach CUPS (an attestation is a few hundred kB). */
export const MAX_PDF_BYTES = 30 * 1024 * 1024;

export type SubmitResult = { readonly ok: true; readonly jobId: number } | { readonly ok: false; readonly outcome: A4PrintOutcome; readonly staffMessage: string };

export interface SubmitRequest {
  /** The PDF in the visitor's folder (it stays there until the wipe). */
  readonly pdfPath: string;
  readonly copies: number;
  /** For tests and a "hold until a mediator releases it" station: CUPS keeps the job held. */
  readonly hold?: boolean;
}

/**
 * The station's A4 printer, one CUPS queue, for one visit. The visit's jobs
 * are found again in CUPS itself (not in the kiosk's memory: a restart
 * forgets nothing) by their owner, and cancelled and purged at the wipe, even
 * the ones the kiosk did not see finish.
 */
export class CupsA4Printer {
  private jobsSubmitted = 0;
  private requestId = 1;

  constructor(
    private readonly server: CupsServer,
    readonly queue: string,
    /**
     * The jobs' owner for CUPS: the kiosk's own account by default, so that on a stock
     * CUPS the wipe may cancel them (CUPS lets an owner cancel, once its local socket has
     * checked who is asking). A kiosk serves one visitor at a time, so every job of the
     * account is this visitor's or a previous one's: all of them are purged at the wipe.
     */
    readonly visitUser: string = kioskAccount(),
    private readonly log?: KioskLog,
  ) {}

  /** Whether CUPS has the queue (the panel says "Pas d'imprimante ici" otherwise). */
  async availability(): Promise<A4PrinterAvailability> {
    let queues: string[] | { error: string };
    try {
      queues = await listCupsQueues(this.server);
    } catch (error) {
      queues = { error: errorText(error) };
    }
    const result = a4PrinterAvailability(this.queue, queues);
    if (!result.available && result.staffMessage !== null) this.log?.warn('a4-printer-unavailable', { detail: result.staffMessage });
    return result;
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const copies = validCopies(request.copies);
    if (copies === null) return { ok: false, outcome: 'failed', staffMessage: `copies must be 1 to 3 (got ${String(request.copies)})` };
    let pdf: Buffer;
    try {
      pdf = await readPdf(request.pdfPath);
    } catch (error) {
      return { ok: false, outcome: 'failed', staffMessage: `A4 print: ${errorText(error)}` };
    }
    this.jobsSubmitted += 1;
    const jobAttributes: IppOutAttribute[] = [
      { name: 'copies', tag: IPP_TAG.integer, values: [copies] },
      { name: 'media', tag: IPP_TAG.keyword, values: ['iso_a4_210x297mm'] },
      ...(request.hold === true ? [{ name: 'job-hold-until', tag: IPP_TAG.keyword, values: ['indefinite'] }] : []),
    ];
    try {
      const answer = await this.call(
        IPP_OPERATION.printJob,
        [
          { name: 'printer-uri', tag: IPP_TAG.uri, values: [this.printerUri()] },
          { name: 'requesting-user-name', tag: IPP_TAG.name, values: [this.visitUser] },
          { name: 'job-name', tag: IPP_TAG.name, values: [neutralJobTitle(this.jobsSubmitted)] },
          { name: 'document-format', tag: IPP_TAG.mimeMediaType, values: ['application/pdf'] },
        ],
        [{ tag: IPP_TAG.job, attributes: jobAttributes }],
        pdf,
      );
      const jobId = Number(attributeOf(answer, IPP_TAG.job, 'job-id')[0] ?? NaN);
      if (!Number.isInteger(jobId)) throw new Error('CUPS accepted the job without a job-id');
      this.log?.info('a4-print-submitted', { queue: this.queue, job: jobId, copies, bytes: pdf.length });
      return { ok: true, jobId };
    } catch (error) {
      const staffMessage = `CUPS queue "${this.queue}" at ${describeServer(this.server)}: ${errorText(error)}`;
      this.log?.error('a4-print-refused', { detail: staffMessage });
      return { ok: false, outcome: /not-found|not-accepting|ECONNREFUSED|ENOENT/.test(staffMessage) ? 'offline' : 'failed', staffMessage };
    }
  }

  /** The job's and the printer's state, as CUPS has them now. */
  async status(jobId: number): Promise<CupsJobStatus> {
    const job = await this.call(IPP_OPERATION.getJobAttributes, [
      { name: 'printer-uri', tag: IPP_TAG.uri, values: [this.printerUri()] },
      { name: 'job-id', tag: IPP_TAG.integer, values: [jobId] },
      { name: 'requesting-user-name', tag: IPP_TAG.name, values: [this.visitUser] },
      { name: 'requested-attributes', tag: IPP_TAG.keyword, values: ['job-id', 'job-state', 'job-state-reasons'] },
    ]);
    const jobState = jobStateOf(Number(attributeOf(job, IPP_TAG.job, 'job-state')[0] ?? 0));
    if (jobState === null) throw new Error(`CUPS queue "${this.queue}" job ${jobId}: no job-state in the answer`);
    const jobReasons = attributeOf(job, IPP_TAG.job, 'job-state-reasons').map(String).filter((reason) => reason !== 'none');
    let printerState: CupsJobStatus['printerState'] = null;
    let printerReasons: string[] = [];
    try {
      const printer = await this.call(IPP_OPERATION.getPrinterAttributes, [
        { name: 'printer-uri', tag: IPP_TAG.uri, values: [this.printerUri()] },
        { name: 'requested-attributes', tag: IPP_TAG.keyword, values: ['printer-state', 'printer-state-reasons'] },
      ]);
      printerState = printerStateOf(Number(attributeOf(printer, IPP_TAG.printer, 'printer-state')[0] ?? 0));
      printerReasons = attributeOf(printer, IPP_TAG.printer, 'printer-state-reasons').map(String).filter((reason) => reason !== 'none');
    } catch {
      // The job's state alone still says something; the staff line says the printer's is unknown.
    }
    return { queue: this.queue, jobId, jobState, jobReasons, printerState, printerReasons };
  }

  /**
   * Asks until the job is printed or in trouble (a trouble that lasts: see
   * A4OutcomeWatch), or `timeoutMs` passes (then "printing": the panel keeps
   * saying so). Logs the CUPS state for staff: the queue, the job's state, the
   * printer's reasons (`reasons`) and CUPS's words in one line (`detail`).
   */
  async waitForOutcome(jobId: number, timeoutMs = 60_000, pollMs = 500): Promise<{ outcome: A4PrintOutcome; status: CupsJobStatus }> {
    const deadline = Date.now() + timeoutMs;
    // A printer's reasons may be a moment's or a previous job's: the watch waits for them to last.
    const watch = new A4OutcomeWatch();
    for (;;) {
      const status = await this.status(jobId);
      const outcome = watch.observe(status, Date.now());
      if (outcome !== 'printing' || Date.now() >= deadline) {
        const reasons = status.printerReasons.length > 0 ? status.printerReasons.join(',') : 'none';
        const fields = { queue: this.queue, job: jobId, state: status.jobState, reasons, detail: staffLine(status) };
        if (outcome === 'printed' || outcome === 'printing') this.log?.info('a4-print-state', fields);
        else this.log?.warn('a4-print-state', fields);
        return { outcome, status };
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Every job of this visit that CUPS still knows (pending, held, done: its history too). */
  async visitJobs(): Promise<Array<{ jobId: number; jobState: CupsJobState | null }>> {
    const answer = await this.call(IPP_OPERATION.getJobs, [
      { name: 'printer-uri', tag: IPP_TAG.uri, values: [this.printerUri()] },
      { name: 'requesting-user-name', tag: IPP_TAG.name, values: [this.visitUser] },
      { name: 'which-jobs', tag: IPP_TAG.keyword, values: ['all'] },
      { name: 'my-jobs', tag: IPP_TAG.boolean, values: [true] },
      { name: 'requested-attributes', tag: IPP_TAG.keyword, values: ['job-id', 'job-state', 'job-originating-user-name'] },
    ]);
    return answer.groups
      .filter((group) => group.tag === IPP_TAG.job)
      .filter((group) => String(group.attributes.get('job-originating-user-name')?.[0] ?? this.visitUser) === this.visitUser)
      .map((group) => ({ jobId: Number(group.attributes.get('job-id')?.[0] ?? NaN), jobState: jobStateOf(Number(group.attributes.get('job-state')?.[0] ?? 0)) }))
      .filter((job) => Number.isInteger(job.jobId));
  }

  /**
   * The wipe: every job of this visit is cancelled if it has not printed, and
   * purged (its spooled copy and its history leave CUPS). Returns what was
   * purged and what could not be (the wipe reports it: the station goes out of order).
   *
   * A job the printer is on (a backend waiting for paper) is not gone at once:
   * CUPS stops its backend, then writes the cancelled job back to its history
   * (its control file, with the job's title and owner). So the jobs are listed
   * again until none is left, and a cancelled one still listed is purged again;
   * one still there after `settleMs` is a failure.
   */
  async purgeVisit(settleMs = PURGE_SETTLE_MS): Promise<{ purged: number[]; failed: Array<{ jobId: number; problem: string }> }> {
    const deadline = Date.now() + settleMs;
    const asked = new Set<number>();
    const problems = new Map<number, string>();
    for (let round = 0; ; round += 1) {
      let jobs: Awaited<ReturnType<CupsA4Printer['visitJobs']>>;
      try {
        jobs = await this.visitJobs();
      } catch (error) {
        const problem = `CUPS queue "${this.queue}": cannot list the visit's jobs (${errorText(error)})`;
        if (round === 0) return { purged: [], failed: [{ jobId: 0, problem }] };
        problems.set(0, problem);
        break;
      }
      const left = jobs.filter((job) => !problems.has(job.jobId));
      if (left.length === 0) break;
      if (Date.now() >= deadline) {
        for (const job of left) problems.set(job.jobId, `CUPS queue "${this.queue}" job ${job.jobId}: still in CUPS (${job.jobState ?? 'unknown state'}) after it was cancelled and purged`);
        break;
      }
      for (const job of left) {
        // Asked already and still stopping: wait for CUPS to finish it, then purge its history.
        if (asked.has(job.jobId) && !ended(job.jobState)) continue;
        asked.add(job.jobId);
        try {
          await this.cancelAndPurge(job.jobId);
        } catch (error) {
          problems.set(job.jobId, `CUPS queue "${this.queue}" job ${job.jobId}: ${errorText(error)}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const purged = [...asked].filter((jobId) => !problems.has(jobId));
    const failed = [...problems].map(([jobId, problem]) => ({ jobId, problem }));
    this.log?.info('a4-print-purged', { queue: this.queue, purged: purged.length, failed: failed.length });
    return { purged, failed };
  }

  private async cancelAndPurge(jobId: number): Promise<void> {
    await this.call(IPP_OPERATION.cancelJob, [
      { name: 'printer-uri', tag: IPP_TAG.uri, values: [this.printerUri()] },
      { name: 'job-id', tag: IPP_TAG.integer, values: [jobId] },
      { name: 'requesting-user-name', tag: IPP_TAG.name, values: [this.visitUser] },
      { name: 'purge-job', tag: IPP_TAG.boolean, values: [true] },
    ], [], undefined, true);
  }

  /**
   * The wipe's step: the visit's jobs leave CUPS. A failure fails the wipe (the
   * station goes out of order) — except when this visit printed nothing and CUPS
   * cannot be reached: then nothing of this visitor can be there.
   */
  wipeStep(): WipeStep {
    return {
      name: 'a4-print-jobs',
      run: async () => {
        const { failed } = await this.purgeVisit();
        const unreachable = failed.length === 1 && failed[0]?.jobId === 0;
        if (unreachable && this.jobsSubmitted === 0) {
          this.log?.warn('a4-print-purge-skipped', { queue: this.queue, detail: failed[0]?.problem ?? '' });
          return;
        }
        if (failed.length > 0) throw new Error(failed.map((failure) => failure.problem).join('; '));
      },
    };
  }

  private printerUri(): string {
    return `ipp://localhost/printers/${encodeURIComponent(this.queue)}`;
  }

  /**
   * `asOwner`: the request proves who is asking, as the CUPS clients do on the local
   * socket ("PeerCred": cupsd checks the connecting process's user itself); the stock
   * policy asks it for Cancel-Job.
   */
  private async call(operation: number, attributes: IppOutAttribute[], groups: Parameters<typeof ippRequest>[3] = [], data?: Uint8Array, asOwner = false): Promise<IppMessage> {
    const id = this.requestId++;
    const resource = operation === IPP_OPERATION.getJobs || operation === IPP_OPERATION.printJob || operation === IPP_OPERATION.getPrinterAttributes ? `/printers/${encodeURIComponent(this.queue)}` : '/jobs/';
    const authorization = asOwner && 'socketPath' in this.server ? `PeerCred ${kioskAccount()}` : undefined;
    const answer = await sendIpp(this.server, resource, ippRequest(operation, id, attributes, groups, data), 15_000, authorization);
    if (answer.code >= 0x0100) {
      const message = attributeOf(answer, IPP_TAG.operation, 'status-message')[0];
      throw new Error(`${ippStatusText(answer.code)}${message === undefined ? '' : ` (${String(message)})`}`);
    }
    return answer;
  }
}

/** The queue names CUPS has (CUPS-Get-Printers). */
export async function listCupsQueues(server: CupsServer): Promise<string[]> {
  const answer = await sendIpp(server, '/', ippRequest(IPP_OPERATION.cupsGetPrinters, 1, [{ name: 'requested-attributes', tag: IPP_TAG.keyword, values: ['printer-name'] }]));
  if (answer.code >= 0x0100 && answer.code !== 0x0406) throw new Error(ippStatusText(answer.code));
  return answer.groups.filter((group) => group.tag === IPP_TAG.printer).flatMap((group) => (group.attributes.get('printer-name') ?? []).map(String));
}

/** The account the kiosk runs under (`borne` on a station). */
export function kioskAccount(): string {
  return userInfo().username;
}

/** A name of its own for a test or a shared station's visit (never the default: see `visitUser`). */
export function newVisitUser(): string {
  return `borne-${randomBytes(6).toString('hex')}`;
}

/** The visitor's PDF, read without following a symbolic link, checked to be a PDF of a sane size. */
async function readPdf(path: string): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    if (info.size > MAX_PDF_BYTES) throw new Error(`${path} is ${info.size} bytes (limit ${MAX_PDF_BYTES})`);
    const bytes = await handle.readFile();
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${path} is not a PDF`);
    return bytes;
  } finally {
    await handle.close();
  }
}

function ended(state: CupsJobState | null): boolean {
  return state === 'canceled' || state === 'aborted' || state === 'completed';
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
