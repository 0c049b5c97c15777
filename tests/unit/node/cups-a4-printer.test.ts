import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a4PrintOutcome, staffLine, TROUBLE_SETTLE_MS } from '../../../main/core/printing/a4-print';
import type { KioskLog } from '../../../main/core/log';
import { CupsA4Printer, kioskAccount, listCupsQueues, newVisitUser } from '../../../main/node/cups/cups-a4-printer';
import { pdfFirstPageThumbnail, pdfPageCount } from '../../../main/node/pdf-preview';
import { makeTextPdf } from '../../support/make-pdf';
import { printedFiles, privateCupsUnavailable, startPrivateCups, type PrivateCups, type TestPrinter } from '../../support/private-cups';

/**
 * The A4 printer against a real CUPS: the distribution's cupsd, started here
 * on a private socket with a cups-pdf virtual printer writing into a temporary
 * folder (tests/support/private-cups.ts). What "arrives on paper" is the PDF
 * cups-pdf writes, read back with pdftotext.
 */
const unavailable = privateCupsUnavailable();
if (unavailable !== null) console.warn(`[skipped] A4 printing through a private CUPS: ${unavailable}`);

const QUEUE = 'a4-accueil';
let cups: PrivateCups;
let visitFolder: string;

function recordingLog(): KioskLog & { lines: Array<[string, string, object]> } {
  const lines: Array<[string, string, object]> = [];
  const record = (level: string) => (event: string, fields?: object) => void lines.push([level, event, fields ?? {}]);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(unavailable !== null)('A4 printing through a private CUPS (cupsd + cups-pdf)', () => {
  beforeAll(async () => {
    cups = await startPrivateCups();
    await cups.addCupsPdfQueue(QUEUE);
    visitFolder = mkdtempSync(join(tmpdir(), 'visit-'));
  }, 60_000);
  afterAll(async () => {
    await cups?.close();
    if (visitFolder !== undefined) rmSync(visitFolder, { recursive: true, force: true });
    // Nothing of the private CUPS is left running or written in /etc.
    expect(spawnSync('pgrep', ['-f', cups?.folder ?? 'none']).status).toBe(1);
    if (existsSync('/etc/cups/cups-pdf.conf')) expect(readFileSync('/etc/cups/cups-pdf.conf', 'utf8')).not.toContain(cups?.folder ?? 'none');
  }, 30_000);

  it('finds the queue, and says precisely when the station file names one CUPS does not have', async () => {
    const server = { socketPath: cups.socketPath };
    expect(await listCupsQueues(server)).toContain(QUEUE);
    expect(await new CupsA4Printer(server, QUEUE).availability()).toEqual({ available: true, queue: QUEUE });
    const missing = await new CupsA4Printer(server, 'bureau-etage').availability();
    expect(missing).toMatchObject({ available: false, outcome: 'no-printer' });
    expect(!missing.available && missing.staffMessage).toContain('"bureau-etage": CUPS has no such queue (queues: a4-accueil)');
    const noCups = await new CupsA4Printer({ socketPath: join(visitFolder, 'no-such.sock') }, QUEUE).availability();
    expect(!noCups.available && noCups.staffMessage).toMatch(/CUPS cannot be reached/);
  });

  it('prints the PDF: the file that arrives has the page\'s content, and the visitor reads "printed"', async () => {
    const pdfPath = join(visitFolder, 'attestation.pdf');
    writeFileSync(pdfPath, makeTextPdf(['Attestation de paiement CAF 4821', 'Page deux']));
    expect(await pdfPageCount(pdfPath)).toBe(2);
    const printer = new CupsA4Printer({ socketPath: cups.socketPath }, QUEUE, newVisitUser());
    const before = (await printedFiles(cups)).length;
    const submitted = await printer.submit({ pdfPath, copies: 2 });
    if (!submitted.ok) throw new Error(submitted.staffMessage);
    const { outcome, status } = await printer.waitForOutcome(submitted.jobId, 45_000);
    expect(outcome, staffLine(status)).toBe('printed');
    expect(status.jobState).toBe('completed');
    expect(staffLine(status)).toMatch(new RegExp(`^CUPS queue "${QUEUE}" job ${submitted.jobId}: completed`));
    const printed = await waitFor(async () => {
      const files = await printedFiles(cups);
      return files.length > before ? files : null;
    });
    const text = execFileSync('pdftotext', [printed[printed.length - 1] ?? '', '-'], { encoding: 'utf8' });
    expect(text).toContain('Attestation de paiement CAF 4821');
    expect(text).toContain('Page deux');
    // The job's title in CUPS is neutral, never the document's name.
    const jobs = await cups.run('lpstat', ['-W', 'all', '-o', QUEUE, '-l']);
    expect(jobs).not.toContain('attestation');
  }, 60_000);

  it('refuses what is not a PDF, a symbolic link, or more than 3 copies, before CUPS sees it', async () => {
    const printer = new CupsA4Printer({ socketPath: cups.socketPath }, QUEUE, newVisitUser());
    const notPdf = join(visitFolder, 'page.html');
    writeFileSync(notPdf, '<html>');
    expect(await printer.submit({ pdfPath: notPdf, copies: 1 })).toMatchObject({ ok: false, outcome: 'failed' });
    const link = join(visitFolder, 'link.pdf');
    symlinkSync('/etc/hostname', link);
    expect(await printer.submit({ pdfPath: link, copies: 1 })).toMatchObject({ ok: false, outcome: 'failed' });
    writeFileSync(join(visitFolder, 'ok.pdf'), makeTextPdf(['x']));
    expect(await printer.submit({ pdfPath: join(visitFolder, 'ok.pdf'), copies: 4 })).toMatchObject({ ok: false, staffMessage: 'copies must be 1 to 3 (got 4)' });
    expect(await printer.visitJobs()).toEqual([]);
  });

  it('a stopped queue: the visitor reads "offline", the staff line names the queue and the CUPS states', async () => {
    await cups.run('cupsdisable', ['-r', 'unplugged', QUEUE]);
    try {
      const pdfPath = join(visitFolder, 'recepisse.pdf');
      writeFileSync(pdfPath, makeTextPdf(['Recepisse ANEF']));
      const printer = new CupsA4Printer({ socketPath: cups.socketPath }, QUEUE, newVisitUser());
      const submitted = await printer.submit({ pdfPath, copies: 1 });
      if (!submitted.ok) throw new Error(submitted.staffMessage);
      const { outcome, status } = await printer.waitForOutcome(submitted.jobId, 3_000);
      expect(outcome).toBe('offline');
      expect(status).toMatchObject({ jobState: 'pending', printerState: 'stopped' });
      expect(staffLine(status)).toContain(`CUPS queue "${QUEUE}" job ${submitted.jobId}: pending`);
      expect(staffLine(status)).toContain('printer stopped (paused)');
      expect((await printer.purgeVisit()).purged).toEqual([submitted.jobId]);
    } finally {
      await cups.run('cupsenable', [QUEUE]);
    }
  }, 30_000);

  it("the wipe cancels and purges the visit's held job (lp -H hold), its spooled file too, and leaves others' jobs", async () => {
    const visit = new CupsA4Printer({ socketPath: cups.socketPath }, QUEUE, newVisitUser());
    const other = new CupsA4Printer({ socketPath: cups.socketPath }, QUEUE, newVisitUser());
    const pdfPath = join(visitFolder, 'held.pdf');
    writeFileSync(pdfPath, makeTextPdf(['Held job']));
    const heldOutput = await cups.run('lp', ['-d', QUEUE, '-U', visit.visitUser, '-H', 'hold', '-t', 'held', pdfPath]);
    const heldId = Number(/request id is .*-(\d+)/.exec(heldOutput)?.[1]);
    const otherJob = await other.submit({ pdfPath, copies: 1, hold: true });
    if (!otherJob.ok) throw new Error(otherJob.staffMessage);

    const heldStatus = await visit.status(heldId);
    expect(heldStatus.jobState).toBe('held');
    expect(heldStatus.jobReasons).toContain('job-hold-until-specified');
    expect(a4PrintOutcome(heldStatus)).toBe('printing');
    expect((await visit.visitJobs()).map((job) => job.jobId)).toEqual([heldId]);
    const dataFile = `d${String(heldId).padStart(5, '0')}-001`;
    expect(readdirSync(cups.spoolFolder)).toContain(dataFile);

    const wiped = await visit.purgeVisit();
    expect(wiped).toEqual({ purged: [heldId], failed: [] });
    expect(await visit.visitJobs()).toEqual([]);
    expect(readdirSync(cups.spoolFolder)).not.toContain(dataFile);
    const remaining = await cups.run('lpstat', ['-W', 'all', '-o', QUEUE]);
    expect(remaining).not.toMatch(new RegExp(`${QUEUE}-${heldId}\\b`));
    expect(remaining).toMatch(new RegExp(`${QUEUE}-${otherJob.jobId}\\b`)); // another visit's job is not touched
    await other.purgeVisit();
  }, 30_000);

  it("the wipe step fails when the visit's jobs cannot be purged, and not when this visit printed nothing", async () => {
    const gone = { socketPath: join(visitFolder, 'no-such.sock') };
    const idle = new CupsA4Printer(gone, QUEUE, newVisitUser());
    await expect(idle.wipeStep().run()).resolves.toBeUndefined();
    const printer = new CupsA4Printer({ socketPath: cups.socketPath }, QUEUE, newVisitUser());
    writeFileSync(join(visitFolder, 'w.pdf'), makeTextPdf(['w']));
    const held = await printer.submit({ pdfPath: join(visitFolder, 'w.pdf'), copies: 1, hold: true });
    expect(held.ok).toBe(true);
    await expect(printer.wipeStep().run()).resolves.toBeUndefined();
    expect(await printer.visitJobs()).toEqual([]);
    // Same visit, CUPS gone: the wipe cannot prove the job left, so it fails (station out of order).
    const cut = Object.assign(Object.create(CupsA4Printer.prototype) as CupsA4Printer, printer);
    (cut as unknown as { server: unknown }).server = gone;
    await expect(cut.wipeStep().run()).rejects.toThrow(/cannot list the visit's jobs/);
  });

  it('shows the first page as a small PNG', async () => {
    const pdfPath = join(visitFolder, 'three.pdf');
    writeFileSync(pdfPath, makeTextPdf(['Un', 'Deux', 'Trois']));
    expect(await pdfPageCount(pdfPath)).toBe(3);
    const png = await pdfFirstPageThumbnail(pdfPath, visitFolder, 200);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(Math.max(png.readUInt32BE(16), png.readUInt32BE(20))).toBe(200); // IHDR width, height
    expect(readdirSync(visitFolder).some((name) => name.startsWith('thumbnail-'))).toBe(false);
    writeFileSync(join(visitFolder, 'broken.pdf'), '%PDF-1.4 nothing');
    await expect(pdfPageCount(join(visitFolder, 'broken.pdf'))).rejects.toThrow(/^pdfinfo: /);
  });
});

describe.skipIf(unavailable !== null)('A4 printing to a printer in trouble (private CUPS, the pretend printer of tests/support/private-cups.ts)', () => {
  const TROUBLED = 'a4-essai';
  let troubled: PrivateCups;
  let printer: TestPrinter;
  let folder: string;
  let pdfPath: string;
  beforeAll(async () => {
    troubled = await startPrivateCups({ testPrinters: true });
    printer = await troubled.addTestPrinterQueue(TROUBLED);
    folder = mkdtempSync(join(tmpdir(), 'visit-trouble-'));
    pdfPath = join(folder, 'attestation.pdf');
    writeFileSync(pdfPath, makeTextPdf(['Attestation en panne']));
  }, 60_000);
  afterAll(async () => {
    await troubled?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  async function submitted(visit: CupsA4Printer): Promise<number> {
    const job = await visit.submit({ pdfPath, copies: 1 });
    if (!job.ok) throw new Error(job.staffMessage);
    return job.jobId;
  }

  it('out of paper while the printer is on the job: "out-of-paper" once it lasts; the wipe leaves nothing of the job in CUPS, not even its history', async () => {
    await printer.set('empty');
    const log = recordingLog();
    const visit = new CupsA4Printer({ socketPath: troubled.socketPath }, TROUBLED, newVisitUser(), log);
    const jobId = await submitted(visit);
    const started = Date.now();
    const { outcome, status } = await visit.waitForOutcome(jobId, 30_000, 200);
    expect(outcome, staffLine(status)).toBe('out-of-paper');
    expect(Date.now() - started).toBeGreaterThanOrEqual(TROUBLE_SETTLE_MS);
    expect(status).toMatchObject({ jobState: 'processing', printerState: 'processing', printerReasons: ['media-empty-error'] });
    expect(log.lines.at(-1)).toEqual(['warn', 'a4-print-state', { queue: TROUBLED, job: jobId, state: 'processing', reasons: 'media-empty-error', detail: `CUPS queue "${TROUBLED}" job ${jobId}: processing (job-printing); printer processing (media-empty-error)` }]);
    // A single Cancel-Job with purge-job leaves this one in CUPS's history: CUPS writes it back once its backend is stopped.
    expect(await visit.purgeVisit()).toEqual({ purged: [jobId], failed: [] });
    expect(await troubled.run('lpstat', ['-W', 'all', '-o', TROUBLED])).toBe('');
    expect(readdirSync(troubled.spoolFolder).filter((name) => /^[cd]\d/.test(name))).toEqual([]);
    expect(await visit.visitJobs()).toEqual([]);
  }, 40_000);

  it('paper put back while the job waits at the printer: the sheet comes out (the job completes)', async () => {
    await printer.set('empty');
    const visit = new CupsA4Printer({ socketPath: troubled.socketPath }, TROUBLED, newVisitUser());
    const jobId = await submitted(visit);
    expect((await visit.waitForOutcome(jobId, 30_000, 200)).outcome).toBe('out-of-paper');
    const before = (await printer.printed()).length;
    await printer.set('loaded');
    const { outcome, status } = await visit.waitForOutcome(jobId, 20_000, 200);
    expect(outcome, staffLine(status)).toBe('printed');
    expect(status.printerReasons).toEqual([]);
    expect(await printer.printed()).toHaveLength(before + 1);
    expect(await visit.purgeVisit()).toEqual({ purged: [jobId], failed: [] });
  }, 40_000);

  it('a queue the printer stopped (backend exit 4): "out-of-paper" at once; re-enabled with paper, CUPS\'s leftover media-empty-error is not read as paper out', async () => {
    await printer.set('empty-stops');
    const visit = new CupsA4Printer({ socketPath: troubled.socketPath }, TROUBLED, newVisitUser());
    const stopped = await visit.waitForOutcome(await submitted(visit), 20_000, 200);
    expect(stopped.outcome, staffLine(stopped.status)).toBe('out-of-paper');
    expect(stopped.status).toMatchObject({ printerState: 'stopped', printerReasons: ['media-empty-error', 'paused'] });
    expect((await visit.purgeVisit()).failed).toEqual([]);

    await printer.set('loaded');
    await troubled.run('cupsenable', [TROUBLED]);
    const next = new CupsA4Printer({ socketPath: troubled.socketPath }, TROUBLED, newVisitUser());
    // CUPS still shows it until the next job's backend asks the printer.
    expect(await troubled.run('lpstat', ['-l', '-p', TROUBLED])).toMatch(/Alerts: .*media-empty-error/);
    const before = (await printer.printed()).length;
    const jobId = await submitted(next);
    const early = await next.status(jobId);
    expect(early.printerReasons).toContain('media-empty-error');
    expect(a4PrintOutcome(early)).toBe('out-of-paper'); // what reading it at once would have said
    const { outcome, status } = await next.waitForOutcome(jobId, 30_000, 200);
    expect(outcome, staffLine(status)).toBe('printed');
    expect(await printer.printed()).toHaveLength(before + 1);
    expect(readFileSync((await printer.printed()).at(-1) ?? '')).toEqual(readFileSync(pdfPath));
    await next.purgeVisit();
  }, 60_000);

  it('an unreachable printer: "offline" once it lasts, with "offline-report" for staff', async () => {
    await printer.set('unreachable');
    const visit = new CupsA4Printer({ socketPath: troubled.socketPath }, TROUBLED, newVisitUser());
    const { outcome, status } = await visit.waitForOutcome(await submitted(visit), 30_000, 200);
    expect(outcome, staffLine(status)).toBe('offline');
    expect([...status.printerReasons].sort()).toEqual(['connecting-to-device', 'offline-report']);
    expect(await visit.purgeVisit()).toMatchObject({ failed: [] });
    expect(await troubled.run('lpstat', ['-W', 'all', '-o', TROUBLED])).toBe('');
  }, 40_000);
});

describe.skipIf(unavailable !== null || !existsSync('/etc/cups/cupsd.conf'))("A4 printing under the distribution's own CUPS access rules", () => {
  let stock: PrivateCups;
  let folder: string;
  beforeAll(async () => {
    stock = await startPrivateCups({ stockPolicy: true });
    await stock.addCupsPdfQueue(QUEUE);
    folder = mkdtempSync(join(tmpdir(), 'visit-stock-'));
  }, 60_000);
  afterAll(async () => {
    await stock?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it("a visit submits, finds and purges its own jobs without any password; another visit can neither see nor cancel them", async () => {
    const pdfPath = join(folder, 'attestation.pdf');
    writeFileSync(pdfPath, makeTextPdf(['Attestation']));
    const visit = new CupsA4Printer({ socketPath: stock.socketPath }, QUEUE, newVisitUser());
    const intruder = new CupsA4Printer({ socketPath: stock.socketPath }, QUEUE, newVisitUser());
    const held = await visit.submit({ pdfPath, copies: 1, hold: true });
    if (!held.ok) throw new Error(held.staffMessage);
    expect(await visit.visitJobs()).toEqual([{ jobId: held.jobId, jobState: 'held' }]);
    expect(await intruder.visitJobs()).toEqual([]);
    expect(await intruder.purgeVisit()).toEqual({ purged: [], failed: [] });
    expect((await visit.status(held.jobId)).jobState).toBe('held');
    expect(await visit.purgeVisit()).toEqual({ purged: [held.jobId], failed: [] });
    expect(await visit.visitJobs()).toEqual([]);
    expect(readdirSync(stock.spoolFolder).filter((name) => name.startsWith('d'))).toEqual([]);
  }, 30_000);

  it("by default the jobs belong to the kiosk's own account, and the wipe purges them", async () => {
    const pdfPath = join(folder, 'recu.pdf');
    writeFileSync(pdfPath, makeTextPdf(['Recu']));
    const printer = new CupsA4Printer({ socketPath: stock.socketPath }, QUEUE);
    expect(printer.visitUser).toBe(kioskAccount());
    const held = await printer.submit({ pdfPath, copies: 1, hold: true });
    if (!held.ok) throw new Error(held.staffMessage);
    expect(await stock.run('lpstat', ['-W', 'not-completed', '-o', QUEUE])).toMatch(new RegExp(`${QUEUE}-${held.jobId}\\s+${kioskAccount()}\\b`));
    expect(await printer.purgeVisit()).toEqual({ purged: [held.jobId], failed: [] });
    expect(await printer.visitJobs()).toEqual([]);
  }, 30_000);
});

const asNobody = unavailable === null && spawnSync('sh', ['-c', 'command -v setpriv && id nobody']).status === 0;
if (unavailable === null && !asNobody) console.warn('[skipped] A4 printing as an unprivileged account: setpriv or the "nobody" account is missing');
describe.skipIf(!asNobody || !existsSync('/etc/cups/cupsd.conf'))('A4 printing from an unprivileged kiosk account (stock CUPS rules)', () => {
  it('the account submits, holds and then purges its own job over the local socket, with no password and no admin rights', async () => {
    const stock = await startPrivateCups({ stockPolicy: true });
    const work = mkdtempSync(join(tmpdir(), 'cups-nobody-'));
    try {
      await stock.addCupsPdfQueue(QUEUE);
      // The adapter, bundled as it ships, run by a child process under the "nobody" account.
      const script = join(work, 'print-and-purge.mjs');
      writeFileSync(
        join(work, 'entry.ts'),
        `import { CupsA4Printer } from ${JSON.stringify(join(__dirname, '../../../main/node/cups/cups-a4-printer'))};
const printer = new CupsA4Printer({ socketPath: process.argv[2] }, process.argv[3]);
const held = await printer.submit({ pdfPath: process.argv[4], copies: 1, hold: true });
const before = await printer.visitJobs();
const wiped = await printer.purgeVisit();
const after = await printer.visitJobs();
console.log(JSON.stringify({ user: printer.visitUser, held, before, wiped, after }));`,
      );
      execFileSync(join(__dirname, '../../../node_modules/.bin/esbuild'), [join(work, 'entry.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${script}`, '--log-level=error']);
      const pdfPath = join(work, 'attestation.pdf');
      writeFileSync(pdfPath, makeTextPdf(['Attestation']));
      execFileSync('chmod', ['-R', 'a+rX', work]);
      const output = execFileSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, script, stock.socketPath, QUEUE, pdfPath], { encoding: 'utf8', timeout: 30_000 });
      const result = JSON.parse(output) as { user: string; held: { ok: boolean; jobId: number }; before: unknown[]; wiped: { purged: number[]; failed: unknown[] }; after: unknown[] };
      expect(result.user).toBe('nobody');
      expect(result.held.ok).toBe(true);
      expect(result.before).toEqual([{ jobId: result.held.jobId, jobState: 'held' }]);
      expect(result.wiped).toEqual({ purged: [result.held.jobId], failed: [] });
      expect(result.after).toEqual([]);
      expect(readdirSync(stock.spoolFolder).filter((name) => /^d\d+/.test(name))).toEqual([]);
    } finally {
      await stock.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
