import { describe, expect, it } from 'vitest';
import type { OpenSiteDialog } from '../../../main/core/dialogs/site-dialog-bridge';
import type { SiteDialogAnswer, SiteDialogKind } from '../../../main/core/dialogs/site-dialogs';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { RecordingShell } from '../../support/recording-shell';

/**
 * The site's questions through the controller (session/site-dialog-panels.ts and the
 * visit): a panel over the démarche, answered only by the visitor's tap; Escape and
 * Accueil answer safely; the idle warning and the end-of-session question come first
 * and the question comes back after them; the kiosk's own navigation is never held by
 * "leave this page?"; the wipe answers what waits; the host is logged, never the text.
 */

/** A dialog as a shell hands it over, with the answers it received. */
function siteDialog(kind: SiteDialogKind, message = 'Question du site', host = 'caf.entrainement.localhost'): OpenSiteDialog & { answers: SiteDialogAnswer[] } {
  const answers: SiteDialogAnswer[] = [];
  return {
    answers,
    request: { kind, message, host, defaultPrompt: '' },
    answer: (answer) => {
      answers.push(answer);
      return Promise.resolve();
    },
  };
}

/** A shell whose openSite raises the page's "leave this page?" first, as a browser does. */
class NavigatingShell extends RecordingShell {
  onNavigate: (() => Promise<void>) | null = null;
  override async openSite(url: string): Promise<void> {
    await this.onNavigate?.();
    return super.openSite(url);
  }
}

function recordingLog(): KioskLog & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (event: string, fields?: object) => void lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

async function setup() {
  const shell = new NavigatingShell();
  const clock = new FakeClock();
  const log = recordingLog();
  const controller = new KioskController(demoStationConfig(8470, { timeoutSeconds: 120, warningSeconds: 30 }), shell, clock, log);
  await controller.start();
  await controller.openTile('caf');
  const overlay = (): KioskView['overlay'] => controller.view().overlay;
  const panelId = (): number => {
    const current = overlay();
    if (current.name !== 'site-dialog') throw new Error(`no question on screen (${current.name})`);
    return current.dialog.id;
  };
  return { shell, clock, log, controller, overlay, panelId };
}

