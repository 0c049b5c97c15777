/**
 * What a site may ask the browser to open that the kiosk does not offer: the
 * print dialog (and pointer lock). The native print preview never opens whatever the page does:
 * the station's policy turns printing off in the browser (PrintingEnabled,
 * checked at start). This script only lets the kiosk tell the visitor why
 * nothing happened. It runs in the page's own world because window.print
 * lives there; a page that calls the binding itself only shows the panel.
 * Self-contained (Playwright sends its source), typed against globalThis.
 */
export function reportPrintRequestsScript(): void {
  const page = globalThis as unknown as {
    __kioskPrintRequested?: () => void;
    print?: () => void;
    addEventListener(type: string, listener: (event: { key: string; ctrlKey: boolean; metaKey: boolean }) => void, capture: boolean): void;
  };
  const report = page.__kioskPrintRequested;
  if (typeof report !== 'function') return;
  Object.defineProperty(globalThis, 'print', { value: () => report(), writable: false, configurable: false });
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
  page.addEventListener(
    'keydown',
    (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'p') report();
    },
    true,
  );
}
