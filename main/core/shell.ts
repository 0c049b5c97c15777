import type { KioskView } from './contract/kiosk-view';
import type { RefusalReason } from './navigation/policy';
import type { WipeStep } from './wipe/wipe-sequence';

/**
 * What a shell (Electron, or the distribution's Chromium) does for the kiosk.
 * The controller drives the visitor's journey through this interface only, so
 * the journey, the idle rules and the wipe are the same in both shells.
 */
export interface KioskShell {
  /**
   * `full`: the kiosk UI covers the whole screen (home, panels, wiping) and the
   * site is hidden. `toolbar`: the kiosk UI is a strip at the top and the
   * visitor's site fills the rest, never over the strip.
   */
  setLayout(layout: KioskLayout): Promise<void>;
  /**
   * Shows `url` in the visitor's site view. Every later navigation and
   * redirect in that view is checked against `allowedHosts`. Rejects when the
   * page cannot be reached (the controller shows a plain message).
   */
  openSite(url: string, allowedHosts: readonly string[]): Promise<void>;
  /** The steps that erase the current visitor and prepare a clean view for the next. */
  wipeSteps(): WipeStep[];
  /** Sends the new view to the kiosk UI. */
  publishView(view: KioskView): void;
}

export type KioskLayout = 'full' | 'toolbar';

/** What a shell reports back to the controller. */
export interface ShellEvents {
  /** A tap, key or pointer move in the site view. */
  siteActivity(): void;
  navigationRefused(refusal: { reason: RefusalReason; host: string | null }): void;
  /** The site view's renderer crashed or hung. */
  siteCrashed(): void;
}