describe("the site's questions in the kiosk's panel", () => {
  it('shows the question full screen, and answers only with the visitor\'s tap', async () => {
    const { controller, overlay, panelId, shell } = await setup();
    const confirm = siteDialog('confirm', 'Envoyer ?');
    controller.siteDialogOpened(confirm);
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'site-dialog', dialog: { kind: 'confirm', host: 'caf.entrainement.localhost', siteText: 'Envoyer ?', choices: ['ok', 'cancel'] } });
    expect(shell.views.at(-1)?.layout).toBe('full');
    expect(confirm.answers).toEqual([]);
    // A stale id or a choice the panel does not offer answers nothing.
    await controller.answerSiteDialog(panelId() + 1, 'ok', '');
    await controller.answerSiteDialog(panelId(), 'leave', '');
    await controller.answerSiteDialog(panelId(), 'stop', '');
    expect(confirm.answers).toEqual([]);
    await controller.answerSiteDialog(panelId(), 'ok', '');
    expect(confirm.answers).toEqual([{ accept: true }]);
    expect(overlay()).toEqual({ name: 'none' });
    expect(controller.view().layout).not.toBe('full');
  });

  it("passes a prompt's text to the site, bounded, and never logs it", async () => {
    const { controller, panelId, log } = await setup();
    const prompt = siteDialog('prompt', 'Votre prénom ?');
    controller.siteDialogOpened(prompt);
    await flushPromises();
    await controller.answerSiteDialog(panelId(), 'ok', 'Zoé');
    expect(prompt.answers).toEqual([{ accept: true, promptText: 'Zoé' }]);
    expect(log.lines.join('\n')).not.toContain('Zoé');
    expect(log.lines.join('\n')).not.toContain('prénom');
    expect(log.lines.filter((line) => line.startsWith('info site-dialog'))).toEqual([
      'info site-dialog {"kind":"prompt","host":"caf.entrainement.localhost","outcome":"shown","inRow":1}',
      'info site-dialog {"kind":"prompt","host":"caf.entrainement.localhost","outcome":"answered","inRow":1}',
    ]);
  });

  it('Escape gives the safe answer: a confirm refused, a "leave this page?" stays', async () => {
    const { controller } = await setup();
    const confirm = siteDialog('confirm');
    controller.siteDialogOpened(confirm);
    await flushPromises();
    await controller.dismissOverlay();
    expect(confirm.answers).toEqual([{ accept: false }]);
    const leave = siteDialog('beforeunload', '');
    controller.siteDialogOpened(leave);
    await flushPromises();
    await controller.dismissOverlay();
    expect(leave.answers).toEqual([{ accept: false }]);
  });

  it('offers to stop the questions from the third in a row; stopped, the site\'s next ones get the safe answer', async () => {
    const { controller, overlay, panelId, log } = await setup();
    const storm = [1, 2, 3, 4, 5].map((number) => siteDialog('confirm', `Question ${number}`));
    for (const dialog of storm.slice(0, 3)) controller.siteDialogOpened(dialog);
    await flushPromises();
    for (const number of [1, 2]) {
      expect(overlay()).toMatchObject({ name: 'site-dialog', dialog: { siteText: `Question ${number}`, choices: ['ok', 'cancel'] } });
      await controller.answerSiteDialog(panelId(), 'ok', '');
    }
    expect(overlay()).toMatchObject({ name: 'site-dialog', dialog: { siteText: 'Question 3', choices: ['ok', 'cancel', 'stop'] } });
    await controller.answerSiteDialog(panelId(), 'stop', '');
    expect(storm[2]?.answers).toEqual([{ accept: false }]);
    controller.siteDialogOpened(storm[3]!);
    controller.siteDialogOpened(storm[4]!);
    await flushPromises();
    expect(storm[3]?.answers).toEqual([{ accept: false }]);
    expect(storm[4]?.answers).toEqual([{ accept: false }]);
    expect(overlay()).toEqual({ name: 'none' });
    expect(log.lines.filter((line) => line.includes('"outcome":"stopped-by-visitor"'))).toHaveLength(2);
  });

  it('the idle warning and the end-of-session question come first; the question comes back after them', async () => {
    const { controller, overlay, clock } = await setup();
    const alert = siteDialog('alert', 'Dossier complet');
    controller.siteDialogOpened(alert);
    await flushPromises();
    await controller.requestEndSession();
    expect(overlay().name).toBe('confirm-end');
    await controller.dismissOverlay();
    expect(overlay()).toMatchObject({ name: 'site-dialog', dialog: { siteText: 'Dossier complet' } });
    // The idle warning over it.
    await clock.advance(120_000);
    await flushPromises();
    expect(overlay().name).toBe('idle-warning');
    controller.siteDialogOpened(siteDialog('confirm', 'Une autre'));
    await flushPromises();
    expect(overlay().name).toBe('idle-warning');
    await controller.stillHere();
    expect(overlay()).toMatchObject({ name: 'site-dialog', dialog: { siteText: 'Dossier complet' } });
    expect(alert.answers).toEqual([]);
  });

  it('Accueil answers the questions safely: nothing waits behind the home screen', async () => {
    const { controller, overlay } = await setup();
    const confirm = siteDialog('confirm');
    const prompt = siteDialog('prompt');
    controller.siteDialogOpened(confirm);
    controller.siteDialogOpened(prompt);
    await flushPromises();
    await controller.goHome();
    expect(confirm.answers).toEqual([{ accept: false }]);
    expect(prompt.answers).toEqual([{ accept: false }]);
    expect(overlay()).toEqual({ name: 'none' });
    // Off the démarche, a question is answered at once, with no panel.
    const late = siteDialog('confirm');
    controller.siteDialogOpened(late);
    await flushPromises();
    expect(late.answers).toEqual([{ accept: false }]);
    expect(overlay()).toEqual({ name: 'none' });
  });

  it('"leave this page?" never holds the kiosk\'s own navigation', async () => {
    const { controller, shell, overlay, log } = await setup();
    const leave = siteDialog('beforeunload', '');
    shell.onNavigate = async () => {
      controller.siteDialogOpened(leave);
      await flushPromises();
    };
    await controller.goHome();
    await controller.openTile('anef');
    expect(leave.answers).toEqual([{ accept: true }]);
    expect(overlay()).toEqual({ name: 'none' });
    expect(shell.opened.at(-1)).toContain('anef');
    expect(log.lines.some((line) => line.includes('"kind":"beforeunload"') && line.includes('"outcome":"kiosk-navigation"'))).toBe(true);
  });

  it('the wipe answers what still waits, safely, and the next visitor starts with no question', async () => {
    const { controller, overlay } = await setup();
    const confirm = siteDialog('confirm');
    const waiting = siteDialog('prompt');
    controller.siteDialogOpened(confirm);
    controller.siteDialogOpened(waiting);
    await flushPromises();
    await controller.requestEndSession();
    await controller.confirmEndSession();
    const report = await controller.wipeSettled();
    expect(report?.ok).toBe(true);
    expect(report?.steps[0]).toMatchObject({ name: 'end-site-dialogs', ok: true });
    expect(confirm.answers).toEqual([{ accept: false }]);
    expect(waiting.answers).toEqual([{ accept: false }]);
    expect(overlay()).toEqual({ name: 'none' });
    // The next visitor's site asks anew: a panel, and no "stop" carried over.
    await controller.openTile('caf');
    controller.siteDialogOpened(siteDialog('alert', 'Bonjour'));
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'site-dialog', dialog: { siteText: 'Bonjour', choices: ['ok'] } });
  });
});
