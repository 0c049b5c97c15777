import type { Session, WebContents } from 'electron';
import type { GuardLookup, NavigationRules } from './guards';

const LOCKED: NavigationRules = { kind: 'locked' };

/**
 * What each webContents and session of the kiosk is for. The kiosk window
 * registers its UI, each visitor site registers itself; anything unregistered
 * is locked and gets no downloads. Weak maps: a closed view is forgotten.
 */
export class KioskRegistry implements GuardLookup {
  private readonly rules = new WeakMap<WebContents, () => NavigationRules>();
  private readonly downloads = new WeakMap<Session, string>();

  registerKioskUi(contents: WebContents): void {
    this.rules.set(contents, () => ({ kind: 'kiosk-ui' }));
  }

  registerVisitorSite(contents: WebContents, rules: () => NavigationRules): void {
    this.rules.set(contents, rules);
  }

  registerVisitorDownloads(session: Session, downloadsDir: string): void {
    this.downloads.set(session, downloadsDir);
  }

  navigationRulesFor(contents: WebContents): NavigationRules {
    return this.rules.get(contents)?.() ?? LOCKED;
  }

  downloadsDirFor(session: Session): string | null {
    return this.downloads.get(session) ?? null;
  }
}
