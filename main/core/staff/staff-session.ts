/**
 * A staff session ends by itself after two minutes without a tap, so a station left
 * in staff mode falls back to the visitors' side (through the same wipe) on its own.
 */
export const STAFF_IDLE_MS = 2 * 60_000;

export interface StaffSessionTimes {
  startedAt: number;
  lastTapAt: number;
}

export function staffSessionStarted(now: number): StaffSessionTimes {
  return { startedAt: now, lastTapAt: now };
}

export function staffTapped(session: StaffSessionTimes, now: number): StaffSessionTimes {
  return { ...session, lastTapAt: Math.max(session.lastTapAt, now) };
}

/** When the session ends if nobody taps; a timer armed for then re-checks `staffSessionOver`. */
export function staffSessionDeadline(session: StaffSessionTimes, idleMs = STAFF_IDLE_MS): number {
  return session.lastTapAt + idleMs;
}

export function staffSessionOver(session: StaffSessionTimes, now: number, idleMs = STAFF_IDLE_MS): boolean {
  // A clock that went back does not keep the session open for longer either.
  return now >= staffSessionDeadline(session, idleMs) || now < session.startedAt;
}
