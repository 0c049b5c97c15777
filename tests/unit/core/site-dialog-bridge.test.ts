import { describe, expect, it } from 'vitest';
import { SiteDialogBridge, type OpenSiteDialog } from '../../../main/core/dialogs/site-dialog-bridge';
import { SiteDialogDesk, type SiteDialogAnswer, type SiteDialogPanel, type SiteDialogRequest } from '../../../main/core/dialogs/site-dialogs';

function dialog(request: SiteDialogRequest, answers: SiteDialogAnswer[]): OpenSiteDialog {
  return { request, answer: async (answer) => void answers.push(answer) };
}

describe('SiteDialogBridge', () => {
  it('answers the right dialog when queued ones come up, and clears the panel at the wipe', async () => {
    const panels: Array<SiteDialogPanel | null> = [];
    let now = 0;
    const bridge = new SiteDialogBridge(new SiteDialogDesk(), (panel) => panels.push(panel), () => now);
    const first: SiteDialogAnswer[] = [];
    const second: SiteDialogAnswer[] = [];
    const third: SiteDialogAnswer[] = [];
    bridge.opened(dialog({ kind: 'confirm', message: 'Envoyer ?', host: 'a.fr' }, first));
    bridge.opened(dialog({ kind: 'prompt', message: 'Nom ?', host: 'b.fr' }, second)); // another page of the visit
    expect(panels).toHaveLength(1);
    now = 10;
    await bridge.choose(panels[0]?.id ?? -1, 'ok');
    expect(first).toEqual([{ accept: true }]);
    expect(panels[1]).toMatchObject({ kind: 'prompt', host: 'b.fr' });
    bridge.opened(dialog({ kind: 'beforeunload', message: '', host: 'a.fr' }, third));
    await bridge.endVisit();
    expect(second).toEqual([{ accept: false }]);
    expect(third).toEqual([{ accept: true }]);
    expect(panels.at(-1)).toBeNull();
  });

  it("a dialog raised during the kiosk's navigation is answered without a panel", async () => {
    const panels: Array<SiteDialogPanel | null> = [];
    const bridge = new SiteDialogBridge(new SiteDialogDesk(), (panel) => panels.push(panel), () => 0);
    const leave: SiteDialogAnswer[] = [];
    await bridge.kioskNavigationStarted();
    bridge.opened(dialog({ kind: 'beforeunload', message: '', host: 'a.fr' }, leave));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(leave).toEqual([{ accept: true }]);
    expect(panels.filter((panel) => panel !== null)).toEqual([]);
  });
});
