import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETION_MARKER, statusRequest } from '../../../main/core/printer/status';
import { PrinterHost } from '../../../main/printer/printer-host';
import { SerialPrinter } from '../../../main/printer/serial-printer';
import type { SerialPrinterOptions, StatusReport } from '../../../main/printer/serial-printer';
import { findSocat, startFakePrinter } from '../../support/fake-printer';
import type { FakePrinter, FakePrinterOptions } from '../../support/fake-printer';

/**
 * Real serial round trips: socat links two pseudo-terminals, SerialPrinter
 * opens one end with serialport as it would open /dev/ttyUSB0, and the fake
 * printer (tests/support/fake-printer.ts) parses and answers on the other.
 */
const socat = findSocat();
if (socat === null) console.warn('serial-printer.test.ts skipped: socat is not installed (apt-get install socat)');

const STATUS_QUERY = [1, 2, 3, 4].flatMap((n) => [...statusRequest(n as 1 | 2 | 3 | 4)]);
const STATUS_TIMEOUT_MS = 300;

/** Latin-1 plus the euro sign at 0x80: enough WPC1252 for these texts, without the encoder under construction. */
const cp1252 = (text: string): number[] => [...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0)));

function sampleJob(): Uint8Array {
  const qr = [...Buffer.from('https://www.service-public.fr/', 'utf8')];
  const raster = [0x10, 0x04, 0x01, 0x1d, 0x72, 0x01, 0x1b, 0x40]; // looks like DLE EOT 1, GS r 1, ESC @: must stay image data
  return Uint8Array.from([
    ...[0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x52, 0x00, 0x1b, 0x74, 16],
    ...[0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11],
    ...cp1252('Mémo'),
    ...[0x1b, 0x45, 0x00, 0x1d, 0x21, 0x00, 0x0a, 0x1b, 0x61, 0x00, 0x1b, 0x2d, 0x01],
    ...cp1252('Prix : 12 €'),
    ...[0x1b, 0x2d, 0x00, 0x0a],
    ...cp1252('e-mail : jean@exemple.fr'),
    0x0a,
    ...[0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
    ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06],
    ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31],
    ...[0x1d, 0x28, 0x6b, qr.length + 3, 0x00, 0x31, 0x50, 0x30, ...qr],
    ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
    ...[0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x04, 0x00, ...raster],
    ...cp1252('Fin'),
    ...[0x1b, 0x64, 0x03, 0x1d, 0x56, 0x42, 0x00],
  ]);
}

