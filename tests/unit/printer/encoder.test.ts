import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { PC850, WPC1252 } from '../../../main/core/printer/code-pages';
import type { PrintBlock, PrintDocument, QrMatrix } from '../../../main/core/printer/document';
import { commandBytes, encodeDocument, toBytes, toCommands, utf8Encode, wrapText, type EscPosCommand } from '../../../main/core/printer/encoder';
import { PRINTER_PROFILES, findProfile, type PrinterProfile } from '../../../main/core/printer/profiles';
import { testPageDocument } from '../../../main/core/printer/test-page';

// ---------------------------------------------------------------- helpers (independent of the code under test)

const hex = (bytes: Uint8Array | readonly number[]): string => [...bytes].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
/** Hex of an ASCII string (every character < 0x80). */
const ascii = (text: string): string => {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`not ASCII: ${text}`);
  return hex([...text].map((char) => char.charCodeAt(0)));
};
const join_ = (...parts: string[]): string => parts.filter((part) => part !== '').join(' ');
const repeat = (byteHex: string, count: number): string => Array.from({ length: count }, () => byteHex).join(' ');

const makeQr = (data: string): QrMatrix => {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  return { size: modules.size, modules: [...modules.data].map((bit) => bit === 1) };
};

const profile = (id: string): PrinterProfile => {
  const found = findProfile(id);
  if (found === undefined) throw new Error(`no profile ${id}`);
  return found;
};
const T20 = profile('epson-tm-t20');
const T88 = profile('epson-tm-t88');
const G58 = profile('generic-58mm');
/** A clone with PC850 only (no €, no œ). */
const PC850_CLONE: PrinterProfile = { ...G58, id: 'pc850-clone', codePages: { pc850: 2 } };

const HEADER_EPSON = '1B 40 1B 52 00 1B 74 10';
const HEADER_G58 = '1B 40 1C 2E 1B 52 00 1B 74 10';
const END_CUTTER = '1B 64 03 1D 56 42 00';
const END_NO_CUTTER = '1B 64 03';

const encode = (blocks: PrintBlock[], on: PrinterProfile): string => hex(encodeDocument({ blocks }, on));

/** The printed text lines of a command list, decoded with iconv-lite. */
function printedLines(commands: readonly EscPosCommand[], encoding: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const command of commands) {
    if (command.op === 'text') current += iconv.decode(Buffer.from(command.bytes), encoding);
    if (command.op === 'newline') {
      lines.push(current);
      current = '';
    }
  }
  return lines;
}

// ---------------------------------------------------------------- job header and end

describe('job header and end', () => {
  it.each([
    ['epson-tm-t20', T20, HEADER_EPSON, END_CUTTER],
    ['epson-tm-t88', T88, HEADER_EPSON, END_CUTTER],
    ['generic-58mm', G58, HEADER_G58, END_NO_CUTTER],
    ['pc850-clone', PC850_CLONE, '1B 40 1C 2E 1B 52 00 1B 74 02', END_NO_CUTTER],
  ])('%s: ESC @, [FS .], ESC R 0, ESC t n … feed 3 [, partial cut]', (_id, on, header, end) => {
    expect(encode([], on)).toBe(join_(header, end));
  });

  it('gives the header as commands too', () => {
    expect(toCommands({ blocks: [] }, G58).slice(0, 4)).toEqual([
      { op: 'init' },
      { op: 'leave-chinese-mode' },
      { op: 'international-usa' },
      { op: 'code-table', n: 16 },
    ]);
  });
});

// ---------------------------------------------------------------- text

