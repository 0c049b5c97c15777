import type { GrantablePermission } from './config/station-config';
import type { KeyboardInput, KeyboardMode } from './contract/keyboard';
import type { KioskView } from './contract/kiosk-view';
import type { KioskLayout, ScreenSize } from './contract/layout';
import type { ExternalLink } from './navigation/external-links';
import type { RefusalReason } from './navigation/policy';
import type { WipeStep } from './wipe/wipe-sequence';

/**
 * What a shell (Electron, or the distribution's Chromium) does for the kiosk.
 * The controller drives the visitor's journey through this interface only, so
 * the journey, the idle rules and the wipe are the same in both shells.
 */
export interface KioskShell {
  /** Places the kiosk UI and the site as contract/layout.ts says (the site never over the UI). */
  setLayout(layout: KioskLayout): Promise<void>;
  /**
   * Shows `url` in the visitor's site view. Every later navigation and
   * redirect in that view is checked against `allowedHosts`. Rejects when the
   * page cannot be reached (the controller shows a plain message). Every
   * permission is denied but those in `permissions`, granted to those hosts.
   */
  openSite(url: string, allowedHosts: readonly string[], permissions?: readonly GrantablePermission[]): Promise<void>;
  /** The steps that erase the current visitor and prepare a clean view for the next. */
  wipeSteps(): WipeStep[];
  /** Types a key of the on-screen keyboard into the site's focused field. */
  typeOnSite(input: KeyboardInput): Promise<void>;
  /** The screen the two surfaces share, for the layout (guide beside or over the site). */
  screenSize(): ScreenSize;
  /** Sends the new view to the kiosk UI. */
  publishView(view: KioskView): void;
  /**
   * Starts the kiosk afresh, between two visitors, to give back memory a
   * long-running browser keeps (see core/session/relaunch-policy.ts).
   */
  relaunch(): Promise<void>;
  /**
   * The site's page zoom (1 = 100 %), from the visitor's text size; kept for every page
   * of the visit until the next visitor, who starts at 1. Optional so test shells may omit it.
   */
  setSiteZoom?(factor: number): Promise<void>;
}

export type { KioskLayout };

/** What a shell reports back to the controller. */
export interface ShellEvents {
  /** A tap, key or pointer move in the site view. */
  siteActivity(): void;
  navigationRefused(refusal: { reason: RefusalReason; host: string | null }): void;
  /** A mail, phone or application link in the site: shown, never opened. */
  externalLinkRequested(link: ExternalLink): void;
  /** The site view's renderer crashed or hung. */
  siteCrashed(): void;
  /**
   * A text field of the site took the focus (with the keyboard layout it wants, and
   * whether a finger did it), or the focus left the fields (`null`).
   */
  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void;
}
