/**
 * A fake ESC/POS receipt printer on a REAL serial path, for tests of the serial
 * transport: socat links two pseudo-terminals, the kiosk opens one end
 * (`devicePath`) with serialport exactly as it opens /dev/ttyUSB0, and this
 * fake reads the other end, parses the command stream, answers DLE EOT and
 * GS r like a printer in the chosen state, and can read slowly, send noise,
 * and be unplugged (socat killed: the kiosk's port closes) and plugged back.
 *
 * A pty pair does not simulate baud rate or hardware flow control; reading
 * slowly does give real back-pressure (socat stops reading, the kiosk's writes
 * wait), which is what a busy printer does to the kiosk.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SerialPort } from 'serialport';

export type FakePrinterState = 'ready' | 'paper-end' | 'paper-near-end' | 'cover-open' | 'offline';

/**
 * What is on the port, for the faults a station meets (setPortMode):
 * - `printer`: the ESC/POS printer in its state (the default);
 * - `random-bytes`: a device sending random bytes all the time, answering nothing;
 * - `nmea`: a GPS receiver sending NMEA sentences ($GPGGA…, $GPRMC…) every 100 ms;
 * - `echo`: a loopback or a modem: every byte comes back, nothing is answered;
 * - `garbled-replies`: a printer at the wrong speed: each request gets a byte, never a reply's bits;
 * - `unasked-status`: a printer that answers, but also sends status-looking bytes (0x7E) nobody asked for;
 * - `half-sensor-bits`: DLE EOT 4 answered 0x3A, where a sensor's two bits disagree (no real reply);
 * - `power-on-burst`: two junk bytes once (a printer switched on), then a good printer.
 */
export type FakePortMode = 'printer' | 'random-bytes' | 'nmea' | 'echo' | 'garbled-replies' | 'unasked-status' | 'half-sensor-bits' | 'power-on-burst';

export interface FakePrinterOptions {
  /** Folder for the two links (`kiosk`, `printer`); a fresh temporary folder by default. It need not exist yet. */
  dir?: string;
  state?: FakePrinterState;
}

export interface PrintedSummary {
  /** Text bytes decoded with the code table active when they arrived; LF and ESC d n give '\n'. */
  text: string;
  cuts: number;
  /** Data of each QR code printed (GS ( k store, then print). */
  qrData: string[];
  rasterImages: number;
  /** The last ESC t n; null before any, and again after ESC @ (which resets it). */
  codeTable: number | null;
  /** Commands the parser does not know, as hex, so a test can tell the encoder sent something unexpected. */
  unknown: string[];
}

export interface FakePrinter {
  /** What the kiosk opens. */
  devicePath: string;
  /** Every byte the printer has taken in (in slow mode, only what it has read so far). */
  received(): Uint8Array;
  /** Every byte the printer has sent back (replies and garbage). */
  sent(): Uint8Array;
  printed(): PrintedSummary;
  setState(state: FakePrinterState): void;
  /** Switches to `state` once this many more bytes have been read: paper running out in the middle of a job. */
  setStateAfter(bytes: number, state: FakePrinterState): void;
  /** Reads at most this many bytes per second (null: as fast as they come). */
  setSlow(bytesPerSecond: number | null): void;
  /** Sends bytes now, or (`before-each-reply`) in front of every later reply until called again with 'now'. */
  sendGarbage(bytes: Uint8Array, when?: 'now' | 'before-each-reply'): void;
  /** Puts another kind of device (or fault) on the port; `printer` brings the printer back. */
  setPortMode(mode: FakePortMode): void;
  /** Kills socat: the kiosk's port closes, as when a USB-serial adapter is pulled out. */
  unplug(): Promise<void>;
  /** Starts socat again with the same link names; resolves once the printer side is open. */
  replug(): Promise<void>;
  stop(): Promise<void>;
}

