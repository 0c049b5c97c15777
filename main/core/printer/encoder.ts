/**
 * PrintDocument → ESC/POS bytes, in two pure steps (ReceiptPrinterEncoder's
 * design): `toCommands` lays the document out for one printer profile as a
 * list of small structured commands (easy to read in a test or a log), and
 * `toBytes` turns each command into its bytes. Nothing here knows about the
 * serial port: the adapter writes the Uint8Array it is given.
 *
 * Layout choices:
 * - every job starts ESC @, [FS .], ESC R 0 (USA set, so `@` prints as `@`),
 *   ESC t n: ESC @ resets the table and the international set;
 * - text is word-wrapped to the profile's columns (half as many in double
 *   size), after transliteration, so `…` → `...` counts as three columns;
 *   only ordinary spaces break a line (a no-break space keeps « mot » whole);
 * - a solid rule is `-` across the line, a dashed rule `- - -`: the box
 *   drawing `─` exists in PC850/PC858 but not in WPC1252, and one character
 *   for every table keeps the memo identical on every printer;
 * - a write-in line is a blank line then `_` across the line, per line to
 *   write: `_` sits on the baseline like ruled paper, and the blank line
 *   above gives handwriting two text lines (~7 mm) of height;
 * - QR codes are centred; raster QR codes keep a 4-module quiet zone and use
 *   the profile's module size, lowered until the code fits the paper.
 */
import { encodeText, pickCodePage, transliterate, type CodePage } from './code-pages';
import type { Align, PrintDocument, QrMatrix, TextStyle } from './document';
import { QR_QUIET_ZONE } from './document';
import type { PrinterProfile } from './profiles';

export type EscPosCommand =
  /** ESC @ */
  | { op: 'init' }
  /** FS . */
  | { op: 'leave-chinese-mode' }
  /** ESC R 0 */
  | { op: 'international-usa' }
  /** ESC t n */
  | { op: 'code-table'; n: number }
  /** ESC a n */
  | { op: 'align'; align: Align }
  /** ESC E n */
  | { op: 'bold'; on: boolean }
  /** ESC - n (1-dot underline) */
  | { op: 'underline'; on: boolean }
  /** GS ! n, 1–8 times the normal width and height */
  | { op: 'size'; width: number; height: number }
  /** Bytes in the chosen code table (never a control byte). */
  | { op: 'text'; bytes: Uint8Array }
  /** LF: prints the line and starts the next. */
  | { op: 'newline' }
  /** ESC d n */
  | { op: 'feed'; lines: number }
  /** GS ( k: model 2, module size, error correction M, store `data` (UTF-8), print. */
  | { op: 'qr-native'; data: Uint8Array; moduleSize: number }
  /** GS v 0, normal density: `height` rows of `widthBytes` bytes, MSB = leftmost dot. */
  | { op: 'qr-raster'; widthBytes: number; height: number; bits: Uint8Array }
  /** GS V 66 0: feed to the cutter and cut partially. */
  | { op: 'cut-partial' };

/** A solid rule's character. */
export const RULE_CHAR = '-';
/** The character of the lines a visitor writes on. */
export const WRITE_IN_CHAR = '_';

/** Lines fed at the end of a job and before a cut, so the last line clears the cutter or tear bar. */
export const END_FEED_LINES = 3;
/** The most data bytes GS ( k accepts for a model 2 symbol. */
const QR_NATIVE_MAX_BYTES = 7089;

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD): QR data is UTF-8, whatever the code table. */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) ?? 0xfffd;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/**
 * Word-wraps `text` to `width` columns, as the printer will print it (already
 * transliterated for `table`). Line breaks in `text` are kept; runs of spaces
 * collapse; a word longer than a line (an address) is cut after its last dot,
 * slash, hyphen or @ that fits, or at the line's width when it has none, and
 * only such a word is ever cut.
 */
