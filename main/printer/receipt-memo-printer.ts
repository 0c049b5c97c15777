import { join } from 'node:path';
import type { StationConfig } from '../core/config/station-config';
import type { MemoPrinter } from '../core/memo/memo-desk';
import type { PrintDocument } from '../core/printer/document';
import { encodeDocument } from '../core/printer/encoder';
import { findProfile, type PrinterProfile } from '../core/printer/profiles';
import { projectRoot } from '../node/paths';
import { PrinterHost, type ForkPrinterProcess } from './printer-host';

/** The memo on the serial receipt printer: the pure encoder's bytes, sent by the printer process. */
export class ReceiptMemoPrinter implements MemoPrinter {
  readonly kind = 'receipt';

  constructor(
    private readonly host: PrinterHost,
    readonly profile: PrinterProfile,
  ) {}

  async print(document: PrintDocument): ReturnType<MemoPrinter['print']> {
    const outcome = await this.host.print(encodeDocument(document, this.profile));
    if (outcome.ok) return { ok: true };
    // A device that does not answer like a printer says nothing true about paper or cover:
    // the visitor gets the plain "un conseiller va vous aider", staff the port and the bytes.
    const problem = outcome.problem === 'not-a-printer' ? 'failed' : outcome.problem;
    return { ok: false, problem, staffMessage: outcome.staffMessage };
  }
}

/** How often the printer is asked for its status between jobs (paper, cover, unplugged). */
const STATUS_POLL_MS = 15_000;

/** The bundled printer process, built next to the other bundles. */
export const printerProcessEntry = (): string => join(projectRoot(), 'dist', 'printer', 'printer-process.cjs');

/**
 * The station's memo printer from its file: a receipt printer in its own
 * process, or null (no printer, or an ordinary printer, which the shell
 * handles). `stop` ends the printer process.
 */
export function startReceiptPrinter(
  config: StationConfig,
  process: { entry?: string; fork?: ForkPrinterProcess } = {},
): { printer: ReceiptMemoPrinter; host: PrinterHost } | null {
  const settings = config.printer;
  if (settings?.kind !== 'escpos-serial') return null;
  const profile = findProfile(settings.profile);
  if (profile === undefined) return null; // the station file check refuses unknown profiles
  const host = new PrinterHost({ entry: process.entry ?? printerProcessEntry(), ...(process.fork === undefined ? {} : { fork: process.fork }) });
  host.configure(
    {
      path: settings.port,
      baudRate: settings.baudRate ?? profile.serial.baudRate,
      flowControl: settings.flowControl ?? profile.serial.flowControl,
    },
    STATUS_POLL_MS,
  );
  return { printer: new ReceiptMemoPrinter(host, profile), host };
}
