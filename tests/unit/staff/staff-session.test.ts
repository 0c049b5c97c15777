import { describe, expect, it } from 'vitest';
import { STAFF_IDLE_MS, staffSessionDeadline, staffSessionOver, staffSessionStarted, staffTapped } from '../../../main/core/staff/staff-session';

describe('the staff session idle rule', () => {
  it('closes two minutes after the last tap, not before', () => {
    const started = staffSessionStarted(1000);
    expect(STAFF_IDLE_MS).toBe(120_000);
    expect(staffSessionOver(started, 1000 + 119_999)).toBe(false);
    expect(staffSessionOver(started, 1000 + 120_000)).toBe(true);
  });

  it('each tap pushes the end back', () => {
    const tapped = staffTapped(staffSessionStarted(1000), 100_000);
    expect(staffSessionDeadline(tapped)).toBe(220_000);
    expect(staffSessionOver(tapped, 200_000)).toBe(false);
    // A late, out-of-order event does not pull it forward.
    expect(staffTapped(tapped, 50_000).lastTapAt).toBe(100_000);
  });

  it('a clock that went back ends the session', () => {
    expect(staffSessionOver(staffSessionStarted(1_000_000), 10)).toBe(true);
  });
});
