import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskLog, LogFields } from '../../../main/core/log';
import { DEFAULT_SCRYPT_COST } from '../../../main/core/staff/pin-hash';
import { FIRST_LOCK_MS } from '../../../main/core/staff/pin-lockout';
import { StaffGate } from '../../../main/core/staff/staff-gate';
import { FileLockStateStore, hashPin, loadPinSource, pinMatches, readPinFile, writePinFile } from '../../../main/node/staff-pin';
import { staffPaths } from '../../../main/node/staff-files';
import { FakeClock } from '../../support/fake-clock';
import { tempFoldersPerTest } from '../../support/temp-folders';

/** Cheap enough for tests; the real cost is checked once below. */
const TEST_COST = { N: 2 ** 14, r: 8, p: 1, keyLength: 32 };
const PIN = '482913';

const folder = tempFoldersPerTest('staff-gate-');

function recordingLog(): KioskLog & { events: string[]; lines: { event: string; fields?: LogFields }[] } {
  const lines: { event: string; fields?: LogFields }[] = [];
  const push = (event: string, fields?: LogFields) => lines.push(fields === undefined ? { event } : { event, fields });
  return { info: push, warn: push, error: push, lines, get events() { return lines.map((line) => line.event); } };
}

async function station(dir: string): Promise<{ pinFile: string; stateDir: string; stationFile: string }> {
  const pinFile = join(dir, 'borne.pin.json');
  await writePinFile(pinFile, await hashPin(PIN, TEST_COST));
  return { pinFile, stateDir: join(dir, 'state'), stationFile: join(dir, 'borne.json') };
}

async function gate(files: { pinFile: string | null; stateDir: string; stationFile: string }, clock: FakeClock, log = recordingLog()): Promise<StaffGate> {
  return new StaffGate(await loadPinSource(files.pinFile, files.stationFile), new FileLockStateStore(files.stateDir), clock, log);
}

describe('the PIN hash file', () => {
  it('is scrypt with a random salt: two hashes of one PIN differ, both match it, nothing else matches', async () => {
    const a = await hashPin(PIN, TEST_COST);
    const b = await hashPin(PIN, TEST_COST);
    expect(a.algorithm).toBe('scrypt');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(Buffer.from(a.salt, 'base64').length).toBe(16);
    expect(await pinMatches(a, PIN)).toBe(true);
    expect(await pinMatches(b, PIN)).toBe(true);
    expect(await pinMatches(a, '482914')).toBe(false);
  });

  it('holds no PIN in clear and is readable by its owner only', async () => {
    const dir = folder();
    const { pinFile } = await station(dir);
    const text = readFileSync(pinFile, 'utf8');
    expect(text).not.toContain(PIN);
    expect(statSync(pinFile).mode & 0o777).toBe(0o600);
    const read = await readPinFile(pinFile);
    expect(read.ok && read.file.N).toBe(TEST_COST.N);
  });

  it('the default cost is scrypt N=2^17, r=8, and works within Node\'s memory limit', async () => {
    const file = await hashPin(PIN);
    expect([file.N, file.r, file.p]).toEqual([DEFAULT_SCRYPT_COST.N, 8, 1]);
    expect(await pinMatches(file, PIN)).toBe(true);
  });

  it('refuses a weak or damaged hash file with the file and key named', async () => {
    const dir = folder();
    const weak = join(dir, 'weak.pin.json');
    writeFileSync(weak, JSON.stringify({ ...(await hashPin(PIN, TEST_COST)), N: 1024 }));
    const source = await loadPinSource(weak, join(dir, 'borne.json'));
    expect(source.kind).toBe('unusable');
    expect(source.kind !== 'ready' && source.message).toContain('weak.pin.json: N: must be a power of two');
    writeFileSync(weak, '{ not json');
    expect((await readPinFile(weak)).ok).toBe(false);
  });
});

describe('staff mode without a PIN', () => {
  it('is refused, saying how to set one, when the station file names no PIN file', async () => {
    const dir = folder();
    const paths = staffPaths({ staff: undefined }, join(dir, 'borne-01.json'));
    expect(paths.pinFile).toBeNull();
    const log = recordingLog();
    const refused = await gate({ pinFile: null, stateDir: join(dir, 'state'), stationFile: join(dir, 'borne-01.json') }, new FakeClock(), log);
    const status = await refused.status();
    expect(status.kind).toBe('no-pin');
    const attempt = await refused.tryPin('000000');
    expect(attempt).toMatchObject({ ok: false, reason: 'no-pin' });
    expect(!attempt.ok && attempt.reason === 'no-pin' && attempt.message).toContain('npm run set-pin -- --config');
    expect(!attempt.ok && attempt.reason === 'no-pin' && attempt.message).toContain('staff.pinFile');
    expect(log.events).toContain('staff-no-pin');
  });

  it('is refused when the named file does not exist (no default PIN, not even 000000)', async () => {
    const dir = folder();
    const paths = staffPaths({ staff: { pinFile: 'borne-01.pin.json' } }, join(dir, 'borne-01.json'));
    expect(paths.pinFile).toBe(join(dir, 'borne-01.pin.json'));
    const refused = await gate({ pinFile: paths.pinFile, stateDir: paths.stateDirectory, stationFile: join(dir, 'borne-01.json') }, new FakeClock());
    for (const entry of ['000000', '123456', '']) expect(await refused.tryPin(entry)).toMatchObject({ ok: false, reason: 'no-pin' });
  });
});

