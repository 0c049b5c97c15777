/**
 * What a site may ask the browser to open that the kiosk does not offer: the
 * print dialog (and pointer lock). The native print preview never opens whatever
 * the page does: the station's policy turns printing off in the browser
 * (PrintingEnabled, checked at start). These scripts only let the kiosk tell the
 * visitor why nothing happened, without giving the page anything that reaches
 * the kiosk: the page's world asks through a DOM event, and the kiosk's isolated
 * world (page-scripts.ts) reports it. A page that sends the event itself only
 * shows the "ask a mediator" panel.
 * Self-contained (their source is sent to the browser), typed against globalThis.
 */

/** The page's own world: window.print asks through `printEvent`; pointer lock is refused. */
export function lockPrintAndPointerLock(printEvent: string): void {
  const page = globalThis as unknown as { dispatchEvent(event: unknown): boolean; Event: new (type: string) => unknown };
  const EventOf = page.Event;
  const dispatch = page.dispatchEvent.bind(page);
  Object.defineProperty(globalThis, 'print', { value: () => void dispatch(new EventOf(printEvent)), writable: false, configurable: false });
  // Pointer lock hides the pointer and shows a browser bubble; no permission setting of
  // this Chromium refuses it, so the page's own function is replaced.
  const element = (globalThis as unknown as { Element?: { prototype: object } }).Element;
  if (element !== undefined) {
    Object.defineProperty(element.prototype, 'requestPointerLock', {
      value: () => Promise.reject(new DOMException('Not available on this kiosk', 'NotAllowedError')),
      writable: false,
      configurable: false,
    });
  }
}

/** The kiosk's isolated world: a print request (the page world's event, or Ctrl+P) goes to the kiosk. */
export function reportPrintRequests(send: (hook: string) => void, printEvent: string): void {
  const page = globalThis as unknown as {
    addEventListener(type: string, listener: (event: { key?: string; ctrlKey?: boolean; metaKey?: boolean }) => void, capture: boolean): void;
  };
  page.addEventListener(printEvent, () => send('print'), true);
  page.addEventListener(
    'keydown',
    (event) => {
      if ((event.ctrlKey === true || event.metaKey === true) && event.key?.toLowerCase() === 'p') send('print');
    },
    true,
  );
}
