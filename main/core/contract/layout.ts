/**
 * How the screen is shared between the kiosk UI and the visitor's site. Pure
 * geometry, shared by both shells (which place the two surfaces) and the UI
 * (which draws its part), so none of them can drift from the others.
 *
 * The kiosk UI is always ONE rectangle and the site another, never overlapping:
 * in the Chromium shell they are two windows, and a window cannot have a hole.
 */

/** Height of the kiosk toolbar strip above a government site, in CSS pixels. */
export const TOOLBAR_HEIGHT_PX = 96;

/** Height of the on-screen keyboard, under the toolbar strip. */
export const KEYBOARD_HEIGHT_PX = 320;

/** Width of the guide column beside the site (it holds the toolbar's content at its top). */
export const GUIDE_WIDTH_PX = 440;

/** Narrower screens show the guide over the site instead of beside it. */
export const GUIDE_BESIDE_MIN_SCREEN_WIDTH_PX = 1200;

/**
 * - `full`: the kiosk UI covers the screen (home, panels, the guide on a small screen, wiping);
 * - `toolbar`: the toolbar strip at the top, the site below;
 * - `toolbar-keyboard`: the strip and the on-screen keyboard at the top, the site below;
 * - `guide-left` / `guide-right`: a column with the toolbar and the guide, the site beside it
 *   (left for left-to-right languages, right for Arabic, Dari, Pashto).
 */
export const KIOSK_LAYOUTS = ['full', 'toolbar', 'toolbar-keyboard', 'guide-left', 'guide-right'] as const;
export type KioskLayout = (typeof KIOSK_LAYOUTS)[number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ScreenSize {
  width: number;
  height: number;
}

/** Where the UI and the site go; `site` is null when the site is hidden. */
export function layoutRects(layout: KioskLayout, screen: ScreenSize): { ui: Rect; site: Rect | null } {
  const width = Math.max(0, Math.round(screen.width));
  const height = Math.max(0, Math.round(screen.height));
  const topStrip = (stripHeight: number) => {
    const strip = Math.min(stripHeight, height);
    return { ui: { x: 0, y: 0, width, height: strip }, site: { x: 0, y: strip, width, height: height - strip } };
  };
  switch (layout) {
    case 'full':
      return { ui: { x: 0, y: 0, width, height }, site: null };
    case 'toolbar':
      return topStrip(TOOLBAR_HEIGHT_PX);
    case 'toolbar-keyboard':
      return topStrip(TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX);
    case 'guide-left':
    case 'guide-right': {
      const column = Math.min(GUIDE_WIDTH_PX, width);
      const siteX = layout === 'guide-left' ? column : 0;
      const uiX = layout === 'guide-left' ? 0 : width - column;
      return { ui: { x: uiX, y: 0, width: column, height }, site: { x: siteX, y: 0, width: width - column, height } };
    }
  }
}

/** Whether the guide fits beside the site on this screen, or must cover it. */
export function guideFitsBeside(screen: ScreenSize): boolean {
  return screen.width >= GUIDE_BESIDE_MIN_SCREEN_WIDTH_PX;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export type PlacementStep = 'hide-site' | 'place-ui' | 'place-site';

/**
 * The order in which to move the two surfaces from one layout to the next so that at
 * no moment does the site cover any part of the UI: whichever frees the other's new
 * place moves first; when each needs the other's place, the site steps aside first.
 */
export function placementOrder(
  current: { ui: Rect; site: Rect | null },
  next: { ui: Rect; site: Rect | null },
): PlacementStep[] {
  if (next.site === null) return ['hide-site', 'place-ui'];
  const nextSite = next.site;
  if (!rectsOverlap(nextSite, current.ui)) return ['place-site', 'place-ui'];
  if (current.site === null || !rectsOverlap(next.ui, current.site)) return ['place-ui', 'place-site'];
  return ['hide-site', 'place-ui', 'place-site'];
}
