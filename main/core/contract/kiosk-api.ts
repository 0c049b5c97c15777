import type { LanguageCode } from '../config/languages';
import type { MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import type { KeyboardInput } from './keyboard';
import type { KioskView } from './kiosk-view';
import type { TextSize } from './text-size';

export type { MemoPreview, MemoPrintOutcome };

/**
 * The one contract between the kiosk UI and the main process. The Electron
 * preload and the Chromium bridge both expose exactly this object as
 * `window.kiosk`, and the main process serves exactly these methods.
 */
export interface KioskApi {
  getView(): Promise<KioskView>;
  openTile(tileId: string): Promise<void>;
  goHome(): Promise<void>;
  requestEndSession(): Promise<void>;
  confirmEndSession(): Promise<void>;
  /** Closes the open panel (end-session confirmation, refused address, unreachable site). */
  dismissOverlay(): Promise<void>;
  /** "Je suis encore là": the idle warning is dismissed and the timer starts again. */
  stillHere(): Promise<void>;
  retrySite(): Promise<void>;
  /** Any tap, key or pointer move in the kiosk UI (the UI throttles it). */
  reportActivity(): Promise<void>;
  /** Opens the "Imprimer mon mémo" panel. */
  openMemo(): Promise<void>;
  /** The memo for these services in this language, exactly as it would print. */
  previewMemo(tileIds: string[], language: LanguageCode): Promise<MemoPreview>;
  /** Prints it (one job at a time); the outcome says what went wrong, in words the UI translates. */
  printMemo(tileIds: string[], language: LanguageCode): Promise<MemoPrintOutcome>;
  /**
   * Opens or closes the guide panel; `side` follows the visitor's reading direction
   * (right for Arabic, Dari and Pashto). On a small screen the guide covers the site.
   */
  setGuidePanel(open: boolean, side: GuideSide): Promise<void>;
  /** "J'ai perdu mon mot de passe": the site's own page opens in the site view. */
  openForgottenPassword(): Promise<void>;
  /** A key of the on-screen keyboard, typed into the site's focused field (never logged). */
  typeOnSite(input: KeyboardInput): Promise<void>;
  /** The on-screen keyboard's "hide" key. */
  hideKeyboard(): Promise<void>;
  /** The visitor chose a text size: the official site gets it as its page zoom. */
  setTextSize(size: TextSize): Promise<void>;
  /** Subscribes to view changes; returns the unsubscribe function. */
  onViewChanged(listener: (view: KioskView) => void): () => void;
}

export type GuideSide = 'left' | 'right';

/** Methods callable from the UI, i.e. everything but the subscription. */
export type KioskAction = Exclude<keyof KioskApi, 'onViewChanged'>;

/** Kept as data so the Electron IPC handler and the Chromium bridge refuse any other name. */
export const KIOSK_ACTIONS = [
  'getView',
  'openTile',
  'goHome',
  'requestEndSession',
  'confirmEndSession',
  'dismissOverlay',
  'stillHere',
  'retrySite',
  'reportActivity',
  'openMemo',
  'previewMemo',
  'printMemo',
  'setGuidePanel',
  'openForgottenPassword',
  'typeOnSite',
  'hideKeyboard',
  'setTextSize',
] as const satisfies readonly KioskAction[];

/** Channel names shared by the Electron preload and main process. */
export const IPC_INVOKE_CHANNEL = 'kiosk:invoke';
export const IPC_VIEW_CHANNEL = 'kiosk:view';

export function isKioskAction(name: unknown): name is KioskAction {
  return typeof name === 'string' && (KIOSK_ACTIONS as readonly string[]).includes(name);
}

// Compile-time proof that KIOSK_ACTIONS lists every action of the contract.
type UnlistedAction = Exclude<KioskAction, (typeof KIOSK_ACTIONS)[number]>;
export const ALL_ACTIONS_LISTED: [UnlistedAction] extends [never] ? true : never = true;
