import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { privateCupsUnavailable, startPrivateCups, type PrivateCups, type TestPrinter } from '../support/private-cups';
import { logInOnCaf, startTestKiosk, type TestKiosk } from './kiosk-fixture';

/**
 * The A4 printer in trouble, end to end against a real CUPS: the distribution's
 * cupsd, private to this file, with a pretend printer (tests/support/private-cups.ts,
 * `borne-test` backend) that tells CUPS what a real one tells it through CUPS's own
 * backends: "media-empty-error" while it waits for paper, a queue it stops (backend
 * exit code 4), "connecting-to-device" and "offline-report" when it cannot be reached.
 * The visitor reads a plain sentence in their language; the staff log names the queue
 * and CUPS's words; the wipe cancels and purges the job; and CUPS's leftover
 * "media-empty-error" after paper is put back is not read as paper out for the next visitor.
 */

const QUEUE = 'borne-a4-essai';
const UNAVAILABLE = privateCupsUnavailable();
const PANEL = '[data-overlay="a4-print"]';
const OUTCOME = `${PANEL} [data-a4print-outcome]`;
/** The identifier the visitor types on the training login page (it must reach no log). */
const TYPED_IDENTIFIER = '1234567890123';

test.describe.configure({ mode: 'serial' });
test.skip(UNAVAILABLE !== null, `private CUPS unavailable: ${UNAVAILABLE ?? ''}`);

let cups: PrivateCups;
let printer: TestPrinter;
test.beforeAll(async () => {
  cups = await startPrivateCups({ testPrinters: true });
  printer = await cups.addTestPrinterQueue(QUEUE);
});
test.afterAll(async () => {
  await cups?.close();
});
test.beforeEach(async () => {
  await printer.set('loaded');
  await cups.run('cupsenable', [QUEUE]);
});

async function startStation(): Promise<TestKiosk> {
  return startTestKiosk({ cupsEnv: cups.clientEnv, edit: (config) => ({ ...config, documents: { a4Printer: { queue: QUEUE } } }) });
}

/** The visitor logs in (typing an identifier), opens the attestation and taps "Imprimer" in the kiosk's panel. */
async function printAttestation(station: TestKiosk): Promise<void> {
  const site = await station.openTile('caf');
  await logInOnCaf(site);
  await site.goto(`${station.training.origin('caf')}/attestation`);
  await expect(site.locator('h1')).toHaveText('Attestation de paiement');
  await site.click('#imprimer');
  await expect(station.ui.locator(`${PANEL} [data-a4print-pages]`)).toBeVisible({ timeout: 20_000 });
  await station.ui.click('[data-action="print-document"]');
}

/** The fields of the log's last `a4-print-state` event (what the JSON log file writes). */
function lastPrintState(station: TestKiosk): { level: string; fields: Record<string, unknown> } {
  const line = station.logLines.filter((entry) => / a4-print-state /.test(entry)).at(-1);
  if (line === undefined) throw new Error(`no a4-print-state in the log:\n${station.logLines.join('\n')}`);
  return { level: line.slice(0, line.indexOf(' ')), fields: JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown> };
}

/** No address beyond a host, no typed text, no document text in the log. */
function expectPrivateLog(station: TestKiosk): void {
  const log = station.logLines.join('\n');
  expect(log).not.toContain('/attestation');
  expect(log).not.toContain('/mon-compte');
  expect(log).not.toContain(TYPED_IDENTIFIER);
  expect(log).not.toContain('ENTR-2026-0042');
}

async function endVisit(station: TestKiosk): Promise<void> {
  await station.ui.click('[data-action="end-session"]');
  await station.ui.click('[data-action="confirm-end"]');
  await expect(station.ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  const report = await station.kiosk.controller?.wipeSettled();
  expect(report?.ok).toBe(true);
  expect(report?.steps.find((step) => step.name === 'purge-print-jobs')?.ok).toBe(true);
}

async function jobsOnQueue(): Promise<string> {
  return cups.run('lpstat', ['-W', 'all', '-o', QUEUE]);
}

test('out of paper: the visitor reads it in French, staff read the queue and "media-empty-error"; the wipe cancels and purges the job', async () => {
  await printer.set('empty');
  const printedBefore = (await printer.printed()).length;
  const station = await startStation();
  try {
    await printAttestation(station);
    await expect(station.ui.locator(OUTCOME)).toHaveText("L'imprimante n'a plus de papier — un conseiller va vous aider", { timeout: 40_000 });
    await expect(station.ui.locator(OUTCOME)).toHaveAttribute('data-a4print-outcome', 'out-of-paper');
    // CUPS itself says so, and the job waits at the printer.
    expect(await cups.run('lpstat', ['-l', '-p', QUEUE])).toContain('Out of paper, waiting for paper');
    expect(await jobsOnQueue()).toContain(`${QUEUE}-`);
    const { level, fields } = lastPrintState(station);
    expect(level).toBe('warn');
    expect(fields).toMatchObject({ queue: QUEUE, state: 'processing', reasons: 'media-empty-error' });
    expect(String(fields.detail)).toMatch(new RegExp(`^CUPS queue "${QUEUE}" job \\d+: processing \\(job-printing\\); printer processing \\(media-empty-error\\)$`));
    expect(station.logLines.some((line) => line.startsWith('info a4-print-outcome') && line.includes('"outcome":"out-of-paper"'))).toBe(true);
    expectPrivateLog(station);
    // The panel closes; the kiosk goes on.
    await station.ui.click(`${PANEL} [data-action="dismiss"]`);
    await expect(station.ui.locator(PANEL)).toHaveCount(0);

    await endVisit(station);
    expect(await jobsOnQueue()).toBe('');
    expect(readdirSync(cups.spoolFolder).filter((name) => /^[cd]\d/.test(name))).toEqual([]);
    // Cancelled, not printed: paper back in, nothing comes out.
    await printer.set('loaded');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await printer.printed()).toHaveLength(printedBefore);
    expectPrivateLog(station);
  } finally {
    await station.close();
  }
});