describe('text', () => {
  it('goes through WPC1252: accents, €, œ and @ as single bytes', () => {
    const text = 'Été : 5 €, œuvre, jean@caf.fr';
    const bytes = 'C9 74 E9 20 3A 20 35 20 80 2C 20 9C 75 76 72 65 2C 20 6A 65 61 6E 40 63 61 66 2E 66 72';
    expect(encode([{ kind: 'text', text }], T20)).toBe(join_(HEADER_EPSON, bytes, '0A', END_CUTTER));
    expect(encode([{ kind: 'text', text }], G58)).toBe(join_(HEADER_G58, bytes, '0A', END_NO_CUTTER));
  });

  it('is transliterated where the table lacks a character (PC850: EUR, oe)', () => {
    const bytes = '90 74 82 20 3A 20 35 20 45 55 52 2C 20 6F 65 75 76 72 65 2C 20 6A 65 61 6E 40 63 61 66 2E 66 72';
    expect(encode([{ kind: 'text', text: 'Été : 5 €, œuvre, jean@caf.fr' }], PC850_CLONE)).toBe(
      join_('1B 40 1C 2E 1B 52 00 1B 74 02', bytes, '0A', END_NO_CUTTER),
    );
  });

  it('never lets a control character through', () => {
    expect(encode([{ kind: 'text', text: 'A\u001BB' }], T20)).toBe(join_(HEADER_EPSON, '41 3F 42 0A', END_CUTTER));
    expect(() => commandBytes({ op: 'text', bytes: Uint8Array.of(0x41, 0x1b) })).toThrow(RangeError);
  });

  it('sets bold, double size and centring only for its own block', () => {
    const blocks: PrintBlock[] = [
      { kind: 'text', text: 'Mon mémo', style: { bold: true, size: 2, align: 'center' } },
      { kind: 'text', text: 'x', style: { underline: true } },
      { kind: 'text', text: 'y' },
    ];
    expect(encode(blocks, T20)).toBe(
      join_(
        HEADER_EPSON,
        '1B 61 01 1B 45 01 1D 21 11',
        '4D 6F 6E 20 6D E9 6D 6F 0A',
        '1B 61 00 1B 45 00 1B 2D 01 1D 21 00',
        '78 0A',
        '1B 2D 00',
        '79 0A',
        END_CUTTER,
      ),
    );
  });

  it('prints an empty text as an empty line', () => {
    expect(encode([{ kind: 'text', text: '' }], T20)).toBe(join_(HEADER_EPSON, '0A', END_CUTTER));
  });
});

// ---------------------------------------------------------------- word wrapping

describe('word wrapping', () => {
  const advice = "Gardez ce mémo chez vous, jamais avec votre carte d'identité ou votre carte Vitale.";

  it('wraps at 32 columns (58 mm)', () => {
    expect(wrapText(advice, WPC1252, 32)).toEqual(['Gardez ce mémo chez vous, jamais', "avec votre carte d'identité ou", 'votre carte Vitale.']);
  });

  it('wraps at 42 columns (TM-T88)', () => {
    expect(wrapText(advice, WPC1252, 42)).toEqual(['Gardez ce mémo chez vous, jamais avec', "votre carte d'identité ou votre carte", 'Vitale.']);
  });

  it('wraps at 48 columns (TM-T20)', () => {
    expect(wrapText(advice, WPC1252, 48)).toEqual(['Gardez ce mémo chez vous, jamais avec votre', "carte d'identité ou votre carte Vitale."]);
  });

  it.each([
    ['generic-58mm', 32, G58],
    ['epson-tm-t88', 42, T88],
    ['epson-tm-t20', 48, T20],
  ])('%s: the printed lines are at most %i columns, and no word is split', (_id, columns, on) => {
    const text = `${advice} Numéro de sécurité sociale : 13 chiffres + clé. ${advice}`;
    const lines = printedLines(toCommands({ blocks: [{ kind: 'text', text }] }, on), 'cp1252');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(lines.join(' ').split(' ')).toEqual(text.split(' '));
    expect(lines.every((line, index) => index === lines.length - 1 || `${line} ${lines[index + 1]?.split(' ')[0]}`.length > columns)).toBe(true);
  });

  it('never splits a word shorter than the line, at any width', () => {
    const words = advice.split(' ');
    for (let width = 11; width <= 60; width += 1) {
      const lines = wrapText(advice, WPC1252, width);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines.flatMap((line) => line.split(' '))).toEqual(words);
    }
  });

  it('halves the columns in double size', () => {
    const lines = printedLines(toCommands({ blocks: [{ kind: 'text', text: 'Mon mémo personnel', style: { size: 2 } }] }, G58), 'cp1252');
    expect(lines).toEqual(['Mon mémo', 'personnel']);
  });

  it('cuts only a word longer than the line (an address), after a dot or a slash, never inside a word', () => {
    expect(wrapText('Site : https://administration-etrangers-en-france.interieur.gouv.fr', WPC1252, 32)).toEqual([
      'Site :',
      'https://',
      'administration-etrangers-en-',
      'france.interieur.gouv.fr',
    ]);
    expect(wrapText('Adresse : administration-etrangers-en-france.interieur.gouv.fr/mon-compte', WPC1252, 42)).toEqual([
      'Adresse :',
      'administration-etrangers-en-france.',
      'interieur.gouv.fr/mon-compte',
    ]);
  });

  it('cuts a word with no dot, slash or hyphen at the line width', () => {
    expect(wrapText('abcdefghijklmnop', WPC1252, 10)).toEqual(['abcdefghij', 'klmnop']);
  });

  it('counts transliterated characters as printed (… is three columns in PC850)', () => {
    expect(wrapText('abcdef… ghi', PC850, 10)).toEqual(['abcdef...', 'ghi']);
    expect(wrapText('abcdef… ghi', WPC1252, 10)).toEqual(['abcdef…', 'ghi']);
  });

  it('keeps no-break spaces unbroken, keeps line breaks, collapses spaces', () => {
    expect(wrapText('Texte «\u00A0Mon mémo\u00A0»', WPC1252, 10)).toEqual(['Texte', '« Mon', 'mémo »']);
    expect(wrapText('a  b\n\nc', WPC1252, 10)).toEqual(['a b', '', 'c']);
  });
});

