import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FIELD_ATTRIBUTE, readFieldReport, watchFieldFocus, type FieldFocusPage, type FieldLike, type FieldReport } from '../../../main/core/page/field-focus';
import { SITE_FIELD_CHANNEL } from '../../../main/shells/electron/preloads/field-focus';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

/** An element as the preload reads it; `value` and `name` are there to prove they are never sent. */
interface Element extends FieldLike {
  tagName: string;
  value?: string;
  name?: string;
  shadowRoot?: { activeElement: Element | null } | null;
}

type Listener = (event: { isTrusted: boolean; target: unknown; pointerType?: string; composedPath?: () => unknown[] }) => void;

/** The isolated world's window, reduced to what watchFieldFocus uses; timers run when told. */
class FakePage {
  readonly listeners: { type: string; listener: Listener; options: unknown }[] = [];
  readonly timers: (() => void)[] = [];
  pageHasFocus = true;
  readonly document = {
    activeElement: null as Element | null,
    hasFocus: () => this.pageHasFocus,
  };

  addEventListener(type: string, listener: Listener, options: unknown): void {
    this.listeners.push({ type, listener, options });
  }

  setTimeout(callback: () => void): number {
    this.timers.push(callback);
    return this.timers.length;
  }

  dispatch(type: string, event: Partial<Parameters<Listener>[0]> = {}): void {
    for (const entry of this.listeners.filter((candidate) => candidate.type === type)) entry.listener({ isTrusted: true, target: null, ...event });
  }

  runTimers(): void {
    for (const timer of this.timers.splice(0)) timer();
  }

  /** What Chromium does when `element` takes the focus from whatever had it. */
  focus(element: Element, by: 'touch' | 'mouse' | 'script' = 'script'): void {
    if (by !== 'script') this.dispatch('pointerdown', { pointerType: by });
    const previous = this.document.activeElement;
    this.document.activeElement = element;
    if (previous !== null) this.dispatch('focusout', { target: previous });
    this.dispatch('focusin', { target: element });
  }

  /** The focus leaves `element` for the body (a tap outside any field). */
  blurToBody(): void {
    const previous = this.document.activeElement;
    this.document.activeElement = { tagName: 'BODY' };
    this.dispatch('focusout', { target: previous });
  }
}

let page: FakePage;
let sent: (FieldReport | null)[];
let clock: number;

beforeEach(() => {
  page = new FakePage();
  sent = [];
  clock = 10_000;
  watchFieldFocus(page as unknown as FieldFocusPage, (report) => sent.push(report), () => clock);
});

const input = (type: string, extra: Partial<Element> = {}): Element => ({ tagName: 'INPUT', type, inputMode: '', autocomplete: '', value: 'secret', name: 'motdepasse', ...extra });

