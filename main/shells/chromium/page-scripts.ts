import { BLOCKED_SHORTCUTS, isBlockedShortcut } from '../../core/lockdown/blocked-shortcuts';

/**
 * Scripts the Chromium shell runs in every document of its windows (every
 * frame, before the page's own scripts). They are typed by hand against
 * `globalThis` because this file is compiled for Node, without the DOM
 * library, and each must be self-contained: Playwright sends its source.
 *
 * They close what a page itself can close; what only the browser can close
 * (the navigation policy, pop-ups that get through, window placement) is
 * enforced by the shell around them.
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
  __kioskSiteActivity?: () => void;
  __kioskOpenRequest?: (url: string) => void;
  __kioskCloseAttempt?: () => void;
  __kioskFieldFocused?: (field: FocusedField | null) => void;
}

/** What the page tells the kiosk about a focused field (never its value). */
export interface FocusedField {
  type: string;
  inputMode: string;
  autocomplete: string;
  byTouch: boolean;
}

/**
 * Keys, zoom, context menu, full screen and window.close. Ctrl+W is reserved
 * by Chromium (a page cannot cancel it): the page asks the shell to refuse
 * the "leave the page?" question that closing the window then raises.
 */
export function lockdownScript(): string {
  return `(${installLockdown.toString()})(${JSON.stringify(BLOCKED_SHORTCUTS)}, ${isBlockedShortcut.toString()});`;
}

function installLockdown(table: unknown, isBlocked: (input: unknown, table: unknown) => boolean): void {
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
        page.__kioskCloseAttempt?.();
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

/** Tells the kiosk, at most once a second, that someone is there. */
export function reportActivityScript(): void {
  const page = globalThis as unknown as PageGlobals;
  const report = page.__kioskSiteActivity;
  if (typeof report !== 'function') return;
  let last = 0;
  const onActivity = (): void => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    report();
  };
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart']) {
    page.addEventListener(type, onActivity, { capture: true, passive: true });
  }
}

/**
 * Tells the kiosk when a text field takes the focus (its type, for the on-screen
 * keyboard's layout, and whether a finger did it), and when the focus leaves the
 * fields. Never the field's value, name or label.
 */
export function reportFieldFocusScript(): void {
  type FieldLike = { tagName?: string; type?: string; inputMode?: string; autocomplete?: string; isContentEditable?: boolean; readOnly?: boolean; disabled?: boolean };
  const page = globalThis as unknown as PageGlobals & { document: { activeElement: FieldLike | null; hasFocus(): boolean } };
  const report = page.__kioskFieldFocused;
  if (typeof report !== 'function') return;
  const NOT_TYPED = ['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit'];
  const isTextField = (element: FieldLike | null): element is FieldLike => {
    if (element === null || element.readOnly === true || element.disabled === true) return false;
    if (element.tagName === 'TEXTAREA') return true;
    if (element.tagName === 'INPUT') return !NOT_TYPED.includes((element.type ?? 'text').toLowerCase());
    return element.isContentEditable === true;
  };
  let lastTouchAt = 0;
  page.addEventListener(
    'pointerdown',
    (event) => {
      if ((event as unknown as { pointerType?: string }).pointerType === 'touch') lastTouchAt = Date.now();
    },
    { capture: true, passive: true },
  );
  page.addEventListener(
    'touchstart',
    () => {
      lastTouchAt = Date.now();
    },
    { capture: true, passive: true },
  );
  let shown = false;
  page.addEventListener(
    'focusin',
    (event) => {
      const field = event.target as FieldLike | null;
      if (!isTextField(field)) return;
      shown = true;
      report({ type: field.type ?? 'text', inputMode: field.inputMode ?? '', autocomplete: field.autocomplete ?? '', byTouch: Date.now() - lastTouchAt < 1500 });
    },
    { capture: true, passive: true },
  );
  page.addEventListener(
    'focusout',
    () => {
      // Wait for the focus to land: moving from one field to the next is not leaving.
      setTimeout(() => {
        // A page that lost the focus to the kiosk's own keyboard keeps its field.
        if (!shown || !page.document.hasFocus() || isTextField(page.document.activeElement)) return;
        shown = false;
        report(null);
      }, 0);
    },
    { capture: true, passive: true },
  );
}

/**
 * New windows and tabs (window.open, target="_blank" links and forms) and
 * links to other applications (mailto:, tel:…) become requests to the shell,
 * which shows an allowed address in the same window and anything else as a
 * panel in the kiosk UI.
 */
export function keepLinksInPlaceScript(): void {
  type ElementLike = { closest?(selector: string): ElementLike | null; getAttribute(name: string): string | null; href?: string; target?: string };
  const page = globalThis as unknown as PageGlobals;
  const request = page.__kioskOpenRequest;
  if (typeof request !== 'function') return;
  const resolve = (url: unknown): string => {
    try {
      return new URL(String(url), page.location.href).href;
    } catch {
      return String(url);
    }
  };
  Object.defineProperty(globalThis, 'open', {
    value: (url?: unknown) => {
      if (url !== undefined && url !== '') request(resolve(url));
      return null;
    },
    writable: false,
    configurable: false,
  });
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
