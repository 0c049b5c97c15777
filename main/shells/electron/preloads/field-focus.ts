import { keyboardModeForField, type KeyboardMode } from '../../../core/contract/keyboard';

/**
 * Text-field focus in the visitor's site, for the on-screen keyboard: the
 * Electron counterpart of the Chromium shell's `reportFieldFocusScript`.
 *
 * Page side (`watchFieldFocus`): run by the site preload in its isolated world,
 * where the page's scripts cannot reach or patch it. It sends the field's kind
 * (type, inputmode, autocomplete) and whether a finger did it; never the
 * value, name or label. Nothing is exposed to the page's own world.
 *
 * Main side (`readFieldReport`): what arrives is checked, as a compromised
 * renderer could send anything; at worst it shows or hides the keyboard.
 */

export const SITE_FIELD_CHANNEL = 'kiosk:site-field';

/** What the site preload sends: a focused text field, or `null` when the focus left the fields. */
export interface FieldReport {
  type: string;
  inputMode: string;
  autocomplete: string;
  byTouch: boolean;
}

/** Attribute values longer than this are not worth reading (and are cut before sending). */
export const MAX_FIELD_ATTRIBUTE = 100;

/** A touch this recent focused the field (the focus follows the touch by a few milliseconds). */
const TOUCH_WINDOW_MS = 1500;

/** `<input>` types a keyboard does not type into. */
const NOT_TYPED = ['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit'];

// The DOM as the preload sees it, reduced to what is read: main/ is compiled without the DOM library.
export interface FieldLike {
  tagName?: string;
  type?: string;
  inputMode?: string;
  autocomplete?: string;
  isContentEditable?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  shadowRoot?: { activeElement: FieldLike | null } | null;
}

interface PageEvent {
  isTrusted: boolean;
  target: unknown;
  pointerType?: string;
  composedPath?: () => unknown[];
}

export interface FieldFocusPage {
  addEventListener(type: string, listener: (event: PageEvent) => void, options: { capture: boolean; passive: boolean }): void;
  document: { activeElement: FieldLike | null; hasFocus(): boolean };
  setTimeout(callback: () => void, ms: number): unknown;
}

function isTextField(element: FieldLike | null | undefined): element is FieldLike {
  if (element === null || element === undefined || element.readOnly === true || element.disabled === true) return false;
  if (element.tagName === 'TEXTAREA') return true;
  if (element.tagName === 'INPUT') return !NOT_TYPED.includes((element.type ?? 'text').toLowerCase());
  return element.isContentEditable === true;
}

/** A frame holds its own focus, which this document cannot see (the preload runs in the main frame only). */
function isFrame(element: FieldLike | null): boolean {
  return element?.tagName === 'IFRAME' || element?.tagName === 'FRAME';
}

/** The focused element, inside open shadow roots too (a web component's field). */
function deepActiveElement(page: FieldFocusPage): FieldLike | null {
  let element = page.document.activeElement;
  for (let depth = 0; depth < 32 && element?.shadowRoot?.activeElement; depth += 1) element = element.shadowRoot.activeElement;
  return element;
}

function attribute(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_FIELD_ATTRIBUTE) : '';
}

/**
 * Reports text-field focus to `send`. Events the page made up (`isTrusted`
 * false) are ignored; a field the page focuses by script is reported like any
 * other, with `byTouch` false.
 */
export function watchFieldFocus(page: FieldFocusPage, send: (report: FieldReport | null) => void, now: () => number = Date.now): void {
  const options = { capture: true, passive: true };
  let lastTouchAt = Number.NEGATIVE_INFINITY;
  // The last pointer decides: a mouse or pen press after a touch is not a touch.
  page.addEventListener('pointerdown', (event) => {
    if (event.isTrusted) lastTouchAt = event.pointerType === 'touch' ? now() : Number.NEGATIVE_INFINITY;
  }, options);
  page.addEventListener('touchstart', (event) => {
    if (event.isTrusted) lastTouchAt = now();
  }, options);

  let shown = false;
  page.addEventListener('focusin', (event) => {
    if (!event.isTrusted) return;
    const field = (event.composedPath?.()[0] ?? event.target) as FieldLike | null;
    if (!isTextField(field)) return;
    shown = true;
    send({
      type: attribute(field.type ?? 'text'),
      inputMode: attribute(field.inputMode),
      autocomplete: attribute(field.autocomplete),
      byTouch: now() - lastTouchAt < TOUCH_WINDOW_MS,
    });
  }, options);
  page.addEventListener('focusout', (event) => {
    if (!event.isTrusted) return;
    // Wait for the focus to land: moving from one field to the next is not leaving.
    page.setTimeout(() => {
      // A page that lost the focus to the kiosk UI (its keyboard) keeps its field.
      if (!shown || !page.document.hasFocus()) return;
      const active = deepActiveElement(page);
      if (isTextField(active) || isFrame(active)) return;
      shown = false;
      send(null);
    }, 0);
  }, options);
}

/**
 * What the main process makes of a message on SITE_FIELD_CHANNEL: the
 * keyboard wanted, `null` when the focus left the fields, or `undefined` for
 * anything that is not exactly a report (ignored).
 */
export function readFieldReport(payload: unknown): { mode: KeyboardMode; byTouch: boolean } | null | undefined {
  if (payload === null) return null;
  if (typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const report = payload as Record<string, unknown>;
  if (Object.keys(report).sort().join(',') !== 'autocomplete,byTouch,inputMode,type') return undefined;
  const { type, inputMode, autocomplete, byTouch } = report;
  const isAttribute = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_FIELD_ATTRIBUTE;
  if (!isAttribute(type) || !isAttribute(inputMode) || !isAttribute(autocomplete) || typeof byTouch !== 'boolean') return undefined;
  return { mode: keyboardModeForField({ type, inputMode, autocomplete }), byTouch };
}
