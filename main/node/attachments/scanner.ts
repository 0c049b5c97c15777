import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SCAN_ENCODING_STEPS, type ScanEncodingStep } from '../../core/attachments/scan-plan';

/**
 * "Scanner un document": the station's scanner through SANE's `scanimage`,
 * page by page, then one file under the size a site accepts.
 *
 * Tools, all Debian packages: `scanimage` (sane-utils) scans to PNM;
 * `cjpeg`/`djpeg` (libjpeg-turbo-progs) make the JPEG at a chosen quality and
 * halve a page when quality alone is not enough; `img2pdf` wraps the JPEGs in
 * a PDF without re-encoding them (so the PDF's size is known from the JPEGs'),
 * at the scan's true resolution. Why not ImageMagick or sharp: ImageMagick's
 * policy forbids writing PDF on Debian by default, and sharp would bring a
 * native library into the kiosk process for three conversions that these
 * small tools do in their own short-lived processes.
 */

export interface ScannerOptions {
  /** The SANE device name (`scanimage -L`): `test`, `escl:https://…`, `genesys:libusb:001:004`… */
  readonly device: string;
  /** Dots per inch; 150 keeps an A4 page readable and small. */
  readonly resolution: number;
  readonly color: boolean;
  /** Further scanimage options (tests pick the test backend's picture with them). */
  readonly extraArgs?: readonly string[];
  readonly scanTimeoutMs?: number;
  readonly tools?: Partial<ScannerTools>;
}

export interface ScannerTools {
  readonly scanimage: string;
  readonly cjpeg: string;
  readonly djpeg: string;
  readonly img2pdf: string;
}

const DEFAULT_TOOLS: ScannerTools = { scanimage: 'scanimage', cjpeg: 'cjpeg', djpeg: 'djpeg', img2pdf: 'img2pdf' };

export type ScanProblem = 'scanner-failed' | 'no-pages' | 'too-large' | 'one-page-only';

export type ScanFinish =
  | { readonly ok: true; readonly path: string; readonly size: number; readonly sha256: string; readonly pages: number; readonly step: ScanEncodingStep }
  | { readonly ok: false; readonly problem: ScanProblem; readonly staffMessage: string };

/**
 * One scanning session of the picker: pages scanned so far (PNM files in a
 * work folder inside the visitor's folder), a preview of each, then `finish`.
 */
export class ScanSession {
  private readonly pages: string[] = [];
  private pageCounter = 0;
  private readonly tools: ScannerTools;

  private constructor(
    private readonly options: ScannerOptions,
    private readonly workFolder: string,
    private readonly outputFolder: string,
  ) {
    this.tools = { ...DEFAULT_TOOLS, ...options.tools };
  }

