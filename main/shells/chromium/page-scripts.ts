import type { CDPSession } from 'playwright-core';
import { BLOCKED_SHORTCUTS, isBlockedShortcut } from '../../core/lockdown/blocked-shortcuts';
import { FIELD_FOCUS_LIMITS, watchFieldFocus } from '../../core/page/field-focus';
import { lockPrintAndPointerLock, reportPrintRequests } from './site-surfaces';

/**
 * Scripts the Chromium shell runs in every document of its windows (every
 * frame, before the page's own scripts). They are typed by hand against
 * `globalThis` because this file is compiled for Node, without the DOM
 * library, and each must be self-contained: their source is sent to the page.
 *
 * They close what a page itself can close; what only the browser can close
 * (the navigation policy, pop-ups that get through, window placement) is
 * enforced by the shell around them.
 *
 * In the visitor's browser the scripts that talk to the kiosk run in an
 * ISOLATED WORLD (`KIOSK_WORLD`): they share the page's DOM and events but
 * not its JavaScript globals, and the one function that reaches the kiosk
 * exists only there. The page's own world gets only the API locks
 * (`visitorMainWorldScript`), which call nothing of the kiosk. No Playwright
 * binding is exposed to a visitor's page: its channel lives in the page's
 * world, and a page that calls it with garbage throws inside the kiosk.
 */

interface EventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: unknown;
  preventDefault(): void;
  stopImmediatePropagation(): void;
  returnValue?: unknown;
}

interface PageGlobals {
  addEventListener(type: string, listener: (event: EventLike) => void, options: boolean | { capture: boolean; passive: boolean }): void;
  location: { href: string };
  Element: { prototype: object };
  __kioskCloseAttempt?: () => void;
}

/**
 * Keys, zoom, context menu, full screen and window.close. Ctrl+W is reserved
 * by Chromium (a page cannot cancel it): the page asks the shell to refuse
 * the "leave the page?" question that closing the window then raises.
 */
export function lockdownScript(): string {
  const closeAttempt = '() => globalThis.__kioskCloseAttempt?.()';
  return `(${installKeyLockdown.toString()})(${JSON.stringify(BLOCKED_SHORTCUTS)}, ${isBlockedShortcut.toString()}, ${closeAttempt});(${installApiLockdown.toString()})();`;
}

/** Keys, Ctrl+wheel zoom, the context menu; `closeAttempt` is told of Ctrl+W and the like. */
function installKeyLockdown(table: unknown, isBlocked: (input: unknown, table: unknown) => boolean, closeAttempt: () => void): void {
  const page = globalThis as unknown as PageGlobals;
  let closeAttemptAt = 0;
  page.addEventListener(
    'keydown',
    (event) => {
      const input = { key: event.key, code: event.code, control: event.ctrlKey, shift: event.shiftKey, alt: event.altKey, meta: event.metaKey };
      if (!isBlocked(input, table)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const key = event.key.toLowerCase();
      if ((event.ctrlKey || event.metaKey) && (key === 'w' || key === 'f4' || key === 'q')) {
        closeAttemptAt = Date.now();
        closeAttempt();
      }
    },
    true,
  );
  page.addEventListener(
    'beforeunload',
    (event) => {
      if (Date.now() - closeAttemptAt > 2000) return;
      event.preventDefault();
      event.returnValue = '';
    },
    true,
  );
  page.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { capture: true, passive: false },
  );
  page.addEventListener('contextmenu', (event) => event.preventDefault(), true);
}

/** Full screen, screen capture, keyboard lock, window.close/move/resize: refused in the page's own world. */
function installApiLockdown(): void {
  const page = globalThis as unknown as PageGlobals;
  const refuse = (what: string) => () => Promise.reject(new TypeError(`${what} is not available on this kiosk`));
  for (const name of ['requestFullscreen', 'webkitRequestFullscreen', 'webkitRequestFullScreen']) {
    Object.defineProperty(page.Element.prototype, name, { value: refuse('Full screen'), writable: false, configurable: false });
  }
  // Screen capture and keyboard lock are not permissions Chromium asks about: refuse them here.
  const denied = () => Promise.reject(new DOMException('Not available on this kiosk', 'NotAllowedError'));
  const scope = globalThis as unknown as Record<string, { prototype: object } | undefined>;
  for (const [owner, name] of [['MediaDevices', 'getDisplayMedia'], ['Keyboard', 'lock']] as const) {
    const prototype = scope[owner]?.prototype;
    if (prototype !== undefined) Object.defineProperty(prototype, name, { value: denied, writable: false, configurable: false });
  }
  for (const name of ['close', 'moveTo', 'moveBy', 'resizeTo', 'resizeBy']) {
    Object.defineProperty(globalThis, name, { value: () => undefined, writable: false, configurable: false });
  }
}

/**
 * New windows and tabs (window.open, target="_blank" links and forms) and
 * links to other applications (mailto:, tel:…) become requests to the shell,
 * which shows an allowed address in the same window and anything else as a
 * panel in the kiosk UI.
 */
