import type { SiteDialogAnswer, SiteDialogChoice, SiteDialogDesk, SiteDialogPanel, SiteDialogRequest } from './site-dialogs';

/**
 * Between the shells' intercepted dialogs and the desk: keeps each open
 * dialog's handle until it is answered, so the shells only translate their
 * own dialog object (Playwright's `Dialog` in the Chromium shell, a DevTools
 * `Page.javascriptDialogOpening` under Electron's debugger) into an
 * `OpenSiteDialog`, and the UI only shows `panel` and reports the tap.
 */
export interface OpenSiteDialog {
  readonly request: SiteDialogRequest;
  /** Gives the browser its answer; failures (page gone) are ignored by the bridge. */
  answer(answer: SiteDialogAnswer): Promise<void>;
}

export class SiteDialogBridge {
  private readonly open = new Map<number, OpenSiteDialog>();

  constructor(
    private readonly desk: SiteDialogDesk,
    /** The panel to show now (null: none). */
    private readonly showPanel: (panel: SiteDialogPanel | null) => void,
    private readonly now: () => number,
  ) {}

  opened(dialog: OpenSiteDialog): void {
    const decision = this.desk.onDialog(dialog.request, this.now());
    if (decision.action === 'answer') {
      void dialog.answer(decision.answer).catch(() => undefined);
      return;
    }
    if (decision.action === 'show') {
      this.open.set(decision.panel.id, dialog);
      this.showPanel(decision.panel);
      return;
    }
    this.open.set(decision.id, dialog);
  }

  /** The visitor's tap on panel `id`. */
  async choose(id: number, choice: SiteDialogChoice, promptText = ''): Promise<void> {
    const { answer, next } = this.desk.choose(id, choice, this.now(), promptText);
    if (answer !== null) await this.answer(id, answer);
    this.showPanel(next);
  }

  /** Before the kiosk's own navigation (Accueil, another démarche, end of session). */
  async kioskNavigationStarted(): Promise<void> {
    const answered = this.desk.kioskNavigationStarted();
    await Promise.all(answered.map(({ id, answer }) => this.answer(id, answer)));
    this.showPanel(this.desk.current());
  }

  kioskNavigationDone(): void {
    this.desk.kioskNavigationDone();
  }

  /** The wipe: everything open is answered, the panel goes. */
  async endVisit(): Promise<void> {
    const answered = this.desk.endVisit();
    await Promise.all(answered.map(({ id, answer }) => this.answer(id, answer)));
    this.showPanel(null);
  }

  private async answer(id: number, answer: SiteDialogAnswer): Promise<void> {
    const dialog = this.open.get(id);
    this.open.delete(id);
    await dialog?.answer(answer).catch(() => undefined);
  }
}