export function wrapText(text: string, table: CodePage, width: number): string[] {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`line width must be a positive integer, not ${width}`);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const raw of paragraph.split(/[ \t]+/)) {
      let word = transliterate(raw, table).text;
      if (word === '') continue;
      if (line !== '' && line.length + 1 + word.length <= width) {
        line += ` ${word}`;
        continue;
      }
      if (line !== '') lines.push(line);
      while (word.length > width) {
        // An address breaks after a dot or a slash (else a hyphen or an @), never inside a word.
        const head = word.slice(0, width);
        const atDotOrSlash = Math.max(head.lastIndexOf('.'), head.lastIndexOf('/'));
        const breakAfter = atDotOrSlash > 0 ? atDotOrSlash : Math.max(head.lastIndexOf('-'), head.lastIndexOf('@'));
        const cutAt = breakAfter > 0 ? breakAfter + 1 : width;
        lines.push(word.slice(0, cutAt));
        word = word.slice(cutAt);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

/** `- - -` over exactly `length` columns, starting with a dash. */
function dashes(length: number): string {
  return Array.from({ length }, (_, index) => (index % 2 === 0 ? '-' : ' ')).join('');
}

/** `- - - à découper - - -` across `columns`, the label in the middle; longer labels get lines of their own. */
export function cutLineText(label: string, table: CodePage, columns: number): string[] {
  const text = transliterate(label.trim(), table).text;
  const dashed = dashes(columns).trimEnd();
  if (text === '') return [dashed];
  const sides = columns - text.length - 2;
  if (sides < 2) return [dashed, ...wrapText(label, table, columns), dashed];
  const leftLength = Math.floor(sides / 2);
  const left = [...dashes(leftLength)].reverse().join('');
  return [`${left} ${text} ${dashes(sides - leftLength)}`.trimEnd()];
}

/** The module size (dots) a QR code of `size` modules prints at: the profile's, lowered to fit the paper with its quiet zone. */
export function qrModuleSizeFor(size: number, profile: Pick<PrinterProfile, 'dotsPerLine' | 'qrModuleSize'>): number {
  const fitting = Math.floor(profile.dotsPerLine / (size + 2 * QR_QUIET_ZONE));
  const moduleSize = Math.min(profile.qrModuleSize, fitting, 16);
  if (moduleSize < 1) throw new RangeError(`a QR code of ${size} modules does not fit ${profile.dotsPerLine} dots`);
  return moduleSize;
}

function checkMatrix(matrix: QrMatrix): void {
  if (!Number.isInteger(matrix.size) || matrix.size < 1 || matrix.modules.length !== matrix.size * matrix.size) {
    throw new RangeError(`QR matrix of size ${matrix.size} must have ${matrix.size * matrix.size} modules, not ${matrix.modules.length}`);
  }
}

/** The QR code as a GS v 0 bitmap: quiet zone included, each module `moduleSize` dots square, rows MSB first. */
export function rasterizeQr(matrix: QrMatrix, moduleSize: number): { widthBytes: number; height: number; bits: Uint8Array } {
  checkMatrix(matrix);
  const dots = (matrix.size + 2 * QR_QUIET_ZONE) * moduleSize;
  const widthBytes = Math.ceil(dots / 8);
  const bits = new Uint8Array(widthBytes * dots);
  for (let y = 0; y < dots; y += 1) {
    const row = Math.floor(y / moduleSize) - QR_QUIET_ZONE;
    if (row < 0 || row >= matrix.size) continue;
    for (let x = 0; x < dots; x += 1) {
      const column = Math.floor(x / moduleSize) - QR_QUIET_ZONE;
      if (column < 0 || column >= matrix.size || matrix.modules[row * matrix.size + column] !== true) continue;
      const index = y * widthBytes + (x >> 3);
      bits[index] = (bits[index] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { widthBytes, height: dots, bits };
}

function checkCount(what: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number ≥ 0, not ${value}`);
  return value;
}

/** Lays `doc` out for `profile` (see the file comment for the choices). */
export function toCommands(doc: PrintDocument, profile: PrinterProfile): EscPosCommand[] {
  const { codePage, escT } = pickCodePage(profile);
  const out: EscPosCommand[] = [{ op: 'init' }];
  if (profile.leaveChineseMode) out.push({ op: 'leave-chinese-mode' });
  out.push({ op: 'international-usa' }, { op: 'code-table', n: escT });

  // The printer's state after ESC @; commands are sent only when it changes.
  const state: { align: Align; bold: boolean; underline: boolean; size: 1 | 2 } = { align: 'left', bold: false, underline: false, size: 1 };
  const applyStyle = (style: TextStyle = {}): void => {
    const align = style.align ?? 'left';
    const bold = style.bold ?? false;
    const underline = style.underline ?? false;
    const size = style.size ?? 1;
    if (align !== state.align) out.push({ op: 'align', align });
    if (bold !== state.bold) out.push({ op: 'bold', on: bold });
    if (underline !== state.underline) out.push({ op: 'underline', on: underline });
    if (size !== state.size) out.push({ op: 'size', width: size, height: size });
    Object.assign(state, { align, bold, underline, size });
  };
  const printLine = (text: string): void => {
    if (text !== '') out.push({ op: 'text', bytes: encodeText(text, codePage).bytes });
    out.push({ op: 'newline' });
  };
  const feed = (lines: number): void => {
    for (let left = checkCount('feed lines', lines); left > 0; left -= 255) out.push({ op: 'feed', lines: Math.min(left, 255) });
  };
  const columns = profile.columns;

  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text': {
        applyStyle(block.style);
        const width = state.size === 2 ? Math.floor(columns / 2) : columns;
        for (const line of wrapText(block.text, codePage, width)) printLine(line);
        break;
      }
      case 'rule':
        applyStyle();
        printLine(block.style === 'solid' ? RULE_CHAR.repeat(columns) : dashes(columns).trimEnd());
        break;
      case 'write-in':
        applyStyle();
        if (block.label.trim() !== '') for (const line of wrapText(block.label, codePage, columns)) printLine(line);
        for (let index = 0; index < checkCount('write-in lines', block.lines); index += 1) {
          out.push({ op: 'newline' });
          printLine(WRITE_IN_CHAR.repeat(columns));
        }
        break;
      case 'qr': {
        checkMatrix(block.matrix);
        const moduleSize = qrModuleSizeFor(block.matrix.size, profile);
        applyStyle({ align: 'center' });
        if (profile.qr === 'native') {
          out.push({ op: 'qr-native', data: utf8Encode(block.data), moduleSize });
        } else {
          out.push({ op: 'qr-raster', ...rasterizeQr(block.matrix, moduleSize) });
        }
        break;
      }
      case 'feed':
        feed(block.lines);
        break;
      case 'cut':
        applyStyle();
        if (profile.cutter) {
          feed(END_FEED_LINES);
          out.push({ op: 'cut-partial' });
        } else {
          feed(1);
          for (const line of cutLineText(block.label, codePage, columns)) printLine(line);
          feed(1);
        }
        break;
    }
  }

  // End of job, unless the document already ended with a cut (no empty slip).
  if (out.at(-1)?.op !== 'cut-partial') {
    feed(END_FEED_LINES);
    if (profile.cutter) out.push({ op: 'cut-partial' });
  }
  return out;
}

function byteRange(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${what} must be ${min}–${max}, not ${value}`);
  return value;
}

const ALIGN_BYTE: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** The bytes of one command. */
export function commandBytes(command: EscPosCommand): Uint8Array {
  switch (command.op) {
    case 'init':
      return Uint8Array.of(0x1b, 0x40);
    case 'leave-chinese-mode':
      return Uint8Array.of(0x1c, 0x2e);
    case 'international-usa':
      return Uint8Array.of(0x1b, 0x52, 0x00);
    case 'code-table':
      return Uint8Array.of(0x1b, 0x74, byteRange('code table', command.n, 0, 255));
    case 'align':
      return Uint8Array.of(0x1b, 0x61, ALIGN_BYTE[command.align]);
    case 'bold':
      return Uint8Array.of(0x1b, 0x45, command.on ? 1 : 0);
    case 'underline':
      return Uint8Array.of(0x1b, 0x2d, command.on ? 1 : 0);
    case 'size':
      return Uint8Array.of(0x1d, 0x21, ((byteRange('width', command.width, 1, 8) - 1) << 4) | (byteRange('height', command.height, 1, 8) - 1));
    case 'text':
      if (command.bytes.some((byte) => byte < 0x20 || byte === 0x7f)) throw new RangeError('text bytes must not contain control characters');
      return command.bytes;
    case 'newline':
      return Uint8Array.of(0x0a);
    case 'feed':
      return Uint8Array.of(0x1b, 0x64, byteRange('feed lines', command.lines, 0, 255));
    case 'qr-native': {
      const length = byteRange('QR data length', command.data.length, 1, QR_NATIVE_MAX_BYTES) + 3;
      const header = [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]; // model 2
      const moduleSize = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, byteRange('QR module size', command.moduleSize, 1, 16)];
      const errorCorrection = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]; // M
      const store = [0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30];
      const print = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];
      return Uint8Array.from([...header, ...moduleSize, ...errorCorrection, ...store, ...command.data, ...print]);
    }
    case 'qr-raster': {
      const x = byteRange('raster width (bytes)', command.widthBytes, 1, 0xffff);
      const y = byteRange('raster height (dots)', command.height, 1, 0xffff);
      if (command.bits.length !== x * y) throw new RangeError(`raster data must be ${x * y} bytes, not ${command.bits.length}`);
      const bytes = new Uint8Array(8 + command.bits.length);
      bytes.set([0x1d, 0x76, 0x30, 0x00, x & 0xff, x >> 8, y & 0xff, y >> 8]);
      bytes.set(command.bits, 8);
      return bytes;
    }
    case 'cut-partial':
      return Uint8Array.of(0x1d, 0x56, 0x42, 0x00);
  }
}

/** All the commands' bytes, in order. */
export function toBytes(commands: readonly EscPosCommand[]): Uint8Array {
  const parts = commands.map(commandBytes);
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** The bytes of `doc` for `profile`: what the serial adapter writes. */
export function encodeDocument(doc: PrintDocument, profile: PrinterProfile): Uint8Array {
  return toBytes(toCommands(doc, profile));
}