function keepLinksInPlace(send: KioskSend, openEvent: string): void {
  type ElementLike = { closest?(selector: string): ElementLike | null; getAttribute(name: string): string | null; href?: string; target?: string };
  const page = globalThis as unknown as PageGlobals;
  const request = (url: string) => send('open', url);
  const resolve = (url: unknown): string => {
    try {
      return new URL(String(url), page.location.href).href;
    } catch {
      return String(url);
    }
  };
  // window.open, replaced in the page's world, asks through a DOM event: a page that
  // sends one itself only asks what window.open asks (the kiosk checks the address).
  page.addEventListener(
    openEvent,
    (event) => {
      const url = (event as unknown as { detail?: unknown }).detail;
      if (typeof url === 'string' && url !== '') request(resolve(url));
    },
    true,
  );
  const inPlace = (target: string | null): boolean => target === null || target === '' || /^_(self|top|parent)$/i.test(target);
  const isWeb = (url: string): boolean => /^(https?|javascript):/i.test(url) || url.startsWith('#');
  page.addEventListener(
    'click',
    (event) => {
      const link = (event.target as ElementLike | null)?.closest?.('a[href], area[href]');
      if (link === null || link === undefined) return;
      const href = resolve(link.getAttribute('href'));
      if (isWeb(href) && inPlace(link.getAttribute('target'))) return;
      event.preventDefault();
      request(href);
    },
    true,
  );
  page.addEventListener(
    'submit',
    (event) => {
      const form = event.target as ElementLike;
      if (!inPlace(form.getAttribute('target'))) form.target = '_self';
    },
    true,
  );
}

// ---- the visitor's browser: the kiosk's isolated world --------------------------------------

/** The isolated world the kiosk's scripts run in, in every document of a visitor's window. */
export const KIOSK_WORLD = 'borne-kiosk';
/** The one function that reaches the kiosk; it exists in KIOSK_WORLD only. */
const KIOSK_BINDING = '__borneKiosk';
/** The DOM event the page-world window.open sends to the isolated world. */
const OPEN_EVENT = 'borne-open-request';
/** The DOM event the page-world window.print sends to the isolated world. */
const PRINT_EVENT = 'borne-print-request';

type KioskSend = (hook: string, arg?: unknown) => void;

/** What the isolated scripts tell the kiosk. */
export interface KioskWorldHooks {
  /** Ctrl+W (or the like) was pressed: the "leave this page?" question that follows is refused. */
  closeAttempt(): void;
  /** A pop-up, a target="_blank" link or a link to another application asked to open `url`. */
  openRequest(url: string): void;
  /** A text field took the focus, or the focus left the fields (null); never a value. */
  fieldFocused(field: unknown): void;
  /** The page asked to print (window.print, Ctrl+P): the native dialog never opens, the visitor is told why. */
  printRequest(): void;
}

/** The visitor page's own world: API locks and window.open, nothing that reaches the kiosk. */
export function visitorMainWorldScript(): string {
  return `(${installApiLockdown.toString()})();(${replaceWindowOpen.toString()})(${JSON.stringify(OPEN_EVENT)});(${lockPrintAndPointerLock.toString()})(${JSON.stringify(PRINT_EVENT)});`;
}

function replaceWindowOpen(openEvent: string): void {
  const page = globalThis as unknown as { dispatchEvent(event: unknown): boolean; CustomEvent: new (type: string, init: { detail: string }) => unknown };
  const CustomEventOf = page.CustomEvent;
  const dispatch = page.dispatchEvent.bind(page);
  Object.defineProperty(globalThis, 'open', {
    value: (url?: unknown) => {
      if (url !== undefined && url !== '') dispatch(new CustomEventOf(openEvent, { detail: String(url) }));
      return null;
    },
    writable: false,
    configurable: false,
  });
}

/** The isolated world's scripts: keys, links, field focus, each talking to the kiosk through its own binding only. */
export function visitorIsolatedWorldScript(): string {
  const send = `(hook, arg) => { try { globalThis.${KIOSK_BINDING}(JSON.stringify({ hook, arg: arg === undefined ? null : arg })); } catch { /* the kiosk is closing */ } }`;
  return `(() => { const send = ${send};
(${installKeyLockdown.toString()})(${JSON.stringify(BLOCKED_SHORTCUTS)}, ${isBlockedShortcut.toString()}, () => send('close-attempt'));
(${keepLinksInPlace.toString()})(send, ${JSON.stringify(OPEN_EVENT)});
(${watchFieldFocus.toString()})(globalThis, (report) => send('field', report), () => Date.now(), ${JSON.stringify(FIELD_FOCUS_LIMITS)});
(${reportPrintRequests.toString()})(send, ${JSON.stringify(PRINT_EVENT)});
})();`;
}

/**
 * Installs the kiosk's isolated world in every document of one DevTools target
 * (a page and its same-process frames, or one out-of-process frame), also in
 * the document already there, and routes what its scripts say to `hooks`.
 */
export async function installKioskWorld(cdp: CDPSession, hooks: KioskWorldHooks): Promise<void> {
  cdp.on('Runtime.bindingCalled', (event) => {
    if (event.name !== KIOSK_BINDING) return;
    let message: { hook?: unknown; arg?: unknown };
    try {
      message = JSON.parse(event.payload) as { hook?: unknown; arg?: unknown };
    } catch {
      return;
    }
    if (message.hook === 'close-attempt') hooks.closeAttempt();
    else if (message.hook === 'open' && typeof message.arg === 'string') hooks.openRequest(message.arg);
    else if (message.hook === 'field') hooks.fieldFocused(message.arg);
    else if (message.hook === 'print') hooks.printRequest();
  });
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: KIOSK_BINDING, executionContextName: KIOSK_WORLD });
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: visitorIsolatedWorldScript(), worldName: KIOSK_WORLD, runImmediately: true });
}
