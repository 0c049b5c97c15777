import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SCRYPT_COST, pinHashFileSchema, scryptMaxmem, type PinHashFile, type ScryptCost } from '../core/staff/pin-hash';
import { pinLockStateSchema, type PinLockState } from '../core/staff/pin-lockout';
import { noPinMessage, type LockStateStore, type PinSource, type PinVerifier } from '../core/staff/staff-gate';
import { writeFileAtomic } from './atomic-file';

/** The staff PIN on disk: a scrypt hash with a random salt, checked in constant time. */

const SALT_BYTES = 16;

function scryptAsync(pin: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((done, fail) => {
    scrypt(pin, salt, cost.keyLength, { N: cost.N, r: cost.r, p: cost.p, maxmem: scryptMaxmem(cost) }, (error, key) => (error === null ? done(key) : fail(error)));
  });
}

export async function hashPin(pin: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<PinHashFile> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(pin, salt, cost);
  return { algorithm: 'scrypt', N: cost.N, r: cost.r, p: cost.p, keyLength: cost.keyLength, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function pinMatches(file: PinHashFile, entry: string): Promise<boolean> {
  const expected = Buffer.from(file.hash, 'base64');
  const actual = await scryptAsync(entry, Buffer.from(file.salt, 'base64'), file);
  // Same length by construction (keyLength); the comparison takes the same time wherever they differ.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function pinFileText(file: PinHashFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Readable by the kiosk's user only: the hash is slow to attack, not impossible. */
export async function writePinFile(path: string, file: PinHashFile): Promise<void> {
  await writeFileAtomic(path, pinFileText(file), 0o600);
}

export type PinFileRead = { ok: true; file: PinHashFile } | { ok: false; reason: 'missing' | 'invalid'; message: string };

export async function readPinFile(path: string): Promise<PinFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', message: `${path}: file not found` };
    return { ok: false, reason: 'invalid', message: `${path}: cannot be read (${code ?? 'unknown error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'invalid', message: `${path}: not JSON` };
  }
  const parsed = pinHashFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: 'invalid', message: `${path}: ${first === undefined ? 'invalid' : `${first.path.join('.') || '(file)'}: ${first.message}`}` };
  }
  return { ok: true, file: parsed.data };
}

/**
 * The station's PIN, ready for the staff gate. `stationFile` is named in the
 * "how to set it" message.
 */
export async function loadPinSource(pinFile: string | null, stationFile: string): Promise<PinSource> {
  if (pinFile === null) return { kind: 'absent', message: `${noPinMessage(stationFile)} (la clé staff.pinFile manque dans ${stationFile})` };
  const read = await readPinFile(pinFile);
  if (!read.ok && read.reason === 'missing') return { kind: 'absent', message: `${noPinMessage(stationFile)} (${pinFile} n'existe pas)` };
  if (!read.ok) return { kind: 'unusable', message: `Mode personnel indisponible : le fichier du code PIN est invalide (${read.message}). Redéfinissez le code : npm run set-pin -- --config ${stationFile}` };
  const verifier: PinVerifier = { verify: (entry) => pinMatches(read.file, entry) };
  return { kind: 'ready', verifier };
}

export const LOCK_STATE_FILE = 'staff-lock.json';

/** The PIN lock in the state folder, replaced atomically after every attempt. */
export class FileLockStateStore implements LockStateStore {
  readonly path: string;

  constructor(stateDirectory: string) {
    this.path = join(stateDirectory, LOCK_STATE_FILE);
  }

  async load(): Promise<PinLockState | 'missing' | 'unreadable'> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
    }
    try {
      const parsed = pinLockStateSchema.safeParse(JSON.parse(text) as unknown);
      return parsed.success ? parsed.data : 'unreadable';
    } catch {
      return 'unreadable';
    }
  }

  async save(state: PinLockState): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(pinLockStateSchema.parse(state))}\n`, 0o600);
  }
}

