import { describe, expect, it } from 'vitest';
import {
  GUIDE_WIDTH_PX,
  KEYBOARD_HEIGHT_PX,
  KIOSK_LAYOUTS,
  TOOLBAR_HEIGHT_PX,
  guideFitsBeside,
  layoutRects,
  placementOrder,
  rectsOverlap,
  type Rect,
} from '../../../main/core/contract/layout';

const SCREEN = { width: 1366, height: 768 };
const area = (rect: Rect | null) => (rect === null ? 0 : rect.width * rect.height);

describe('how the screen is shared between the kiosk UI and the site', () => {
  it('gives the toolbar strip, then the keyboard, above the site', () => {
    expect(layoutRects('toolbar', SCREEN)).toEqual({
      ui: { x: 0, y: 0, width: 1366, height: TOOLBAR_HEIGHT_PX },
      site: { x: 0, y: TOOLBAR_HEIGHT_PX, width: 1366, height: 768 - TOOLBAR_HEIGHT_PX },
    });
    const withKeyboard = layoutRects('toolbar-keyboard', SCREEN);
    expect(withKeyboard.ui.height).toBe(TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX);
    expect(withKeyboard.site?.y).toBe(TOOLBAR_HEIGHT_PX + KEYBOARD_HEIGHT_PX);
  });

  it('puts the guide column on the reading side: left, or right for right-to-left languages', () => {
    const left = layoutRects('guide-left', SCREEN);
    expect(left.ui).toEqual({ x: 0, y: 0, width: GUIDE_WIDTH_PX, height: 768 });
    expect(left.site).toEqual({ x: GUIDE_WIDTH_PX, y: 0, width: 1366 - GUIDE_WIDTH_PX, height: 768 });
    const right = layoutRects('guide-right', SCREEN);
    expect(right.ui.x).toBe(1366 - GUIDE_WIDTH_PX);
    expect(right.site?.x).toBe(0);
  });

  it.each(KIOSK_LAYOUTS)('%s: the two surfaces never overlap and cover the whole screen', (layout) => {
    const { ui, site } = layoutRects(layout, SCREEN);
    if (site !== null) expect(rectsOverlap(ui, site)).toBe(false);
    expect(area(ui) + area(site)).toBe(SCREEN.width * SCREEN.height);
  });

  it('hides the site in the full layout', () => {
    expect(layoutRects('full', SCREEN).site).toBeNull();
  });

  it('shows the guide beside the site only on a wide enough screen', () => {
    expect(guideFitsBeside({ width: 1366, height: 768 })).toBe(true);
    expect(guideFitsBeside({ width: 1024, height: 768 })).toBe(false);
  });

  it('moves the surfaces in an order where the site never covers the UI, between any two layouts', () => {
    for (const from of KIOSK_LAYOUTS) {
      for (const to of KIOSK_LAYOUTS) {
        const current = layoutRects(from, SCREEN);
        const next = layoutRects(to, SCREEN);
        let ui = current.ui;
        let site = current.site;
        for (const step of placementOrder(current, next)) {
          if (step === 'hide-site') site = null;
          else if (step === 'place-ui') ui = next.ui;
          else site = next.site;
          if (site !== null) expect(rectsOverlap(ui, site), `${from} → ${to} after ${step}`).toBe(false);
        }
        expect({ ui, site }, `${from} → ${to}`).toEqual(next);
      }
    }
  });
});
