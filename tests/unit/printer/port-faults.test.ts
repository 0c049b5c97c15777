import { afterEach, describe, expect, it } from 'vitest';
import { SerialPrinter } from '../../../main/printer/serial-printer';
import type { PrintOutcome, StatusReport } from '../../../main/printer/serial-printer';
import { findSocat, startFakePrinter, type FakePortMode } from '../../support/fake-printer';

/**
 * Port faults over a real serial path (socat pseudo-terminals): devices that are not a
 * printer, or a printer that talks nonsense, on the printer's port. None may be read as
 * a status ("no paper", "cover open", "too hot"): each is "the device on this port does
 * not answer like a printer", with the port and the bytes, and no job is sent to it.
 */
const socat = findSocat();
if (socat === null) console.warn('port-faults.test.ts skipped: socat is not installed (apt-get install socat)');

const STATUS_TIMEOUT_MS = 300;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function onPort(mode: FakePortMode) {
  const fake = await startFakePrinter();
  cleanups.push(() => fake.stop());
  const printer = new SerialPrinter({ path: fake.devicePath, baudRate: 9600, flowControl: 'none', statusTimeoutMs: STATUS_TIMEOUT_MS, reconnectMs: 100 });
  cleanups.push(() => printer.stop());
  await printer.start();
  expect(printer.connected).toBe(true);
  fake.setPortMode(mode);
  return { fake, printer };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const JOB = Uint8Array.from([0x1b, 0x40, ...Buffer.from('Mon memo\n', 'ascii'), 0x1d, 0x56, 0x42, 0x00]);
const FALSE_PROBLEMS = ['paper-end', 'cover-open', 'head-hot', 'cutter-error', 'unrecoverable-error'];

/** Asks a few times, as the kiosk's poll and jobs do: never a printer problem, and not a printer at least once. */
async function verdicts(printer: SerialPrinter, times = 4): Promise<StatusReport[]> {
  const reports: StatusReport[] = [];
  for (let i = 0; i < times; i += 1) {
    reports.push(await printer.queryStatus());
    await sleep(350); // the kiosk asks every 15 s; a few hundred milliseconds of a chatty device are enough
  }
  return reports;
}

const NOT_A_PRINTER: [FakePortMode, string][] = [
  ['random-bytes', 'random bytes all the time'],
  ['nmea', 'a GPS receiver sending NMEA text'],
  ['echo', 'a loopback that sends every byte back'],
  ['garbled-replies', 'replies with no reply\'s fixed bits (wrong speed)'],
  ['unasked-status', 'status-looking bytes nobody asked for (0x7E, "paper end" to a naive reader)'],
  ['half-sensor-bits', 'a paper sensor reply whose two bits disagree'],
];

describe.skipIf(socat === null)('a port that does not answer like a printer', () => {
  it.each(NOT_A_PRINTER)('%s (%s): never a paper, cover or heat problem; the job is refused naming the port', async (mode) => {
    const { fake, printer } = await onPort(mode);
    const reports = await verdicts(printer);
    for (const report of reports) expect(FALSE_PROBLEMS).not.toContain(report.problem);
    expect(reports.map((report) => report.problem)).toContain('not-a-printer');

    const before = fake.printed().text;
    let outcome: PrintOutcome = await printer.print(JOB);
    // A silence between two bursts can read as "offline" once; the next try sees the noise.
    if (!outcome.ok && outcome.problem === 'offline') outcome = await printer.print(JOB);
    expect(outcome).toMatchObject({ ok: false, problem: 'not-a-printer' });
    if (outcome.ok) return;
    expect(outcome.staffMessage).toMatch(new RegExp(`^${fake.devicePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the device on this port does not answer like a printer: `));
    expect(outcome.staffMessage).toMatch(/^[\x20-\x7e…]+$/); // one printable line
    expect(fake.printed().text).toBe(before); // nothing of the job went to it
    console.log(`[port-fault] ${mode}: ${outcome.staffMessage}`);
  });

  it('a printer switched on with a two-byte burst prints all the same', async () => {
    const { fake, printer } = await onPort('power-on-burst');
    await sleep(50);
    const outcome = await printer.print(JOB);
    expect(outcome.ok).toBe(true);
    expect(fake.printed().text).toContain('Mon memo');
  });

  it('when the printer is back on its port, it is believed again', async () => {
    const { fake, printer } = await onPort('nmea');
    expect((await verdicts(printer, 2)).map((report) => report.problem)).toContain('not-a-printer');
    fake.setPortMode('printer');
    await sleep(250); // the last sentence in flight arrives
    await printer.queryStatus(); // its bytes are counted once more
    expect(await printer.queryStatus()).toEqual({ problem: null, paperNearEnd: false, replies: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } });
    expect((await printer.print(JOB)).ok).toBe(true);
  });

  it('a real paper end is still a paper end', async () => {
    const { fake, printer } = await onPort('printer');
    fake.setState('paper-end');
    expect(await printer.queryStatus()).toMatchObject({ problem: 'paper-end' });
  });
});

describe('what a byte from the port can be (core/printer/status.ts)', () => {
  it('a status byte fits DLE EOT 4 only with each sensor\'s two bits equal', async () => {
    const { isReplyTo, kindOfByte } = await import('../../../main/core/printer/status');
    const all = Array.from({ length: 256 }, (_, byte) => byte);
    const statusBytes = all.filter((byte) => kindOfByte(byte) === 'status');
    expect(statusBytes).toHaveLength(16); // bits 0x12 set, 0x81 clear, the rest free
    // Ready, near end, paper end with and without a near-end sensor: the only four replies to DLE EOT 4.
    expect(statusBytes.filter((byte) => isReplyTo(4, byte))).toEqual([0x12, 0x1e, 0x72, 0x7e]);
    expect(statusBytes.filter((byte) => isReplyTo(2, byte))).toEqual(statusBytes);
    expect([0x1a, 0x16, 0x32, 0x52, 0x3a].some((byte) => isReplyTo(4, byte))).toBe(false);
    expect(all.filter((byte) => kindOfByte(byte) === 'stray').every((byte) => (byte & 0x80) !== 0 || (byte & 0x11) === 0x11)).toBe(true);
  });
});