/** A large job: one raster image of pseudo-random bytes (every value, commands included), then a line of text and a cut. */
function bigJob(size: number, endText = 'FIN'): Uint8Array {
  const bytesPerRow = 48;
  const rows = Math.ceil(size / bytesPerRow);
  const data = new Uint8Array(bytesPerRow * rows);
  let seed = 12345;
  for (let i = 0; i < data.length; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = seed >> 16;
  }
  return Uint8Array.from([
    0x1b, 0x40,
    ...[0x1d, 0x76, 0x30, 0x00, bytesPerRow, 0x00, rows & 0xff, rows >> 8],
    ...data,
    ...cp1252(endText),
    ...[0x0a, 0x1d, 0x56, 0x42, 0x00],
  ]);
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakePrinter(options: FakePrinterOptions = {}): Promise<FakePrinter> {
  const fake = await startFakePrinter(options);
  cleanups.push(() => fake.stop());
  return fake;
}

function kioskPrinter(path: string, options: Partial<SerialPrinterOptions> = {}): SerialPrinter {
  const printer = new SerialPrinter({ path, baudRate: 9600, flowControl: 'none', statusTimeoutMs: STATUS_TIMEOUT_MS, reconnectMs: 100, ...options });
  cleanups.push(() => printer.stop());
  return printer;
}

async function connectedPair(options: Partial<SerialPrinterOptions> = {}): Promise<{ fake: FakePrinter; printer: SerialPrinter }> {
  const fake = await fakePrinter();
  const printer = kioskPrinter(fake.devicePath, options);
  await printer.start();
  expect(printer.connected).toBe(true);
  return { fake, printer };
}

/** Resolves with the event's first argument, or fails the test after `ms`. */
async function nextEvent(emitter: EventEmitter, name: string, ms = 3000): Promise<unknown> {
  const [value] = await Promise.race([
    once(emitter, name),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no '${name}' within ${ms} ms`)), ms).unref()),
  ]);
  return value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(socat === null)('SerialPrinter over a real serial path', () => {
  it('sends a job byte for byte and gets it confirmed by the completion marker', async () => {
    const { fake, printer } = await connectedPair();
    const job = sampleJob();

    const outcome = await printer.print(job);

    expect(outcome).toMatchObject({ ok: true, bytes: job.length });
    expect([...fake.received()]).toEqual([...STATUS_QUERY, ...job, ...COMPLETION_MARKER]);
    // Four status replies and one GS r reply: the DLE EOT and GS r lookalikes inside the image were not obeyed.
    expect([...fake.sent()]).toEqual([0x12, 0x12, 0x12, 0x12, 0x00]);
    const printed = fake.printed();
    expect(printed.text).toContain('Mémo\n');
    expect(printed.text).toContain('Prix : 12 €\n');
    expect(printed.text).toContain('jean@exemple.fr');
    expect(printed.text).toContain('Fin\n\n\n');
    expect(printed).toMatchObject({ cuts: 1, qrData: ['https://www.service-public.fr/'], rasterImages: 1, codeTable: 16, unknown: [] });
    console.log(`[timing] sample job of ${job.length} bytes: ${outcome.ok ? outcome.ms : '-'} ms`);
  });

  it('reports the status: ready, paper near end, paper end, cover open', async () => {
    const { fake, printer } = await connectedPair();
    const path = fake.devicePath;

    expect(await printer.queryStatus()).toEqual({ problem: null, paperNearEnd: false, replies: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } });

    fake.setState('paper-near-end');
    expect(await printer.queryStatus()).toMatchObject({ problem: null, paperNearEnd: true });
    const nearEnd = await printer.print(sampleJob());
    expect(nearEnd.ok).toBe(true);

    fake.setState('cover-open');
    expect(await printer.queryStatus()).toMatchObject({ problem: 'cover-open' });

    fake.setState('paper-end');
    const before = fake.received().length;
    const outcome = await printer.print(sampleJob());
    expect(outcome).toEqual({
      ok: false,
      problem: 'paper-end',
      staffMessage: `${path}: paper end (DLE EOT 1 = 0x1A, DLE EOT 2 = 0x32, DLE EOT 3 = 0x12, DLE EOT 4 = 0x7E)`,
    });
    // Nothing but the status questions went to a printer without paper.
    expect([...fake.received().subarray(before)]).toEqual(STATUS_QUERY);
  });

  it('takes a silent printer for offline within the status timeout, and nothing hangs', async () => {
    const { fake, printer } = await connectedPair();
    fake.setState('offline');

    const started = Date.now();
    const status = await printer.queryStatus();
    const elapsed = Date.now() - started;
    expect(status).toEqual({ problem: 'offline', paperNearEnd: false, replies: {} });
    expect(elapsed).toBeGreaterThanOrEqual(STATUS_TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(STATUS_TIMEOUT_MS + 700);

    const outcome = await printer.print(sampleJob());
    expect(outcome).toEqual({ ok: false, problem: 'offline', staffMessage: `${fake.devicePath}: offline or not answering (no answer to DLE EOT)` });
    console.log(`[timing] offline detected in ${elapsed} ms (status timeout ${STATUS_TIMEOUT_MS} ms)`);
  });

  it('completes a job on a slow printer, later', async () => {
    const { fake, printer } = await connectedPair();
    const job = bigJob(16_000);

    const fast = await printer.print(job);
    fake.setSlow(8_000);
    const slow = await printer.print(job);

    expect(fast.ok && slow.ok).toBe(true);
    if (!fast.ok || !slow.ok) return;
    expect(slow.ms).toBeGreaterThan(1_500);
    expect(slow.ms).toBeGreaterThan(fast.ms * 3);
    expect(fake.printed().text).toBe('FIN\nFIN\n');
    expect(fake.printed().rasterImages).toBe(2);
    console.log(`[timing] ${job.length} bytes: ${fast.ms} ms at full speed, ${slow.ms} ms reading 8000 bytes/s`);
  });

  it('believes no reply that comes with garbage, and is not fooled by XON/XOFF nor by an automatic status report in the middle of a job', async () => {
    const { fake, printer } = await connectedPair();
    // XON/XOFF before each reply: flow control, not an answer; the replies are read.
    fake.sendGarbage(Uint8Array.of(0x11, 0x13), 'before-each-reply');
    expect(await printer.queryStatus()).toEqual({ problem: null, paperNearEnd: false, replies: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } });
    // Bytes whose fixed bits are no reply's, before each reply: the port does not answer like a printer,
    // and the paper-end replies that follow them are not believed.
    fake.sendGarbage(Uint8Array.of(0xff, 0x81, 0xc0, 0x93, 0x80), 'before-each-reply');
    fake.setState('paper-end');
    const garbled = await printer.queryStatus();
    expect(garbled.problem).toBe('not-a-printer');
    if (garbled.problem === 'not-a-printer') expect(garbled.noise.first.slice(0, 5)).toEqual([0xff, 0x81, 0xc0, 0x93, 0x80]);
    fake.sendGarbage(Uint8Array.of(), 'now');
    await sleep(50);
    expect(await printer.queryStatus()).toMatchObject({ problem: 'paper-end', replies: { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x7e } });
    fake.setState('ready');

    // An ASB report (0x10 then three bytes with bits 0x90 clear) while the job waits: its 0x00 bytes are not the GS r reply.
    fake.sendGarbage(Uint8Array.of(), 'now');
    fake.setSlow(20_000);
    const job = bigJob(10_000);
    const printing = printer.print(job);
    await sleep(150);
    fake.sendGarbage(Uint8Array.of(0x10, 0x00, 0x00, 0x00));
    const outcome = await printing;
    expect(outcome.ok).toBe(true);
    // Confirmed only once the printer had read the whole job (the marker comes after it).
    expect(fake.received().length).toBeGreaterThanOrEqual(STATUS_QUERY.length * 3 + job.length + COMPLETION_MARKER.length);
  });

  it('names paper running out in the middle of a job without waiting for the deadline', async () => {
    const { fake, printer } = await connectedPair();
    const job = bigJob(8_000);
    fake.setStateAfter(STATUS_QUERY.length + 4_000, 'paper-end');

    const started = Date.now();
    const outcome = await printer.print(job);
    const elapsed = Date.now() - started;

    expect(outcome).toMatchObject({ ok: false, problem: 'paper-end' });
    if (outcome.ok) return;
    expect(outcome.staffMessage).toBe(`${fake.devicePath}: paper end (DLE EOT 1 = 0x1A, DLE EOT 2 = 0x32, DLE EOT 3 = 0x12, DLE EOT 4 = 0x7E); the job did not finish`);
    expect(elapsed).toBeLessThan(3_000);

    // Paper loaded again: the next job is confirmed by its own GS r reply (the failed job stopped waiting for one).
    fake.setState('ready');
    const next = await printer.print(sampleJob());
    expect(next.ok).toBe(true);
    if (next.ok) expect(next.ms).toBeLessThan(1_000);
    console.log(`[timing] paper end in mid-job reported after ${elapsed} ms`);
  });

  it('with XON/XOFF flow control, sends nothing while the printer holds XOFF', async () => {
    const { fake, printer } = await connectedPair({ flowControl: 'xonxoff' });
    fake.sendGarbage(Uint8Array.of(0x13)); // XOFF: the kiosk's line discipline stops its output
    // Once a question cannot get out, XOFF is in force (a question asked before it arrived is answered).
    let status = await printer.queryStatus();
    for (let attempt = 0; attempt < 10 && status.problem !== 'offline'; attempt += 1) status = await printer.queryStatus();
    expect(status.problem).toBe('offline');

    const before = fake.received().length;
    expect(await printer.print(sampleJob())).toMatchObject({ ok: false, problem: 'offline' });
    expect(fake.received().length).toBe(before);

    // XON: the two held questions (3 bytes each) go out; their late answers are not taken for the next ones.
    fake.sendGarbage(Uint8Array.of(0x11));
    await expect.poll(() => fake.received().length, { timeout: 2000 }).toBe(before + 6);
    const outcome = await printer.print(sampleJob());
    expect(outcome.ok).toBe(true);
    expect(fake.printed().text).toContain('Mémo');
  });

  it('answers busy to a second job while one is printing', async () => {
    const { fake, printer } = await connectedPair();
    fake.setSlow(20_000);

    const first = printer.print(bigJob(10_000));
    const second = await printer.print(sampleJob());

    expect(second).toEqual({ ok: false, problem: 'busy', staffMessage: `${fake.devicePath}: busy (another job is printing)` });
    expect((await first).ok).toBe(true);
    expect((await printer.print(sampleJob())).ok).toBe(true);
  });

  it('survives an unplug in the middle of a large job and finds the printer again when it comes back', async () => {
    const { fake, printer } = await connectedPair();
    const statuses: StatusReport[] = [];
    printer.on('status', (status: StatusReport) => statuses.push(status));
    fake.setSlow(20_000);

    const job = bigJob(200_000);
    const printing = printer.print(job);
    await sleep(400);
    const disconnected = nextEvent(printer, 'disconnected');
    const unpluggedAt = Date.now();
    await fake.unplug();
    const outcome = await printing;
    const noticed = Date.now() - unpluggedAt;
    await disconnected;

    expect(outcome).toEqual({ ok: false, problem: 'unplugged', staffMessage: `${fake.devicePath}: unplugged (the port closed)` });
    expect(fake.received().length).toBeLessThan(job.length);
    expect(statuses.at(-1)).toEqual({ problem: 'unplugged', replies: {}, paperNearEnd: false });
    expect(await printer.queryStatus()).toMatchObject({ problem: 'unplugged' });
    expect(await printer.print(sampleJob())).toMatchObject({ ok: false, problem: 'unplugged' });

    // Plugged back: found again by the reconnection attempts, no restart.
    fake.setSlow(null);
    const connected = nextEvent(printer, 'connected');
    const replugAt = Date.now();
    await fake.replug();
    await connected;
    const found = Date.now() - replugAt;
    const again = await printer.print(bigJob(1_000, 'AGAIN'));
    expect(again.ok).toBe(true);
    expect(fake.printed().text).toContain('AGAIN\n');
    console.log(`[timing] unplug noticed by the job after ${noticed} ms; printer found again ${found} ms after replug (reconnectMs 100)`);
  });

  it('waits for a port that does not exist yet and connects when it appears', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-printer-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'kiosk');
    const printer = kioskPrinter(path);

    await printer.start();
    expect(printer.connected).toBe(false);
    expect(await printer.queryStatus()).toEqual({ problem: 'unplugged', replies: {}, paperNearEnd: false });
    expect(await printer.print(sampleJob())).toEqual({ ok: false, problem: 'unplugged', staffMessage: `${path}: cannot open (ENOENT)` });

    const connected = nextEvent(printer, 'connected');
    const fake = await fakePrinter({ dir });
    expect(fake.devicePath).toBe(path);
    await connected;
    expect((await printer.print(sampleJob())).ok).toBe(true);
    expect(fake.printed().qrData).toEqual(['https://www.service-public.fr/']);
  });
});

describe.skipIf(socat === null)('PrinterHost through a forked printer process', () => {
  let buildDir = '';
  let entry = '';

  beforeAll(async () => {
    // The child runs plain JavaScript: bundle the entry as the app's build does (dist/printer/printer-process.cjs),
    // inside the project so that the bundle's require('serialport') finds node_modules.
    const cache = resolve(__dirname, '../../../node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    buildDir = mkdtempSync(join(cache, 'printer-process-'));
    entry = join(buildDir, 'printer-process.cjs');
    await build({
      entryPoints: [resolve(__dirname, '../../../main/printer/printer-process.ts')],
      outfile: entry,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      logLevel: 'warning',
    });
  });

  afterAll(() => {
    if (buildDir !== '') rmSync(buildDir, { recursive: true, force: true });
  });

  it('prints a job and answers status through the child process', async () => {
    const fake = await fakePrinter();
    const host = new PrinterHost({ entry });
    cleanups.push(() => host.stop());

    expect(await host.print(sampleJob())).toMatchObject({ ok: false, problem: 'not-configured' });
    const statuses: StatusReport[] = [];
    host.on('status', (status: StatusReport) => statuses.push(status));
    const connected = nextEvent(host, 'connected', 5000);
    host.configure({ path: fake.devicePath, baudRate: 9600, flowControl: 'none', statusTimeoutMs: STATUS_TIMEOUT_MS, reconnectMs: 100 }, 200);
    await connected;

    expect(await host.queryStatus()).toEqual({ problem: null, paperNearEnd: false, replies: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } });
    const job = sampleJob();
    const outcome = await host.print(job);
    expect(outcome).toMatchObject({ ok: true, bytes: job.length });
    expect(fake.printed().text).toContain('Prix : 12 €');

    // Polling in the child reports a change as an event.
    fake.setState('cover-open');
    await expect.poll(() => statuses.at(-1)?.problem, { timeout: 3000 }).toBe('cover-open');
    expect(await host.print(job)).toMatchObject({ ok: false, problem: 'cover-open' });
  });
});
