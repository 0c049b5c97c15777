import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdpPort } from '../../../main/node/cdp/file-chooser';
import { printPageToPdf } from '../../../main/node/cdp/print-page';
import { pdfPageCount } from '../../../main/node/pdf-preview';
import { missingXTools, startVirtualDisplay, type VirtualDisplay } from '../../support/x-display';

/**
 * A site's page printed to an A4 PDF by the distribution's Chromium, headed
 * (as the visitor's browser runs, on a virtual X display) and headless; the
 * text of the PDF is read back with pdftotext.
 */
const CHROMIUM = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';
const unavailable = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : spawnSync('sh', ['-c', 'command -v pdftotext pdfinfo']).status !== 0 ? 'poppler-utils not installed' : null;
const noX = missingXTools();
if (unavailable !== null) console.warn(`[skipped] printing a page to PDF: ${unavailable}`);
if (unavailable === null && noX !== null) console.warn(`[skipped] printing a page to PDF in headed Chromium: ${noX}`);

const PAGE = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Récépissé</title>
<h1>Récépissé de dépôt</h1><p>Demande n° ANEF-2026-48213 déposée le 2 décembre 2026.</p>
<p style="break-before: page">Deuxième page : pièces jointes.</p>`;

let folder: string;
let display: VirtualDisplay | null = null;

describe.skipIf(unavailable !== null)("printing a site's page to an A4 PDF", () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'print-page-'));
    if (noX === null) display = await startVirtualDisplay();
  });
  afterAll(() => {
    display?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  for (const headless of [true, false]) {
    it.skipIf(!headless && noX !== null)(`${headless ? 'headless' : 'headed'}: the PDF holds the page's text, on A4 pages`, async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless,
        args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
        env: display === null ? process.env : { ...process.env, DISPLAY: display.name },
      });
      try {
        const page = await browser.newPage();
        await page.setContent(PAGE);
        const cdp = await page.context().newCDPSession(page);
        const out = join(folder, `page-${headless ? 'headless' : 'headed'}.pdf`);
        const size = await printPageToPdf(cdp as unknown as CdpPort, out);
        expect(size).toBeGreaterThan(1000);
        const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
        expect(text).toContain('Demande n° ANEF-2026-48213');
        expect(text).toContain('Deuxième page');
        expect(await pdfPageCount(out)).toBe(2);
        expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m);
        await expect(printPageToPdf(cdp as unknown as CdpPort, out)).rejects.toThrow(/EEXIST/); // never overwrites
      } finally {
        await browser.close();
      }
    }, 60_000);
  }
});
