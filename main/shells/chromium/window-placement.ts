import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { WindowBounds } from './launch-flags';

/**
 * Moves and sizes a Chromium window through the DevTools protocol. The kiosk
 * shows two windows that never overlap: the kiosk UI at the top and the
 * visitor's site below; a window that must not be seen is moved off screen.
 */
export class WindowPlacement {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly windowId: number,
  ) {}

  static async of(context: BrowserContext, page: Page): Promise<WindowPlacement> {
    const cdp = await context.newCDPSession(page);
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    return new WindowPlacement(cdp, windowId);
  }

  /** Where this window should be; the placement guard restores it there. */
  private intended: WindowBounds | null = null;

  async place(bounds: WindowBounds): Promise<void> {
    this.intended = bounds;
    await this.cdp.send('Browser.setWindowBounds', { windowId: this.windowId, bounds: { ...bounds, windowState: 'normal' } });
  }

  /** Puts the window back where the kiosk placed it if something moved it. Returns true if it had to. */
  async restore(): Promise<boolean> {
    const intended = this.intended;
    if (intended === null) return false;
    const { bounds } = await this.cdp.send('Browser.getWindowBounds', { windowId: this.windowId });
    // Chromium on X11 keeps a window that fills the screen one pixel short of it, hence the tolerance.
    const near = (actual: number | undefined, wanted: number) => Math.abs((actual ?? Number.NaN) - wanted) <= SIZE_TOLERANCE_PX;
    const drifted =
      bounds.windowState !== 'normal' ||
      bounds.left !== intended.left ||
      bounds.top !== intended.top ||
      !near(bounds.width, intended.width) ||
      !near(bounds.height, intended.height);
    if (drifted) await this.place(intended);
    return drifted;
  }
}

const SIZE_TOLERANCE_PX = 2;

/** Far outside any screen: where the hidden site window waits. */
export function offScreen(display: { width: number; height: number }): WindowBounds {
  return { left: display.width * 3, top: display.height * 3, width: display.width, height: display.height };
}
