/**
 * The receipt printer on a serial port, Node side. This file only moves bytes
 * and keeps time: what the bytes mean (status requests, replies, staff
 * messages) is decided in main/core/printer/status.ts.
 *
 * - The port is opened at start and, while it is absent (USB-serial adapter
 *   unplugged, printer not yet connected), again every `reconnectMs`.
 * - A job: status first (nothing is sent to a printer without paper), then the
 *   bytes in chunks, each one waited for, then GS r 1, whose reply means the
 *   printer has processed everything before it.
 * - Every reply is a single byte with no request id, so replies are told apart
 *   by their fixed bits and handed to whoever waits for that kind, oldest first.
 */
import { EventEmitter } from 'node:events';
import { getSystemErrorMap } from 'node:util';
import { SerialPort } from 'serialport';
import { COMPLETION_MARKER, describeForStaff, describeNotAPrinter, interpretStatus, isReplyTo, kindOfByte, NOISE_SAMPLE, statusRequest } from '../core/printer/status';
import type { PortNoise, PrinterStatus, Problem } from '../core/printer/status';

export interface SerialPrinterOptions {
  /** `/dev/ttyUSB0`, `/dev/serial/by-id/…`, `COM3`. */
  path: string;
  baudRate: number;
  flowControl: 'none' | 'rtscts' | 'xonxoff';
  /** How long to wait for each DLE EOT reply. Default 1500 ms. */
  statusTimeoutMs?: number;
  /** Deadline from the first byte of a job to the GS r reply. Default: 5 s plus twice the transmission time at `baudRate`. */
  completionTimeoutMs?: number;
  /** Bytes written before waiting for them to leave. Default 256. */
  chunkSize?: number;
  /** Delay between attempts to open an absent port. Default 2000 ms. */
  reconnectMs?: number;
}

/** What queryStatus says when there is no port to ask. */
export interface UnpluggedStatus {
  problem: 'unplugged';
  replies: Partial<Record<1 | 2 | 3 | 4, never>>;
  paperNearEnd: false;
}

/**
 * What queryStatus says when the port answers, but not as a printer does: bytes
 * nobody asked for, or a byte that is no reply to the request just sent (random
 * bytes, a GPS receiver's NMEA text, an echo, a wrong serial speed). None of it is
 * read as a status: the visitor is never told "no paper" by a device that is no printer.
 */
export interface NotAPrinterStatus {
  problem: 'not-a-printer';
  replies: Partial<Record<1 | 2 | 3 | 4, number>>;
  paperNearEnd: false;
  noise: PortNoise;
}

export type StatusReport = PrinterStatus | UnpluggedStatus | NotAPrinterStatus;

export type PrintOutcome =
  | { ok: true; ms: number; bytes: number }
  | { ok: false; problem: Problem | 'unplugged' | 'busy' | 'not-configured' | 'not-a-printer'; staffMessage: string };

type ReplyKind = 'status' | 'marker';
/** `garbled`: the port sent something that is no reply to the question asked. */
type Reply = number | 'timeout' | 'unplugged' | 'garbled';

interface Waiter {
  /** For status replies: the n of the DLE EOT n asked. */
  request?: 1 | 2 | 3 | 4;
  settle(reply: Reply): void;
}

/**
 * Bytes between two status exchanges that answer nothing (after XON/XOFF, automatic
 * status reports and late replies are set aside) from which the port is taken for
 * something else than a printer. A printer sends nothing unasked; a power-on glitch is
 * a byte or two; a GPS or a wrong speed sends far more.
 */
const UNASKED_BYTES_LIMIT = 3;
/** After the fourth reply, how long the line must stay quiet for the replies to be believed. */
const QUIET_AFTER_REPLIES_MS = 20;

/** For staff: what a status report says, for every kind of report. */
export function describeReport(device: string, status: StatusReport, unavailable: string): string {
  if (status.problem === 'unplugged') return unavailable;
  if (status.problem === 'not-a-printer') return describeNotAPrinter(device, status.noise);
  return describeForStaff(device, status);
}

/** Between two status checks while a job waits for its GS r reply. */
const JOB_WATCH_MS = 1000;

export const unpluggedStatus = (): UnpluggedStatus => ({ problem: 'unplugged', replies: {}, paperNearEnd: false });