/** The socat executable, or null when it is not installed (tests skip with that reason). */
export function findSocat(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : null;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Argument counts of the fixed-length commands; the rest are measured in commandLength(). */
const ESC_ARGS: Record<number, number> = {
  0x40: 0, // @ initialize
  0x32: 0, // 2 default line spacing
  0x3c: 0, // < return home
  0x69: 0, // i partial cut (old)
  0x6d: 0, // m partial cut (old)
  0x20: 1, 0x21: 1, 0x25: 1, 0x2d: 1, 0x33: 1, 0x3d: 1, 0x45: 1, 0x47: 1, 0x4a: 1, 0x4d: 1, 0x52: 1, 0x54: 1,
  0x55: 1, 0x56: 1, 0x61: 1, 0x64: 1, 0x65: 1, 0x72: 1, 0x74: 1, 0x7b: 1,
  0x24: 2, 0x5c: 2, 0x63: 2, // $ \ c
  0x70: 3, // p pulse
};
const GS_ARGS: Record<number, number> = {
  0x3a: 0,
  0x21: 1, 0x2f: 1, 0x42: 1, 0x48: 1, 0x49: 1, 0x54: 1, 0x61: 1, 0x62: 1, 0x66: 1, 0x68: 1, 0x72: 1, 0x77: 1,
  0x24: 2, 0x4c: 2, 0x50: 2, 0x57: 2, 0x5c: 2,
};
const FS_ARGS: Record<number, number> = { 0x2e: 0, 0x26: 0, 0x21: 1, 0x2d: 1, 0x43: 1, 0x57: 1, 0x53: 2, 0x70: 2 };

/** Epson's numbering (ESCPOS.md); other numbers decode bytes ≥ 0x80 as U+FFFD. */
const CODE_TABLES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 16: 'windows1252', 19: 'cp858' };
const decodeTables = new Map<string, string[]>();

function decodeTable(codeTable: number | null): string[] | null {
  const encoding = CODE_TABLES[codeTable ?? 0];
  if (encoding === undefined) return null;
  let table = decodeTables.get(encoding);
  if (table === undefined) {
    table = [...iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), encoding)];
    decodeTables.set(encoding, table);
  }
  return table;
}