describe('the staff gate', () => {
  it('lets the right PIN in and counts wrong ones', async () => {
    const files = await station(folder());
    const clock = new FakeClock();
    const door = await gate(files, clock);
    expect(await door.tryPin('111111')).toEqual({ ok: false, reason: 'wrong', triesLeft: 4 });
    expect(await door.tryPin('12')).toEqual({ ok: false, reason: 'wrong', triesLeft: 3 });
    expect(await door.tryPin(PIN)).toEqual({ ok: true });
    expect(await door.status()).toEqual({ kind: 'ready', triesLeft: 5 });
  });

  it('locks for 5 minutes after 5 wrong PINs, refuses even the right one meanwhile, and the lock survives a restart', async () => {
    const files = await station(folder());
    const clock = new FakeClock();
    const log = recordingLog();
    const door = await gate(files, clock, log);
    for (let i = 0; i < 4; i += 1) await door.tryPin('999990');
    expect(await door.tryPin('999990')).toEqual({ ok: false, reason: 'locked', secondsLeft: 300 });
    expect(log.lines.find((line) => line.event === 'staff-locked')?.fields).toEqual({ minutes: 5, locks: 1 });

    // The kiosk restarts two minutes later: a new gate reads the lock from disk.
    await clock.advance(120_000);
    const restarted = await gate(files, clock);
    expect(await restarted.status()).toEqual({ kind: 'locked', secondsLeft: 180 });
    expect(await restarted.tryPin(PIN)).toEqual({ ok: false, reason: 'locked', secondsLeft: 180 });
    await clock.advance(180_000);
    expect(await restarted.status()).toEqual({ kind: 'ready', triesLeft: 5 });
  });

  it('doubles the lock across restarts: 5 then 10 minutes', async () => {
    const files = await station(folder());
    const clock = new FakeClock();
    let door = await gate(files, clock);
    for (let i = 0; i < 5; i += 1) await door.tryPin('999990');
    await clock.advance(FIRST_LOCK_MS);
    door = await gate(files, clock);
    for (let i = 0; i < 4; i += 1) expect(await door.tryPin('999990')).toMatchObject({ reason: 'wrong' });
    door = await gate(files, clock); // restart in the middle of the second series
    expect(await door.tryPin('999990')).toEqual({ ok: false, reason: 'locked', secondsLeft: 600 });
    await clock.advance(2 * FIRST_LOCK_MS);
    door = await gate(files, clock);
    expect(await door.tryPin(PIN)).toEqual({ ok: true });
    const saved = JSON.parse(readFileSync(join(files.stateDir, 'staff-lock.json'), 'utf8')) as unknown;
    expect(saved).toEqual({ failures: 0, locks: 0, lockedAt: null, lockMs: 0 });
  });

  it('a burst of forged parallel attempts gets no more than five tries', async () => {
    const files = await station(folder());
    const door = await gate(files, new FakeClock());
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => door.tryPin(String(100000 + i))));
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong')).toHaveLength(4);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'locked')).toHaveLength(8);
  });

  it('a damaged lock file fails closed: locked for five minutes', async () => {
    const files = await station(folder());
    const clock = new FakeClock();
    const door = await gate(files, clock);
    await door.tryPin('999990');
    writeFileSync(join(files.stateDir, 'staff-lock.json'), '{"failures": "many"}');
    const log = recordingLog();
    const restarted = await gate(files, clock, log);
    expect(await restarted.status()).toEqual({ kind: 'locked', secondsLeft: 300 });
    expect(log.events).toContain('staff-lock-state-unreadable');
  });

  it('a lock state that cannot be read (not a folder, I/O error) fails closed too', async () => {
    const dir = folder();
    const files = await station(dir);
    writeFileSync(join(dir, 'not-a-folder'), '');
    const log = recordingLog();
    const door = await gate({ ...files, stateDir: join(dir, 'not-a-folder', 'state') }, new FakeClock(), log);
    expect(await door.tryPin(PIN)).toMatchObject({ ok: false, reason: 'locked' });
    expect(log.events).toContain('staff-lock-state-unreadable');
  });

  it('refuses to check a PIN it cannot count (the state cannot be saved)', async () => {
    const files = await station(folder());
    const log = recordingLog();
    const store = { load: () => Promise.resolve('missing' as const), save: () => Promise.reject(new Error('EROFS: read-only file system')) };
    const door = new StaffGate(await loadPinSource(files.pinFile, files.stationFile), store, new FakeClock(), log);
    expect(await door.tryPin(PIN)).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(log.lines.find((line) => line.event === 'staff-lock-state-not-saved')?.fields).toEqual({ error: 'EROFS: read-only file system' });
  });
});
