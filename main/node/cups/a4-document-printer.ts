import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StationConfig } from '../../core/config/station-config';
import type { KioskLog } from '../../core/log';
import type { A4PrintOutcome } from '../../core/printing/a4-print';
import type { A4DocumentPrinter } from '../../core/printing/print-desk';
import { DEFAULT_PDF_TOOLS, pdfFirstPageThumbnail, pdfPageCount, type PdfPreviewTools } from '../pdf-preview';
import { CupsA4Printer } from './cups-a4-printer';
import { cupsServerFrom, type CupsServer } from './ipp';

export interface CupsDocumentPrinterOptions {
  server: CupsServer;
  queue: string;
  label: A4DocumentPrinter['label'];
  log: KioskLog;
  /** The jobs' owner for CUPS (the kiosk's account by default, see CupsA4Printer). */
  visitUser?: string;
  /** How long the panel follows a job before it says "Impression en cours…" and lets go. */
  outcomeTimeoutMs?: number;
  tools?: PdfPreviewTools;
}

/**
 * The station's A4 printer as the print desk (core/printing/print-desk.ts) sees it:
 * CUPS through IPP (cups-a4-printer.ts) and poppler's tools for the preview
 * (pdf-preview.ts). The thumbnail is made in a folder of its own and deleted at once;
 * the visitor's PDF stays where the shell wrote it (the visitor's folder).
 */
export class CupsDocumentPrinter implements A4DocumentPrinter {
  readonly label: A4DocumentPrinter['label'];
  readonly cups: CupsA4Printer;
  private readonly tools: PdfPreviewTools;
  private readonly outcomeTimeoutMs: number;

  constructor(private readonly options: CupsDocumentPrinterOptions) {
    this.label = options.label;
    this.cups = new CupsA4Printer(options.server, options.queue, options.visitUser, options.log);
    this.tools = options.tools ?? DEFAULT_PDF_TOOLS;
    this.outcomeTimeoutMs = options.outcomeTimeoutMs ?? 60_000;
  }

  async available(): Promise<boolean> {
    return (await this.cups.availability()).available;
  }

  async preview(pdfPath: string): Promise<{ pages: number; thumbnail: string }> {
    const pages = await pdfPageCount(pdfPath, this.tools);
    const folder = await mkdtemp(join(tmpdir(), 'borne-apercu-'));
    try {
      const png = await pdfFirstPageThumbnail(pdfPath, folder, 400, this.tools);
      return { pages, thumbnail: `data:image/png;base64,${png.toString('base64')}` };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async print(pdfPath: string, copies: number): Promise<A4PrintOutcome> {
    const submitted = await this.cups.submit({ pdfPath, copies });
    if (!submitted.ok) return submitted.outcome;
    const { outcome } = await this.cups.waitForOutcome(submitted.jobId, this.outcomeTimeoutMs);
    return outcome;
  }

  async purgeVisitJobs(): Promise<void> {
    await this.cups.wipeStep().run();
  }
}

/** The station's A4 printer from its file (`documents.a4Printer`), or null when it has none. */
export function stationA4Printer(config: StationConfig, log: KioskLog, env: NodeJS.ProcessEnv = process.env): CupsDocumentPrinter | null {
  const printer = config.documents?.a4Printer;
  if (printer === undefined) return null;
  return new CupsDocumentPrinter({
    server: cupsServerFrom(env.CUPS_SERVER, existsSync('/run/cups/cups.sock')),
    queue: printer.queue,
    label: printer.label ?? null,
    log,
  });
}
