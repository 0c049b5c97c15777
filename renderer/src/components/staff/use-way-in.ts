import { useEffect } from 'react';
import { KeyboardWayIn, TouchWayIn } from '../../../../main/core/contract/way-in';
import { kioskActions } from '../../bridge';

/**
 * The discreet way into staff mode (main/core/contract/way-in.ts), on every screen:
 * hold a corner 3 s, lift, touch another corner within 5 s; or Ctrl+Shift+F9 twice.
 * The UI only tells the main process the gesture happened; the PIN decides the rest.
 * Listened to in the capture phase, so no screen's own handler can swallow it.
 * In the headed Chromium shell the chord never gets here: the station's X input filter
 * takes Ctrl+Shift+F9 for every window and opens the pad itself (core/staff/x-staff-chord.ts).
 */
export function useStaffWayIn(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const touch = new TouchWayIn({ width: window.innerWidth, height: window.innerHeight });
    const keys = new KeyboardWayIn();
    const sample = (event: PointerEvent) => ({ pointerId: event.pointerId, x: event.clientX, y: event.clientY, at: event.timeStamp });
    const onDown = (event: PointerEvent) => {
      if (touch.pointerDown(sample(event))) kioskActions.staffWayIn();
    };
    const onMove = (event: PointerEvent) => touch.pointerMove(sample(event));
    const onUp = (event: PointerEvent) => touch.pointerUp(sample(event));
    const onCancel = (event: PointerEvent) => touch.pointerCancel(event.pointerId);
    const onResize = () => touch.resize({ width: window.innerWidth, height: window.innerHeight });
    const onKey = (event: KeyboardEvent) => {
      const opens = keys.keyDown({ code: event.code, ctrl: event.ctrlKey, shift: event.shiftKey, alt: event.altKey, meta: event.metaKey, repeat: event.repeat, at: event.timeStamp });
      if (opens) kioskActions.staffWayIn();
    };
    const options = { capture: true, passive: true };
    window.addEventListener('pointerdown', onDown, options);
    window.addEventListener('pointermove', onMove, options);
    window.addEventListener('pointerup', onUp, options);
    window.addEventListener('pointercancel', onCancel, options);
    window.addEventListener('resize', onResize, options);
    window.addEventListener('keydown', onKey, options);
    return () => {
      window.removeEventListener('pointerdown', onDown, options);
      window.removeEventListener('pointermove', onMove, options);
      window.removeEventListener('pointerup', onUp, options);
      window.removeEventListener('pointercancel', onCancel, options);
      window.removeEventListener('resize', onResize, options);
      window.removeEventListener('keydown', onKey, options);
    };
  }, [enabled]);
}
