/** Events that mean someone is using the kiosk UI. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export const ACTIVITY_MIN_INTERVAL_MS = 1000;

/**
 * Calls `report` on activity, at most once per `minIntervalMs`. Listeners are passive
 * and on the capture phase, so nothing in the UI can hide activity from the idle timer.
 * Returns the function that stops watching.
 */
export function watchActivity(
  report: () => void,
  target: EventTarget = window,
  minIntervalMs: number = ACTIVITY_MIN_INTERVAL_MS,
  now: () => number = () => performance.now(),
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const onActivity = (): void => {
    const time = now();
    if (time - last < minIntervalMs) return;
    last = time;
    report();
  };
  const options: AddEventListenerOptions = { passive: true, capture: true };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, onActivity, options);
  return () => {
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, onActivity, options);
  };
}
