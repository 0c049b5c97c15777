import { PRINT_REQUEST_KEY, STAFF_CHORD_GRAB, STATION_BUTTON_GRABS, STATION_KEY_GRABS, isPrintRequestState, withLockVariants } from '../core/lockdown/station-input-filter';
import { XStaffChord, keycodesOfKeysym, type XKeyboardMap } from '../core/staff/x-staff-chord';
import { X_BAD_WINDOW, keepKeyboardOnScreen } from './x-keyboard-keeper';
import type { XClient, XDisplay } from './x11-client';

/**
 * Applies the station's input filter (core/lockdown/station-input-filter.ts) on
 * an X display: passive grabs on the root window, so the X server hands those
 * keys and buttons to this connection, which drops them, whatever window has
 * the focus. Uses the `x11` package (a pure-JavaScript X client) because no
 * command-line tool keeps a grab. The grabs last as long as the connection.
 *
 * With `staffWayIn`, the staff chord's key is grabbed too and its presses go to the
 * way in (core/staff/x-staff-chord.ts), which also hears, through XInput 2 raw events,
 * that another key came in between. Only the X server's own events count: a KeyPress
 * another client sends (SendEvent) is ignored; keycodes are only fed to the chord, never kept or logged.
 *
 * With `printRequest`, a Ctrl+P the server hands over (it is one of the grabbed keys) is
 * the visitor's print request instead of nothing.
 *
 * The same connection keeps the keyboard on a window on screen (x-keyboard-keeper.ts).
 */
export interface XInputFilter {
  /** How many grabs are in force. */
  readonly grabs: number;
  /** The staff chord is heard here: its grabs, and what the chord sees. */
  readonly staffChord: { grabs: number; detectableAutoRepeat: boolean; seesOtherKeys: boolean } | null;
  close(): void;
}

export interface XInputFilterOptions {
  /** The staff chord was typed (whatever window has the focus): the PIN pad opens. */
  staffWayIn?: () => void;
  /** A window off screen took the keyboard and it was given back to the window in use. */
  keyboardGivenBack?: () => void;
  /** Ctrl+P was typed (whatever window has the focus): the kiosk's print panel. */
  printRequest?: () => void;
}

const GRAB_MODE_ASYNC = 1;
const BUTTON_EVENTS = 0x4 | 0x8; // ButtonPress | ButtonRelease
const START_TIMEOUT_MS = 5000;

export async function startXInputFilter(displayName: string, options: XInputFilterOptions = {}): Promise<XInputFilter> {
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
  const screen = display.screen[0];
  const root = screen?.root;
  if (root === undefined) throw new Error(`X display ${displayName} has no screen`);
  const errors: string[] = [];
  let starting = true;
  client.on('error', (error) => {
    // A window that closed while it was being followed (x-keyboard-keeper.ts) is no fault of the filter,
    // nor is a focus request that came just too late, once the grabs are in force.
    if (!starting || (error as { error?: unknown }).error === X_BAD_WINDOW) return;
    errors.push(error instanceof Error ? error.message : String(error));
  });

  const count = display.max_keycode - display.min_keycode + 1;
  const rows = await new Promise<number[][]>((resolve, reject) =>
    client.GetKeyboardMapping(display.min_keycode, count, (error, mapping) => (error ? reject(new Error(String(error))) : resolve(mapping))),
  );
  const keyboard: XKeyboardMap = { minKeycode: display.min_keycode, rows };
  const keycodesOf = (keysym: number): number[] => keycodesOfKeysym(keyboard, keysym);

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
  const staffChord = options.staffWayIn === undefined ? null : await listenForStaffChord(client, root, keyboard, options.staffWayIn);
  if (options.printRequest !== undefined) listenForPrintRequest(client, keycodesOf(PRINT_REQUEST_KEY.keysym), options.printRequest);
  await keepKeyboardOnScreen(client, root, { width: screen?.pixel_width ?? 0, height: screen?.pixel_height ?? 0 }, options.keyboardGivenBack ?? (() => undefined));
  // A round trip: every grab has been answered (a refused one arrives as an error first).
  await new Promise<void>((resolve) => client.GetInputFocus(() => resolve()));
  const close = () => {
    try {
      (client.terminate ?? client.close)?.call(client);
    } catch {
      // Already closed.
    }
  };
  starting = false;
  if (errors.length > 0) {
    close();
    throw new Error(`the X server refused the station's input filter on ${displayName}: ${errors[0] ?? ''}`);
  }
  if (grabs === 0) {
    close();
    throw new Error(`no key of the station's input filter exists on ${displayName}'s keyboard`);
  }
  return { grabs, staffChord, close };
}

/**
 * An event another client sent (SendEvent: the top bit of its code), not typed: never a key of
 * the station's. A passive grab never fires on those, but a root listener might.
 */
function sentByAnotherClient(event: { rawData?: Buffer }): boolean {
  return ((event.rawData?.[0] ?? 0) & 0x80) !== 0;
}

