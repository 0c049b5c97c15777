import { KeyboardOnScreen, type ScreenSize } from '../core/lockdown/keyboard-on-screen';
import type { XClient, XEvent } from './x11-client';

/**
 * Carries out core/lockdown/keyboard-on-screen.ts on an X display, on the input
 * filter's connection: it follows the root window's top-level windows (created,
 * moved, shown, hidden, gone) and hears when one of them gets the keyboard. A window
 * off screen that takes it (the next visitor's browser starting in the background),
 * or one that leaves the screen with it, gives it to the last window on screen that had it.
 *
 * Hand-written on the `x11` package because no command-line tool hears focus changes;
 * a window that closes between two requests answers BadWindow, which is no fault here.
 */
const SUBSTRUCTURE_NOTIFY = 0x00080000;
const FOCUS_CHANGE = 0x00200000;
const MAP_STATE_VIEWABLE = 2;
const FOCUS_MODE_GRAB = 1;
const FOCUS_MODE_UNGRAB = 2;
/** FocusIn details that say the focus is not on this window itself (pointer-root focus). */
const FOCUS_DETAIL_POINTER_OR_NONE = new Set([5, 6, 7]);
const REVERT_TO_PARENT = 2;
/** The X error a request about a window that no longer exists answers. */
export const X_BAD_WINDOW = 3;

export interface KeyboardKeeper {
  /** Whether a window can be seen, by its X id (for tests and the log). */
  canBeSeen(window: number): boolean;
}

export async function keepKeyboardOnScreen(client: XClient, root: number, screen: ScreenSize, onGivenBack: () => void): Promise<KeyboardKeeper> {
  const rule = new KeyboardOnScreen(screen);
  const follow = (window: number) => client.ChangeWindowAttributes(window, { eventMask: FOCUS_CHANGE });
  const giveTo = (window: number | null) => {
    if (window === null) return;
    client.SetInputFocus(window, REVERT_TO_PARENT);
    onGivenBack();
  };
  client.on('event', (event: XEvent) => {
    const window = event.wid;
    if (window === undefined) return;
    switch (event.name) {
      case 'CreateNotify':
        if (event.parent !== root) return;
        rule.created(window, boxOf(event));
        follow(window);
        return;
      case 'ConfigureNotify':
        // Heard on the root: `wid` is the root, `wid1` the window that moved.
        if (event.wid1 !== undefined) giveTo(rule.configured(event.wid1, boxOf(event)));
        return;
      case 'MapNotify':
        rule.mapped(window);
        return;
      case 'UnmapNotify':
        rule.unmapped(window);
        return;
      case 'DestroyNotify':
        rule.destroyed(window);
        return;
      case 'ReparentNotify':
        // Taken into a window manager's frame: no longer a top-level window; this rule leaves it be.
        if (event.parent !== root) rule.destroyed(window);
        return;
      case 'FocusIn': {
        if (event.mode === FOCUS_MODE_GRAB || event.mode === FOCUS_MODE_UNGRAB) return;
        if (event.detail !== undefined && FOCUS_DETAIL_POINTER_OR_NONE.has(event.detail)) return;
        giveTo(rule.focused(window));
        return;
      }
      default:
    }
  });
  // Listening first, then the windows already there: none is missed between the two.
  client.ChangeWindowAttributes(root, { eventMask: SUBSTRUCTURE_NOTIFY });
  const children = await new Promise<number[]>((resolve, reject) =>
    client.QueryTree(root, (error, tree) => {
      if (error) reject(new Error(`QueryTree: ${String(error)}`));
      else resolve(tree.children);
      return true;
    }),
  );
  await Promise.all(children.map((window) => trackExisting(client, rule, window, follow)));
  // The window that has the keyboard now counts as the last one on screen, if it is.
  const focus = await new Promise<number | null>((resolve) =>
    client.GetInputFocus((error, reply) => {
      resolve(error || reply === undefined ? null : reply.focus);
      return true;
    }),
  );
  if (focus !== null) rule.focused(focus);
  return { canBeSeen: (window) => rule.canBeSeen(window) };
}

function boxOf(event: XEvent): { x: number; y: number; width: number; height: number } {
  return { x: event.x ?? 0, y: event.y ?? 0, width: event.width ?? 0, height: event.height ?? 0 };
}

/** A window found at start: its place and whether it is shown. One gone meanwhile is skipped. */
async function trackExisting(client: XClient, rule: KeyboardOnScreen, window: number, follow: (window: number) => void): Promise<void> {
  // Returning true tells the x11 package the error is handled (not an 'error' event).
  const answer = <T>(ask: (callback: (error: unknown, reply: T) => boolean) => void) =>
    new Promise<T | null>((resolve) =>
      ask((error, reply) => {
        resolve(error ? null : reply);
        return true;
      }),
    );
  const [geometry, attributes] = await Promise.all([
    answer<{ xPos: number; yPos: number; width: number; height: number }>((callback) => client.GetGeometry(window, callback)),
    answer<{ mapState: number }>((callback) => client.GetWindowAttributes(window, callback)),
  ]);
  if (geometry === null || attributes === null) return;
  rule.created(window, { x: geometry.xPos, y: geometry.yPos, width: geometry.width, height: geometry.height }, attributes.mapState === MAP_STATE_VIEWABLE);
  follow(window);
}
