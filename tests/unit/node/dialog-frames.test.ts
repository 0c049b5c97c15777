import { describe, expect, it } from 'vitest';
import { DialogFramePairing, PAIRING_WAIT_MS, SIGHTING_KEEP_MS, type DialogSighting } from '../../../main/node/dialogs/dialog-frames';

/** A hand-driven clock and timers: the pairing's waits run when the test says. */
function fakeTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  let next = 0;
  return {
    timers: {
      now: () => now,
      setTimeout: (callback: () => void, ms: number) => {
        next += 1;
        pending.set(next, { at: now + ms, callback });
        return next;
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [handle, timer] of [...pending]) {
        if (timer.at <= now) {
          pending.delete(handle);
          timer.callback();
        }
      }
    },
  };
}

const TOP = 'https://www.service-public.gouv.fr/demarche';
const FRAME = 'https://widget.example.org/cadre';

function sighting(url: string, message = 'Votre dossier est complet.', type = 'alert', defaultPrompt = ''): DialogSighting {
  return { type, message, defaultPrompt, url };
}
const asked = (message = 'Votre dossier est complet.', type = 'alert', defaultPrompt = '') => ({ type, message, defaultPrompt });

describe('DialogFramePairing', () => {
  it("pairs a dialog with the protocol's report of it, whichever comes first", async () => {
    const clock = fakeTimers();
    const pairing = new DialogFramePairing(PAIRING_WAIT_MS, clock.timers);
    // The report first.
    pairing.sighted(sighting(FRAME));
    await expect(pairing.frameUrlOf(asked())).resolves.toBe(FRAME);
    // The dialog first: it waits for the report.
    const waiting = pairing.frameUrlOf(asked('Envoyer ?', 'confirm'));
    pairing.sighted(sighting(TOP, 'Envoyer ?', 'confirm'));
    await expect(waiting).resolves.toBe(TOP);
  });

  it('pairs by type, message and default answer, first come first served', async () => {
    const clock = fakeTimers();
    const pairing = new DialogFramePairing(PAIRING_WAIT_MS, clock.timers);
    pairing.sighted(sighting(FRAME, 'Votre nom ?', 'prompt', 'Dupont'));
    pairing.sighted(sighting(TOP, 'Votre nom ?', 'prompt', ''));
    pairing.sighted(sighting(TOP, 'Votre nom ?', 'confirm'));
    await expect(pairing.frameUrlOf(asked('Votre nom ?', 'confirm'))).resolves.toBe(TOP);
    await expect(pairing.frameUrlOf(asked('Votre nom ?', 'prompt', ''))).resolves.toBe(TOP);
    await expect(pairing.frameUrlOf(asked('Votre nom ?', 'prompt', 'Dupont'))).resolves.toBe(FRAME);
    // Two dialogs with the same words from the same host (a storm): in order.
    pairing.sighted(sighting(`${TOP}?1`));
    pairing.sighted(sighting(`${TOP}?2`));
    await expect(pairing.frameUrlOf(asked())).resolves.toBe(`${TOP}?1`);
    await expect(pairing.frameUrlOf(asked())).resolves.toBe(`${TOP}?2`);
  });

  it('a report used up is never taken for a later dialog', async () => {
    const clock = fakeTimers();
    const pairing = new DialogFramePairing(PAIRING_WAIT_MS, clock.timers);
    pairing.sighted(sighting(FRAME));
    await pairing.frameUrlOf(asked());
    const later = pairing.frameUrlOf(asked());
    clock.advance(PAIRING_WAIT_MS);
    await expect(later).resolves.toBeNull();
  });

  it('a dialog the protocol never reported gets no address once the wait is over', async () => {
    const clock = fakeTimers();
    const pairing = new DialogFramePairing(PAIRING_WAIT_MS, clock.timers);
    const waiting = pairing.frameUrlOf(asked());
    clock.advance(PAIRING_WAIT_MS - 1);
    pairing.sighted(sighting(TOP, 'autre chose'));
    clock.advance(1);
    await expect(waiting).resolves.toBeNull();
    // A report that comes after the wait does not go to that dialog, and is kept for the next.
    pairing.sighted(sighting(FRAME));
    await expect(pairing.frameUrlOf(asked())).resolves.toBe(FRAME);
  });

  it('the same words from two hosts at once cannot be told apart: no address', async () => {
    const clock = fakeTimers();
    const pairing = new DialogFramePairing(PAIRING_WAIT_MS, clock.timers);
    pairing.sighted(sighting(TOP));
    pairing.sighted(sighting(FRAME));
    await expect(pairing.frameUrlOf(asked())).resolves.toBeNull();
  });

  it('a stale report (its dialog gone unasked) is dropped', async () => {
    const clock = fakeTimers();
    const pairing = new DialogFramePairing(PAIRING_WAIT_MS, clock.timers);
    pairing.sighted(sighting(FRAME));
    clock.advance(SIGHTING_KEEP_MS + 1);
    pairing.sighted(sighting(TOP));
    await expect(pairing.frameUrlOf(asked())).resolves.toBe(TOP);
  });
});
