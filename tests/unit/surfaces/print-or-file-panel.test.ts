import { beforeEach, describe, expect, it } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import type { KioskLayout, KioskShell } from '../../../main/core/shell';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { testWipeOperations } from '../../support/wipe-operations';

/** Records what the controller publishes and which frame hosts it hands the shell. */
class Shell implements KioskShell {
  /** No input device: only the kiosk UI's own calls count as presence. */
  realInputIdleMs(): Promise<number> {
    return Promise.resolve(Number.POSITIVE_INFINITY);
  }
  views: KioskView[] = [];
  layouts: KioskLayout[] = [];
  frameHosts: (readonly string[] | undefined)[] = [];
  setLayout(layout: KioskLayout) {
    this.layouts.push(layout);
    return Promise.resolve();
  }
  openSite(_url: string, _hosts: readonly string[], _permissions?: readonly string[], frameHosts?: readonly string[]) {
    this.frameHosts.push(frameHosts);
    return Promise.resolve();
  }
  wipeOperations() {
    return testWipeOperations();
  }
  typeOnSite() {
    return Promise.resolve();
  }
  screenSize() {
    return { width: 1280, height: 800 };
  }
  publishView(view: KioskView) {
    this.views.push(view);
  }
  relaunch() {
    return Promise.resolve();
  }
}

const log: KioskLog & { lines: string[] } = {
  lines: [],
  info(event, fields) {
    this.lines.push(`info ${event} ${JSON.stringify(fields ?? {})}`);
  },
  warn() {},
  error() {},
};

describe('a site\'s print or file request', () => {
  let shell: Shell;
  let controller: KioskController;
  beforeEach(async () => {
    shell = new Shell();
    log.lines = [];
    const config = demoStationConfig(8470);
    config.tiles[0] = { ...config.tiles[0]!, frameHosts: ['captcha.entrainement.localhost'] };
    controller = new KioskController(config, shell, new FakeClock(), log);
    await controller.start();
  });

  it('hands the tile\'s frame hosts to the shell (none for a tile without)', async () => {
    await controller.openTile('caf');
    await controller.openTile('anef');
    expect(shell.frameHosts).toEqual([['captcha.entrainement.localhost'], []]);
  });

  it('shows the staff panel for a file once, full screen, whatever the number of requests, and logs no address', async () => {
    await controller.openTile('caf');
    controller.siteSurfaceRequested('file');
    controller.siteSurfaceRequested('file');
    // A print request over it changes nothing (printing has its own panel, tests/unit/core/print-desk.test.ts).
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(shell.views.at(-1)?.overlay).toEqual({ name: 'print-or-file', request: 'file' });
    expect(shell.layouts.at(-1)).toBe('full');
    expect(log.lines.filter((line) => line.includes('site-surface-refused'))).toEqual(['info site-surface-refused {"request":"file"}']);
    await controller.dismissOverlay();
    expect(shell.views.at(-1)?.overlay).toEqual({ name: 'none' });
  });

  it('ignores a request when no site is on screen', async () => {
    controller.siteSurfaceRequested('file');
    await flushPromises();
    expect(shell.views.at(-1)?.overlay).toEqual({ name: 'none' });
  });
});
