import { describe, expect, it } from 'vitest';
import { PRINTER_PROFILES, findProfile, printerProfileSchema } from '../../../main/core/printer/profiles';

describe('printer profiles', () => {
  it('has the three built-in profiles, with unique ids', () => {
    expect(PRINTER_PROFILES.map((profile) => profile.id)).toEqual(['epson-tm-t20', 'epson-tm-t88', 'generic-58mm']);
  });

  it.each(PRINTER_PROFILES.map((profile) => [profile.id, profile] as const))('%s is valid for the schema, unchanged by it', (_id, profile) => {
    expect(printerProfileSchema.parse(profile)).toEqual(profile);
  });

  // What each built-in profile must say, from the printers' manuals (ESCPOS.md).
  const EXPECTED: [string, string, object][] = [
    [
      'epson-tm-t20',
      '80 mm, 576 dots, 48 columns, WPC1252 16 / PC858 19 / PC850 2, native QR, cutter, 38400 RTS/CTS',
      { paperWidthMm: 80, dotsPerLine: 576, columns: 48, codePages: { wpc1252: 16, pc858: 19, pc850: 2 }, qr: 'native', cutter: true, leaveChineseMode: false, serial: { baudRate: 38400, flowControl: 'rtscts' } },
    ],
    [
      'epson-tm-t88',
      '80 mm, 512 dots, 42 columns, same tables, raster QR, cutter, 9600 RTS/CTS',
      { paperWidthMm: 80, dotsPerLine: 512, columns: 42, codePages: { wpc1252: 16, pc858: 19, pc850: 2 }, qr: 'raster', cutter: true, leaveChineseMode: false, serial: { baudRate: 9600, flowControl: 'rtscts' } },
    ],
    [
      'generic-58mm',
      '384 dots, 32 columns, no PC858, native QR, no cutter, leaves Chinese mode, 9600 without flow control',
      { paperWidthMm: 58, dotsPerLine: 384, columns: 32, codePages: { wpc1252: 16, pc850: 2 }, qr: 'native', cutter: false, leaveChineseMode: true, serial: { baudRate: 9600, flowControl: 'none' } },
    ],
  ];
  it.each(EXPECTED)('%s: %s', (id, _summary, expected) => {
    expect(findProfile(id)).toMatchObject(expected);
  });

  it('generic-58mm has no PC858 table', () => {
    expect(findProfile('generic-58mm')?.codePages.pc858).toBeUndefined();
  });

  it('findProfile returns undefined for an unknown id', () => {
    expect(findProfile('epson-tm-t99')).toBeUndefined();
  });
});

describe('printerProfileSchema (for profiles in a station file)', () => {
  const clone = {
    id: 'yhd-8390',
    name: 'YHD-8390 (80 mm)',
    paperWidthMm: 80,
    dotsPerLine: 576,
    columns: 48,
    codePages: { wpc1252: 11 },
    qr: 'raster',
    qrModuleSize: 4,
    cutter: true,
    leaveChineseMode: true,
    serial: { baudRate: 19200, flowControl: 'xonxoff' },
  };

  it('accepts a clone with its own ESC t numbering', () => {
    expect(printerProfileSchema.safeParse(clone).success).toBe(true);
  });

  const rejected: [string, unknown][] = [
    ['a misspelt key', { ...clone, cuter: true }],
    ['an unknown code table key', { ...clone, codePages: { pc437: 0 } }],
    ['no code table at all', { ...clone, codePages: {} }],
    ['an ESC t number over 255', { ...clone, codePages: { wpc1252: 256 } }],
    ['an unknown QR mode', { ...clone, qr: 'laser' }],
    ['a QR module size of 0', { ...clone, qrModuleSize: 0 }],
    ['a QR module size of 17', { ...clone, qrModuleSize: 17 }],
    ['a non-standard baud rate', { ...clone, serial: { baudRate: 12345, flowControl: 'none' } }],
    ['an unknown flow control', { ...clone, serial: { baudRate: 9600, flowControl: 'dtrdsr' } }],
    ['an upper-case id', { ...clone, id: 'YHD' }],
    ['an empty name', { ...clone, name: ' ' }],
    ['fractional columns', { ...clone, columns: 47.5 }],
    ['a missing field', { ...clone, cutter: undefined }],
  ];

  it.each(rejected)('rejects %s', (_what, value) => {
    expect(printerProfileSchema.safeParse(value).success).toBe(false);
  });

  it('says what is wrong when no code table is given', () => {
    const result = printerProfileSchema.safeParse({ ...clone, codePages: {} });
    expect(result.success ? '' : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')).toMatch(
      /codePages: must give the ESC t number of at least one of wpc1252, pc858, pc850/,
    );
  });
});
