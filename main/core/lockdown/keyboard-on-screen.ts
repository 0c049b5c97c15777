/**
 * The keyboard stays with a window a person can see.
 *
 * The station's X display has no window manager, and a Chromium window takes the
 * keyboard (SetInputFocus) the moment it is shown. The next visitor's browser is
 * started in the background, off screen, while someone may be typing on the site:
 * without this rule their keys would go to a window nobody sees, until the shell
 * noticed. So whenever the keyboard lands on a top-level window that is off screen
 * (or unmapped), it goes straight back to the last window on screen that had it.
 *
 * Plain data: the X adapter (main/node/x-keyboard-keeper.ts) feeds window events in
 * and carries out the answer.
 */
export interface ScreenSize {
  width: number;
  height: number;
}

export interface WindowBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface TrackedWindow {
  box: WindowBox;
  mapped: boolean;
}

/** Whether any of `box` is on the screen (a 1-pixel sliver does not count). */
export function isOnScreen(box: WindowBox, screen: ScreenSize): boolean {
  const visibleWidth = Math.min(box.x + box.width, screen.width) - Math.max(box.x, 0);
  const visibleHeight = Math.min(box.y + box.height, screen.height) - Math.max(box.y, 0);
  return visibleWidth > 1 && visibleHeight > 1;
}

export class KeyboardOnScreen {
  private readonly windows = new Map<number, TrackedWindow>();
  private lastOnScreen: number | null = null;

  constructor(private readonly screen: ScreenSize) {}

  /** A top-level window exists (created, or found at start). */
  created(window: number, box: WindowBox, mapped = false): void {
    this.windows.set(window, { box, mapped });
  }

  /** A top-level window moved or changed size. */
  configured(window: number, box: WindowBox): void {
    const known = this.windows.get(window);
    if (known !== undefined) known.box = box;
  }

  mapped(window: number): void {
    const known = this.windows.get(window);
    if (known !== undefined) known.mapped = true;
  }

  unmapped(window: number): void {
    const known = this.windows.get(window);
    if (known !== undefined) known.mapped = false;
  }

  destroyed(window: number): void {
    this.windows.delete(window);
    if (this.lastOnScreen === window) this.lastOnScreen = null;
  }

  /** Whether a person can see the window now. */
  canBeSeen(window: number): boolean {
    const known = this.windows.get(window);
    return known !== undefined && known.mapped && isOnScreen(known.box, this.screen);
  }

  /**
   * The keyboard went to `window`. Answers the window to give it back to, or null
   * when it may stay (a window on screen, or one this rule does not know of). With
   * no window on screen to go back to, it stays where it is: there is nowhere better.
   */
  focused(window: number): number | null {
    if (!this.windows.has(window)) return null;
    if (this.canBeSeen(window)) {
      this.lastOnScreen = window;
      return null;
    }
    const back = this.lastOnScreen;
    return back !== null && back !== window && this.canBeSeen(back) ? back : null;
  }
}
