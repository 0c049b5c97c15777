import type { KioskLayout, KioskShell } from '../../main/core/shell';
import type { KioskView } from '../../main/core/contract/kiosk-view';
import { testWipeOperations } from './wipe-operations';

/**
 * A shell for controller tests that records what the controller asks of it (sites
 * opened, keys typed, views published) and does nothing else. No input device: only
 * the kiosk UI's own calls count as presence.
 */
export class RecordingShell implements KioskShell {
  opened: string[] = [];
  typed: unknown[] = [];
  views: KioskView[] = [];
  realInputIdleMs(): Promise<number> {
    return Promise.resolve(Number.POSITIVE_INFINITY);
  }
  setLayout(_layout: KioskLayout): Promise<void> {
    return Promise.resolve();
  }
  openSite(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
  wipeOperations() {
    return testWipeOperations();
  }
  typeOnSite(input: unknown): Promise<void> {
    this.typed.push(input);
    return Promise.resolve();
  }
  screenSize() {
    return { width: 1366, height: 768 };
  }
  publishView(view: KioskView): void {
    this.views.push(view);
  }
  relaunch(): Promise<void> {
    return Promise.resolve();
  }
}
