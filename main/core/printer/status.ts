/**
 * ESC/POS printer status: the replies to DLE EOT n (real-time status) and to
 * GS r 1 (the "job reached the printer" marker), told apart on one byte
 * stream by their fixed bits (ESCPOS.md), and what they mean for a visitor
 * and for staff.
 */

/** DLE EOT n, n = 1..4. */
export const statusRequest = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);
/** GS r 1: answered once every byte sent before it has been processed. */
export const COMPLETION_MARKER = Uint8Array.of(0x1d, 0x72, 0x01);

export type Problem = 'offline' | 'cover-open' | 'paper-end' | 'cutter-error' | 'unrecoverable-error' | 'head-hot';

export interface PrinterStatus {
  /** Null when the printer answered everything normally. */
  problem: Problem | null;
  paperNearEnd: boolean;
  /** The raw replies, for staff messages: `DLE EOT 4 = 0x7E`. */
  replies: Partial<Record<1 | 2 | 3 | 4, number>>;
}

/** A DLE EOT reply always has bits 0x12 set and 0x81 clear. */
export const isStatusReply = (byte: number): boolean => (byte & 0x93) === 0x12;
/** A GS r reply has bits 0x90 clear. */
export const isMarkerReply = (byte: number): boolean => (byte & 0x90) === 0;

/**
 * Is this byte the reply to DLE EOT n? Beyond the fixed bits every reply has, the
 * roll paper sensor reply (n = 4) reports each sensor on two bits that are always
 * equal (0x0C near end, 0x60 paper end): a byte with one of a pair set is no reply.
 */
export function isReplyTo(n: 1 | 2 | 3 | 4, byte: number): boolean {
  if (!isStatusReply(byte)) return false;
  if (n !== 4) return true;
  const nearEnd = byte & 0x0c;
  const end = byte & 0x60;
  return (nearEnd === 0 || nearEnd === 0x0c) && (end === 0 || end === 0x60);
}

/**
 * What a byte from the port can be, by its fixed bits (ESCPOS.md): a DLE EOT reply,
 * the first byte of an automatic status report, a GS r reply (the same bits as ASB
 * bytes 2–4), XON/XOFF, or nothing a printer sends.
 */
export type ByteKind = 'status' | 'asb-start' | 'marker' | 'flow' | 'stray';

export function kindOfByte(byte: number): ByteKind {
  if (byte === 0x11 || byte === 0x13) return 'flow';
  if (isStatusReply(byte)) return 'status';
  if ((byte & 0x93) === 0x10) return 'asb-start';
  if (isMarkerReply(byte)) return 'marker';
  return 'stray';
}

/** Bytes the port sent that answer no request, for staff: how many, and the first few. */
export interface PortNoise {
  count: number;
  /** The first bytes (at most NOISE_SAMPLE), as received. */
  first: number[];
}

export const NOISE_SAMPLE = 8;

/**
 * For staff, when what comes back is not a printer's answers (random bytes, a GPS
 * receiver's NMEA text, an echo, a wrong serial speed): the port, and the bytes.
 */
export function describeNotAPrinter(device: string, noise: PortNoise): string {
  const bytes = noise.first.map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  const more = noise.count > noise.first.length ? ' …' : '';
  const what = noise.count === 0 ? 'an incomplete reply' : `${noise.count} byte${noise.count === 1 ? ' that answers' : 's that answer'} no request (${bytes}${more})`;
  return `${device}: the device on this port does not answer like a printer: ${what}; is this the printer's port, at the printer's speed?`;
}

/** Reads the four DLE EOT replies (any of which may be missing: a silent printer is offline). */
export function interpretStatus(replies: Partial<Record<1 | 2 | 3 | 4, number>>): PrinterStatus {
  const printer = replies[1];
  const offlineCause = replies[2];
  const errorCause = replies[3];
  const paper = replies[4];
  const status = (problem: Problem | null): PrinterStatus => ({
    problem,
    paperNearEnd: paper !== undefined && (paper & 0x0c) !== 0,
    replies,
  });
  if (printer === undefined) return status('offline');
  if (paper !== undefined && (paper & 0x60) === 0x60) return status('paper-end');
  if (offlineCause !== undefined && (offlineCause & 0x20) !== 0) return status('paper-end');
  if (offlineCause !== undefined && (offlineCause & 0x04) !== 0) return status('cover-open');
  if (errorCause !== undefined && (errorCause & 0x08) !== 0) return status('cutter-error');
  if (errorCause !== undefined && (errorCause & 0x20) !== 0) return status('unrecoverable-error');
  if (errorCause !== undefined && (errorCause & 0x40) !== 0) return status('head-hot');
  if ((printer & 0x08) !== 0 || (offlineCause !== undefined && (offlineCause & 0x40) !== 0)) return status('offline');
  return status(null);
}

const STAFF_TEXT: Record<Problem, string> = {
  offline: 'offline or not answering',
  'cover-open': 'cover open',
  'paper-end': 'paper end',
  'cutter-error': 'autocutter error',
  'unrecoverable-error': 'unrecoverable error (switch it off and on)',
  'head-hot': 'auto-recoverable error (print head too hot?)',
};

/** For staff: the device, the problem and the bytes that say so, e.g. `/dev/ttyUSB0: paper end (DLE EOT 4 = 0x7E)`. */
export function describeForStaff(device: string, status: PrinterStatus): string {
  const raw = ([1, 2, 3, 4] as const)
    .filter((n) => status.replies[n] !== undefined)
    .map((n) => `DLE EOT ${n} = 0x${(status.replies[n] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`)
    .join(', ');
  if (status.problem === null) return `${device}: ready${status.paperNearEnd ? ', paper near end' : ''} (${raw})`;
  return `${device}: ${STAFF_TEXT[status.problem]} (${raw === '' ? 'no answer to DLE EOT' : raw})`;
}
