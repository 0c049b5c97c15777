import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { CdpPort } from './file-chooser';

/**
 * "Imprimer" on a site's page (its `window.print()`, or the visitor's print
 * request): the page as an A4 PDF, made by Chromium itself through the
 * DevTools protocol (`Page.printToPDF`, as the print preview would), written
 * into the visitor's folder. The print panel then shows its page count and
 * first page (pdf-preview.ts) and sends it to CUPS (cups/cups-a4-printer.ts).
 * Electron has the same in `webContents.printToPDF`; this bridge serves the
 * Chromium shell and Electron's debugger alike.
 */
export const A4_PRINT_OPTIONS = {
  paperWidth: 8.27, // inches: 210 mm
  paperHeight: 11.69, // 297 mm
  marginTop: 0.4,
  marginBottom: 0.4,
  marginLeft: 0.4,
  marginRight: 0.4,
  printBackground: true,
  // A page that sets its own @page size (an attestation laid out for print) keeps it.
  preferCSSPageSize: true,
  transferMode: 'ReturnAsBase64',
} as const;

/** Writes the page as a PDF to `outputPath` (a new file, readable by the kiosk only); returns its size. */
export async function printPageToPdf(cdp: CdpPort, outputPath: string): Promise<number> {
  const result = (await cdp.send('Page.printToPDF', { ...A4_PRINT_OPTIONS })) as { data?: string };
  if (typeof result.data !== 'string' || result.data === '') throw new Error('Page.printToPDF gave no document');
  const bytes = Buffer.from(result.data, 'base64');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Page.printToPDF gave something that is not a PDF');
  const handle = await open(outputPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  return bytes.length;
}
