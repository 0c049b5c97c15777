/**
 * When to relaunch the kiosk. Electron never frees in-memory sessions, so a
 * station that serves many visitors grows: it is relaunched after a number of
 * visitors, or at a set hour, but only between two visitors.
 */
export interface RelaunchPolicy {
  relaunchAfterVisitors?: number | undefined;
  relaunchAtHour?: number | undefined;
}

export interface RelaunchState {
  /** Visitors wiped since the kiosk started. */
  visitorsSinceLaunch: number;
  /** When the kiosk started (epoch ms). */
  launchedAt: number;
  now: number;
  /** Someone is using the station: never relaunch under them. */
  visitorPresent: boolean;
}

export type RelaunchReason = 'visitors' | 'hour';

export function relaunchDue(policy: RelaunchPolicy | undefined, state: RelaunchState): RelaunchReason | null {
  if (policy === undefined || state.visitorPresent) return null;
  if (policy.relaunchAfterVisitors !== undefined && state.visitorsSinceLaunch >= policy.relaunchAfterVisitors) return 'visitors';
  if (policy.relaunchAtHour !== undefined) {
    const now = new Date(state.now);
    const hourBegan = new Date(state.now);
    hourBegan.setMinutes(0, 0, 0);
    // Launched before this hour began: a kiosk relaunched during the hour is not relaunched again.
    if (now.getHours() === policy.relaunchAtHour && state.launchedAt < hourBegan.getTime()) return 'hour';
  }
  return null;
}
