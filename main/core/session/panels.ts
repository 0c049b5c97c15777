import type { StationConfig, Tile } from '../config/station-config';
import type { LanguageCode } from '../config/languages';
import type { GuideSide } from '../contract/kiosk-api';
import type { KeyboardMode } from '../contract/keyboard';
import type { Screen } from '../contract/kiosk-view';
import { guideFitsBeside, type KioskLayout, type ScreenSize } from '../contract/layout';
import type { MemoDesk, MemoPreview, MemoPrintOutcome } from '../memo/memo-desk';
import { defaultGuideSide, guideOf } from './station-info';

/**
 * What the visitor opens beside the démarche: the guide column and the
 * on-screen keyboard. Forgotten with the visitor. The layout when no overlay is
 * up follows from them (`restingLayout`).
 */
export class SidePanels {
  private guideOpen = false;
  private guideSide: GuideSide;
  private keyboardMode: KeyboardMode | null = null;

  constructor(
    private readonly config: StationConfig,
    private readonly screenSize: () => ScreenSize,
  ) {
    this.guideSide = defaultGuideSide(config);
  }

  get guide(): boolean {
    return this.guideOpen;
  }

  get keyboard(): KeyboardMode | null {
    return this.keyboardMode;
  }

  /**
   * A démarche opens: with steps to follow, its guide opens beside it; a phone number
   * alone does not take the room, and on a small screen (where the guide would cover
   * the site) it waits to be asked for. The same démarche again keeps the guide as it was.
   */
  tileOpening(tile: Tile, sameTile: boolean): void {
    if (!sameTile) {
      const hasSteps = (tile.guides?.length ?? 0) > 0 || (tile.documents?.length ?? 0) > 0;
      this.guideOpen = hasSteps && guideFitsBeside(this.screenSize());
    }
    this.keyboardMode = null;
  }

  /** The visitor opens or closes the guide; a démarche without a guide has none to open. */
  setGuide(open: boolean, side: GuideSide, siteTile: Tile | null): void {
    this.guideOpen = open && siteTile !== null && guideOf(siteTile) !== null;
    this.guideSide = side;
  }

  /**
   * The keyboard a focused field asks for, by the station's setting ('touch' by
   * default: only a finger's focus brings it), or 'unchanged' when a field focused
   * by a physical keyboard or a mouse should leave things as they are.
   */
  keyboardFor(field: { mode: KeyboardMode; byTouch: boolean } | null): KeyboardMode | null | 'unchanged' {
    const setting = this.config.keyboard ?? 'touch';
    const wanted = field === null || setting === 'off' || (setting === 'touch' && !field.byTouch) ? null : field.mode;
    if (wanted === null && field !== null) return 'unchanged';
    return wanted;
  }

  showKeyboard(mode: KeyboardMode | null): void {
    this.keyboardMode = mode;
  }

  /** The layout when no overlay is up: the site with what the visitor asked for beside it. */
  restingLayout(screen: Screen): KioskLayout {
    if (screen.name !== 'site') return 'full';
    if (this.keyboardMode !== null) return 'toolbar-keyboard';
    if (this.guideOpen) return guideFitsBeside(this.screenSize()) ? `guide-${this.guideSide}` : 'full';
    return 'toolbar';
  }

  /** The next visitor finds the guide on the reading side, closed until a démarche opens it, and no keyboard. */
  forget(): void {
    this.guideOpen = false;
    this.guideSide = defaultGuideSide(this.config);
    this.keyboardMode = null;
  }
}

/** What the memo panel needs to know of the visit. */
export interface MemoVisit {
  /** The station serves a visitor now (home or site screen, not stopped). */
  acceptsVisitorActions(): boolean;
  /** The memo panel is the overlay on screen. */
  memoShown(): boolean;
  /** Changes at every wipe. */
  generation(): number;
  markActivity(): void;
}

/**
 * The memo panel's calls to the memo desk: refused when the station has no
 * memo, or while it is not serving a visitor; a printout finished after its
 * visitor left is reported to nobody.
 */
export class MemoPanel {
  constructor(
    private readonly memo: MemoDesk | null,
    private readonly visit: MemoVisit,
  ) {}

  preview(tileIds: string[], language: LanguageCode): Promise<MemoPreview> {
    if (this.memo === null || !this.visit.acceptsVisitorActions()) return Promise.reject(new Error('the memo is not available'));
    this.visit.markActivity();
    return Promise.resolve(this.memo.preview(tileIds, language));
  }

  async print(tileIds: string[], language: LanguageCode): Promise<MemoPrintOutcome> {
    if (this.memo === null) return { ok: false, problem: 'not-configured' };
    if (!this.visit.acceptsVisitorActions() || !this.visit.memoShown()) return { ok: false, problem: 'busy' };
    this.visit.markActivity();
    const generation = this.visit.generation();
    const outcome = await this.memo.print(tileIds, language);
    // A visitor who left meanwhile gets nothing back, and neither does the next one.
    return generation === this.visit.generation() ? outcome : { ok: false, problem: 'failed' };
  }
}
