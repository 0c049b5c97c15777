import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What the print panel shows of a PDF: its page count and a picture of its
 * first page. Both come from poppler-utils (`pdfinfo`, `pdftoppm`), the
 * distribution's PDF tools that CUPS's own filters are built on. Why not a
 * JavaScript PDF engine: the PDF comes from a website, so it is read by a
 * short-lived separate process with a time limit, not inside the kiosk's main
 * process; and pdf.js in Node would also need a canvas implementation.
 */

export const PREVIEW_TIMEOUT_MS = 15_000;

export interface PdfPreviewTools {
  readonly pdfinfo: string;
  readonly pdftoppm: string;
}

export const DEFAULT_PDF_TOOLS: PdfPreviewTools = { pdfinfo: 'pdfinfo', pdftoppm: 'pdftoppm' };

/** The number of pages, read by `pdfinfo` ("Pages: N"). Throws with poppler's own message for a broken file. */
export async function pdfPageCount(pdfPath: string, tools: PdfPreviewTools = DEFAULT_PDF_TOOLS): Promise<number> {
  const output = await run(tools.pdfinfo, [pdfPath]);
  const match = /^Pages:\s+(\d+)\s*$/m.exec(output);
  if (match === null) throw new Error(`pdfinfo ${pdfPath}: no page count in its output`);
  return Number(match[1]);
}

/**
 * A PNG of the first page, at most `maxPixels` on its longer side, written
 * beside the kiosk's other files of the visit (`outputFolder`, wiped with it).
 * Returns the PNG bytes (the panel shows them as a data: image).
 */
export async function pdfFirstPageThumbnail(pdfPath: string, outputFolder: string, maxPixels = 400, tools: PdfPreviewTools = DEFAULT_PDF_TOOLS): Promise<Buffer> {
  const prefix = join(outputFolder, `thumbnail-${process.pid}-${Date.now()}`);
  try {
    await run(tools.pdftoppm, ['-f', '1', '-l', '1', '-png', '-scale-to', String(maxPixels), '-singlefile', pdfPath, prefix]);
    return await readFile(`${prefix}.png`);
  } finally {
    await rm(`${prefix}.png`, { force: true });
  }
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: PREVIEW_TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${command}: ${stderr.trim().split('\n')[0] || error.message}`));
    });
  });
}
