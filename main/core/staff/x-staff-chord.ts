import { KeyboardWayIn, type KeySample } from '../contract/way-in';
import { X_MODIFIERS } from '../lockdown/station-input-filter';

/**
 * The staff chord (Ctrl+Shift+F9 twice, contract/way-in.ts) as the X server tells it to
 * the station's input filter in the headed Chromium shell (main/node/x-input-filter.ts),
 * whatever window has the focus: the same KeyboardWayIn the kiosk UI runs, fed with X
 * events turned into KeySamples here. Plain data in, a yes or no out.
 *
 * Two kinds of event come in:
 * - core KeyPress / KeyRelease of the grabbed keys (the chord's own grab, the filter's
 *   dropped shortcuts, and any key pressed while a grab is active), with the modifier state;
 * - XInput 2 raw key presses on the root window, which every key sends whoever has the
 *   focus (no modifier state): they only tell that another key came in between.
 * The key is never kept or logged: a keycode goes in, a yes or no comes out.
 */

/** The keyboard's mapping as GetKeyboardMapping answers it: the keysyms of each keycode from `minKeycode`. */
export interface XKeyboardMap {
  minKeycode: number;
  rows: readonly (readonly number[])[];
}

export interface XKeyEvent {
  keycode: number;
  /** The modifier mask before the key (KeyPress `state`; the x11 package calls it `buttons`). */
  state: number;
  /** The X server's time, in ms (32 bits, wraps after 49 days). */
  time: number;
}

const F1 = 0xffbe;
/** The KeyboardEvent.code of the keys the chord cares about; any other key only cancels. */
const CODE_OF_KEYSYM: Record<number, string> = {
  0xffe1: 'ShiftLeft', 0xffe2: 'ShiftRight', 0xffe3: 'ControlLeft', 0xffe4: 'ControlRight',
  0xffe5: 'CapsLock', 0xff7f: 'NumLock', 0xffe9: 'AltLeft', 0xffea: 'AltRight', 0xffeb: 'MetaLeft', 0xffec: 'MetaRight',
  0xfe03: 'AltRight', // ISO_Level3_Shift: AltGr
};

/** The keysyms a keycode carries on this keyboard (first column first), or none. */
export function keysymsOfKeycode(map: XKeyboardMap, keycode: number): readonly number[] {
  return map.rows[keycode - map.minKeycode] ?? [];
}

/** Every keycode that carries `keysym` in some column. */
export function keycodesOfKeysym(map: XKeyboardMap, keysym: number): number[] {
  return map.rows.flatMap((row, index) => (row.includes(keysym) ? [map.minKeycode + index] : []));
}

/** A keycode's KeyboardEvent.code, as far as the chord needs it: F1–F12 and the modifiers by name, else 'Unidentified'. */
export function xKeyCode(map: XKeyboardMap, keycode: number): string {
  const keysym = keysymsOfKeycode(map, keycode)[0];
  if (keysym === undefined) return 'Unidentified';
  if (keysym >= F1 && keysym < F1 + 12) return `F${keysym - F1 + 1}`;
  return CODE_OF_KEYSYM[keysym] ?? 'Unidentified';
}

/**
 * An X key press as the way in reads a browser's keydown. Alt is Mod1, Meta is Mod4
 * (Super), and Mod5 (AltGr, ISO_Level3_Shift) counts as Alt: the chord is never AltGr.
 * Caps Lock and Num Lock change nothing.
 */
export function xKeySample(map: XKeyboardMap, event: XKeyEvent, at: number, repeat: boolean): KeySample {
  const { state } = event;
  return {
    code: xKeyCode(map, event.keycode),
    ctrl: (state & X_MODIFIERS.control) !== 0,
    shift: (state & X_MODIFIERS.shift) !== 0,
    alt: (state & (X_MODIFIERS.alt | X_MOD5)) !== 0,
    meta: (state & X_MOD4) !== 0,
    repeat,
    at,
  };
}

const X_MOD4 = 0x40;
const X_MOD5 = 0x80;
const TIME_SPAN = 2 ** 32;

/**
 * Holding a key down is one press. Auto-repeat comes two ways under X:
 * - with XKB's detectable auto-repeat on for this client (the filter asks for it), as
 *   KeyPress after KeyPress with no KeyRelease between: a press of a key already down;
 * - without it, as a KeyRelease and a KeyPress with the same server time (the server makes
 *   both at once; a person cannot release and press again within the same millisecond).
 */
export class XStaffChord {
  private readonly chord = new KeyboardWayIn();
  private readonly down = new Set<number>();
  private readonly releasedAt = new Map<number, number>();
  /** The server time of a raw press of the chord's key that no grabbed press has matched yet. */
  private unmatchedChordKey: number | null = null;
  private lastTime: number | null = null;
  private wraps = 0;

  constructor(
    private readonly map: XKeyboardMap,
    /** The keycodes the chord's grab is on (those carrying F9). */
    private readonly chordKeycodes: readonly number[],
  ) {}

  /** A core KeyPress the filter received: true when it completes the chord (the PIN pad opens). */
  keyPress(event: XKeyEvent): boolean {
    const at = this.unwrap(event.time);
    // A raw press of F9 that no grabbed press followed was F9 with other modifiers: another key.
    if (this.unmatchedChordKey !== null && this.unmatchedChordKey !== event.time) this.cancel(at);
    this.unmatchedChordKey = null;
    const repeat = this.down.has(event.keycode) || this.releasedAt.get(event.keycode) === event.time;
    this.down.add(event.keycode);
    this.releasedAt.delete(event.keycode);
    return this.chord.keyDown(xKeySample(this.map, event, at, repeat));
  }

  keyRelease(event: Pick<XKeyEvent, 'keycode' | 'time'>): void {
    this.unwrap(event.time);
    this.down.delete(event.keycode);
    this.releasedAt.set(event.keycode, event.time);
  }

  /**
   * An XInput 2 raw key press, from whatever window has the focus. A press of the chord's
   * key waits for its grabbed KeyPress (same server time, just after); any other key but
   * Ctrl and Shift cancels a first press, as in the browser.
   */
  rawKeyPress(keycode: number, time: number): void {
    const at = this.unwrap(time);
    if (this.unmatchedChordKey !== null) this.cancel(at);
    this.unmatchedChordKey = null;
    if (this.chordKeycodes.includes(keycode)) {
      this.unmatchedChordKey = time;
      return;
    }
    this.chord.keyDown(xKeySample(this.map, { keycode, state: 0, time }, at, false));
  }

  private cancel(at: number): void {
    this.chord.keyDown({ code: 'Unidentified', ctrl: false, shift: false, alt: false, meta: false, repeat: false, at });
  }

  /** The server's 32-bit time, made monotonic across its wrap. */
  private unwrap(time: number): number {
    if (this.lastTime !== null && time < this.lastTime - TIME_SPAN / 2) this.wraps += 1;
    this.lastTime = time;
    return time + this.wraps * TIME_SPAN;
  }
}
