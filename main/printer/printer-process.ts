/**
 * The printer's own process. serialport in Electron's main process has frozen
 * apps (ELECTRON.md), so the serial port lives here, in an Electron utility
 * process (talking through process.parentPort) or a Node child
 * (child_process.fork, talking through process.send), driven by PrinterHost
 * with the messages below. The build bundles this file to
 * dist/printer/printer-process.cjs.
 */
import { SerialPrinter, unpluggedStatus } from './serial-printer';
import type { PrintOutcome, SerialPrinterOptions, StatusReport } from './serial-printer';

/** From the host. Bytes travel as base64 (or a number array): a Node IPC channel serializes to JSON, where a Uint8Array would arrive as an object. */
export type HostMessage =
  | { type: 'configure'; options: SerialPrinterOptions; pollMs?: number }
  | { type: 'print'; id: number; bytes: number[] | string }
  | { type: 'status'; id: number }
  | { type: 'stop' };

/** To the host. A 'status' with an id answers a request; without one it reports a change. */
export type ProcessMessage =
  | { type: 'result'; id: number; outcome: PrintOutcome }
  | { type: 'status'; id?: number; status: StatusReport }
  | { type: 'connection'; connected: boolean };

interface Channel {
  send(message: ProcessMessage): void;
  listen(listener: (message: unknown) => void): void;
}

/** Electron's utility process; not in @types/node, and this file must not import 'electron'. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function parentChannel(): Channel | null {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort !== undefined) {
    return {
      send: (message) => parentPort.postMessage(message),
      listen: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (message) => {
        // The host may be gone already (it is shutting down): nothing to tell then.
        if (process.connected) process.send?.(message);
      },
      listen: (listener) => process.on('message', listener),
    };
  }
  return null;
}

const FLOW_CONTROLS = new Set(['none', 'rtscts', 'xonxoff']);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readOptions(raw: unknown): SerialPrinterOptions | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (typeof o['path'] !== 'string' || !isNumber(o['baudRate']) || typeof o['flowControl'] !== 'string' || !FLOW_CONTROLS.has(o['flowControl'])) return null;
  const options: SerialPrinterOptions = { path: o['path'], baudRate: o['baudRate'], flowControl: o['flowControl'] as SerialPrinterOptions['flowControl'] };
  for (const key of ['statusTimeoutMs', 'completionTimeoutMs', 'chunkSize', 'reconnectMs'] as const) {
    const value = o[key];
    if (isNumber(value)) options[key] = value;
  }
  return options;
}

/** Checks what arrives: the host is trusted code, but a malformed message must not crash the process. */
function readHostMessage(raw: unknown): HostMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  const id = m['id'];
  switch (m['type']) {
    case 'configure': {
      const options = readOptions(m['options']);
      if (options === null) return null;
      const pollMs = m['pollMs'];
      return isNumber(pollMs) ? { type: 'configure', options, pollMs } : { type: 'configure', options };
    }
    case 'print': {
      const bytes = m['bytes'];
      if (!isNumber(id)) return null;
      if (typeof bytes === 'string') return { type: 'print', id, bytes };
      if (Array.isArray(bytes) && bytes.every(isNumber)) return { type: 'print', id, bytes };
      return null;
    }
    case 'status':
      return isNumber(id) ? { type: 'status', id } : null;
    case 'stop':
      return { type: 'stop' };
    default:
      return null;
  }
}

function decodeJobBytes(bytes: number[] | string): Uint8Array {
  return typeof bytes === 'string' ? new Uint8Array(Buffer.from(bytes, 'base64')) : Uint8Array.from(bytes);
}

function serve(channel: Channel): void {
  let printer: SerialPrinter | null = null;
  // Messages are handled in order: a job sent right after 'configure' waits for the port to be set up.
  let queue: Promise<void> = Promise.resolve();
  const then = (task: () => Promise<void>): void => {
    queue = queue.then(task).catch((error: unknown) => console.error('printer-process:', error));
  };

  const configure = async (options: SerialPrinterOptions, pollMs: number | undefined): Promise<void> => {
    const previous = printer;
    printer = null;
    if (previous !== null) {
      previous.removeAllListeners();
      await previous.stop();
    }
    const next = new SerialPrinter(options);
    next.on('status', (status: StatusReport) => channel.send({ type: 'status', status }));
    next.on('connected', () => channel.send({ type: 'connection', connected: true }));
    next.on('disconnected', () => channel.send({ type: 'connection', connected: false }));
    printer = next;
    await next.start();
    if (pollMs !== undefined && pollMs > 0) next.startPolling(pollMs);
  };

  const stop = async (): Promise<void> => {
    await printer?.stop();
    process.exit(0);
  };

  channel.listen((raw) => {
    const message = readHostMessage(raw);
    if (message === null) {
      console.error('printer-process: ignored a malformed message');
      return;
    }
    switch (message.type) {
      case 'configure':
        then(() => configure(message.options, message.pollMs));
        return;
      case 'print':
        // Not queued behind other jobs: SerialPrinter answers 'busy' itself, at once.
        void queue.then(async () => {
          const outcome: PrintOutcome =
            printer === null
              ? { ok: false, problem: 'not-configured', staffMessage: 'no receipt printer is configured' }
              : await printer.print(decodeJobBytes(message.bytes));
          channel.send({ type: 'result', id: message.id, outcome });
        }).catch((error: unknown) => console.error('printer-process:', error));
        return;
      case 'status':
        void queue.then(async () => {
          const status = printer === null ? unpluggedStatus() : await printer.queryStatus();
          channel.send({ type: 'status', id: message.id, status });
        }).catch((error: unknown) => console.error('printer-process:', error));
        return;
      case 'stop':
        then(stop);
        return;
    }
  });

  // A Node child whose parent went away has nobody to print for: release the port.
  process.on('disconnect', () => void stop());
}

const channel = parentChannel();
if (channel === null) {
  console.error('printer-process: start me with child_process.fork or utilityProcess.fork');
  process.exitCode = 1;
} else {
  serve(channel);
}
