import { describe, expect, it } from 'vitest';
import {
  answerFor,
  boundText,
  MAX_WAITING,
  ROW_GAP_MS,
  SITE_TEXT_MAX_CHARS,
  SiteDialogDesk,
  type SiteDialogDecision,
  type SiteDialogLogEntry,
  type SiteDialogPanel,
  type SiteDialogRequest,
} from '../../../main/core/dialogs/site-dialogs';

const confirmSend: SiteDialogRequest = { kind: 'confirm', message: 'Voulez-vous vraiment envoyer ?', host: 'wwwd.caf.fr' };

function shown(decision: SiteDialogDecision): SiteDialogPanel {
  if (decision.action !== 'show') throw new Error(`expected a panel, got ${decision.action}`);
  return decision.panel;
}

describe('what each answer means', () => {
  it('confirm: OK accepts, Annuler refuses', () => {
    expect(answerFor('confirm', 'ok')).toEqual({ accept: true });
    expect(answerFor('confirm', 'cancel')).toEqual({ accept: false });
  });
  it('prompt: OK gives the typed text (bounded), Annuler gives nothing', () => {
    expect(answerFor('prompt', 'ok', 'Dupont')).toEqual({ accept: true, promptText: 'Dupont' });
    expect(answerFor('prompt', 'ok', 'x'.repeat(500)).promptText).toHaveLength(200);
    expect(answerFor('prompt', 'cancel', 'Dupont')).toEqual({ accept: false });
  });
  it('alert: closing it any way is OK', () => {
    expect(answerFor('alert', 'ok')).toEqual({ accept: true });
    expect(answerFor('alert', 'cancel')).toEqual({ accept: true });
  });
  it('leave this page?: Quitter leaves, Rester stays', () => {
    expect(answerFor('beforeunload', 'leave')).toEqual({ accept: true });
    expect(answerFor('beforeunload', 'stay')).toEqual({ accept: false });
  });
  it('stop answers safely: nothing is confirmed in the visitor\'s name', () => {
    expect(answerFor('confirm', 'stop')).toEqual({ accept: false });
    expect(answerFor('prompt', 'stop')).toEqual({ accept: false });
    expect(answerFor('alert', 'stop')).toEqual({ accept: true });
  });
});

describe("the site's text", () => {
  it('is kept as written, in any script', () => {
    const arabic = 'هل تريد حقا الإرسال؟\nVoulez-vous vraiment envoyer ?';
    expect(boundText(arabic, SITE_TEXT_MAX_CHARS, 12)).toEqual({ text: arabic, cut: false });
  });
  it('loses control and bidi-override characters, keeps line breaks', () => {
    expect(boundText('a\u0000b\u202Ec\u2066d\r\ne\tf', 100, 12).text).toBe('abcd\ne\tf');
  });
  it('is bounded in characters (whole code points) and lines', () => {
    const long = '😀'.repeat(1000);
    const bounded = boundText(long, 600, 12);
    expect(bounded.cut).toBe(true);
    expect(Array.from(bounded.text)).toHaveLength(600);
    expect(bounded.text.endsWith('😀…')).toBe(true);
    const manyLines = Array.from({ length: 40 }, (_, index) => `ligne ${index}`).join('\n');
    const byLines = boundText(manyLines, 600, 12);
    expect(byLines.text.split('\n')).toHaveLength(12);
    expect(byLines.cut).toBe(true);
  });
});

