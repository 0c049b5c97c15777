/**
 * What a person did to the station's devices, as the browser engine delivered
 * it to one of the kiosk's views (Electron's `input-event`: input the system
 * sent, which no page script can make). Pure rules: the shell feeds events in.
 */
export interface DeliveredInput {
  /** Electron's InputEvent type: 'mouseDown', 'keyDown', 'touchStart', 'mouseMove'… */
  type: string;
  /** Where the pointer is on the screen, for pointer moves. */
  globalX?: number;
  globalY?: number;
}

/**
 * Moves are special: when the kiosk re-lays its views under a resting pointer,
 * the engine delivers a "move" although nobody moved. A move counts only when
 * the pointer's place on the screen changed.
 */
const MOVES = new Set(['mouseMove', 'mouseEnter', 'mouseLeave', 'pointerMove', 'pointerRawUpdate']);
/** Not input at all, or the engine's own follow-up to input it already delivered. */
const NOT_A_PERSON = new Set(['undefined', 'pointerCausedUaAction', 'gestureFlingStart', 'gestureFlingCancel', 'gestureShowPress', 'gestureTapCancel']);

/** Keeps the time of the last input that a person made; `idleMs()` is what the controller asks for. */
export class RealInputTracker {
  private lastInputAt = Number.NEGATIVE_INFINITY;
  private pointer: { x: number; y: number } | null = null;

  constructor(private readonly now: () => number) {}

  observe(input: DeliveredInput): void {
    if (NOT_A_PERSON.has(input.type)) return;
    if (MOVES.has(input.type)) {
      if (input.globalX === undefined || input.globalY === undefined) return;
      const moved = this.pointer !== null && (this.pointer.x !== input.globalX || this.pointer.y !== input.globalY);
      this.pointer = { x: input.globalX, y: input.globalY };
      // The first move seen only tells where the pointer rests.
      if (!moved) return;
    } else if (input.globalX !== undefined && input.globalY !== undefined) {
      this.pointer = { x: input.globalX, y: input.globalY };
    }
    this.lastInputAt = this.now();
  }

  /** Milliseconds since the last real input (`Infinity` before any). */
  idleMs(): number {
    return this.now() - this.lastInputAt;
  }
}
