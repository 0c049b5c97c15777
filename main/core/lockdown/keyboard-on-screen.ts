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
  /** The windows that had the keyboard, the latest last. */
  private readonly history: number[] = [];

  constructor(private readonly screen: ScreenSize) {}

  /** A top-level window exists (created, or found at start). */
  created(window: number, box: WindowBox, mapped = false): void {
    this.windows.set(window, { box, mapped });
  }

  /**
   * A top-level window moved or changed size. Answers the window to give the keyboard
   * to when the one that has it has just left the screen, else null.
   */
  configured(window: number, box: WindowBox): number | null {
    const known = this.windows.get(window);
    if (known === undefined) return null;
    known.box = box;
    return window === this.history.at(-1) && !this.canBeSeen(window) ? this.lastOnScreenBesides(window) : null;
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
    this.forget(window);
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
    this.forget(window);
    this.history.push(window);
    return this.canBeSeen(window) ? null : this.lastOnScreenBesides(window);
  }

  /** The window on screen that had the keyboard last, other than `window`. */
  private lastOnScreenBesides(window: number): number | null {
    for (let index = this.history.length - 1; index >= 0; index -= 1) {
      const candidate = this.history[index];
      if (candidate !== undefined && candidate !== window && this.canBeSeen(candidate)) return candidate;
    }
    return null;
  }

  private forget(window: number): void {
    const index = this.history.indexOf(window);
    if (index >= 0) this.history.splice(index, 1);
  }
}
