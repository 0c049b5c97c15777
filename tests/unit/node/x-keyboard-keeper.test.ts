import { describe, expect, it } from 'vitest';
import { keepKeyboardOnScreen } from '../../../main/node/x-keyboard-keeper';
import type { XClient, XEvent } from '../../../main/node/x11-client';

/**
 * The keeper's X side against a recorded X server: which events it reads (with the
 * x11 package's field names: ConfigureNotify heard on the root names the window in
 * `wid1`) and what it asks the server. The rule itself is tested in
 * tests/unit/surfaces/keyboard-on-screen.test.ts; the real X server in
 * tests/e2e/keyboard-on-screen.spec.ts.
 */
const ROOT = 0x100;
const UI = 0x201;
const SITE = 0x301;
const SPARE = 0x401;
const SCREEN = { width: 1280, height: 800 };

class RecordedServer {
  private listener: ((event: XEvent) => void) | null = null;
  readonly focusSet: number[] = [];
  readonly eventMasks = new Map<number, number>();
  /** The windows already there when the keeper starts, with their place. */
  readonly existing = new Map<number, { xPos: number; yPos: number; width: number; height: number }>([
    [UI, { xPos: 0, yPos: 0, width: 440, height: 800 }],
    [SITE, { xPos: 440, yPos: 0, width: 840, height: 800 }],
  ]);
  focus = UI;

  readonly client = {
    on: (name: string, listener: (event: XEvent) => void) => {
      if (name === 'event') this.listener = listener;
    },
    ChangeWindowAttributes: (window: number, values: { eventMask: number }) => void this.eventMasks.set(window, values.eventMask),
    QueryTree: (_window: number, callback: (error: unknown, tree: { children: number[] }) => boolean) => void callback(null, { children: [...this.existing.keys()] }),
    GetGeometry: (window: number, callback: (error: unknown, geometry: { xPos: number; yPos: number; width: number; height: number }) => boolean) => {
      const geometry = this.existing.get(window);
      if (geometry === undefined) callback({ error: 3 }, { xPos: 0, yPos: 0, width: 0, height: 0 });
      else callback(null, geometry);
    },
    GetWindowAttributes: (_window: number, callback: (error: unknown, attributes: { mapState: number }) => boolean) => void callback(null, { mapState: 2 }),
    GetInputFocus: (callback: (error: unknown, reply?: { focus: number }) => boolean | void) => void callback(null, { focus: this.focus }),
    SetInputFocus: (window: number) => void this.focusSet.push(window),
  } as unknown as XClient;

  emit(event: XEvent): void {
    this.listener?.(event);
  }
}

async function keeper(server = new RecordedServer()): Promise<{ server: RecordedServer; givenBack: () => number }> {
  let count = 0;
  await keepKeyboardOnScreen(server.client, ROOT, SCREEN, () => (count += 1));
  return { server, givenBack: () => count };
}

describe('the keyboard keeper on an X display', () => {
  it('listens to the root and to every top-level window already there', async () => {
    const { server } = await keeper();
    expect(server.eventMasks.get(ROOT)).toBe(0x00080000); // SubstructureNotify
    expect(server.eventMasks.get(UI)).toBe(0x00200000); // FocusChange
    expect(server.eventMasks.get(SITE)).toBe(0x00200000);
  });

  it('gives the keyboard back when a new window off screen takes it', async () => {
    const { server, givenBack } = await keeper();
    server.emit({ name: 'CreateNotify', parent: ROOT, wid: SPARE, x: 3840, y: 2400, width: 1280, height: 800 });
    expect(server.eventMasks.get(SPARE)).toBe(0x00200000);
    server.emit({ name: 'MapNotify', wid: SPARE });
    server.emit({ name: 'FocusIn', wid: SPARE, mode: 0, detail: 3 });
    expect(server.focusSet).toEqual([UI]);
    expect(givenBack()).toBe(1);
  });

  it('reads the moved window from wid1 (ConfigureNotify heard on the root)', async () => {
    const { server } = await keeper();
    server.emit({ name: 'FocusIn', wid: SITE, mode: 0, detail: 3 });
    server.emit({ name: 'ConfigureNotify', wid: ROOT, wid1: SITE, x: 3840, y: 2400, width: 840, height: 800 });
    expect(server.focusSet).toEqual([UI]);
  });

  it('ignores the focus moves of keyboard grabs and of pointer-root focus', async () => {
    const { server } = await keeper();
    server.emit({ name: 'ConfigureNotify', wid: ROOT, wid1: SITE, x: 3840, y: 2400, width: 840, height: 800 });
    server.emit({ name: 'FocusIn', wid: SITE, mode: 1, detail: 3 }); // NotifyGrab
    server.emit({ name: 'FocusIn', wid: SITE, mode: 2, detail: 3 }); // NotifyUngrab
    server.emit({ name: 'FocusIn', wid: SITE, mode: 0, detail: 5 }); // NotifyPointer
    expect(server.focusSet).toEqual([]);
  });

  it('leaves alone a window a window manager has taken into its frame', async () => {
    const { server } = await keeper();
    server.emit({ name: 'CreateNotify', parent: ROOT, wid: SPARE, x: 3840, y: 2400, width: 1280, height: 800 });
    server.emit({ name: 'MapNotify', wid: SPARE });
    server.emit({ name: 'ReparentNotify', wid: SPARE, parent: 0x999 });
    server.emit({ name: 'FocusIn', wid: SPARE, mode: 0, detail: 3 });
    expect(server.focusSet).toEqual([]);
  });

  it('skips a window that closed while it was being looked at', async () => {
    const server = new RecordedServer();
    server.client.QueryTree = (_window, callback) => void callback(null, { children: [UI, SITE, 0x777] });
    const { givenBack } = await keeper(server);
    server.emit({ name: 'FocusIn', wid: 0x777, mode: 0, detail: 3 });
    expect(server.focusSet).toEqual([]);
    expect(givenBack()).toBe(0);
  });
});