const hex = (bytes: readonly number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** The printer's command interpreter: fed any slicing of the stream, it gives the same result. */
class EscPosParser {
  readonly summary: PrintedSummary = { text: '', cuts: 0, qrData: [], rasterImages: 0, codeTable: null, unknown: [] };
  /** The command being read (prefix included). */
  private command: number[] = [];
  /** Image data still to pass over: never parsed, whatever it looks like. */
  private skip = 0;
  private storedQr: number[] = [];

  constructor(
    private readonly onStatusRequest: (n: number) => void,
    private readonly onMarkerRequest: (n: number) => void,
  ) {}

  /** Forgets a command cut in the middle (the line was unplugged). */
  resetPartial(): void {
    this.command = [];
    this.skip = 0;
  }

  feed(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i += 1) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, bytes.length - i);
        this.skip -= n;
        i += n - 1;
        continue;
      }
      this.byte(bytes[i] ?? 0);
    }
  }

  private byte(byte: number): void {
    if (this.command.length === 0) {
      if (byte === ESC || byte === GS || byte === FS || byte === DLE) this.command.push(byte);
      else this.text(byte);
      return;
    }
    this.command.push(byte);
    if (this.command[0] === DLE && this.command.length === 2 && byte !== 0x04 && byte !== 0x05 && byte !== 0x14) {
      // A lone DLE is just a control character; the byte after it is read afresh.
      this.command = [];
      this.byte(byte);
      return;
    }
    const length = this.commandLength();
    if (length !== null && this.command.length >= length) {
      const command = this.command;
      this.command = [];
      this.execute(command);
    }
  }

  private text(byte: number): void {
    if (byte === 0x0a) this.summary.text += '\n';
    else if (byte === 0x09) this.summary.text += '\t';
    else if (byte < 0x20) return; // CR, NUL padding and other controls print nothing
    else if (byte < 0x80) this.summary.text += String.fromCharCode(byte);
    else this.summary.text += decodeTable(this.summary.codeTable)?.[byte] ?? '\uFFFD';
  }

  /** Total length of the command in this.command, or null until enough of it is known. */
  private commandLength(): number | null {
    const c = this.command;
    const code = c[1];
    if (code === undefined) return null;
    const at = (i: number): number | undefined => c[i];
    switch (c[0]) {
      case ESC: {
        if (code === 0x2a) {
          // ESC * m nL nH: header only, the dots are skipped in execute().
          return 5;
        }
        if (code === 0x44) {
          // ESC D n1 … NUL: tab stops.
          const end = c.indexOf(0, 2);
          return end === -1 ? (c.length > 34 ? c.length : null) : end + 1;
        }
        return 2 + (ESC_ARGS[code] ?? 1);
      }
      case GS: {
        if (code === 0x56) {
          const m = at(2);
          if (m === undefined) return null;
          return m === 0 || m === 1 || m === 0x30 || m === 0x31 ? 3 : 4;
        }
        if (code === 0x28) {
          // GS ( X pL pH …: the length is in the command.
          const pL = at(3);
          const pH = at(4);
          return pL === undefined || pH === undefined ? null : 5 + pL + pH * 256;
        }
        if (code === 0x76) return 8; // GS v 0 m xL xH yL yH, then data skipped
        if (code === 0x38) return 7; // GS 8 L p1 p2 p3 p4, then data skipped
        if (code === 0x6b) {
          const m = at(2);
          if (m === undefined) return null;
          if (m <= 6) {
            const end = c.indexOf(0, 3);
            return end === -1 ? null : end + 1;
          }
          const n = at(3);
          return n === undefined ? null : 4 + n;
        }
        return 2 + (GS_ARGS[code] ?? 1);
      }
      case FS:
        return 2 + (FS_ARGS[code] ?? 0);
      default:
        // DLE EOT n, DLE ENQ n, DLE DC4 fn m t
        return code === 0x14 ? 5 : 3;
    }
  }

  private execute(c: number[]): void {
    const [prefix, code] = c;
    const arg = c[2] ?? 0;
    const s = this.summary;
    if (prefix === ESC) {
      if (code === 0x40) s.codeTable = null;
      else if (code === 0x74) s.codeTable = arg;
      else if (code === 0x64) s.text += '\n'.repeat(arg);
      else if (code === 0x69 || code === 0x6d) s.cuts += 1;
      else if (code === 0x2a) this.skip = ((c[3] ?? 0) + (c[4] ?? 0) * 256) * (arg >= 32 ? 3 : 1);
      else if (code === undefined || !(code in ESC_ARGS || code === 0x44)) s.unknown.push(hex(c));
      return;
    }
    if (prefix === GS) {
      if (code === 0x56) s.cuts += 1;
      else if (code === 0x72) this.onMarkerRequest(arg);
      else if (code === 0x76) {
        // GS v 0 m xL xH yL yH: x bytes per row, y rows.
        s.rasterImages += 1;
        this.skip = ((c[4] ?? 0) + (c[5] ?? 0) * 256) * ((c[6] ?? 0) + (c[7] ?? 0) * 256);
      } else if (code === 0x38) {
        this.skip = (c[3] ?? 0) + (c[4] ?? 0) * 0x100 + (c[5] ?? 0) * 0x10000 + (c[6] ?? 0) * 0x1000000;
      } else if (code === 0x28 && arg === 0x6b) {
        // GS ( k pL pH cn fn …: cn 49 = QR; fn 80 store (m, data), fn 81 print.
        const cn = c[5];
        const fn = c[6];
        if (cn === 0x31 && fn === 0x50) this.storedQr = c.slice(8);
        else if (cn === 0x31 && fn === 0x51) s.qrData.push(Buffer.from(this.storedQr).toString('utf8'));
      } else if (code === undefined || !(code in GS_ARGS || code === 0x28 || code === 0x6b)) s.unknown.push(hex(c));
      return;
    }
    if (prefix === FS) {
      if (code === undefined || !(code in FS_ARGS)) s.unknown.push(hex(c));
      return;
    }
    if (code === 0x04) this.onStatusRequest(arg);
  }
}

/** DLE EOT n replies per state (ESCPOS.md); offline answers nothing at all. */
const STATUS_REPLIES: Record<Exclude<FakePrinterState, 'offline'>, Record<1 | 2 | 3 | 4, number>> = {
  ready: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 },
  'paper-near-end': { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e },
  'paper-end': { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x7e },
  'cover-open': { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 },
};

