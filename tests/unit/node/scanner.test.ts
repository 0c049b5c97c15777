import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_MAX_BYTES } from '../../../main/core/attachments/scan-plan';
import { ScanSession, type ScannerOptions } from '../../../main/node/attachments/scanner';

/**
 * The scanner through a real `scanimage` and SANE's `test` backend (a device
 * with no hardware that produces known pictures), the real cjpeg/djpeg and
 * img2pdf; the results are read back with poppler's pdfinfo and pdftoppm.
 */
const missing = ['scanimage', 'cjpeg', 'djpeg', 'img2pdf', 'pdfinfo', 'pdftoppm'].find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const testBackend = missing === undefined && spawnSync('scanimage', ['-d', 'test', '-n']).status === 0;
const unavailable = missing !== undefined ? `${missing} is not installed (Debian packages: sane-utils libjpeg-turbo-progs img2pdf poppler-utils)` : testBackend ? null : "SANE's test backend is not available (scanimage -d test)";
if (unavailable !== null) console.warn(`[skipped] scanning through SANE: ${unavailable}`);

const grid: ScannerOptions = { device: 'test', resolution: 150, color: false, extraArgs: ['--test-picture', 'Grid'] };
let visit: string;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(unavailable !== null)("scanning through SANE's test backend", () => {
  beforeEach(() => {
    visit = mkdtempSync(join(tmpdir(), 'visit-scan-'));
  });
  afterEach(() => rmSync(visit, { recursive: true, force: true }));

  it('scans two pages with previews and makes a PDF of both, at the true size, with the page on it', async () => {
    const session = await ScanSession.open(grid, visit);
    const first = await session.scanPage();
    if (!first.ok) throw new Error(first.staffMessage);
    expect(first.preview.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    const again = await session.scanPage(0); // "Scanner à nouveau" replaces the page
    expect(again.ok && again.page).toBe(0);
    expect(session.pageCount).toBe(1);
    const second = await session.scanPage();
    expect(second.ok && second.page).toBe(1);
    const made = await session.finish('pdf', DEFAULT_SCAN_MAX_BYTES);
    if (!made.ok) throw new Error(made.staffMessage);
    expect(made).toMatchObject({ pages: 2, step: { quality: 85, shrink: 1 } });
    expect(made.size).toBeLessThanOrEqual(DEFAULT_SCAN_MAX_BYTES);
    expect(made.sha256).toBe(sha256(readFileSync(made.path)));
    const info = execFileSync('pdfinfo', [made.path], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+2$/m);
    // The test backend scans 80 × 100 mm by default (472 × 590 px at 150 dpi): 226.6 × 283.2 pt when the PDF keeps the scan's dpi.
    expect(info).toMatch(/^Page size:\s+226\.56 x 283\.2 pts/m);
    // The grid is on the page: both black and white pixels once rendered.
    const gray = execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-gray', made.path]);
    const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(gray.subarray(0, 40).toString('latin1'));
    const pixels = gray.subarray(header?.[0].length ?? 0);
    expect(pixels.length).toBeGreaterThan(1000);
    expect(pixels.some((value) => value < 50)).toBe(true);
    expect(pixels.some((value) => value > 200)).toBe(true);
    await session.close();
    expect(readdirSync(visit)).toEqual(['document-scanne.pdf']); // the work pages are gone
  });

  it('a large colour page is made to fit the size limit with a lower quality; an impossible limit says so', async () => {
    const session = await ScanSession.open({ device: 'test', resolution: 300, color: true, extraArgs: ['--test-picture', 'Color pattern', '-x', '200', '-y', '200'] }, visit);
    const page = await session.scanPage();
    if (!page.ok) throw new Error(page.staffMessage);
    const limit = 1024 * 1024;
    const made = await session.finish('jpeg', limit);
    if (!made.ok) throw new Error(made.staffMessage);
    expect(made.size).toBeLessThanOrEqual(limit);
    expect(made.step.quality < 85 || made.step.shrink > 1).toBe(true);
    expect(readFileSync(made.path).subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    const tooSmall = await session.finish('jpeg', 5_000);
    expect(tooSmall).toMatchObject({ ok: false, problem: 'too-large' });
    expect(!tooSmall.ok && tooSmall.staffMessage).toMatch(/lowest quality \(limit 5000\)/);
    await session.close();
  }, 60_000);

  it('refuses a JPEG of two pages, a finish with nothing scanned, and names the device when it fails', async () => {
    const session = await ScanSession.open(grid, visit);
    expect(await session.finish('pdf', DEFAULT_SCAN_MAX_BYTES)).toMatchObject({ ok: false, problem: 'no-pages' });
    await session.scanPage();
    await session.scanPage();
    expect(await session.finish('jpeg', DEFAULT_SCAN_MAX_BYTES)).toMatchObject({ ok: false, problem: 'one-page-only' });
    await session.close();
    const broken = await ScanSession.open({ ...grid, device: 'test:99-no-such' }, visit);
    const failed = await broken.scanPage();
    expect(failed).toMatchObject({ ok: false, problem: 'scanner-failed' });
    expect(!failed.ok && failed.staffMessage).toMatch(/^scanner "test:99-no-such": scanimage: /);
    await broken.close();
  });
});
