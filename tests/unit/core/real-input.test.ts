import { describe, expect, it } from 'vitest';
import { RealInputTracker } from '../../../main/core/session/real-input';

function tracker() {
  let now = 1_000;
  const real = new RealInputTracker(() => now);
  return { real, advance: (ms: number) => void (now += ms) };
}

describe('real input (Electron input-event)', () => {
  it('is idle forever before any input', () => {
    const { real } = tracker();
    expect(real.idleMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts taps, keys, wheel and touch', () => {
    for (const type of ['mouseDown', 'keyDown', 'rawKeyDown', 'mouseWheel', 'touchStart', 'gestureTap']) {
      const { real, advance } = tracker();
      advance(5_000);
      real.observe({ type });
      advance(300);
      expect(real.idleMs()).toBe(300);
    }
  });

  it('does not count a "move" where the pointer has not moved: the kiosk re-laying its views under a resting pointer', () => {
    const { real, advance } = tracker();
    real.observe({ type: 'mouseMove', globalX: 500, globalY: 400 });
    expect(real.idleMs()).toBe(Number.POSITIVE_INFINITY); // the first move only says where the pointer rests
    for (let i = 0; i < 50; i += 1) {
      advance(1_000);
      real.observe({ type: 'mouseMove', globalX: 500, globalY: 400 });
      real.observe({ type: 'mouseEnter', globalX: 500, globalY: 400 });
      real.observe({ type: 'mouseLeave', globalX: 500, globalY: 400 });
    }
    expect(real.idleMs()).toBe(Number.POSITIVE_INFINITY);
    real.observe({ type: 'mouseMove' }); // no position at all: nothing to tell
    expect(real.idleMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts a move that changes the pointer\'s place on the screen', () => {
    const { real, advance } = tracker();
    real.observe({ type: 'mouseMove', globalX: 500, globalY: 400 });
    advance(2_000);
    real.observe({ type: 'mouseMove', globalX: 501, globalY: 400 });
    advance(100);
    expect(real.idleMs()).toBe(100);
  });

  it('a click tells where the pointer is: the re-lay after it is not a move', () => {
    const { real, advance } = tracker();
    real.observe({ type: 'mouseDown', globalX: 10, globalY: 10 });
    advance(4_000);
    real.observe({ type: 'mouseMove', globalX: 10, globalY: 10 });
    expect(real.idleMs()).toBe(4_000);
  });

  it('ignores what is not input', () => {
    const { real } = tracker();
    for (const type of ['undefined', 'pointerCausedUaAction', 'gestureFlingStart']) real.observe({ type });
    expect(real.idleMs()).toBe(Number.POSITIVE_INFINITY);
  });
});