const notAPrinter = (replies: Partial<Record<1 | 2 | 3 | 4, number>>, noise: PortNoise): NotAPrinterStatus => ({
  problem: 'not-a-printer',
  replies,
  paperNearEnd: false,
  noise,
});

/** Promise.race with a timer that is cleared as soon as the race is decided, so no timer outlives a job. */
function raceTimeout<T, U>(promise: Promise<T>, ms: number, onTimeout: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<U>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** While a write waits for the port, how often its wake-up is re-armed (see rearmPoller). */
const REARM_MS = 100;

/**
 * serialport 13 on Linux and macOS waits for a busy port with one uv_poll per
 * port, and re-arms it with only the newest interest (bindings-cpp
 * src/poller.cpp, `uv_poll_start(handle, events, …)` instead of the
 * accumulated `this->events`). A byte arriving while a write waits (a status
 * reply, a printer's XON) re-arms it for reading only, and the write is never
 * woken: the job hangs. Re-arming for both, from time to time while a write
 * is pending, restores the lost wake-up. The poller is internal: reached with
 * care, and only while the port is open (closing it frees the poller).
 */
function rearmPoller(port: SerialPort): void {
  const binding = port.port as unknown as { isOpen?: boolean; poller?: { poll?: (flags: number) => void } } | undefined;
  if (!port.isOpen || binding?.isOpen !== true || typeof binding.poller?.poll !== 'function') return;
  const UV_READABLE = 1;
  const UV_WRITABLE = 2;
  try {
    binding.poller.poll(UV_READABLE | UV_WRITABLE);
  } catch {
    // Closed in the meantime: the 'close' event handles the rest.
  }
}

/** Writes bytes (never a string: it would go out as UTF-8); resolves once the system has taken them. */
function writeBytes(port: SerialPort, bytes: Buffer): Promise<'ok' | 'unplugged'> {
  return new Promise<'ok' | 'unplugged'>((resolve) => {
    const rearm = setInterval(() => rearmPoller(port), REARM_MS);
    port.write(bytes, (error) => {
      clearInterval(rearm);
      resolve(error ? 'unplugged' : 'ok');
    });
  });
}

/**
 * serialport's open errors carry no `code`, only strerror's text ("Error: No
 * such file or directory, cannot open /dev/ttyUSB0"); staff need the short
 * code they can search for.
 */
const STRERROR_CODES: readonly (readonly [string, string])[] = [
  ['ENOENT', 'no such file or directory'],
  ['EACCES', 'permission denied'],
  ['EBUSY', 'device or resource busy'],
  ['EAGAIN', 'resource temporarily unavailable'],
  ['ENODEV', 'no such device'],
  ['ENXIO', 'no such device or address'],
  ['EIO', 'input/output error'],
  ['ENOTTY', 'inappropriate ioctl for device'],
  ['ENOTDIR', 'not a directory'],
  ['EPERM', 'operation not permitted'],
];

export function openErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  const message = (error instanceof Error ? error.message : String(error)).toLowerCase();
  // Longest text first: "no such device or address" must not be read as "no such device".
  const known = [...STRERROR_CODES].sort((a, b) => b[1].length - a[1].length).find(([, text]) => message.includes(text));
  if (known !== undefined) return known[0];
  for (const [name, text] of getSystemErrorMap().values()) {
    if (message.includes(text.toLowerCase())) return name;
  }
  return message.replace(/^error:\s*/, '').slice(0, 80);
}

export class SerialPrinter extends EventEmitter {
  private readonly path: string;
  private readonly statusTimeoutMs: number;
  private readonly chunkSize: number;
  private readonly reconnectMs: number;

  private port: SerialPort | null = null;
  private opening = false;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Why there is no port, for staff: "cannot open (ENOENT)" or "unplugged (the port closed)". */
  private unavailable: string;

  private readonly waiting: Record<ReplyKind, Waiter[]> = { status: [], marker: [] };
  /** Bytes 2–4 of an automatic status report still to skip: they look like GS r replies. */
  private asbRemaining = 0;
  /** The report's bytes so far: if it is cut short, they were noise. */
  private asbBytes: number[] = [];
  /** DLE EOT requests that timed out, whose late replies must not answer the next question. */
  private owedStatusReplies = 0;
  private owedUntil = 0;
  /** GS r requests whose job stopped waiting: their late reply is dropped, not taken for noise. */
  private owedMarkerReplies = 0;
  /** Bytes that answered nothing, since the current status exchange began (or the last one ended). */
  private noise: PortNoise = { count: 0, first: [] };

