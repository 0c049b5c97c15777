import type { Clock } from '../clock';
import type { KioskLog } from '../log';
import { isPinShaped } from './pin-policy';
import { afterRightPin, afterWrongPin, lockStatus, rebaseLockState, unreadableLockState, UNLOCKED, type PinLockState } from './pin-lockout';

/** Checks an entry against the station's stored hash (main/node/staff-pin.ts: scrypt, constant-time compare). */
export interface PinVerifier {
  verify(entry: string): Promise<boolean>;
}

/** The station's PIN as found on disk: there is no default, so "absent" means staff mode is refused. */
export type PinSource =
  | { kind: 'ready'; verifier: PinVerifier }
  /** No PIN set (no `staff.pinFile` key, or the file it names does not exist). */
  | { kind: 'absent'; message: string }
  /** A PIN file that cannot be used (unreadable, invalid, too weak a hash). */
  | { kind: 'unusable'; message: string };

/** Where the lock state survives a restart. */
export interface LockStateStore {
  load(): Promise<PinLockState | 'missing' | 'unreadable'>;
  save(state: PinLockState): Promise<void>;
}

export type StaffGateStatus =
  | { kind: 'no-pin'; message: string }
  | { kind: 'locked'; secondsLeft: number }
  | { kind: 'ready'; triesLeft: number };

export type PinAttempt =
  | { ok: true }
  | { ok: false; reason: 'no-pin'; message: string }
  | { ok: false; reason: 'locked'; secondsLeft: number }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  /** The attempt could not be counted (the state folder cannot be written): refused, fail closed. */
  | { ok: false; reason: 'unavailable'; message: string };

/** How to set a PIN, for the screen that refuses staff mode and for the log. */
export function noPinMessage(stationFile: string): string {
  return (
    'Mode personnel indisponible : aucun code PIN n\'est défini pour cette borne. ' +
    `Pour en définir un, sur la borne : npm run set-pin -- --config ${stationFile}`
  );
}

/**
 * The door to staff mode: the PIN, and the lock after wrong ones. Attempts are taken
 * one at a time (a forged burst of calls gets no extra tries), and each one is
 * counted on disk *before* the slow check, so killing the kiosk mid-check gives
 * nothing back either.
 */
export class StaffGate {
  private state: PinLockState | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pin: PinSource,
    private readonly store: LockStateStore,
    private readonly clock: Clock,
    private readonly log: KioskLog,
  ) {}

  status(): Promise<StaffGateStatus> {
    return this.serialized(async () => {
      if (this.pin.kind !== 'ready') return { kind: 'no-pin', message: this.pin.message };
      const state = await this.currentState();
      const lock = lockStatus(state, this.clock.now());
      return lock.locked ? { kind: 'locked', secondsLeft: lock.secondsLeft } : { kind: 'ready', triesLeft: lock.triesLeft };
    });
  }

  tryPin(entry: string): Promise<PinAttempt> {
    return this.serialized(async (): Promise<PinAttempt> => {
      if (this.pin.kind !== 'ready') {
        this.log.warn('staff-no-pin', { reason: this.pin.kind });
        return { ok: false, reason: 'no-pin', message: this.pin.message };
      }
      const now = this.clock.now();
      const state = await this.currentState();
      const lock = lockStatus(state, now);
      if (lock.locked) {
        this.log.warn('staff-pin-while-locked', { secondsLeft: lock.secondsLeft });
        return { ok: false, reason: 'locked', secondsLeft: lock.secondsLeft };
      }
      const counted = afterWrongPin(state, now);
      if (!(await this.persist(counted))) {
        return { ok: false, reason: 'unavailable', message: 'Le mode personnel est indisponible : la borne ne peut pas enregistrer les essais (dossier d\'état non inscriptible).' };
      }
      const right = isPinShaped(entry) && (await this.pin.verifier.verify(entry).catch(() => false));
      if (right) {
        await this.persist(afterRightPin());
        this.log.info('staff-pin-accepted');
        return { ok: true };
      }
      const after = lockStatus(counted, now);
      if (after.locked) {
        this.log.warn('staff-locked', { minutes: Math.round(counted.lockMs / 60_000), locks: counted.locks });
        return { ok: false, reason: 'locked', secondsLeft: after.secondsLeft };
      }
      this.log.warn('staff-pin-wrong', { triesLeft: after.triesLeft });
      return { ok: false, reason: 'wrong', triesLeft: after.triesLeft };
    });
  }

  private async currentState(): Promise<PinLockState> {
    const now = this.clock.now();
    if (this.state === null) {
      const loaded = await this.store.load().catch((): 'unreadable' => 'unreadable');
      if (loaded === 'unreadable') {
        this.log.error('staff-lock-state-unreadable');
        this.state = unreadableLockState(now);
      } else {
        this.state = loaded === 'missing' ? { ...UNLOCKED } : loaded;
      }
    }
    const rebased = rebaseLockState(this.state, now);
    if (rebased !== this.state) {
      this.log.warn('staff-lock-clock-went-back');
      await this.persist(rebased);
    }
    return this.state;
  }

  private async persist(state: PinLockState): Promise<boolean> {
    this.state = state;
    try {
      await this.store.save(state);
      return true;
    } catch (error) {
      this.log.error('staff-lock-state-not-saved', { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
      return false;
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