/** Read in slow mode every this many milliseconds. */
const SLOW_TICK_MS = 10;
/** In slow mode, reading pauses once this much is waiting: beyond it the kiosk must feel back-pressure. */
const INBOX_LIMIT = 1024;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakePrinter(options: FakePrinterOptions = {}): Promise<FakePrinter> {
  const socatPath = findSocat();
  if (socatPath === null) throw new Error('socat is not installed (apt-get install socat)');
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'fake-printer-'));
  mkdirSync(dir, { recursive: true });
  const kioskLink = join(dir, 'kiosk');
  const printerLink = join(dir, 'printer');

  let state: FakePrinterState = options.state ?? 'ready';
  let socat: ChildProcess | null = null;
  let port: SerialPort | null = null;
  let stopped = false;
  const receivedChunks: Buffer[] = [];
  const sentBytes: number[] = [];
  let garbageBeforeReplies: Uint8Array | null = null;

  const send = (bytes: Uint8Array): void => {
    if (port === null || !port.isOpen) return;
    sentBytes.push(...bytes);
    port.write(Buffer.from(bytes));
  };
  const reply = (byte: number): void => {
    if (garbageBeforeReplies !== null) send(garbageBeforeReplies);
    send(Uint8Array.of(byte));
  };

  // Other devices on the port (setPortMode).
  let mode: FakePortMode = 'printer';
  let chatter: NodeJS.Timeout | null = null;
  let seed = 20_261_202;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed >> 16;
  };
  const NMEA = [
    '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n',
    '$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n',
    '$GPGSV,2,1,08,01,40,083,46,02,17,308,41,12,07,344,39,14,22,228,45*75\r\n',
  ];
  const setPortMode = (next: FakePortMode): void => {
    mode = next;
    if (chatter !== null) clearInterval(chatter);
    chatter = null;
    if (next === 'random-bytes') chatter = setInterval(() => send(Uint8Array.from({ length: 16 }, () => random() & 0xff)), 50);
    if (next === 'nmea') chatter = setInterval(() => send(Buffer.from(NMEA.join(''), 'ascii')), 100);
    if (next === 'unasked-status') chatter = setInterval(() => send(Uint8Array.of(0x7e)), 100);
    if (next === 'power-on-burst') {
      send(Uint8Array.of(0xff, 0x00));
      mode = 'printer';
    }
  };

  const parser = new EscPosParser(
    (n) => {
      if (state === 'offline' || n < 1 || n > 4) return;
      if (mode === 'garbled-replies') {
        reply(0x80 | (random() & 0x7f)); // bit 7 set: the fixed bits of no reply
        return;
      }
      if (mode === 'half-sensor-bits' && n === 4) {
        reply(0x3a);
        return;
      }
      if (mode !== 'printer' && mode !== 'unasked-status' && mode !== 'half-sensor-bits') return;
      reply(STATUS_REPLIES[state][n as 1 | 2 | 3 | 4]);
    },
    () => {
      if (mode !== 'printer' && mode !== 'unasked-status' && mode !== 'half-sensor-bits') return;
      // A printer stopped by paper end or an open cover has not printed what came before: no confirmation.
      if (state === 'ready') reply(0x00);
      // GS r 1 bits 0x03: paper near end (still a valid reply: bits 0x90 clear).
      else if (state === 'paper-near-end') reply(0x03);
    },
  );

  let receivedCount = 0;
  let scheduled: { at: number; state: FakePrinterState } | null = null;
  const consume = (bytes: Buffer): void => {
    if (scheduled !== null && receivedCount + bytes.length >= scheduled.at) {
      // Split at the exact byte, so what follows is handled in the new state.
      const before = scheduled.at - receivedCount;
      const next = scheduled.state;
      scheduled = null;
      consume(bytes.subarray(0, before));
      state = next;
      consume(bytes.subarray(before));
      return;
    }
    receivedCount += bytes.length;
    receivedChunks.push(Buffer.from(bytes));
    parser.feed(bytes);
  };

  // Slow mode: what arrives waits in an inbox read at `rate` bytes per second.
  let rate: number | null = null;
  const inbox: Buffer[] = [];
  let inboxBytes = 0;
  let slowTimer: NodeJS.Timeout | null = null;
  let allowance = 0;
  let lastTick = 0;

  const tick = (): void => {
    const now = performance.now();
    allowance = rate === null ? Infinity : Math.min(allowance + (rate * (now - lastTick)) / 1000, Math.max(1, rate * 0.05));
    lastTick = now;
    while (inbox.length > 0 && allowance >= 1) {
      const head = inbox[0];
      if (head === undefined) break;
      const take = Math.min(head.length, Math.floor(allowance));
      consume(head.subarray(0, take));
      allowance -= take;
      inboxBytes -= take;
      if (take === head.length) inbox.shift();
      else inbox[0] = head.subarray(take);
    }
    if (inboxBytes < INBOX_LIMIT / 2 && port?.isPaused() === true) port.resume();
    if (inbox.length === 0 && rate === null && slowTimer !== null) {
      clearInterval(slowTimer);
      slowTimer = null;
    }
  };

  const onData = (chunk: Buffer): void => {
    if (mode === 'echo') send(chunk);
    if (rate === null && inbox.length === 0) {
      consume(chunk);
      return;
    }
    inbox.push(chunk);
    inboxBytes += chunk.length;
    if (inboxBytes >= INBOX_LIMIT) port?.pause();
    if (slowTimer === null) {
      lastTick = performance.now();
      slowTimer = setInterval(tick, SLOW_TICK_MS);
    }
  };

  const startSocat = async (): Promise<void> => {
    // Stale links (a socat killed hard) would make socat fail to create its own.
    rmSync(kioskLink, { force: true });
    rmSync(printerLink, { force: true });
    const child = spawn(socatPath, ['-d', '-d', `pty,raw,echo=0,link=${kioskLink}`, `pty,raw,echo=0,link=${printerLink}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    socat = child;
    let log = '';
    let exited = false;
    child.stderr?.on('data', (data: Buffer) => {
      log += data.toString('utf8');
    });
    child.on('exit', () => {
      exited = true;
    });
    const started = Date.now();
    // Both links exist before the transfer loop starts; the log line says the loop runs.
    while (!(existsSync(kioskLink) && existsSync(printerLink) && log.includes('starting data transfer loop'))) {
      if (exited) throw new Error(`socat exited: ${log}`);
      if (Date.now() - started > 5000) throw new Error(`socat did not create ${kioskLink} and ${printerLink}: ${log}`);
      await sleep(5);
    }
  };

  const openPrinterSide = async (): Promise<void> => {
    // A small highWaterMark: when the fake stops reading, serialport stops too and the pty fills up.
    const opened = new SerialPort({ path: printerLink, baudRate: 9600, autoOpen: false, highWaterMark: INBOX_LIMIT });
    await new Promise<void>((resolve, reject) => opened.open((error) => (error ? reject(error) : resolve())));
    opened.on('error', () => undefined);
    opened.on('data', onData);
    opened.on('close', () => {
      if (port === opened) port = null;
    });
    port = opened;
  };

  const closePrinterSide = async (): Promise<void> => {
    const current = port;
    port = null;
    if (current === null || !current.isOpen) return;
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  const killSocat = async (): Promise<void> => {
    const child = socat;
    socat = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };

  await startSocat();
  await openPrinterSide();

  return {
    devicePath: kioskLink,
    received: () => new Uint8Array(Buffer.concat(receivedChunks)),
    sent: () => Uint8Array.from(sentBytes),
    printed: () => ({ ...parser.summary, qrData: [...parser.summary.qrData], unknown: [...parser.summary.unknown] }),
    setState: (next) => {
      state = next;
    },
    setStateAfter: (bytes, next) => {
      scheduled = { at: receivedCount + bytes, state: next };
    },
    setPortMode,
    setSlow: (bytesPerSecond) => {
      rate = bytesPerSecond;
      if (rate === null && inbox.length > 0) tick();
    },
    sendGarbage: (bytes, when = 'now') => {
      if (when === 'now') {
        garbageBeforeReplies = null;
        send(bytes);
      } else {
        garbageBeforeReplies = Uint8Array.from(bytes);
      }
    },
    unplug: async () => {
      await killSocat();
      await closePrinterSide();
      // Bytes in flight are lost with the adapter; so is the command they belonged to.
      inbox.length = 0;
      inboxBytes = 0;
      parser.resetPartial();
      rmSync(kioskLink, { force: true });
      rmSync(printerLink, { force: true });
    },
    replug: async () => {
      if (stopped) throw new Error('the fake printer is stopped');
      await startSocat();
      await openPrinterSide();
    },
    stop: async () => {
      stopped = true;
      if (chatter !== null) clearInterval(chatter);
      chatter = null;
      if (slowTimer !== null) clearInterval(slowTimer);
      slowTimer = null;
      await closePrinterSide();
      await killSocat();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      else {
        rmSync(kioskLink, { force: true });
        rmSync(printerLink, { force: true });
      }
    },
  };
}
