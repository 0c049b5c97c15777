import { z } from 'zod';

/**
 * Wrong PINs lock staff mode: five in a row lock it for five minutes, and each lock
 * after that lasts twice as long as the one before, up to a day. The state is plain
 * data, saved after every attempt, so pulling the plug does not reset the count.
 */
export const PIN_TRIES_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 5 * 60_000;
/** A day: brute force stays hopeless (5 tries a day against a million codes) and staff are never locked out for longer. */
export const LONGEST_LOCK_MS = 24 * 60 * 60_000;

export const pinLockStateSchema = z.strictObject({
  /** Wrong PINs since the last lock (or the last right PIN). */
  failures: z.number().int().min(0).max(PIN_TRIES_BEFORE_LOCK),
  /** Locks since the last right PIN: the next lock lasts FIRST_LOCK_MS × 2^locks. */
  locks: z.number().int().min(0).max(64),
  /** The current lock, if any: when it began (ms since the epoch) and how long it lasts. */
  lockedAt: z.number().int().nullable(),
  lockMs: z.number().int().min(0).max(LONGEST_LOCK_MS),
});
export type PinLockState = z.infer<typeof pinLockStateSchema>;

export const UNLOCKED: PinLockState = { failures: 0, locks: 0, lockedAt: null, lockMs: 0 };

export type LockStatus = { locked: true; until: number; secondsLeft: number } | { locked: false; triesLeft: number };

export function lockDurationMs(lockNumber: number): number {
  // lockNumber 1 → 5 min, 2 → 10 min, 3 → 20 min…
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.max(0, lockNumber - 1));
}

export function lockStatus(state: PinLockState, now: number): LockStatus {
  if (state.lockedAt !== null && now < state.lockedAt + state.lockMs) {
    const until = state.lockedAt + state.lockMs;
    return { locked: true, until, secondsLeft: Math.ceil((until - now) / 1000) };
  }
  return { locked: false, triesLeft: PIN_TRIES_BEFORE_LOCK - state.failures };
}

/** A wrong PIN (or an attempt not yet proven right). Attempts during a lock are not counted: they are refused. */
export function afterWrongPin(state: PinLockState, now: number): PinLockState {
  if (lockStatus(state, now).locked) return state;
  const failures = state.failures + 1;
  if (failures < PIN_TRIES_BEFORE_LOCK) return { ...state, failures };
  const locks = Math.min(64, state.locks + 1);
  return { failures: 0, locks, lockedAt: now, lockMs: lockDurationMs(locks) };
}

/** The right PIN: everything is forgiven. */
export function afterRightPin(): PinLockState {
  return { ...UNLOCKED };
}

/**
 * A lock that starts in the future means the clock went back (a station without a
 * battery-backed clock, a bad NTP answer): restart the lock from now, so it stays
 * in force but never lasts longer than it should.
 */
export function rebaseLockState(state: PinLockState, now: number): PinLockState {
  if (state.lockedAt !== null && state.lockedAt > now) return { ...state, lockedAt: now };
  return state;
}

/** The state to use when the saved one cannot be read back: fail closed, one first-length lock from now. */
export function unreadableLockState(now: number): PinLockState {
  return { failures: 0, locks: 1, lockedAt: now, lockMs: FIRST_LOCK_MS };
}
