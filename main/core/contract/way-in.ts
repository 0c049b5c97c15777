/**
 * In the contract because the kiosk UI runs it (renderer/src/components/staff/use-way-in.ts):
 * pure, no import. The main process then hears `staffWayIn` and opens the PIN pad. The
 * shells run the keyboard one too, on every window: Electron on each webContents
 * (shells/electron/keyboard.ts), the headed Chromium shell on the X server's events
 * (core/staff/x-staff-chord.ts, fed by main/node/x-input-filter.ts).
 */
/**
 * The discreet way into staff mode, as pure state machines the UI feeds with its
 * pointer and key events (with their timestamps); they say when the PIN pad may open.
 *
 * Touch: hold one corner of the screen for 3 s, lift, then touch another corner within
 * 5 s. A visitor does not hold a bare corner for three seconds and then go to another
 * one by chance, and it needs no keyboard. A second finger, a move out of the corner or
 * a touch anywhere else starts over.
 *
 * Keyboard: Ctrl+Shift+F9 twice within 2 s. F9 does nothing in the kiosk or the sites,
 * the chord is not AltGr (Ctrl+Alt) and is not among the blocked browser shortcuts.
 */

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface WayInSettings {
  /** Size of a corner's square, in CSS px (about 1.5 cm: a finger's width and a half). */
  cornerPx: number;
  holdMs: number;
  /** Time allowed, after the long press, to touch the second corner. */
  secondCornerMs: number;
}

export const WAY_IN_SETTINGS: WayInSettings = { cornerPx: 64, holdMs: 3000, secondCornerMs: 5000 };

export interface PointerSample {
  pointerId: number;
  x: number;
  y: number;
  /** ms, any monotonic origin (event.timeStamp). */
  at: number;
}

export interface ScreenSize {
  width: number;
  height: number;
}

export function cornerAt(x: number, y: number, screen: ScreenSize, cornerPx = WAY_IN_SETTINGS.cornerPx): Corner | null {
  const left = x <= cornerPx;
  const right = x >= screen.width - cornerPx;
  const top = y <= cornerPx;
  const bottom = y >= screen.height - cornerPx;
  if (top && left) return 'top-left';
  if (top && right) return 'top-right';
  if (bottom && left) return 'bottom-left';
  if (bottom && right) return 'bottom-right';
  return null;
}

type TouchState =
  | { name: 'idle' }
  | { name: 'holding'; corner: Corner; pointerId: number; since: number }
  | { name: 'armed'; corner: Corner; until: number };

/** What the UI may show: nothing while idle; a discreet sign once armed (or nothing at all). */
export type WayInProgress = 'idle' | 'holding' | 'armed';

export class TouchWayIn {
  private state: TouchState = { name: 'idle' };
  private pointersDown = new Set<number>();

  constructor(
    private screen: ScreenSize,
    private readonly settings: WayInSettings = WAY_IN_SETTINGS,
  ) {}

  resize(screen: ScreenSize): void {
    this.screen = screen;
    this.state = { name: 'idle' };
  }

  progress(): WayInProgress {
    return this.state.name;
  }

  /** True when this press opens the PIN pad. */
  pointerDown(sample: PointerSample): boolean {
    this.pointersDown.add(sample.pointerId);
    const corner = cornerAt(sample.x, sample.y, this.screen, this.settings.cornerPx);
    const state = this.state;
    if (this.pointersDown.size > 1) {
      this.state = { name: 'idle' }; // two fingers: a pinch or a palm, not the way in
      return false;
    }
    if (state.name === 'armed' && sample.at <= state.until && corner !== null && corner !== state.corner) {
      this.state = { name: 'idle' };
      return true;
    }
    this.state = corner === null ? { name: 'idle' } : { name: 'holding', corner, pointerId: sample.pointerId, since: sample.at };
    return false;
  }

  pointerMove(sample: PointerSample): void {
    const state = this.state;
    if (state.name !== 'holding' || state.pointerId !== sample.pointerId) return;
    if (cornerAt(sample.x, sample.y, this.screen, this.settings.cornerPx) !== state.corner) this.state = { name: 'idle' };
  }

  pointerUp(sample: PointerSample): void {
    this.pointersDown.delete(sample.pointerId);
    const state = this.state;
    if (state.name !== 'holding' || state.pointerId !== sample.pointerId) return;
    const stillInCorner = cornerAt(sample.x, sample.y, this.screen, this.settings.cornerPx) === state.corner;
    this.state =
      stillInCorner && sample.at - state.since >= this.settings.holdMs
        ? { name: 'armed', corner: state.corner, until: sample.at + this.settings.secondCornerMs }
        : { name: 'idle' };
  }

  /** A cancelled pointer (the browser took the gesture): start over. */
  pointerCancel(pointerId: number): void {
    this.pointersDown.delete(pointerId);
    this.state = { name: 'idle' };
  }
}

export interface KeySample {
  code: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** Auto-repeat of a key held down: never counts as a second press. */
  repeat: boolean;
  at: number;
}

export const STAFF_CHORD = { code: 'F9', ctrl: true, shift: true, alt: false, meta: false, presses: 2, withinMs: 2000 } as const;

export class KeyboardWayIn {
  private firstAt: number | null = null;

  /** True when this key press opens the PIN pad. */
  keyDown(key: KeySample): boolean {
    const chord = key.code === STAFF_CHORD.code && key.ctrl && key.shift && !key.alt && !key.meta;
    if (!chord) {
      // Modifier keys go down before F9: they neither count nor cancel.
      if (!/^(Control|Shift)(Left|Right)$/.test(key.code)) this.firstAt = null;
      return false;
    }
    if (key.repeat) return false;
    if (this.firstAt !== null && key.at - this.firstAt <= STAFF_CHORD.withinMs) {
      this.firstAt = null;
      return true;
    }
    this.firstAt = key.at;
    return false;
  }
}
