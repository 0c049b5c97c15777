/**
 * Which frame asked: Playwright's `Dialog` does not say, the DevTools protocol's
 * `Page.javascriptDialogOpening` does (`url`, the asking frame's address), on the
 * session of the target the frame lives in. Both see the same dialog, in either
 * order: they are paired here by what they share (type, message, default answer),
 * first come first served. A dialog the protocol never reported, or one that two
 * frames of different hosts asked with the same words at once, gets no address:
 * the caller must then not name the top page's host in its place (a frame would
 * speak in the name of the official site).
 */

export interface DialogSighting {
  readonly type: string;
  readonly message: string;
  readonly defaultPrompt: string;
  /** The address of the frame that asked, as the protocol gave it. */
  readonly url: string;
}

export interface DialogAsked {
  readonly type: string;
  readonly message: string;
  readonly defaultPrompt: string;
}

/** How long a dialog waits for its sighting (both come from the same browser, milliseconds apart). */
export const PAIRING_WAIT_MS = 1500;
/** A sighting no dialog claimed within this is stale (its dialog was answered before it was asked for). */
export const SIGHTING_KEEP_MS = 10_000;

interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Waiter {
  readonly key: string;
  readonly resolve: (url: string | null) => void;
  readonly timer: unknown;
}

function keyOf(dialog: DialogAsked): string {
  return JSON.stringify([dialog.type, dialog.message, dialog.defaultPrompt]);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export class DialogFramePairing {
  private sightings: { key: string; url: string; at: number }[] = [];
  private waiters: Waiter[] = [];

  constructor(
    private readonly waitMs = PAIRING_WAIT_MS,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  /** The protocol reported a dialog (any session: the page's, or an out-of-process frame's). */
  sighted(sighting: DialogSighting): void {
    const key = keyOf(sighting);
    const waiter = this.waiters.find((candidate) => candidate.key === key);
    if (waiter !== undefined) {
      this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
      this.timers.clearTimeout(waiter.timer);
      waiter.resolve(sighting.url);
      return;
    }
    this.dropStale();
    this.sightings.push({ key, url: sighting.url, at: this.timers.now() });
  }

  /**
   * The address of the frame that asked `dialog`, or null when it cannot be told
   * (no sighting in time, or sightings of the same words from different hosts).
   * Every dialog Playwright reports should come through here, answered or not, so
   * its sighting is used up and never taken for a later one's.
   */
  frameUrlOf(dialog: DialogAsked): Promise<string | null> {
    this.dropStale();
    const key = keyOf(dialog);
    const matching = this.sightings.filter((sighting) => sighting.key === key);
    const first = matching[0];
    if (first !== undefined) {
      this.sightings = this.sightings.filter((sighting) => sighting !== first);
      const ambiguous = matching.some((sighting) => hostOf(sighting.url) !== hostOf(first.url));
      return Promise.resolve(ambiguous ? null : first.url);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        key,
        resolve,
        timer: this.timers.setTimeout(() => {
          this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
          resolve(null);
        }, this.waitMs),
      };
      this.waiters.push(waiter);
    });
  }

  private dropStale(): void {
    const now = this.timers.now();
    this.sightings = this.sightings.filter((sighting) => now - sighting.at <= SIGHTING_KEEP_MS);
  }
}
