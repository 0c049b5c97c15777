import { z } from 'zod';

/**
 * Printer models as data (ReceiptPrinterEncoder's design): what the encoder
 * needs to know about a printer, so a station can describe a new clone in its
 * file without code. The ESC t numbers differ between vendors for the same
 * table (WPC1252 is 16 on Epson, 11, 6 or 8 elsewhere: ESCPOS.md), which is
 * why they live here; the test page prints which table a profile uses.
 * Every object is strict, like the station file: a misspelt key is an error.
 */

/** The n of ESC t n. */
const escTNumber = z.number().int().min(0).max(255);

export const printerProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "epson-tm-t20"'),
  /** For staff (settings screen, test page). */
  name: z.string().trim().min(1, 'must not be empty'),
  paperWidthMm: z.number().positive().max(120),
  /** Printable dots per line: 576 (80 mm TM-T20), 512 (TM-T88), 384 (58 mm). */
  dotsPerLine: z.number().int().min(128).max(2048),
  /** Characters per line in font A, normal size: 48, 42, 32. */
  columns: z.number().int().min(16).max(96),
  /** The ESC t number of each table the printer has; absent = the printer lacks it. */
  codePages: z
    .strictObject({ wpc1252: escTNumber.optional(), pc858: escTNumber.optional(), pc850: escTNumber.optional() })
    .refine((pages) => pages.wpc1252 !== undefined || pages.pc858 !== undefined || pages.pc850 !== undefined, {
      message: 'must give the ESC t number of at least one of wpc1252, pc858, pc850',
    }),
  /** `native`: GS ( k (the printer draws the QR); `raster`: GS v 0 image (TM-T88II/III, many clones). */
  qr: z.enum(['native', 'raster']),
  /** Dots per QR module (1–16); the encoder lowers it when the code would not fit the paper. */
  qrModuleSize: z.number().int().min(1).max(16),
  /** Has an autocutter (GS V). Without one, cuts are printed as a dashed line to cut along. */
  cutter: z.boolean(),
  /** Send FS . after ESC @: clones that start in Chinese double-byte mode print accents as Chinese otherwise. */
  leaveChineseMode: z.boolean(),
  serial: z.strictObject({
    baudRate: z.union([z.literal(2400), z.literal(4800), z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]),
    flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
  }),
});

export type PrinterProfile = z.infer<typeof printerProfileSchema>;

export const PRINTER_PROFILES: readonly PrinterProfile[] = [
  {
    id: 'epson-tm-t20',
    name: 'Epson TM-T20 (80 mm)',
    paperWidthMm: 80,
    dotsPerLine: 576,
    columns: 48,
    codePages: { wpc1252: 16, pc858: 19, pc850: 2 },
    qr: 'native',
    qrModuleSize: 6,
    cutter: true,
    leaveChineseMode: false,
    serial: { baudRate: 38400, flowControl: 'rtscts' },
  },
  {
    id: 'epson-tm-t88',
    name: 'Epson TM-T88II/III (80 mm, QR en image)',
    paperWidthMm: 80,
    dotsPerLine: 512,
    columns: 42,
    codePages: { wpc1252: 16, pc858: 19, pc850: 2 },
    qr: 'raster',
    // 4 dots (0.5 mm) per module: a short URL is ~2.2 KB of raster, ~2.5 s at 9600 baud.
    qrModuleSize: 4,
    cutter: true,
    leaveChineseMode: false,
    serial: { baudRate: 9600, flowControl: 'rtscts' },
  },
  {
    id: 'generic-58mm',
    name: 'Générique 58 mm (sans massicot)',
    paperWidthMm: 58,
    dotsPerLine: 384,
    columns: 32,
    codePages: { wpc1252: 16, pc850: 2 },
    qr: 'native',
    qrModuleSize: 5,
    cutter: false,
    leaveChineseMode: true,
    serial: { baudRate: 9600, flowControl: 'none' },
  },
];

export function findProfile(id: string): PrinterProfile | undefined {
  return PRINTER_PROFILES.find((profile) => profile.id === id);
}