test('the printer stops its queue on paper out: the visitor reads it in English; paper back and the queue re-enabled, the next visitor prints', async () => {
  await printer.set('empty-stops');
  const station = await startStation();
  try {
    await station.ui.click('[data-action="languages"]');
    await station.ui.click('[data-language="en"]');
    await expect(station.ui.locator('html')).toHaveAttribute('lang', 'en');
    await printAttestation(station);
    await expect(station.ui.locator(OUTCOME)).toHaveText('The printer is out of paper — a staff member will help you', { timeout: 40_000 });
    expect(await cups.run('lpstat', ['-p', QUEUE])).toMatch(/disabled/);
    const { fields } = lastPrintState(station);
    // The queue stops a moment before CUPS puts the job back to "pending": either may be read.
    expect(fields).toMatchObject({ queue: QUEUE, reasons: 'media-empty-error,paused' });
    expect(['pending', 'processing']).toContain(fields.state);
    expect(String(fields.detail)).toMatch(new RegExp(`^CUPS queue "${QUEUE}" job \\d+: (pending|processing) \\(.*\\); printer stopped \\(media-empty-error,paused\\)$`));
    expectPrivateLog(station);
    await endVisit(station);
    expect(await jobsOnQueue()).toBe('');

    // Staff put paper in and re-enable the queue (README: cupsenable). CUPS still shows the
    // printer's last "media-empty-error" until the next job's backend asks the printer again.
    await printer.set('loaded');
    await cups.run('cupsenable', [QUEUE]);
    const enabled = await cups.run('lpstat', ['-l', '-p', QUEUE]);
    expect(enabled).toMatch(/enabled/);
    expect(enabled).toMatch(/Alerts: .*media-empty-error/);
    const printedBefore = (await printer.printed()).length;
    await printAttestation(station);
    await expect(station.ui.locator(OUTCOME)).toHaveAttribute('data-a4print-outcome', 'printed', { timeout: 40_000 });
    await expect(station.ui.locator(OUTCOME)).toHaveText('Imprimé — prenez votre feuille');
    const printed = await printer.printed();
    expect(printed).toHaveLength(printedBefore + 1);
    expect(execFileSync('pdftotext', [printed.at(-1) ?? '', '-'], { encoding: 'utf8' })).toContain('ENTR-2026-0042');
    expect(lastPrintState(station)).toMatchObject({ level: 'info', fields: { queue: QUEUE, state: 'completed' } });
    expect(station.logLines.filter((line) => line.startsWith('info a4-print-outcome')).at(-1)).toContain('"outcome":"printed"');
    await endVisit(station);
    expect(await jobsOnQueue()).toBe('');
  } finally {
    await station.close();
  }
});

test('an unreachable printer: the visitor reads "ne répond pas", staff read "offline-report"; the wipe purges the job', async () => {
  await printer.set('unreachable');
  const printedBefore = (await printer.printed()).length;
  const station = await startStation();
  try {
    await printAttestation(station);
    await expect(station.ui.locator(OUTCOME)).toHaveText("L'imprimante ne répond pas — un conseiller va vous aider", { timeout: 40_000 });
    const { level, fields } = lastPrintState(station);
    expect(level).toBe('warn');
    expect(fields).toMatchObject({ queue: QUEUE, state: 'processing' });
    expect(String(fields.reasons).split(',').sort()).toEqual(['connecting-to-device', 'offline-report']);
    expectPrivateLog(station);
    await endVisit(station);
    expect(await jobsOnQueue()).toBe('');
    // Cancelled, not printed: the printer answers again, nothing comes out.
    await printer.set('loaded');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await printer.printed()).toHaveLength(printedBefore);
  } finally {
    await station.close();
  }
});