/** Ctrl+P's grabbed presses (a held key repeats: the print panel opens once). */
function listenForPrintRequest(client: XClient, keycodes: readonly number[], printRequest: () => void): void {
  client.on('event', (event) => {
    if (sentByAnotherClient(event)) return;
    if (event.name === 'KeyPress' && event.keycode !== undefined && keycodes.includes(event.keycode) && isPrintRequestState(event.buttons ?? 0)) printRequest();
  });
}

/**
 * Grabs Ctrl+Shift+F9 (with the lock variants) and feeds the chord: the grabbed key
 * presses and releases, and the raw key presses of every window. Asks XKB for detectable
 * auto-repeat, so a held key is one press (XStaffChord also tells a repeat without it).
 */
async function listenForStaffChord(client: XClient, root: number, keyboard: XKeyboardMap, staffWayIn: () => void): Promise<NonNullable<XInputFilter['staffChord']>> {
  const keycodes = keycodesOfKeysym(keyboard, STAFF_CHORD_GRAB.keysym);
  let grabs = 0;
  for (const keycode of keycodes) {
    for (const modifiers of withLockVariants(STAFF_CHORD_GRAB.modifiers)) {
      client.GrabKey(root, 0, modifiers, keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC);
      grabs += 1;
    }
  }
  const chord = new XStaffChord(keyboard, keycodes);
  client.on('event', (event) => {
    if (sentByAnotherClient(event)) return;
    if (event.name === 'KeyPress' && event.keycode !== undefined && event.time !== undefined) {
      if (chord.keyPress({ keycode: event.keycode, state: event.buttons ?? 0, time: event.time })) staffWayIn();
    } else if (event.name === 'KeyRelease' && event.keycode !== undefined && event.time !== undefined) {
      chord.keyRelease({ keycode: event.keycode, time: event.time });
    } else if (event.name === 'XIRawKeyPress' && event.detail !== undefined && event.time !== undefined) {
      chord.rawKeyPress(event.detail, event.time);
    }
  });
  const [detectableAutoRepeat, seesOtherKeys] = await Promise.all([askDetectableAutoRepeat(client), selectRawKeyPresses(client, root)]);
  return { grabs, detectableAutoRepeat, seesOtherKeys };
}

const EXTENSION_TIMEOUT_MS = 2000;

/** Resolves to `fallback` if the server does not answer in time (an extension is a nicety here, never a hang). */
function withTimeout<T>(work: (done: (value: T) => void) => void, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), EXTENSION_TIMEOUT_MS);
    work((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** XInput 2 raw key presses on the root window: every key, whatever window has the focus. False without XInput 2. */
function selectRawKeyPresses(client: XClient, root: number): Promise<boolean> {
  return withTimeout((done) => {
    client.require('xinput', (error, xinput) => {
      if (error !== null && error !== undefined) return done(false);
      if (xinput.xi2 === null || xinput.xi2 === undefined) return done(false);
      xinput.XISelectEvents(root, { deviceId: xinput.AllMasterDevices, mask: ['RawKeyPress'] });
      done(true);
    });
  }, false);
}

const XKB_PER_CLIENT_FLAGS = 21;
const XKB_DETECTABLE_AUTO_REPEAT = 1;

/**
 * XkbPerClientFlags (XKBproto.h, xkbPerClientFlagsReq, 28 bytes), which the x11 package
 * does not have: detectable auto-repeat for this connection. True when the server set it.
 */
function askDetectableAutoRepeat(client: XClient): Promise<boolean> {
  return withTimeout((done) => {
    client.require('xkb', (error, xkb) => {
      if (error !== null && error !== undefined) return done(false);
      xkb.UseExtension(1, 0, (useError, use) => {
        if ((useError !== null && useError !== undefined) || use.supported === 0 || use.supported === false) {
          done(false);
          return true;
        }
        const request = Buffer.alloc(28);
        request.writeUInt8(xkb.majorOpcode, 0);
        request.writeUInt8(XKB_PER_CLIENT_FLAGS, 1);
        request.writeUInt16LE(request.length / 4, 2);
        request.writeUInt16LE(xkb.UseCoreKbd, 4);
        request.writeUInt32LE(XKB_DETECTABLE_AUTO_REPEAT, 8); // change
        request.writeUInt32LE(XKB_DETECTABLE_AUTO_REPEAT, 12); // value
        client.seq_num += 1;
        client.pack_stream.put(request);
        // The reply's body starts after its 8-byte header: supported, then value.
        client.replies[client.seq_num] = [
          (body) => body.readUInt32LE(4),
          (flagsError, value) => {
            done((flagsError === null || flagsError === undefined) && typeof value === 'number' && (value & XKB_DETECTABLE_AUTO_REPEAT) !== 0);
            // Handled: a server that refuses it leaves the time rule (XStaffChord), not a failed filter.
            return true;
          },
        ];
        client.pack_stream.submit(true);
        return true;
      });
    });
  }, false);
}