describe('SiteDialogDesk', () => {
  it('shows a confirm with its host and text, and the tap gives the answer', () => {
    const desk = new SiteDialogDesk();
    const panel = shown(desk.onDialog(confirmSend, 0));
    expect(panel).toMatchObject({ kind: 'confirm', host: 'wwwd.caf.fr', siteText: 'Voulez-vous vraiment envoyer ?', choices: ['ok', 'cancel'] });
    expect(desk.choose(panel.id, 'ok', 1000)).toEqual({ answer: { accept: true }, next: null });
    expect(desk.current()).toBeNull();
  });

  it('ignores stale ids and choices the panel does not offer', () => {
    const desk = new SiteDialogDesk();
    const panel = shown(desk.onDialog(confirmSend, 0));
    expect(desk.choose(panel.id + 7, 'ok', 1).answer).toBeNull();
    expect(desk.choose(panel.id, 'stop', 1).answer).toBeNull(); // not offered on the first dialog
    expect(desk.choose(panel.id, 'leave', 1).answer).toBeNull();
    expect(desk.choose(panel.id, 'cancel', 1).answer).toEqual({ accept: false });
  });

  it('offers to stop from the third dialog in a row; once stopped, the site gets safe answers', () => {
    const desk = new SiteDialogDesk();
    const first = shown(desk.onDialog(confirmSend, 0));
    expect(first.choices).not.toContain('stop');
    desk.choose(first.id, 'cancel', 100);
    const second = shown(desk.onDialog(confirmSend, 200));
    expect(second.choices).not.toContain('stop');
    desk.choose(second.id, 'cancel', 300);
    const third = shown(desk.onDialog({ kind: 'alert', message: 'Encore !', host: 'wwwd.caf.fr' }, 400));
    expect(third.choices).toEqual(['ok', 'stop']);
    expect(desk.choose(third.id, 'stop', 500)).toEqual({ answer: { accept: true }, next: null });
    expect(desk.onDialog(confirmSend, 600)).toEqual({ action: 'answer', answer: { accept: false }, reason: 'stopped-by-visitor' });
    // Another site is not affected.
    expect(desk.onDialog({ ...confirmSend, host: 'connect.caf.fr' }, 700).action).toBe('show');
  });

  it('a quiet gap, another host or a new page starts the row again', () => {
    const desk = new SiteDialogDesk();
    let at = 0;
    for (let index = 0; index < 2; index++) {
      const panel = shown(desk.onDialog(confirmSend, at));
      desk.choose(panel.id, 'ok', at + 10);
      at += 20;
    }
    const afterGap = shown(desk.onDialog(confirmSend, at + ROW_GAP_MS + 1));
    expect(afterGap.choices).not.toContain('stop');
    desk.choose(afterGap.id, 'ok', at + ROW_GAP_MS + 2);
    desk.pageChanged();
    const afterPage = shown(desk.onDialog(confirmSend, at + ROW_GAP_MS + 3));
    expect(afterPage.choices).not.toContain('stop');
  });

  it('queues dialogs behind the shown one, and answers a storm beyond the queue at once', () => {
    const desk = new SiteDialogDesk();
    const first = shown(desk.onDialog(confirmSend, 0));
    const queued = Array.from({ length: MAX_WAITING }, (_, index) => desk.onDialog({ kind: 'alert', message: `n° ${index}`, host: 'wwwd.caf.fr' }, 1));
    expect(queued.every((decision) => decision.action === 'queued')).toBe(true);
    expect(desk.onDialog(confirmSend, 2)).toEqual({ action: 'answer', answer: { accept: false }, reason: 'too-many-waiting' });
    const { next } = desk.choose(first.id, 'ok', 3);
    expect(next).toMatchObject({ kind: 'alert', siteText: 'n° 0' });
    expect(next?.choices).toEqual(['ok']); // the 2nd in a row
    const third = desk.choose(next?.id ?? -1, 'ok', 4).next;
    expect(third).toMatchObject({ siteText: 'n° 1', choices: ['ok', 'stop'] }); // the 3rd in a row
  });

  it("never lets 'leave this page?' block the kiosk's own navigation", () => {
    const desk = new SiteDialogDesk();
    const leave = shown(desk.onDialog({ kind: 'beforeunload', message: '', host: 'wwwd.caf.fr' }, 0));
    desk.onDialog(confirmSend, 1); // queued behind it
    const answered = desk.kioskNavigationStarted();
    expect(answered).toEqual([{ id: leave.id, answer: { accept: true } }]);
    expect(desk.current()).toMatchObject({ kind: 'confirm' }); // the confirm comes up
    expect(desk.onDialog({ kind: 'beforeunload', message: '', host: 'wwwd.caf.fr' }, 2)).toEqual({ action: 'answer', answer: { accept: true }, reason: 'kiosk-navigation' });
    desk.kioskNavigationDone();
    expect(desk.onDialog({ kind: 'beforeunload', message: '', host: 'wwwd.caf.fr' }, 3).action).toBe('queued');
  });

  it('the wipe answers everything that waits, safely, and every later dialog', () => {
    const desk = new SiteDialogDesk();
    const first = shown(desk.onDialog(confirmSend, 0));
    const second = desk.onDialog({ kind: 'prompt', message: 'Votre nom ?', host: 'wwwd.caf.fr', defaultPrompt: 'x' }, 1);
    const answered = desk.endVisit();
    expect(answered).toEqual([
      { id: first.id, answer: { accept: false } },
      { id: second.action === 'queued' ? second.id : -1, answer: { accept: false } },
    ]);
    expect(desk.current()).toBeNull();
    expect(desk.onDialog({ kind: 'beforeunload', message: '', host: 'wwwd.caf.fr' }, 2)).toMatchObject({ action: 'answer', answer: { accept: true }, reason: 'visit-ended' });
  });

  it('logs the kind, host and outcome, never the text', () => {
    const entries: SiteDialogLogEntry[] = [];
    const desk = new SiteDialogDesk((entry) => entries.push(entry));
    const panel = shown(desk.onDialog({ kind: 'prompt', message: 'Votre mot de passe ?', host: 'wwwd.caf.fr' }, 0));
    desk.choose(panel.id, 'ok', 1, 'secret123');
    expect(entries.map((entry) => entry.outcome)).toEqual(['shown', 'answered']);
    expect(JSON.stringify(entries)).not.toMatch(/secret123|mot de passe/);
  });
});
