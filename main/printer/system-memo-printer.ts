import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoPrinter } from '../core/memo/memo-desk';
import type { PrintDocument } from '../core/printer/document';
import { memoToA4Html } from '../node/memo-a4';

/** Turns the A4 page (HTML) into a PDF: headless Chromium in the Chromium shell, printToPDF under Electron. */
export type HtmlToPdf = (html: string) => Promise<Uint8Array>;

/**
 * The memo on the station's ordinary printer: the A4 page as a PDF, handed to
 * CUPS with `lp` (the queue from the station file, or the default printer).
 * The PDF is written to a private temporary folder and deleted at once.
 */
export class SystemMemoPrinter implements MemoPrinter {
  readonly kind = 'system';

  constructor(
    private readonly toPdf: HtmlToPdf,
    private readonly queue: string | undefined,
    private readonly lp: string = 'lp',
  ) {}

  async print(document: PrintDocument): ReturnType<MemoPrinter['print']> {
    const folder = await mkdtemp(join(tmpdir(), 'memo-a4-'));
    try {
      const file = join(folder, 'memo.pdf');
      await writeFile(file, await this.toPdf(memoToA4Html(document)));
      const args = [...(this.queue === undefined ? [] : ['-d', this.queue]), '-t', 'Mon mémo personnel', file];
      await new Promise<void>((resolve, reject) => {
        execFile(this.lp, args, { timeout: 20_000 }, (error, _stdout, stderr) => (error === null ? resolve() : reject(new Error(stderr.trim() || error.message))));
      });
      return { ok: true };
    } catch (error) {
      const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      return { ok: false, problem: 'offline', staffMessage: `${this.lp}${this.queue === undefined ? '' : ` -d ${this.queue}`}: ${detail}` };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
}
