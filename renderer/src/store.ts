import { create } from 'zustand';
import type { LanguageCode } from '../../main/core/config/languages';
import { LANGUAGE_CODES } from '../../main/core/config/languages';
import type { KioskView, StationInfo } from '../../main/core/contract/kiosk-view';

/**
 * The kiosk UI's only store. The main process owns the session (`view`); the UI adds
 * a little state of its own (language, open panels), all of which belongs to the
 * current visitor and is dropped whenever `view.visitorGeneration` changes. Nothing
 * here is ever written to disk or to browser storage.
 */

/** Whether the UI could reach the main process through `window.kiosk`. */
export type BridgeState = 'connecting' | 'connected' | 'unavailable';

export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** The visitor's own UI state: reset in one go between visitors. */
export interface VisitorUiState {
  language: LanguageCode;
  helpOpen: boolean;
  languagePickerOpen: boolean;
  displayPanelOpen: boolean;
  textSize: TextSize;
  highContrast: boolean;
  /** The procedure chosen in the guide, per démarche (tile id → procedure id). */
  guideProcedure: Record<string, string>;
  /** Steps the visitor ticked, per `tileId/procedureId`: step indexes. */
  guideStepsDone: Record<string, number[]>;
}

export interface KioskUiState extends VisitorUiState {
  view: KioskView | null;
  bridge: BridgeState;
  /**
   * The language of the visitor who just left, kept only for the home's "your data was
   * erased" notice (said in their language, then in French); null for anything else.
   */
  leavingLanguage: LanguageCode | null;
}

export interface KioskUiActions {
  /** A view from `getView()` or `onViewChanged`; resets the visitor's UI state when the generation changes. */
  receiveView(view: KioskView): void;
  /** `window.kiosk` is missing or refused to answer: the out-of-order screen. */
  markBridgeUnavailable(): void;
  setLanguage(language: LanguageCode): void;
  setHelpOpen(open: boolean): void;
  setLanguagePickerOpen(open: boolean): void;
  setDisplayPanelOpen(open: boolean): void;
  setTextSize(size: TextSize): void;
  setHighContrast(on: boolean): void;
  /** Chooses a procedure in the guide of a démarche (null: back to the list). */
  chooseGuideProcedure(tileId: string, procedureId: string | null): void;
  toggleGuideStep(tileId: string, procedureId: string, step: number): void;
  /** Language back to the station's default, every panel closed. */
  resetForNextVisitor(): void;
}

export type KioskStore = KioskUiState & KioskUiActions;

export const FALLBACK_LANGUAGE: LanguageCode = 'fr';

export function visitorDefaults(station: StationInfo | null | undefined): VisitorUiState {
  return {
    language: station?.defaultLanguage ?? FALLBACK_LANGUAGE,
    helpOpen: false,
    languagePickerOpen: false,
    displayPanelOpen: false,
    textSize: 'normal',
    highContrast: false,
    guideProcedure: {},
    guideStepsDone: {},
  };
}

function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

/** Panels belong to one screen: they close when the screen or the overlay changes. */
function panelsShouldClose(previous: KioskView, next: KioskView): boolean {
  const screenChanged =
    previous.screen.name !== next.screen.name ||
    (previous.screen.name === 'site' && next.screen.name === 'site' && previous.screen.tileId !== next.screen.tileId);
  return screenChanged || previous.overlay.name !== next.overlay.name;
}

export const createKioskStore = () =>
  create<KioskStore>()((set, get) => ({
    view: null,
    bridge: 'connecting',
    leavingLanguage: null,
    ...visitorDefaults(null),

    receiveView(view) {
      const previous = get().view;
      if (previous === null || previous.visitorGeneration !== view.visitorGeneration) {
        const defaults = visitorDefaults(view.station);
        const leaving = previous !== null && view.screen.name === 'home' && view.screen.notice !== null ? get().language : null;
        set({ view, bridge: 'connected', ...defaults, leavingLanguage: leaving === defaults.language ? null : leaving });
      } else if (panelsShouldClose(previous, view)) {
        set({ view, bridge: 'connected', helpOpen: false, languagePickerOpen: false, displayPanelOpen: false });
      } else {
        set({ view, bridge: 'connected' });
      }
    },

    markBridgeUnavailable() {
      set({ bridge: 'unavailable' });
    },

    setLanguage(language) {
      if (!isLanguageCode(language)) return;
      set({ language, languagePickerOpen: false });
    },

    setHelpOpen(open) {
      set({ helpOpen: open, ...(open ? { languagePickerOpen: false, displayPanelOpen: false } : {}) });
    },

    setLanguagePickerOpen(open) {
      set({ languagePickerOpen: open, ...(open ? { helpOpen: false, displayPanelOpen: false } : {}) });
    },

    setDisplayPanelOpen(open) {
      set({ displayPanelOpen: open, ...(open ? { helpOpen: false, languagePickerOpen: false } : {}) });
    },

    setTextSize(size) {
      if ((TEXT_SIZES as readonly string[]).includes(size)) set({ textSize: size });
    },

    setHighContrast(on) {
      set({ highContrast: on });
    },

    chooseGuideProcedure(tileId, procedureId) {
      const guideProcedure = { ...get().guideProcedure };
      if (procedureId === null) delete guideProcedure[tileId];
      else guideProcedure[tileId] = procedureId;
      set({ guideProcedure });
    },

    toggleGuideStep(tileId, procedureId, step) {
      const key = `${tileId}/${procedureId}`;
      const done = get().guideStepsDone[key] ?? [];
      const next = done.includes(step) ? done.filter((index) => index !== step) : [...done, step].sort((a, b) => a - b);
      set({ guideStepsDone: { ...get().guideStepsDone, [key]: next } });
    },

    resetForNextVisitor() {
      set(visitorDefaults(get().view?.station));
    },
  }));

/** The store the UI uses; tests may build their own with `createKioskStore()`. */
export const useKioskStore = createKioskStore();