// ---------------------------------------------------------------- rules and write-in lines

describe('rules and write-in lines', () => {
  it('a solid rule is "-" across the columns', () => {
    expect(encode([{ kind: 'rule', style: 'solid' }], T20)).toBe(join_(HEADER_EPSON, repeat('2D', 48), '0A', END_CUTTER));
    expect(encode([{ kind: 'rule', style: 'solid' }], T88)).toBe(join_(HEADER_EPSON, repeat('2D', 42), '0A', END_CUTTER));
  });

  it('a dashed rule is "- - -" across the columns', () => {
    expect(encode([{ kind: 'rule', style: 'dashed' }], G58)).toBe(join_(HEADER_G58, repeat('2D 20', 15), '2D', '0A', END_NO_CUTTER));
  });

  it('a write-in is the label, then per line a blank line and "_" across the columns', () => {
    expect(encode([{ kind: 'write-in', label: 'Identifiant :', lines: 2 }], G58)).toBe(
      join_(HEADER_G58, ascii('Identifiant :'), '0A', '0A', repeat('5F', 32), '0A', '0A', repeat('5F', 32), '0A', END_NO_CUTTER),
    );
  });
});

// ---------------------------------------------------------------- feeds

describe('feeds', () => {
  it('ESC d n, split above 255 lines', () => {
    expect(encode([{ kind: 'feed', lines: 2 }], T20)).toBe(join_(HEADER_EPSON, '1B 64 02', END_CUTTER));
    expect(encode([{ kind: 'feed', lines: 300 }], T20)).toBe(join_(HEADER_EPSON, '1B 64 FF 1B 64 2D', END_CUTTER));
    expect(encode([{ kind: 'feed', lines: 0 }], T20)).toBe(join_(HEADER_EPSON, END_CUTTER));
  });

  it('refuses a negative or fractional count', () => {
    expect(() => encodeDocument({ blocks: [{ kind: 'feed', lines: -1 }] }, T20)).toThrow(RangeError);
    expect(() => encodeDocument({ blocks: [{ kind: 'feed', lines: 1.5 }] }, T20)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- QR codes

describe('native QR (GS ( k)', () => {
  const CAF = 'https://www.caf.fr/';
  const qrBytes = (moduleSize: string, storeLength: string, data: string): string =>
    join_(
      '1D 28 6B 04 00 31 41 32 00', // model 2
      `1D 28 6B 03 00 31 43 ${moduleSize}`,
      '1D 28 6B 03 00 31 45 31', // error correction M
      `1D 28 6B ${storeLength} 31 50 30`,
      data,
      '1D 28 6B 03 00 31 51 30', // print
    );

  it('model 2, the profile module size, M, store (19 bytes + 3 = 0x16), print, centred', () => {
    expect(encode([{ kind: 'qr', data: CAF, matrix: makeQr(CAF) }], T20)).toBe(join_(HEADER_EPSON, '1B 61 01', qrBytes('06', '16 00', ascii(CAF)), END_CUTTER));
    expect(encode([{ kind: 'qr', data: CAF, matrix: makeQr(CAF) }], G58)).toBe(join_(HEADER_G58, '1B 61 01', qrBytes('05', '16 00', ascii(CAF)), END_NO_CUTTER));
  });

  it('pL pH count bytes, not characters: a 300-byte address is 2F 01, and the module shrinks to fit 58 mm', () => {
    const url = `https://www.caf.fr/?q=${'a'.repeat(278)}`;
    expect(url.length).toBe(300);
    const matrix = makeQr(url);
    expect(matrix.size).toBe(69);
    const t20 = encode([{ kind: 'qr', data: url, matrix }], T20);
    expect(t20).toContain(join_('1D 28 6B 03 00 31 43 06', '1D 28 6B 03 00 31 45 31', '1D 28 6B 2F 01 31 50 30', ascii(url), '1D 28 6B 03 00 31 51 30'));
    // 384 dots / (69 + 8 quiet modules) = 4.98: 4 dots per module, not the profile's 5.
    expect(encode([{ kind: 'qr', data: url, matrix }], G58)).toContain('1D 28 6B 03 00 31 43 04');
  });

  it('sends the data as UTF-8', () => {
    const url = 'https://exemple.fr/é';
    expect(encode([{ kind: 'qr', data: url, matrix: makeQr(url) }], T20)).toContain(join_('1D 28 6B 18 00 31 50 30', ascii('https://exemple.fr/'), 'C3 A9', '1D 28 6B'));
  });

  it('utf8Encode matches Node for every kind of character', () => {
    const text = 'a é € 𝄞 北 œ';
    expect(hex(utf8Encode(text))).toBe(hex(Buffer.from(text, 'utf8')));
    expect(hex(utf8Encode('é€𝄞'))).toBe('C3 A9 E2 82 AC F0 9D 84 9E');
    expect(hex(utf8Encode('\uD800'))).toBe('EF BF BD');
  });
});

describe('raster QR (GS v 0)', () => {
  const rasterOf = (commands: EscPosCommand[]) => {
    const raster = commands.find((command) => command.op === 'qr-raster');
    if (raster?.op !== 'qr-raster') throw new Error('no raster');
    return raster;
  };

  it('one dark module, 4 dots per module: 9 × 4 = 36 dots, 5 bytes a row, rows 16–19 = 00 00 F0 00 00', () => {
    const matrix: QrMatrix = { size: 1, modules: [true] };
    const bytes = encodeDocument({ blocks: [{ kind: 'qr', data: 'x', matrix }] }, T88);
    const rows: string[] = [];
    for (let row = 0; row < 36; row += 1) rows.push(row >= 16 && row <= 19 ? '00 00 F0 00 00' : '00 00 00 00 00');
    expect(hex(bytes)).toBe(join_(HEADER_EPSON, '1B 61 01', '1D 76 30 00 05 00 24 00', ...rows, END_CUTTER));
  });

  it('a diagonal 2 × 2 at 3 dots per module crosses a byte boundary, MSB first', () => {
    const matrix: QrMatrix = { size: 2, modules: [true, false, false, true] };
    const raster = rasterOf(toCommands({ blocks: [{ kind: 'qr', data: 'x', matrix }] }, { ...T88, qrModuleSize: 3 }));
    // (2 + 8) × 3 = 30 dots: 4 bytes a row, 30 rows. Module (0,0) = dots 12–14, module (1,1) = dots 15–17.
    expect([raster.widthBytes, raster.height]).toEqual([4, 30]);
    const rows: string[] = [];
    for (let row = 0; row < 30; row += 1) {
      if (row >= 12 && row <= 14) rows.push('00 0E 00 00');
      else if (row >= 15 && row <= 17) rows.push('00 01 C0 00');
      else rows.push('00 00 00 00');
    }
    expect(hex(raster.bits)).toBe(rows.join(' '));
    expect(hex(commandBytes(raster)).slice(0, 23)).toBe('1D 76 30 00 04 00 1E 00');
  });

  it('https://www.caf.fr/ on the TM-T88: 25 + 8 modules × 4 dots = 132, header 1D 76 30 00 11 00 84 00, 17 × 132 bytes', () => {
    const CAF = 'https://www.caf.fr/';
    const matrix = makeQr(CAF);
    expect(matrix.size).toBe(25);
    const commands = toCommands({ blocks: [{ kind: 'qr', data: CAF, matrix }] }, T88);
    const bytes = hex(toBytes(commands));
    const rasterStart = join_(HEADER_EPSON, '1B 61 01', '1D 76 30 00 11 00 84 00');
    expect(bytes.startsWith(rasterStart)).toBe(true);
    expect(bytes.length).toBe(join_(rasterStart, repeat('00', 17 * 132), END_CUTTER).length);
    expect(bytes.endsWith(END_CUTTER)).toBe(true);

    // Read the bitmap back: every dot is its module's colour, quiet zone and padding white.
    const { widthBytes, height, bits } = rasterOf(commands);
    expect(bits.length).toBe(widthBytes * height);
    const dot = (x: number, y: number): boolean => (((bits[y * widthBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
    for (let y = 0; y < 132; y += 1) {
      for (let x = 0; x < 136; x += 1) {
        const row = Math.floor(y / 4) - 4;
        const column = Math.floor(x / 4) - 4;
        const inside = x < 132 && row >= 0 && row < 25 && column >= 0 && column < 25;
        expect(dot(x, y), `dot ${x},${y}`).toBe(inside && matrix.modules[row * 25 + column] === true);
      }
    }
  });

  it('lowers the module size to fit the paper', () => {
    const url = `https://www.caf.fr/?q=${'a'.repeat(278)}`;
    const matrix = makeQr(url); // 69 modules
    // TM-T88: 4 dots fit (77 × 4 = 308 ≤ 512): 39 bytes a row, 308 rows.
    expect(encode([{ kind: 'qr', data: url, matrix }], T88)).toContain('1D 76 30 00 27 00 34 01');
    // A 58 mm raster clone asking for 8 dots gets 4 (77 × 5 = 385 > 384).
    const raster58 = rasterOf(toCommands({ blocks: [{ kind: 'qr', data: url, matrix }] }, { ...G58, qr: 'raster', qrModuleSize: 8 }));
    expect([raster58.widthBytes, raster58.height]).toEqual([39, 308]);
  });

  it('refuses a matrix whose module count is wrong', () => {
    expect(() => encodeDocument({ blocks: [{ kind: 'qr', data: 'x', matrix: { size: 3, modules: [true] } }] }, T88)).toThrow(RangeError);
    expect(() => commandBytes({ op: 'qr-raster', widthBytes: 2, height: 2, bits: new Uint8Array(3) })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- cuts

describe('cuts', () => {
  const blocks: PrintBlock[] = [
    { kind: 'text', text: 'A' },
    { kind: 'cut', label: 'à découper' },
    { kind: 'text', text: 'B' },
  ];
  // " - - - - - à découper - - - - -": 10 + 12 + 9 = 31 columns, the label in the middle of 32.
  const CUT_LINE_32 = join_('20 2D 20 2D 20 2D 20 2D 20 2D', '20 E0 20 64 E9 63 6F 75 70 65 72 20', '2D 20 2D 20 2D 20 2D 20 2D');

  it('with a cutter: feed 3 lines, then GS V 66 0 (feed to the cutter and cut partially)', () => {
    expect(encode(blocks, T20)).toBe(join_(HEADER_EPSON, '41 0A', '1B 64 03 1D 56 42 00', '42 0A', END_CUTTER));
  });

  it('without a cutter (58 mm clone): a dashed line with the label centred, between feeds', () => {
    expect(encode(blocks, G58)).toBe(join_(HEADER_G58, '41 0A', '1B 64 01', CUT_LINE_32, '0A', '1B 64 01', '42 0A', END_NO_CUTTER));
    expect(encode(blocks, G58)).not.toContain('1D 56');
  });

  it('a document that ends with a cut is not cut twice', () => {
    expect(encode([{ kind: 'text', text: 'A' }, { kind: 'cut', label: 'x' }], T20)).toBe(join_(HEADER_EPSON, '41 0A', END_CUTTER));
  });
});

// ---------------------------------------------------------------- test page

describe('staff test page', () => {
  it.each(PRINTER_PROFILES.map((on) => [on.id, on] as const))('%s: name, table, characters, ruler, styles, QR and cut', (_id, on) => {
    const doc = testPageDocument(on, 'Bus France Services', makeQr);
    const commands = toCommands(doc, on);
    const lines = printedLines(commands, 'cp1252');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(on.columns);
    const text = lines.join(' ');
    expect(text).toContain(on.name);
    expect(text).toContain('Table de caractères : WPC1252 (ESC t 16)');
    expect(text).toContain('Station : Bus France Services');
    expect(lines).toContain('é è ê à ç œ € « » @');
    expect(lines).toContain('Œ ’ – …');
    expect(lines).toContain('123456789012345678901234567890123456789012345678'.slice(0, on.columns));
    const bytes = hex(toBytes(commands));
    expect(bytes).toContain('E9 20 E8 20 EA 20 E0 20 E7 20 9C 20 80 20 AB 20 BB 20 40 0A');
    expect(bytes).toContain('8C 20 92 20 96 20 85 0A');
    expect(bytes).toContain('1B 45 01');
    expect(bytes).toContain('1B 2D 01');
    expect(bytes).toContain('1D 21 11');
    const url = 'https://www.service-public.gouv.fr/';
    if (on.qr === 'native') expect(bytes).toContain(join_('1D 28 6B 26 00 31 50 30', ascii(url)));
    else expect(commands.some((command) => command.op === 'qr-raster')).toBe(true);
    expect(bytes.split('1D 56 42 00').length - 1).toBe(on.cutter ? 2 : 0);
    if (!on.cutter) expect(lines.some((line) => line.includes('à découper') && line.includes('- -'))).toBe(true);
  });

  it('shows the transliteration on a PC850 printer', () => {
    const bytes = hex(encodeDocument(testPageDocument(PC850_CLONE, 'x', makeQr), PC850_CLONE));
    expect(bytes).toContain('82 20 8A 20 88 20 85 20 87 20 6F 65 20 45 55 52 20 AE 20 AF 20 40 0A');
    expect(bytes).toContain('4F 45 20 27 20 2D 20 2E 2E 2E 0A');
    expect(printedLines(toCommands(testPageDocument(PC850_CLONE, 'x', makeQr), PC850_CLONE), 'cp850').join(' ')).toContain('Table de caractères : PC850 (ESC t 2)');
  });
});

// ---------------------------------------------------------------- golden files

/**
 * A fixed sample memo, encoded for each profile and compared byte for byte
 * with tests/unit/printer/golden/<profile>.hex (32 bytes a line). The files
 * are reviewed by a person; they are rewritten only with UPDATE_GOLDEN=1:
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/printer/encoder.test.ts
 */
const GOLDEN_DIR = join(__dirname, 'golden');

function sampleDocument(): PrintDocument {
  const CAF = 'https://www.caf.fr/';
  return {
    blocks: [
      { kind: 'text', text: 'Mon mémo personnel', style: { bold: true, size: 2, align: 'center' } },
      { kind: 'text', text: 'Médiathèque Jean-Jaurès : à garder chez vous, jamais avec votre carte Vitale.' },
      { kind: 'text', text: 'Timbre fiscal : 25 €. Cœur, œuvre, Œdipe – « très » bien…' },
      { kind: 'text', text: 'E-mail des comptes : prenom.nom@exemple.fr', style: { underline: true } },
      { kind: 'rule', style: 'solid' },
      { kind: 'write-in', label: 'CAF : numéro de sécurité sociale (13 chiffres + clé)', lines: 1 },
      { kind: 'rule', style: 'dashed' },
      { kind: 'qr', data: CAF, matrix: makeQr(CAF) },
      { kind: 'text', text: 'www.caf.fr, aide : 3230', style: { align: 'center' } },
      // Longer than a line on every profile: breaks after a dot or a slash.
      { kind: 'text', text: 'Adresse à taper : https://administration-etrangers-en-france.interieur.gouv.fr/particuliers/' },
      { kind: 'cut', label: 'à découper' },
      { kind: 'text', text: 'Indices de mots de passe', style: { bold: true } },
      { kind: 'write-in', label: 'CAF :', lines: 1 },
    ],
  };
}

const toHexLines = (bytes: Uint8Array): string => {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 32) lines.push(hex(bytes.subarray(offset, offset + 32)));
  return `${lines.join('\n')}\n`;
};

describe('golden bytes of a sample memo', () => {
  it.each(PRINTER_PROFILES.map((on) => [on.id, on] as const))('%s', (id, on) => {
    const file = join(GOLDEN_DIR, `${id}.hex`);
    const actual = toHexLines(encodeDocument(sampleDocument(), on));
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    expect(existsSync(file), `${file} is missing: write it with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('the golden files start with each profile’s hand-checked header', () => {
    if (process.env.UPDATE_GOLDEN === '1') return;
    const first = (id: string): string => readFileSync(join(GOLDEN_DIR, `${id}.hex`), 'utf8').split('\n')[0] ?? '';
    expect(first('epson-tm-t20').startsWith(`${HEADER_EPSON} 1B 61 01 1B 45 01 1D 21 11`)).toBe(true);
    expect(first('epson-tm-t88').startsWith(`${HEADER_EPSON} 1B 61 01 1B 45 01 1D 21 11`)).toBe(true);
    expect(first('generic-58mm').startsWith(`${HEADER_G58} 1B 61 01 1B 45 01 1D 21 11`)).toBe(true);
  });
});
