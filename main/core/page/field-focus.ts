import { keyboardModeForField, type KeyboardMode } from '../contract/keyboard';

/**
 * Text-field focus in the visitor's site, for the on-screen keyboard: one watcher
 * for both shells.
 *
 * Page side (`watchFieldFocus`): runs in an isolated world of the site, where the
 * page's scripts cannot reach or patch it — Electron's site preload calls it, and
 * the Chromium shell sends its source into every frame (main/shells/chromium/
 * page-scripts.ts), so it must stay self-contained: everything it uses is inside it
 * or passed in. It sends the field's kind (type, inputmode, autocomplete) and
 * whether a finger did it; never the value, name or label.
 *
 * Kiosk side (`readFieldReport`): what arrives is checked, as a compromised
 * renderer could send anything; at worst it shows or hides the keyboard.
 */

/** What the page side sends: a focused text field, or `null` when the focus left the fields. */
export interface FieldReport {
  type: string;
  inputMode: string;
  autocomplete: string;
  byTouch: boolean;
}

export interface FieldFocusLimits {
  /** Attribute values longer than this are not worth reading (and are cut before sending). */
  maxAttribute: number;
  /** A touch this recent focused the field (the focus follows the touch by a few milliseconds). */
  touchWindowMs: number;
}

export const FIELD_FOCUS_LIMITS: FieldFocusLimits = { maxAttribute: 100, touchWindowMs: 1500 };
export const MAX_FIELD_ATTRIBUTE = FIELD_FOCUS_LIMITS.maxAttribute;

// The DOM as the watcher sees it, reduced to what is read: main/ is compiled without the DOM library.
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

/**
 * Reports text-field focus to `send`. Events the page made up (`isTrusted`
 * false) are ignored; a field the page focuses by script is reported like any
 * other, with `byTouch` false. A field inside an open shadow root (a web
 * component's) counts as the field it is.
 */
export function watchFieldFocus(page: FieldFocusPage, send: (report: FieldReport | null) => void, now: () => number = Date.now, limits: FieldFocusLimits = FIELD_FOCUS_LIMITS): void {
  // `<input>` types a keyboard does not type into.
  const notTyped = ['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit'];
  const isTextField = (element: FieldLike | null | undefined): element is FieldLike => {
    if (element === null || element === undefined || element.readOnly === true || element.disabled === true) return false;
    if (element.tagName === 'TEXTAREA') return true;
    if (element.tagName === 'INPUT') return !notTyped.includes((element.type ?? 'text').toLowerCase());
    return element.isContentEditable === true;
  };
  // A frame holds its own focus, which this document cannot see.
  const isFrame = (element: FieldLike | null): boolean => element?.tagName === 'IFRAME' || element?.tagName === 'FRAME';
  // The focused element, inside open shadow roots too.
  const pageDocument = page.document;
  const deepActiveElement = (): FieldLike | null => {
    let element = pageDocument.activeElement;
    for (let depth = 0; depth < 32 && element?.shadowRoot?.activeElement; depth += 1) element = element.shadowRoot.activeElement;
    return element;
  };
  const attribute = (value: unknown): string => (typeof value === 'string' ? value.slice(0, limits.maxAttribute) : '');

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
      byTouch: now() - lastTouchAt < limits.touchWindowMs,
    });
  }, options);
  page.addEventListener('focusout', (event) => {
    if (!event.isTrusted) return;
    // Wait for the focus to land: moving from one field to the next is not leaving.
    page.setTimeout(() => {
      // A page that lost the focus to the kiosk UI (its keyboard) keeps its field.
      if (!shown || !pageDocument.hasFocus()) return;
      const active = deepActiveElement();
      if (isTextField(active) || isFrame(active)) return;
      shown = false;
      send(null);
    }, 0);
  }, options);
}

/**
 * What the kiosk makes of a report from the page side: the keyboard wanted,
 * `null` when the focus left the fields, or `undefined` for anything that is not
 * exactly a report (ignored).
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