describe('field focus, in the site preload', () => {
  it('listens in the capture phase, passively (the page cannot stop or delay it)', () => {
    expect(page.listeners.map((entry) => entry.type).sort()).toEqual(['focusin', 'focusout', 'pointerdown', 'touchstart']);
    for (const entry of page.listeners) expect(entry.options, entry.type).toEqual({ capture: true, passive: true });
  });

  it("reports a field's kind and whether a finger focused it, never its value or name", () => {
    page.focus(input('email', { autocomplete: 'email' }), 'touch');
    page.focus(input('text', { inputMode: 'numeric' }), 'mouse');
    expect(sent).toEqual([
      { type: 'email', inputMode: '', autocomplete: 'email', byTouch: true },
      { type: 'text', inputMode: 'numeric', autocomplete: '', byTouch: false },
    ]);
    expect(JSON.stringify(sent)).not.toMatch(/secret|motdepasse/);
  });

  it('counts a touchstart as a touch, and only a recent one', () => {
    page.dispatch('touchstart');
    clock += 1499;
    page.focus(input('text'));
    clock += 1;
    page.focus(input('tel'));
    expect(sent.map((report) => report?.byTouch)).toEqual([true, false]);
  });

  it('reports text areas and editable elements, not buttons, boxes, read-only or disabled fields', () => {
    for (const type of ['checkbox', 'radio', 'submit', 'button', 'file', 'range', 'color', 'hidden', 'image', 'reset']) page.focus(input(type));
    page.focus({ tagName: 'BUTTON' });
    page.focus({ tagName: 'A' });
    page.focus(input('text', { readOnly: true }));
    page.focus(input('text', { disabled: true }));
    expect(sent).toEqual([]);
    page.focus({ tagName: 'TEXTAREA', type: 'textarea' });
    page.focus({ tagName: 'DIV', isContentEditable: true });
    page.focus({ tagName: 'INPUT' }); // no type attribute: a text field
    expect(sent.map((report) => report?.type)).toEqual(['textarea', 'text', 'text']);
  });

  it('ignores events the page made up', () => {
    page.dispatch('focusin', { isTrusted: false, target: input('email') });
    page.dispatch('pointerdown', { isTrusted: false, pointerType: 'touch' });
    page.focus(input('email'));
    expect(sent).toEqual([{ type: 'email', inputMode: '', autocomplete: '', byTouch: false }]);
    page.document.activeElement = { tagName: 'BODY' };
    page.dispatch('focusout', { isTrusted: false, target: null });
    page.runTimers();
    expect(sent).toHaveLength(1);
  });

  it('reports null once when the focus leaves the fields, after it has landed', () => {
    page.focus(input('text'), 'touch');
    page.blurToBody();
    expect(sent).toHaveLength(1); // not before the focus has landed
    page.runTimers();
    expect(sent.at(-1)).toBeNull();
    page.focus({ tagName: 'BUTTON' });
    page.blurToBody();
    page.runTimers();
    expect(sent.filter((report) => report === null)).toHaveLength(1);
  });

  it('does not report null when the focus goes from one field to the next', () => {
    page.focus(input('text'), 'touch');
    page.focus(input('email'), 'touch');
    page.runTimers();
    expect(sent.map((report) => report?.type)).toEqual(['text', 'email']);
  });

  it('keeps the field when the page loses the focus to the kiosk UI (its keyboard)', () => {
    page.focus(input('text'), 'touch');
    page.pageHasFocus = false;
    page.dispatch('focusout', { target: page.document.activeElement });
    page.runTimers();
    // Even when the page itself lets go of its field as it loses the focus.
    page.blurToBody();
    page.runTimers();
    expect(sent).toHaveLength(1);
  });

  it('reports nothing when the focus leaves something that was not a field', () => {
    page.focus({ tagName: 'BUTTON' });
    page.blurToBody();
    page.runTimers();
    expect(sent).toEqual([]);
  });

  it('leaves things as they are when the focus goes into a frame, whose fields it cannot see', () => {
    page.focus(input('text'), 'touch');
    page.focus({ tagName: 'IFRAME' });
    page.runTimers();
    expect(sent).toHaveLength(1);
  });

  it("sees a field inside a web component's open shadow root", () => {
    const inner = input('email');
    const host: Element = { tagName: 'DSFR-INPUT', shadowRoot: { activeElement: inner } };
    page.document.activeElement = host;
    page.dispatch('focusin', { target: host, composedPath: () => [inner, host] });
    page.dispatch('focusout', { target: host });
    page.runTimers();
    expect(sent).toEqual([{ type: 'email', inputMode: '', autocomplete: '', byTouch: false }]);
  });

  it('cuts attributes to a bounded length', () => {
    page.focus(input('text', { autocomplete: `section-${'x'.repeat(500)} email` }));
    expect(sent[0]?.autocomplete).toHaveLength(MAX_FIELD_ATTRIBUTE);
    expect(readFieldReport(sent[0])).not.toBeUndefined();
  });
});

describe('field focus, in the main process', () => {
  it('maps a report to the keyboard it wants', () => {
    expect(readFieldReport({ type: 'email', inputMode: '', autocomplete: '', byTouch: true })).toEqual({ mode: 'email', byTouch: true });
    expect(readFieldReport({ type: 'tel', inputMode: '', autocomplete: '', byTouch: false })).toEqual({ mode: 'numeric', byTouch: false });
    expect(readFieldReport({ type: 'text', inputMode: '', autocomplete: 'given-name', byTouch: true })).toEqual({ mode: 'text', byTouch: true });
    expect(readFieldReport(null)).toBeNull();
  });

  it('refuses anything else', () => {
    for (const payload of [undefined, 0, 'email', [], {}, { type: 'email', inputMode: '', autocomplete: '', byTouch: 1 }, { type: 'email', inputMode: null, autocomplete: '', byTouch: true }]) {
      expect(readFieldReport(payload), JSON.stringify(payload)).toBeUndefined();
    }
  });
});

describe('the site preload', () => {
  const listeners = new Map<string, Listener>();
  const activeElement = { current: null as Element | null };

  // The preload runs as it loads, once, like in the renderer.
  beforeAll(async () => {
    fake.resetElectronFake();
    vi.stubGlobal('addEventListener', (type: string, listener: Listener) => listeners.set(type, listener));
    vi.stubGlobal('document', {
      get activeElement() {
        return activeElement.current;
      },
      hasFocus: () => true,
    });
    await import('../../../main/shells/electron/preloads/site');
  });

  afterAll(() => vi.unstubAllGlobals());

  it('sends field focus to the main process, on its channel', async () => {
    activeElement.current = input('email');
    listeners.get('focusin')?.({ isTrusted: true, target: activeElement.current });
    expect(fake.ipcRenderer.send).toHaveBeenCalledWith(SITE_FIELD_CHANNEL, { type: 'email', inputMode: '', autocomplete: '', byTouch: false });
    activeElement.current = { tagName: 'BODY' };
    listeners.get('focusout')?.({ isTrusted: true, target: null });
    await vi.waitFor(() => expect(fake.ipcRenderer.send).toHaveBeenLastCalledWith(SITE_FIELD_CHANNEL, null));
  });

  it('exposes nothing to the page and asks nothing of the main process', () => {
    expect(listeners.size).toBeGreaterThan(0); // it did run
    expect(fake.contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(fake.ipcRenderer.listenerCount(SITE_FIELD_CHANNEL)).toBe(0);
  });
});