  /** `visitFolder` is the visitor's folder: the work files and the result live there and go with the wipe. */
  static async open(options: ScannerOptions, visitFolder: string): Promise<ScanSession> {
    await mkdir(visitFolder, { recursive: true, mode: 0o700 });
    const work = await mkdtemp(join(visitFolder, 'scan-'));
    return new ScanSession(options, work, visitFolder);
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Scans a page and adds it (or replaces page `replace`, 0-based: "Scanner à nouveau"). Returns a small JPEG preview. */
  async scanPage(replace?: number): Promise<{ ok: true; page: number; preview: Buffer } | { ok: false; problem: 'scanner-failed'; staffMessage: string }> {
    this.pageCounter += 1;
    const pnm = join(this.workFolder, `page-${this.pageCounter}.pnm`);
    const args = ['-d', this.options.device, '--format=pnm', '--resolution', String(this.options.resolution), '--mode', this.options.color ? 'Color' : 'Gray', ...(this.options.extraArgs ?? []), '-o', pnm];
    try {
      await run(this.tools.scanimage, args, this.options.scanTimeoutMs ?? 120_000);
      if ((await stat(pnm)).size === 0) throw new Error('the scanner gave an empty page');
    } catch (error) {
      await rm(pnm, { force: true });
      return { ok: false, problem: 'scanner-failed', staffMessage: `scanner "${this.options.device}": ${errorText(error)}` };
    }
    let index: number;
    if (replace !== undefined && replace >= 0 && replace < this.pages.length) {
      await rm(this.pages[replace] ?? '', { force: true });
      this.pages[replace] = pnm;
      index = replace;
    } else {
      this.pages.push(pnm);
      index = this.pages.length - 1;
    }
    return { ok: true, page: index, preview: await this.preview(pnm) };
  }

  async removePage(index: number): Promise<void> {
    const [removed] = this.pages.splice(index, 1);
    if (removed !== undefined) await rm(removed, { force: true });
  }

  /**
   * Makes the file the site receives, in the visitor's folder: a PDF of all
   * pages, or a JPEG of the single page, at most `maxBytes`. Tries the steps
   * of SCAN_ENCODING_STEPS in order (best first) and keeps the first that fits.
   */
  async finish(format: 'pdf' | 'jpeg', maxBytes: number, baseName = 'document-scanne'): Promise<ScanFinish> {
    if (this.pages.length === 0) return { ok: false, problem: 'no-pages', staffMessage: 'no page scanned' };
    if (format === 'jpeg' && this.pages.length > 1) return { ok: false, problem: 'one-page-only', staffMessage: `a JPEG holds one page (${this.pages.length} scanned)` };
    const attempt = join(this.workFolder, 'attempt');
    await mkdir(attempt, { recursive: true });
    try {
      let smallest = Number.POSITIVE_INFINITY;
      for (const step of SCAN_ENCODING_STEPS) {
        const jpegs: string[] = [];
        for (const [index, page] of this.pages.entries()) jpegs.push(await this.encode(page, step, join(attempt, `p${index + 1}.jpg`)));
        const candidate = format === 'pdf' ? join(attempt, 'out.pdf') : (jpegs[0] ?? '');
        if (format === 'pdf') {
          const dpi = Math.round(this.options.resolution / step.shrink);
          await run(this.tools.img2pdf, ['--imgsize', `${dpi}dpi`, '--output', candidate, ...jpegs]);
        }
        const size = (await stat(candidate)).size;
        smallest = Math.min(smallest, size);
        if (size <= maxBytes) {
          const path = await freeName(this.outputFolder, `${baseName}.${format === 'pdf' ? 'pdf' : 'jpg'}`);
          await rename(candidate, path);
          const bytes = await readFile(path);
          return { ok: true, path, size, sha256: createHash('sha256').update(bytes).digest('hex'), pages: this.pages.length, step };
        }
      }
      return { ok: false, problem: 'too-large', staffMessage: `scan: ${this.pages.length} page(s) are still ${smallest} bytes at the lowest quality (limit ${maxBytes})` };
    } catch (error) {
      return { ok: false, problem: 'scanner-failed', staffMessage: `scan conversion: ${errorText(error)}` };
    } finally {
      await rm(attempt, { recursive: true, force: true });
    }
  }

  /** Deletes the pages (the visitor cancelled, or the file was made). */
  async close(): Promise<void> {
    this.pages.length = 0;
    await rm(this.workFolder, { recursive: true, force: true });
  }

  private async preview(pnm: string): Promise<Buffer> {
    const full = join(this.workFolder, 'preview-full.jpg');
    const small = join(this.workFolder, 'preview.jpg');
    try {
      await run(this.tools.cjpeg, ['-quality', '80', '-outfile', full, pnm]);
      await run(this.tools.djpeg, ['-scale', '1/4', '-pnm', '-outfile', `${small}.pnm`, full]);
      await run(this.tools.cjpeg, ['-quality', '70', '-outfile', small, `${small}.pnm`]);
      return await readFile(small);
    } finally {
      await Promise.all([full, small, `${small}.pnm`].map((file) => rm(file, { force: true })));
    }
  }

  /** The page as a JPEG at this step's quality, halved `shrink` times through djpeg when asked. */
  private async encode(pnm: string, step: ScanEncodingStep, out: string): Promise<string> {
    let source = pnm;
    if (step.shrink > 1) {
      const high = `${out}.high.jpg`;
      source = `${out}.small.pnm`;
      await run(this.tools.cjpeg, ['-quality', '95', '-outfile', high, pnm]);
      await run(this.tools.djpeg, ['-scale', `1/${step.shrink}`, '-pnm', '-outfile', source, high]);
      await rm(high, { force: true });
    }
    await run(this.tools.cjpeg, ['-quality', String(step.quality), '-optimize', '-outfile', out, source]);
    if (source !== pnm) await rm(source, { force: true });
    return out;
  }
}

/** SANE devices (`scanimage -L`, slow: a few seconds while backends probe). */
export async function listScanners(scanimage = 'scanimage'): Promise<string[]> {
  const output = await run(scanimage, ['-f', '%d%n'], 30_000);
  return output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

async function freeName(folder: string, name: string): Promise<string> {
  const dot = name.lastIndexOf('.');
  for (let attempt = 1; attempt < 100; attempt++) {
    const candidate = join(folder, attempt === 1 ? name : `${name.slice(0, dot)}-${attempt}${name.slice(dot)}`);
    const exists = await stat(candidate).then(
      () => true,
      () => false,
    );
    if (!exists) return candidate;
  }
  throw new Error(`${folder}: too many scans named ${name}`);
}

function run(command: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${command}: ${stderr.trim().split('\n').pop() || error.message}`));
    });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
