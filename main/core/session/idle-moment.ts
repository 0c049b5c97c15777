import type { Overlay, Screen } from '../contract/kiosk-view';

/**
 * When the station may change under its own feet (a new station file, a relaunch):
 * only at an idle moment, when nobody uses it. A visitor is present from their first
 * action until their wipe; the wipe itself, deferred steps included, must be over;
 * and the home screen must show nothing open (the memo, a confirmation).
 */
export interface StationActivity {
  visitorPresent: boolean;
  screen: Screen['name'];
  overlay: Overlay['name'];
  /** The deferred part of the last wipe is still running. */
  wipeFinishing: boolean;
}

export function isIdleMoment(activity: StationActivity): boolean {
  return !activity.visitorPresent && (activity.screen === 'home' || activity.screen === 'maintenance') && activity.overlay === 'none' && !activity.wipeFinishing;
}
