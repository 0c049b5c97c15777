import { STATION_BUTTON_GRABS, STATION_KEY_GRABS, withLockVariants } from '../core/lockdown/station-input-filter';

/**
 * Applies the station's input filter (core/lockdown/station-input-filter.ts) on
 * an X display: passive grabs on the root window, so the X server hands those
 * keys and buttons to this connection, which drops them, whatever window has
 * the focus. Uses the `x11` package (a pure-JavaScript X client) because no
 * command-line tool keeps a grab. The grabs last as long as the connection.
 */
export interface XInputFilter {
  /** How many grabs are in force. */
  readonly grabs: number;
  close(): void;
}

interface XClient {
  GetKeyboardMapping(first: number, count: number, callback: (error: unknown, rows: number[][]) => void): void;
  GrabKey(window: number, ownerEvents: number, modifiers: number, keycode: number, pointerMode: number, keyboardMode: number): void;
  GrabButton(window: number, ownerEvents: number, mask: number, pointerMode: number, keyboardMode: number, confineTo: number, cursor: number, button: number, modifiers: number): void;
  GetInputFocus(callback: (error: unknown) => void): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  terminate?(): void;
  close?(): void;
}

interface XDisplay {
  client: XClient;
  min_keycode: number;
  max_keycode: number;
  screen: { root: number }[];
}

const GRAB_MODE_ASYNC = 1;
const BUTTON_EVENTS = 0x4 | 0x8; // ButtonPress | ButtonRelease
const START_TIMEOUT_MS = 5000;

export async function startXInputFilter(displayName: string): Promise<XInputFilter> {
  // Loaded on demand: only a headed Chromium shell needs it.
  // The x11 package ships no types: the specifier is a variable so the compiler does not look
  // for them, and the few calls used are typed here (XClient, XDisplay).
  const packageName = 'x11';
  const loaded = (await import(packageName)) as { default?: unknown };
  const x11 = (loaded.default ?? loaded) as { createClient(options: { display: string }, callback: (error: unknown, display: XDisplay) => void): { on(event: string, listener: (error: unknown) => void): void } };
  const display = await new Promise<XDisplay>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`X display ${displayName} did not answer`)), START_TIMEOUT_MS);
    const connection = x11.createClient({ display: displayName }, (error, opened) => {
      clearTimeout(timer);
      if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(opened);
    });
    connection.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  const { client } = display;
  const root = display.screen[0]?.root;
  if (root === undefined) throw new Error(`X display ${displayName} has no screen`);
  const errors: string[] = [];
  client.on('error', (error) => errors.push(error instanceof Error ? error.message : String(error)));

  const count = display.max_keycode - display.min_keycode + 1;
  const rows = await new Promise<number[][]>((resolve, reject) =>
    client.GetKeyboardMapping(display.min_keycode, count, (error, mapping) => (error ? reject(new Error(String(error))) : resolve(mapping))),
  );
  const keycodesOf = (keysym: number): number[] =>
    rows.flatMap((row, index) => (row.includes(keysym) ? [display.min_keycode + index] : []));

  let grabs = 0;
  for (const grab of STATION_KEY_GRABS) {
    for (const keycode of keycodesOf(grab.keysym)) {
      for (const modifiers of withLockVariants(grab.modifiers)) {
        client.GrabKey(root, 0, modifiers, keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC);
        grabs += 1;
      }
    }
  }
  for (const grab of STATION_BUTTON_GRABS) {
    for (const modifiers of withLockVariants(grab.modifiers)) {
      client.GrabButton(root, 0, BUTTON_EVENTS, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC, 0, 0, grab.button, modifiers);
      grabs += 1;
    }
  }
  // A round trip: every grab has been answered (a refused one arrives as an error first).
  await new Promise<void>((resolve) => client.GetInputFocus(() => resolve()));
  const close = () => {
    try {
      (client.terminate ?? client.close)?.call(client);
    } catch {
      // Already closed.
    }
  };
  if (errors.length > 0) {
    close();
    throw new Error(`the X server refused the station's input filter on ${displayName}: ${errors[0] ?? ''}`);
  }
  if (grabs === 0) {
    close();
    throw new Error(`no key of the station's input filter exists on ${displayName}'s keyboard`);
  }
  return { grabs, close };
}
