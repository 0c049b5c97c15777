import { describe, expect, it } from 'vitest';
import {
  afterRightPin,
  afterWrongPin,
  FIRST_LOCK_MS,
  LONGEST_LOCK_MS,
  lockStatus,
  rebaseLockState,
  UNLOCKED,
  type PinLockState,
} from '../../../main/core/staff/pin-lockout';

const T0 = 1_800_000_000_000;

function wrong(state: PinLockState, times: number, at: number): PinLockState {
  let current = state;
  for (let i = 0; i < times; i += 1) current = afterWrongPin(current, at);
  return current;
}

describe('the PIN lock', () => {
  it('gives five tries, then locks for five minutes', () => {
    const four = wrong(UNLOCKED, 4, T0);
    expect(lockStatus(four, T0)).toEqual({ locked: false, triesLeft: 1 });
    const five = afterWrongPin(four, T0);
    expect(lockStatus(five, T0)).toEqual({ locked: true, until: T0 + FIRST_LOCK_MS, secondsLeft: 300 });
    expect(lockStatus(five, T0 + FIRST_LOCK_MS - 1).locked).toBe(true);
    expect(lockStatus(five, T0 + FIRST_LOCK_MS)).toEqual({ locked: false, triesLeft: 5 });
  });

  it('doubles each lock: 5, 10, 20, 40 minutes', () => {
    let state = UNLOCKED;
    let now = T0;
    const lengths: number[] = [];
    for (let lock = 0; lock < 4; lock += 1) {
      state = wrong(state, 5, now);
      const status = lockStatus(state, now);
      if (!status.locked) throw new Error('should be locked');
      lengths.push((status.until - now) / 60_000);
      now = status.until;
    }
    expect(lengths).toEqual([5, 10, 20, 40]);
  });

  it('never locks for more than a day', () => {
    let state = UNLOCKED;
    let now = T0;
    for (let lock = 0; lock < 20; lock += 1) {
      state = wrong(state, 5, now);
      now += state.lockMs;
    }
    expect(state.lockMs).toBe(LONGEST_LOCK_MS);
  });

  it('does not count attempts made during a lock', () => {
    const locked = wrong(UNLOCKED, 5, T0);
    expect(afterWrongPin(locked, T0 + 1000)).toEqual(locked);
  });

  it('forgets everything after the right PIN', () => {
    const locked = wrong(wrong(UNLOCKED, 5, T0), 3, T0 + FIRST_LOCK_MS);
    expect(afterRightPin()).toEqual(UNLOCKED);
    expect(locked.locks).toBe(1);
  });

  it('restarts a lock from now when the clock went back, so it stays bounded', () => {
    const locked = wrong(UNLOCKED, 5, T0);
    const yearBefore = T0 - 365 * 24 * 3600_000;
    const rebased = rebaseLockState(locked, yearBefore);
    expect(lockStatus(rebased, yearBefore)).toMatchObject({ locked: true, secondsLeft: 300 });
    expect(lockStatus(rebased, yearBefore + FIRST_LOCK_MS).locked).toBe(false);
    expect(rebaseLockState(locked, T0 + 10)).toBe(locked);
  });
});