  /** Status exchanges and a job's writing never interleave: a DLE EOT inside raster data would corrupt the image. */
  private exclusiveChain: Promise<unknown> = Promise.resolve();
  private jobRunning = false;

  private pollTimer: NodeJS.Timeout | null = null;
  private pollMs: number | null = null;
  private lastStatus: StatusReport | null = null;
  private lastStatusKey = '';

  constructor(private readonly options: SerialPrinterOptions) {
    super();
    this.path = options.path;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1500;
    this.chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 256));
    this.reconnectMs = options.reconnectMs ?? 2000;
    this.unavailable = `${this.path}: not opened yet`;
  }

  /** Opens the port, or keeps trying in the background: the printer may be plugged in later. Never rejects. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unavailable = `${this.path}: stopped`;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.pollMs = null;
    const port = this.port;
    if (port === null) return;
    await new Promise<void>((resolve) => {
      if (!port.isOpen) {
        resolve();
        return;
      }
      port.close(() => resolve());
    });
    // The 'close' event may come after the callback; settle everything now so stop() leaves nothing pending.
    this.onClose(port);
  }

  get connected(): boolean {
    return this.port !== null;
  }

  /**
   * DLE EOT 1 to 4, one after the other. A printer that does not answer is
   * offline (a powered-off RS-232 printer is invisible otherwise). While a job
   * runs, the last known status is returned instead of asking: the job is
   * already watching, and a question in its stream would only be answered late.
   */
  async queryStatus(): Promise<StatusReport> {
    if (this.jobRunning && this.lastStatus !== null) return this.lastStatus;
    const { status } = await this.exclusive(() => this.askStatus());
    this.report(status);
    return status;
  }

  /** Never throws for printer problems: every failure is an outcome with a message for staff. */
  async print(bytes: Uint8Array): Promise<PrintOutcome> {
    if (this.jobRunning) return { ok: false, problem: 'busy', staffMessage: `${this.path}: busy (another job is printing)` };
    this.jobRunning = true;
    try {
      return await this.runJob(bytes);
    } catch (error) {
      // Only a bug gets here (serialport reports its failures through callbacks); the kiosk still gets an answer.
      return { ok: false, problem: 'offline', staffMessage: `${this.path}: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      // A job that ended without its GS r reply stops waiting for it, or the next job's reply would go to it.
      for (const waiter of [...this.waiting.marker]) waiter.settle('timeout');
      this.jobRunning = false;
    }
  }

  /** Asks the status every `intervalMs` (not during a job) and emits 'status' when it changes. */
  startPolling(intervalMs: number): void {
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollMs = intervalMs;
    this.schedulePoll(0);
  }

  stopPolling(): void {
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.pollMs = null;
  }

  // --- the job -------------------------------------------------------------

  private async runJob(bytes: Uint8Array): Promise<PrintOutcome> {
    const started = Date.now();
    const before = await this.exclusive(() => this.askStatus());
    this.report(before.status);
    if (before.status.problem === 'unplugged') return this.unpluggedOutcome();
    if (before.status.problem !== null) return { ok: false, problem: before.status.problem, staffMessage: this.describe(before.status) };

    const port = this.port;
    if (port === null) return this.unpluggedOutcome();
    const budgetMs = this.options.completionTimeoutMs ?? 5000 + ((bytes.length * 10) / this.options.baudRate) * 1000 * 2;
    const deadline = Date.now() + budgetMs;

    const written = await this.exclusive(async () => {
      for (let offset = 0; offset < bytes.length; offset += this.chunkSize) {
        // A copy: the caller may reuse its array while serialport still holds the chunk.
        const chunk = Buffer.from(bytes.subarray(offset, offset + this.chunkSize));
        const result = await raceTimeout(this.writeAndDrain(port, chunk), deadline - Date.now(), 'timeout' as const);
        if (result !== 'ok') return { result, sent: offset, marker: null };
      }
      // Listen before asking: on a fast link the reply can come before write's callback.
      const marker = this.expect('marker', deadline - Date.now());
      void writeBytes(port, Buffer.from(COMPLETION_MARKER));
      return { result: 'ok' as const, sent: bytes.length, marker };
    });

    if (written.result === 'unplugged') return this.unpluggedOutcome();
    if (written.marker === null) {
      // The printer stopped taking data (flow control holds the line: paper out, cover open, switched off).
      const after = await this.statusAfterFailure();
      if (after.problem === 'unplugged') return this.unpluggedOutcome();
      const stalled = `the printer stopped accepting data after ${written.sent} of ${bytes.length} bytes`;
      return { ok: false, problem: after.problem ?? 'offline', staffMessage: `${this.describe(after)}; ${stalled}` };
    }

    const ending = await this.waitForCompletion(written.marker);
    if (ending.kind === 'done') return { ok: true, ms: Date.now() - started, bytes: bytes.length };
    if (ending.kind === 'unplugged') return this.unpluggedOutcome();
    if (ending.kind === 'problem') {
      if (ending.status.problem === 'unplugged') return this.unpluggedOutcome();
      return { ok: false, problem: ending.status.problem ?? 'offline', staffMessage: `${this.describe(ending.status)}; the job did not finish` };
    }
    const after = await this.statusAfterFailure();
    if (after.problem === 'unplugged') return this.unpluggedOutcome();
    const unconfirmed = `the job was not confirmed (no reply to GS r 1 within ${Math.round(budgetMs)} ms)`;
    return { ok: false, problem: after.problem ?? 'offline', staffMessage: `${this.describe(after)}; ${unconfirmed}` };
  }

  private describe(status: StatusReport): string {
    return describeReport(this.path, status, this.unavailable);
  }

  /**
   * Waits for the GS r reply and, meanwhile, asks the status every second so
   * that paper running out mid-job is reported at once rather than at the
   * deadline. A real printer answers DLE EOT in real time even while busy; one
   * that does not (its buffer is full) gets no more questions during this job.
   */
  private async waitForCompletion(
    marker: Promise<Reply>,
  ): Promise<{ kind: 'done' } | { kind: 'unplugged' } | { kind: 'timeout' } | { kind: 'problem'; status: StatusReport }> {
    let finished = false;
    let watchTimer: NodeJS.Timeout | undefined;
    const watch = new Promise<StatusReport>((resolve) => {
      const check = async (): Promise<void> => {
        if (finished) return;
        const { status, complete } = await this.exclusive(() => this.askStatus());
        if (finished) return;
        if (status.problem === 'unplugged' || (complete && status.problem !== null)) {
          resolve(status);
          return;
        }
        if (complete) watchTimer = setTimeout(() => void check(), JOB_WATCH_MS);
      };
      watchTimer = setTimeout(() => void check(), JOB_WATCH_MS);
    });
    try {
      const first = await Promise.race([marker.then((reply) => ({ reply })), watch.then((status) => ({ status }))]);
      if ('status' in first) return { kind: 'problem', status: first.status };
      if (first.reply === 'unplugged') return { kind: 'unplugged' };
      if (first.reply === 'timeout') return { kind: 'timeout' };
      return { kind: 'done' };
    } finally {
      finished = true;
      clearTimeout(watchTimer);
    }
  }

  /** After a stalled or unconfirmed job: what does the printer say now (silence = offline)? */
  private async statusAfterFailure(): Promise<StatusReport> {
    const { status } = await this.exclusive(() => this.askStatus());
    this.report(status);
    return status;
  }

  private unpluggedOutcome(): PrintOutcome {
    return { ok: false, problem: 'unplugged', staffMessage: this.unavailable };
  }

  private writeAndDrain(port: SerialPort, chunk: Buffer): Promise<'ok' | 'unplugged'> {
    // drain() waits until the operating system has sent the bytes (tcdrain): with
    // flow control, that is when the printer accepted them, so at most one chunk
    // waits in the system while the printer is busy.
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: 'ok' | 'unplugged'): void => {
        if (done) return;
        done = true;
        port.off('close', onClose);
        resolve(result);
      };
      // A listener per chunk, removed after it: serialport's callbacks normally report a close, this makes sure.
      const onClose = (): void => finish('unplugged');
      port.once('close', onClose);
      void writeBytes(port, chunk).then((written) => {
        if (written !== 'ok') finish(written);
        else port.drain((error) => finish(error ? 'unplugged' : 'ok'));
      });
    });
  }

  // --- status ----------------------------------------------------------------

  /** Must run inside exclusive(). `complete` is false when the printer stopped answering. */
  private async askStatus(): Promise<{ status: StatusReport; complete: boolean }> {
    const port = this.port;
    if (port === null) return { status: unpluggedStatus(), complete: true };
    await this.settleOwedReplies();
    // Bytes that came unasked since the last exchange: a printer sends none.
    const unasked = this.takeNoise();
    if (unasked.count >= UNASKED_BYTES_LIMIT) return { status: notAPrinter({}, unasked), complete: true };
    const replies: Partial<Record<1 | 2 | 3 | 4, number>> = {};
    for (const n of [1, 2, 3, 4] as const) {
      const reply = this.expect('status', this.statusTimeoutMs, n);
      // Not awaited: a port held by flow control must not hold the question past its timeout.
      void writeBytes(port, Buffer.from(statusRequest(n)));
      const answer = await reply;
      if (answer === 'unplugged') return { status: unpluggedStatus(), complete: true };
      if (answer === 'garbled') return { status: notAPrinter(replies, this.takeNoise()), complete: true };
      if (answer === 'timeout') {
        // An automatic status report cut short by the silence (an echo of DLE EOT looks like one) was noise.
        if (this.asbRemaining > 0) this.dropPartialReport();
        if (this.noise.count > 0) return { status: notAPrinter(replies, this.takeNoise()), complete: true };
        // One silence is enough to know: asking the rest would only multiply the wait.
        const status = interpretStatus(replies);
        // A printer that answered some questions and then went silent is not "ready".
        return { status: status.problem === null ? { ...status, problem: 'offline' } : status, complete: false };
      }
      replies[n] = answer;
    }
    // A printer says nothing after its fourth reply; a device that only seemed to answer goes on talking.
    await delay(QUIET_AFTER_REPLIES_MS);
    // Bytes that came during the exchange but answered none of its questions: the replies are not to be believed.
    if (this.noise.count > 0) return { status: notAPrinter(replies, this.takeNoise()), complete: true };
    return { status: interpretStatus(replies), complete: true };
  }

  private takeNoise(): PortNoise {
    const noise = this.noise;
    this.noise = { count: 0, first: [] };
    return noise;
  }

  /** A byte that answers nothing: counted, and a question waiting for a reply gets this instead of a status. */
  private stray(byte: number): void {
    this.noise.count += 1;
    if (this.noise.first.length < NOISE_SAMPLE) this.noise.first.push(byte);
    this.waiting.status[0]?.settle('garbled');
  }

  private dropPartialReport(): void {
    const bytes = this.asbBytes;
    this.asbRemaining = 0;
    this.asbBytes = [];
    for (const byte of bytes) this.stray(byte);
  }

  /**
   * A DLE EOT that timed out may still be answered (a busy printer answers
   * late). Before asking again, give such a reply a moment to arrive and drop
   * it, so it cannot pass for the answer to the next question.
   */
  private async settleOwedReplies(): Promise<void> {
    while (this.owedStatusReplies > 0 && Date.now() < this.owedUntil && this.port !== null) await delay(10);
    this.owedStatusReplies = 0;
  }

  private report(status: StatusReport): void {
    this.lastStatus = status;
    const key = `${status.problem ?? 'ready'}/${status.paperNearEnd}`;
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.emit('status', status);
  }

  private schedulePoll(ms: number): void {
    if (this.pollMs === null || this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.pollOnce().finally(() => {
        if (this.pollMs !== null && this.pollTimer === null) this.schedulePoll(this.pollMs);
      });
    }, ms);
  }

  private async pollOnce(): Promise<void> {
    if (this.jobRunning) return;
    if (this.port === null) {
      this.report(unpluggedStatus());
      return;
    }
    await this.queryStatus();
  }

  // --- incoming bytes ------------------------------------------------------------

  /** Registers interest in the next reply of a kind; resolves with it, 'timeout' or 'unplugged'. */
  private expect(kind: ReplyKind, timeoutMs: number, request?: 1 | 2 | 3 | 4): Promise<Reply> {
    return new Promise<Reply>((resolve) => {
      const queue = this.waiting[kind];
      let done = false;
      const waiter: Waiter = {
        ...(request === undefined ? {} : { request }),
        settle: (reply) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          if (reply === 'timeout' && kind === 'status') {
            this.owedStatusReplies += 1;
            this.owedUntil = Date.now() + this.statusTimeoutMs;
          }
          if (reply === 'timeout' && kind === 'marker') this.owedMarkerReplies += 1;
          resolve(reply);
        },
      };
      const timer = setTimeout(() => waiter.settle('timeout'), Math.max(0, timeoutMs));
      queue.push(waiter);
      if (this.port === null) waiter.settle('unplugged');
    });
  }

  /**
   * Every byte is sorted by its fixed bits (core/printer/status.ts). A status byte is
   * believed only as the reply to the question waiting for one, and only if it fits
   * that question; a GS r byte only while a job waits for its marker. Anything else
   * answers nothing and is counted as noise (see askStatus).
   */
  private receive(chunk: Buffer): void {
    for (const byte of chunk) {
      if (this.asbRemaining > 0) {
        // ASB bytes 2–4 have bits 0x90 clear; anything else means the report was cut short.
        if ((byte & 0x90) === 0) {
          this.asbRemaining -= 1;
          this.asbBytes.push(byte);
          if (this.asbRemaining === 0) this.asbBytes = [];
          continue;
        }
        this.dropPartialReport();
      }
      switch (kindOfByte(byte)) {
        case 'flow':
          // XON/XOFF: with software flow control the line discipline usually eats them; if not, they are not answers.
          continue;
        case 'status': {
          const waiter = this.waiting.status[0];
          if (waiter?.request !== undefined && isReplyTo(waiter.request, byte)) waiter.settle(byte);
          else if (waiter === undefined && this.owedStatusReplies > 0) this.owedStatusReplies -= 1;
          else this.stray(byte);
          continue;
        }
        case 'asb-start':
          // Automatic status back (enabled by DIP switch on some printers): four bytes nobody asked for.
          this.asbRemaining = 3;
          this.asbBytes = [byte];
          continue;
        case 'marker': {
          const waiter = this.waiting.marker[0];
          if (waiter !== undefined) waiter.settle(byte);
          // The late reply of a job that already failed: dropped.
          else if (this.owedMarkerReplies > 0) this.owedMarkerReplies -= 1;
          else this.stray(byte);
          continue;
        }
        default:
          this.stray(byte);
      }
    }
  }

  // --- the port ------------------------------------------------------------------

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.exclusiveChain.then(task, task);
    this.exclusiveChain = run.catch(() => undefined);
    return run;
  }

  private async open(): Promise<void> {
    if (this.stopped || this.port !== null || this.opening) return;
    this.opening = true;
    let port: SerialPort;
    try {
      port = new SerialPort({
        path: this.path,
        baudRate: this.options.baudRate,
        rtscts: this.options.flowControl === 'rtscts',
        xon: this.options.flowControl === 'xonxoff',
        xoff: this.options.flowControl === 'xonxoff',
        autoOpen: false,
      });
    } catch (error) {
      // Invalid settings (a baud rate of 0…): retrying will not help, but staff must see why.
      this.opening = false;
      this.unavailable = `${this.path}: cannot open (${openErrorCode(error)})`;
      return;
    }
    const error = await new Promise<Error | null>((resolve) => port.open((openError) => resolve(openError ?? null)));
    this.opening = false;
    if (error !== null) {
      this.unavailable = `${this.path}: cannot open (${openErrorCode(error)})`;
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      port.close(() => undefined);
      return;
    }
    // Read and write errors close the port (serialport treats them as a disconnection); 'close' does the rest.
    port.on('error', () => undefined);
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('close', () => this.onClose(port));
    this.port = port;
    // From now on the only way to lose the port is for it to close; a failed write may say so before 'close' comes.
    this.unavailable = `${this.path}: unplugged (the port closed)`;
    this.asbRemaining = 0;
    this.asbBytes = [];
    this.owedStatusReplies = 0;
    this.owedMarkerReplies = 0;
    this.noise = { count: 0, first: [] };
    this.emit('connected');
    if (this.pollMs !== null) {
      if (this.pollTimer !== null) clearTimeout(this.pollTimer);
      this.pollTimer = null;
      this.schedulePoll(0);
    }
  }

  private onClose(port: SerialPort): void {
    // serialport may emit 'close' twice for one disconnection (read and write both fail).
    if (this.port !== port) return;
    this.port = null;
    for (const kind of ['status', 'marker'] as const) {
      for (const waiter of [...this.waiting[kind]]) waiter.settle('unplugged');
    }
    if (this.stopped) return;
    this.emit('disconnected');
    this.report(unpluggedStatus());
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== null) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.open();
    }, this.reconnectMs);
  }
}
