import type { LanguageCode, LocalizedText } from '../config/languages';
import type { AttachPicker } from './attach';
import type { SiteDialogChoice, SiteDialogKind, SiteDialogPanel } from '../dialogs/site-dialogs';
import type { A4PrintOutcome } from '../printing/a4-print';
import type { A4PrintPanel } from '../printing/print-desk';
import type { ExternalLink } from '../navigation/external-links';
import type { Refusal, RefusalReason } from '../navigation/policy';
import type { KeyboardMode } from './keyboard';
import type { KioskLayout } from './layout';
import type { StaffView } from './staff-view';

export { MAX_COPIES, MIN_COPIES } from '../printing/a4-print';
export type { A4PrintOutcome, A4PrintPanel, ExternalLink, RefusalReason, SiteDialogChoice, SiteDialogKind, SiteDialogPanel };

/**
 * What the kiosk UI shows. The main process owns it (the session lifecycle and
 * the wipe live there); the UI renders it and sends actions back through
 * KioskApi. Nothing in it is about the visitor: no address, no page content;
 * the one exception is the file picker's list of documents (their names, for the
 * visitor to choose), which goes with the visitor and is never logged.
 */
export interface KioskView {
  screen: Screen;
  overlay: Overlay;
  /** Null only when the station file could not be read: the out-of-order screen. */
  station: StationInfo | null;
  /** Changes at every wipe: the UI drops all of its own state when it does. */
  visitorGeneration: number;
  /** The démarches opened during this visit (pre-selected on the memo); empty for a new visitor. */
  openedTiles: string[];
  /** How the screen is shared with the site: the UI draws the part the layout gives it. */
  layout: KioskLayout;
  /** The démarche's guide panel is open (beside the site, or over it on a small screen). */
  guideOpen: boolean;
  /** The on-screen keyboard is shown, with this layout; null when hidden. */
  keyboard: KeyboardMode | null;
  /** Whether the Internet link works: offline, the tiles say which démarches must wait. */
  connectivity: 'online' | 'offline';
  /**
   * Staff mode (contract/staff-view.ts): the PIN pad or the staff screens, drawn over
   * everything (the site is hidden); null while nobody is in staff mode.
   */
  staff: StaffView | null;
}

export type Screen =
  | { name: 'home'; notice: HomeNotice | null }
  /** `document`: the site view shows a PDF of this visit (an attestation): the toolbar offers to print it. */
  | { name: 'site'; tileId: string; loading: boolean; document?: boolean }
  | { name: 'wiping' }
  /** Staff put the station in maintenance: visitors read "Borne en maintenance — revenez plus tard". */
  | { name: 'maintenance' }
  | { name: 'out-of-order'; reason: OutOfOrderReason };

/** Shown on the home screen after a wipe, so the visitor who leaves sees that it happened. */
export type HomeNotice = 'wiped' | 'wiped-after-idle' | 'wiped-after-crash';

export type OutOfOrderReason = 'config' | 'wipe-failed' | 'shell-failed';

export type Overlay =
  | { name: 'none' }
  | { name: 'confirm-end' }
  | { name: 'idle-warning'; endsAt: number; seconds: number }
  | ({ name: 'refused' } & Refusal)
  | { name: 'unreachable'; tileId: string }
  /** No Internet: the démarche opens by itself as soon as the link is back. */
  | { name: 'offline'; tileId: string }
  /** A mail, phone or app link: nothing opens; the address or number is shown for the visitor's own phone. */
  | { name: 'external-link'; link: ExternalLink }
  /**
   * The site asked to pick a file on a station without the kiosk's picker: the browser's
   * own dialog never opens; the visitor is asked to see a staff member. (A print
   * request opens `a4-print`, a file request the `attach` picker where there is one.)
   */
  | { name: 'print-or-file'; request: 'print' | 'file' }
  /**
   * The site asked for a file: the kiosk's own picker (this visit's documents, the USB
   * key, the scanner) instead of the machine's file chooser. File names show here for
   * the visitor to choose; they are never logged.
   */
  | { name: 'attach'; picker: AttachPicker }
  /** The site's own question (alert, confirm, prompt, "leave this page?"), in the kiosk's panel. */
  | { name: 'site-dialog'; dialog: SiteDialogPanel }
  /** The kiosk's print panel for what the site gives to print (its page, or a PDF it shows). */
  | { name: 'a4-print'; print: A4PrintPanel }
  /** "Imprimer mon mémo": choose the services, preview, print. */
  | { name: 'memo' };

export interface StationInfo {
  name: string;
  /** How the memo prints: a receipt printer, the ordinary printer, or not at all (preview only). */
  printer: 'receipt' | 'system' | 'none';
  /** The station has an A4 printer for the site's pages (documents.a4Printer): the toolbar offers "Imprimer" on every page. */
  a4Printer: boolean;
  helpText: LocalizedText;
  defaultLanguage: LanguageCode;
  languages: LanguageCode[];
  tiles: TileInfo[];
}

export interface TileInfo {
  id: string;
  label: LocalizedText;
  description: LocalizedText | null;
  /** The official host, shown so visitors learn to recognise the real address. */
  host: string;
  /** The station file describes it for the printed memo. */
  hasMemo: boolean;
  /** False for training sites, which live on this machine and work without Internet. */
  needsConnection: boolean;
  /** What the guide panel shows; null when the catalogue has nothing to guide with. */
  guide: TileGuide | null;
}

/** The guide panel's content for one démarche (kiosk-config/catalogue.json). */
export interface TileGuide {
  /** What the site asks for to log in, with its format. */
  identifier: LocalizedText | null;
  helpline: string | null;
  helplineHours: LocalizedText | null;
  /** "J'ai perdu mon mot de passe" opens the site's own page. */
  hasForgottenPassword: boolean;
  /** "Avant de commencer": what to have at hand. */
  documents: LocalizedText[];
  procedures: GuideProcedure[];
}

export interface GuideProcedure {
  id: string;
  title: LocalizedText;
  steps: { text: LocalizedText; detail: LocalizedText | null }[];
}
