import type { Session, WebContents } from 'electron';
import type { VisitorDownloads } from './downloads';
import type { GuardLookup, NavigationRules } from './guards';
import type { PermissionGrants } from './permissions';

const LOCKED: NavigationRules = { kind: 'locked' };

/**
 * What each webContents and session of the kiosk is for. The kiosk window
 * registers its UI, each visitor site registers itself; anything unregistered
 * is locked, gets no downloads and no permission. Weak maps: a closed view is
 * forgotten.
 */
export class KioskRegistry implements GuardLookup {
  private readonly rules = new WeakMap<WebContents, () => NavigationRules>();
  private readonly downloads = new WeakMap<Session, VisitorDownloads>();
  private readonly grants = new WeakMap<Session, () => PermissionGrants | null>();

  private staffWayInHandler: () => void = () => undefined;
  private printRequestHandler: () => void = () => undefined;

  /** Where the staff chord typed in a view goes (the controller's way in), once the station runs. */
  onStaffWayIn(handler: () => void): void {
    this.staffWayInHandler = handler;
  }

  staffWayIn(): void {
    this.staffWayInHandler();
  }

  /** Where Ctrl+P typed in a view goes (the controller's print request), once the station runs. */
  onPrintRequest(handler: () => void): void {
    this.printRequestHandler = handler;
  }

  printRequest(): void {
    this.printRequestHandler();
  }

  registerKioskUi(contents: WebContents): void {
    this.rules.set(contents, () => ({ kind: 'kiosk-ui' }));
  }

  registerVisitorSite(contents: WebContents, rules: () => NavigationRules): void {
    this.rules.set(contents, rules);
  }

  registerVisitorDownloads(session: Session, downloads: VisitorDownloads): void {
    this.downloads.set(session, downloads);
  }

  /** `grants` is asked at every permission request, so a new démarche's grants apply at once. */
  registerVisitorPermissions(session: Session, grants: () => PermissionGrants | null): void {
    this.grants.set(session, grants);
  }

  navigationRulesFor(contents: WebContents): NavigationRules {
    return this.rules.get(contents)?.() ?? LOCKED;
  }

  downloadsFor(session: Session): VisitorDownloads | null {
    return this.downloads.get(session) ?? null;
  }

  permissionGrantsFor(session: Session): PermissionGrants | null {
    return this.grants.get(session)?.() ?? null;
  }
}
