/**
 * The few requests, replies and events of the `x11` package (a pure-JavaScript X
 * client, which ships no types) that the station's X adapters use, typed here once.
 */

/** The few fields of the x11 package's events used here. */
export interface XEvent {
  name: string;
  /** The window the event is about (Create/Map/Unmap/DestroyNotify, FocusIn); ConfigureNotify's receiving window. */
  wid?: number;
  /** ConfigureNotify: the window that was configured. */
  wid1?: number;
  /** CreateNotify, ReparentNotify: the window's (new) parent. */
  parent?: number;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  /** FocusIn: Normal 0, Grab 1, Ungrab 2, WhileGrabbed 3. */
  mode?: number;
  keycode?: number;
  /** A core key event's modifier state. */
  buttons?: number;
  time?: number;
  /** XInput 2: the keycode; FocusIn: the notify detail (Pointer 5, PointerRoot 6, None 7). */
  detail?: number;
  /** The whole packet: its first byte's high bit says the event was sent by a client. */
  rawData?: Buffer;
}

export interface XInputExtension {
  xi2: unknown;
  AllMasterDevices: number;
  XISelectEvents(window: number, masks: { deviceId: number; mask: string[] }): void;
}

export interface XkbExtension {
  majorOpcode: number;
  UseCoreKbd: number;
  UseExtension(major: number, minor: number, callback: (error: unknown, reply: { supported: unknown }) => boolean): void;
}

export interface XClient {
  GetKeyboardMapping(first: number, count: number, callback: (error: unknown, rows: number[][]) => void): void;
  GrabKey(window: number, ownerEvents: number, modifiers: number, keycode: number, pointerMode: number, keyboardMode: number): void;
  GrabButton(window: number, ownerEvents: number, mask: number, pointerMode: number, keyboardMode: number, confineTo: number, cursor: number, button: number, modifiers: number): void;
  /** A callback returning true has handled an error (the package then emits no 'error'). */
  GetInputFocus(callback: (error: unknown, reply?: { focus: number }) => boolean | void): void;
  ChangeWindowAttributes(window: number, values: { eventMask: number }): void;
  QueryTree(window: number, callback: (error: unknown, tree: { children: number[] }) => boolean): void;
  GetGeometry(window: number, callback: (error: unknown, geometry: { xPos: number; yPos: number; width: number; height: number }) => boolean): void;
  GetWindowAttributes(window: number, callback: (error: unknown, attributes: { mapState: number }) => boolean): void;
  /** revertTo: None 0, PointerRoot 1, Parent 2; the time is CurrentTime. */
  SetInputFocus(window: number, revertTo: number): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  on(event: 'event', listener: (event: XEvent) => void): void;
  require(name: 'xinput', callback: (error: unknown, extension: XInputExtension) => void): void;
  require(name: 'xkb', callback: (error: unknown, extension: XkbExtension) => void): void;
  /** The raw request plumbing the package's own extensions use (for XkbPerClientFlags, which it lacks). */
  seq_num: number;
  replies: Record<number, [(body: Buffer, detail: number) => unknown, (error: unknown, reply: unknown) => boolean]>;
  pack_stream: { put(buffer: Buffer): void; submit(expectsReply?: boolean): void };
  terminate?(): void;
  close?(): void;
}

export interface XDisplay {
  client: XClient;
  min_keycode: number;
  max_keycode: number;
  screen: { root: number; pixel_width: number; pixel_height: number }[];
}
