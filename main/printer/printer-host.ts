/**
 * The receipt printer seen from the app's main process: the same API as
 * SerialPrinter (print, queryStatus, 'status' events), but the serial port
 * lives in another process (printer-process.ts), because serialport in
 * Electron's main process has frozen apps (ELECTRON.md). Nothing here waits on
 * the port: a job is a message out and a message back.
 *
 * The Chromium shell and the tests fork the entry with Node's child_process;
 * the Electron shell passes `(entry) => utilityProcess.fork(entry)`. Both
 * kinds of child fit PrinterProcess structurally, so this file needs no
 * Electron import.
 */
import { fork as forkNode } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { interpretStatus } from '../core/printer/status';
import type { HostMessage, ProcessMessage } from './printer-process';
import type { PrintOutcome, SerialPrinterOptions, StatusReport } from './serial-printer';

/** A Node ChildProcess (send) or an Electron UtilityProcess (postMessage). */
export interface PrinterProcess {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  send?(message: HostMessage): unknown;
  postMessage?(message: HostMessage): unknown;
  kill(): unknown;
}

export type ForkPrinterProcess = (entry: string) => PrinterProcess;

export interface PrinterHostOptions {
  /** The bundled printer-process entry: dist/printer/printer-process.cjs in the app. */
  entry: string;
  /** Default: child_process.fork. The Electron shell passes utilityProcess.fork. */
  fork?: ForkPrinterProcess;
  /** Delay before a crashed printer process is started again. Default 1000 ms. */
  restartMs?: number;
}

/** Forks with Node. execArgv is emptied so the child does not inherit the parent's loaders or inspector flags. */
export const forkWithNode: ForkPrinterProcess = (entry) =>
  forkNode(entry, [], { execArgv: [], serialization: 'json', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

type Pending = (message: ProcessMessage | { type: 'exit'; code: number | null }) => void;

export class PrinterHost extends EventEmitter {
  private readonly entry: string;
  private readonly fork: ForkPrinterProcess;
  private readonly restartMs: number;
  private child: PrinterProcess | null = null;
  private configuration: { options: SerialPrinterOptions; pollMs?: number } | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(options: PrinterHostOptions) {
    super();
    this.entry = options.entry;
    this.fork = options.fork ?? forkWithNode;
    this.restartMs = options.restartMs ?? 1000;
  }

  /** Starts the printer process if needed and (re)opens the port there; `pollMs` turns on 'status' events. */
  configure(options: SerialPrinterOptions, pollMs?: number): void {
    this.stopping = false;
    this.configuration = pollMs === undefined ? { options } : { options, pollMs };
    if (this.child === null) this.spawn();
    else this.post(this.configureMessage());
  }

  print(bytes: Uint8Array): Promise<PrintOutcome> {
    if (this.configuration === null) {
      return Promise.resolve({ ok: false, problem: 'not-configured', staffMessage: 'no receipt printer is configured' });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (message) => {
        if (message.type === 'result') resolve(message.outcome);
        else resolve({ ok: false, problem: 'offline', staffMessage: this.exitMessage(message) });
      });
      this.post({ type: 'print', id, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') });
    });
  }

  queryStatus(): Promise<StatusReport> {
    if (this.configuration === null) return Promise.resolve({ problem: 'unplugged', replies: {}, paperNearEnd: false });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (message) => {
        // A dead printer process answers nothing: the same as a silent printer.
        resolve(message.type === 'status' ? message.status : interpretStatus({}));
      });
      this.post({ type: 'status', id });
    });
  }

  /** Closes the port and ends the printer process (killed if it does not end within `graceMs`). */
  async stop(graceMs = 2000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (child === null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, graceMs);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.post({ type: 'stop' });
    });
  }

  private configureMessage(): HostMessage {
    const c = this.configuration;
    if (c === null) throw new Error('not configured');
    return c.pollMs === undefined ? { type: 'configure', options: c.options } : { type: 'configure', options: c.options, pollMs: c.pollMs };
  }

  private spawn(): void {
    const child = this.fork(this.entry);
    this.child = child;
    child.on('message', (message) => this.receive(message));
    child.on('exit', (code) => this.exited(child, code));
    if (this.configuration !== null) this.post(this.configureMessage());
  }

  private post(message: HostMessage): void {
    if (this.child === null) {
      if (this.stopping) {
        this.settleAll({ type: 'exit', code: null });
        return;
      }
      this.spawn();
    }
    const child = this.child;
    if (child?.postMessage !== undefined) child.postMessage(message);
    else if (child?.send !== undefined) child.send(message);
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null) return;
    const message = raw as ProcessMessage;
    if (message.type === 'connection') {
      this.emit(message.connected ? 'connected' : 'disconnected');
      return;
    }
    if (message.type === 'status' && message.id === undefined) {
      this.emit('status', message.status);
      return;
    }
    if (message.type === 'status' || message.type === 'result') {
      const id = message.id;
      if (id === undefined) return;
      const settle = this.pending.get(id);
      this.pending.delete(id);
      settle?.(message);
    }
  }

  private exited(child: PrinterProcess, code: number | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.settleAll({ type: 'exit', code });
    if (this.stopping || this.configuration === null) return;
    this.emit('disconnected');
    // A crashed printer process comes back on its own, so that status events resume without a job to trigger it.
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.child === null && !this.stopping) this.spawn();
    }, this.restartMs);
  }

  private settleAll(message: { type: 'exit'; code: number | null }): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const settle of pending) settle(message);
  }

  private exitMessage(message: ProcessMessage | { type: 'exit'; code: number | null }): string {
    return message.type === 'exit' ? `the printer process ended (exit code ${message.code ?? 'none'})` : 'unexpected answer from the printer process';
  }
}
