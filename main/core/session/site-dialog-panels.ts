import type { Clock } from '../clock';
import { SiteDialogBridge, type OpenSiteDialog } from '../dialogs/site-dialog-bridge';
import { safeAnswer, SiteDialogDesk, type SiteDialogChoice, type SiteDialogKind, type SiteDialogPanel } from '../dialogs/site-dialogs';
import type { KioskLog } from '../log';

/**
 * The site's questions (alert, confirm, prompt, "leave this page?") for the
 * controller: one desk and one bridge per visitor (dialogs/site-dialogs.ts,
 * site-dialog-bridge.ts), replaced at the wipe after the last visitor's are
 * all answered. The host is logged, never the site's text or what was typed.
 */
export class SiteDialogPanels {
  private desk: SiteDialogDesk;
  private bridge: SiteDialogBridge;

  constructor(
    private readonly clock: Clock,
    private readonly log: KioskLog,
    /** The panel to show now (null: none). */
    private readonly show: (panel: SiteDialogPanel | null) => void,
  ) {
    [this.desk, this.bridge] = this.fresh();
  }

  /** A dialog the shell intercepted. `onSite` false (home screen, wipe): answered safely at once, no panel. */
  opened(dialog: OpenSiteDialog, onSite: boolean): void {
    if (!onSite) {
      this.log.info('site-dialog', { kind: dialog.request.kind, host: dialog.request.host, outcome: 'not-on-screen', inRow: 0 });
      void dialog.answer(safeAnswer(dialog.request.kind)).catch(() => undefined);
      return;
    }
    this.bridge.opened(dialog);
  }

  current(): SiteDialogPanel | null {
    return this.desk.current();
  }

  /** The visitor's tap; stale ids do nothing. */
  choose(id: number, choice: SiteDialogChoice, promptText: string): Promise<void> {
    return this.bridge.choose(id, choice, promptText);
  }

  /** Escape, or the kiosk leaving the site (Accueil): every question answered as if the visitor had said no. */
  async answerAllSafely(): Promise<void> {
    for (let guard = 0; guard < 16; guard += 1) {
      const panel = this.desk.current();
      if (panel === null) return;
      await this.bridge.choose(panel.id, safeChoice(panel.kind), '');
    }
  }

  /** Runs the kiosk's own navigation (a démarche's page): a "leave this page?" never holds it. */
  async kioskNavigation<T>(work: () => Promise<T>): Promise<T> {
    await this.bridge.kioskNavigationStarted();
    try {
      return await work();
    } finally {
      this.bridge.kioskNavigationDone();
    }
  }

  /** The wipe's step: whatever still waits is answered, and the next visitor starts with a new desk. */
  async endVisit(): Promise<void> {
    const leaving = this.bridge;
    [this.desk, this.bridge] = this.fresh();
    await leaving.endVisit();
  }

  private fresh(): [SiteDialogDesk, SiteDialogBridge] {
    const desk = new SiteDialogDesk((entry) => this.log.info('site-dialog', { kind: entry.kind, host: entry.host, outcome: entry.outcome, inRow: entry.inRow }));
    const bridge = new SiteDialogBridge(
      desk,
      (panel) => {
        if (this.bridge === bridge) this.show(panel);
      },
      () => this.clock.now(),
    );
    return [desk, bridge];
  }
}

/** What Escape and the kiosk's own leaving mean: close an alert, refuse a question, stay on the page. */
export function safeChoice(kind: SiteDialogKind): SiteDialogChoice {
  return kind === 'alert' ? 'ok' : kind === 'beforeunload' ? 'stay' : 'cancel';
}
