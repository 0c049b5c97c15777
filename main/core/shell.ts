import type { GrantablePermission } from './config/station-config';
import type { KeyboardInput, KeyboardMode } from './contract/keyboard';
import type { KioskView } from './contract/kiosk-view';
import type { KioskLayout, ScreenSize } from './contract/layout';
import type { ExternalLink } from './navigation/external-links';
import type { Refusal } from './navigation/policy';
import type { AcceptRule } from './attachments/accept';
import type { AttachmentDesk, TakenFile } from './attachments/desk';
import type { WipeOperations } from './wipe/wipe-steps';
import type { OpenSiteDialog } from './dialogs/site-dialog-bridge';

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
   * Frames may also show `frameHosts` (never the page itself); any other host is
   * refused in every frame, whatever the way it got there.
   */
  openSite(url: string, allowedHosts: readonly string[], permissions?: readonly GrantablePermission[], frameHosts?: readonly string[]): Promise<void>;
  /**
   * What erases the current visitor and prepares a clean view for the next: an
   * operation, or a stated reason, for every step named in core/wipe/wipe-steps.ts.
   * Asked once per wipe, as the wipe begins.
   */
  wipeOperations(): WipeOperations;
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
   * Milliseconds since a person last used the station's input devices (touch
   * screen, mouse, keyboard), as the machine itself counts it: nothing a page
   * does, and nothing the kiosk does to its own windows, resets it. `Infinity`
   * where the shell has no device to read (headless): then only the kiosk UI's
   * own actions keep a visit alive. Rejects when the count cannot be read (the
   * controller then takes the station as idle: the wipe always comes).
   */
  realInputIdleMs(): Promise<number>;
  /**
   * The site's page zoom (1 = 100 %), from the visitor's text size; kept for every page
   * of the visit until the next visitor, who starts at 1. Optional so test shells may omit it.
   */
  setSiteZoom?(factor: number): Promise<void>;
  /**
   * Where the kiosk's file picker finds documents and puts the visitor's copies
   * (main/node/attachments/attachment-desk.ts). Without one, the controller answers
   * file requests with the "ask a staff member" panel.
   */
  attachmentDesk?(): AttachmentDesk | null;
  /**
   * What the site gives to print, as a PDF file in the visitor's own folder (wiped with
   * the visit): the PDF the site view shows, or else the page made into an A4 PDF by the
   * browser itself. Optional: a shell without it cannot print documents ("Pas d'imprimante ici").
   */
  siteDocumentToPrint?(): Promise<string>;
}

export type { KioskLayout };

/** What a site asked the browser to open that the kiosk does not offer (yet). */
export type SiteSurfaceRequest = 'print' | 'file';

/**
 * A site's `<input type=file>` asked for files (the browser's chooser never opened):
 * what it accepts, and how to hand it files. Not answering leaves the input empty.
 */
export interface SiteFileRequest {
  readonly accept: AcceptRule;
  readonly multiple: boolean;
  /** Gives these files (copies in the visitor's folder) to the input; the adapter checks them again. */
  give(files: readonly TakenFile[]): Promise<void>;
}

/** What a shell reports back to the controller. */
export interface ShellEvents {
  navigationRefused(refusal: Refusal): void;
  /** A mail, phone or application link in the site: shown, never opened. */
  externalLinkRequested(link: ExternalLink): void;
  /**
   * The site asked for the browser's print dialog, or a file chooser the kiosk's picker
   * cannot answer: the native one never opens; the visitor is told to ask a staff
   * member. Optional for shells that cannot see it.
   */
  siteSurfaceRequested?(request: SiteSurfaceRequest): void;
  /** A file input of the site asked for files: the kiosk's picker answers it. */
  fileRequested?(request: SiteFileRequest): void;
  /**
   * The site opened a dialog (alert, confirm, prompt, "leave this page?"); the browser's own
   * never shows. The controller answers it, at once or after the visitor's tap on its panel.
   */
  siteDialogOpened?(dialog: OpenSiteDialog): void;
  /**
   * The site view now shows one of the visit's PDFs (an attestation it downloaded), or no
   * longer does: the toolbar's "Imprimer" prints it through the kiosk's panel.
   */
  siteDocumentShown?(shown: boolean): void;
  /** The site view's renderer crashed or hung. */
  siteCrashed(): void;
  /**
   * A text field of the site took the focus (with the keyboard layout it wants, and
   * whether a finger did it), or the focus left the fields (`null`).
   */
  fieldFocused(field: { mode: KeyboardMode; byTouch: boolean } | null): void;
}
