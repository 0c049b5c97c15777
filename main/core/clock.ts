/**
 * Time, passed in rather than taken from globals, so the session rules run the
 * same under Node tests (with a fake clock) as in either shell.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque: whatever the platform's setTimeout returns. */
export type TimerHandle = { readonly timerBrand: unique symbol } | number | object;
