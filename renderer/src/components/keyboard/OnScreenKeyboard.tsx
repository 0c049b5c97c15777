import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import type { KeyboardButtonAttributes, KeyboardButtonTheme, SimpleKeyboard } from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import './on-screen-keyboard.css';
import type { KeyboardInput, KeyboardMode } from './keyboard-layouts';
import { INITIAL_KEYBOARD_STATE, KEYBOARD_HEIGHT_PX, KEYBOARD_LAYOUTS, buttonsOf, inputForKey, layoutNameFor } from './keyboard-layouts';

interface OnScreenKeyboardProps {
  mode: KeyboardMode;
  onInput(input: KeyboardInput): void;
  onHide(): void;
}

// simple-keyboard types its layout as mutable arrays; the model's are read-only.
const LAYOUT = Object.fromEntries(Object.entries(KEYBOARD_LAYOUTS).map(([name, rows]) => [name, [...rows]]));

// simple-keyboard also keeps what was typed in its own buffer: refusing every change keeps
// the visitor's text out of this window's memory (onKeyPress still sees each press).
const KEEP_NO_TEXT = /^$/;

// Small inline icons, as in ../icons.tsx; decorative, the key's name is its text.
const svg = (path: string) =>
  `<svg class="icon osk-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${path}" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
const ICONS = {
  backspace: svg('M9 5h11v14H9l-6-7zM12 9l6 6M18 9l-6 6'),
  enter: svg('M20 5v7H5M9 8l-4 4 4 4'),
  shift: svg('M12 4 4 12h4.5v7h7v-7H20z'),
  tab: svg('M3 12h14M13 7l5 5-5 5M21 5v14'),
  hide: svg('M3 4h18v10H3zM7 8h1M11 8h2M16 8h1M8 11h8M8 18l4 3 4-3'),
} as const;

/** simple-keyboard writes a key's label with innerHTML: texts are escaped, only our own markup is not. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Icon + translated text; <bdi> keeps an Arabic label whole inside the left-to-right keyboard. */
function label(text: string, icon?: string): string {
  return `${icon ?? ''}<bdi class="osk-label">${escapeHtml(text)}</bdi>`;
}

/**
 * The on-screen AZERTY keyboard of touch stations, shown under the toolbar while a
 * field of the site has the focus. Each press is handed to `onInput` (the main
 * process types it into the site); the `{hide}` key calls `onHide`.
 *
 * Keys are real <button>s activated on release (a finger sliding off cancels), by
 * Enter/Space too, and a press never takes the focus: the site's field keeps it.
 */
export function OnScreenKeyboard({ mode, onInput, onHide }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const rootRef = useRef<HTMLElement>(null);

  // Each new field starts on lower-case letters, like a phone keyboard.
  const [current, setCurrent] = useState({ mode, state: INITIAL_KEYBOARD_STATE });
  if (current.mode !== mode) setCurrent({ mode, state: INITIAL_KEYBOARD_STATE });
  const state = current.mode === mode ? current.state : INITIAL_KEYBOARD_STATE;
  const layoutName = layoutNameFor(mode, state);

  // simple-keyboard keeps the handler it was given: it reads the latest props and state from here.
  const latest = useRef({ mode, state, onInput, onHide });
  useLayoutEffect(() => {
    latest.current = { mode, state, onInput, onHide };
  });

  // A re-drawn layout (shift, 123, é à ç) replaces every button: a keyboard user's focus follows.
  const pendingFocus = useRef<{ button: string; index: number } | null>(null);

  const handleKeyPress = useCallback((button: string) => {
    const { mode: pressedMode, state: pressedState, onInput: input, onHide: hide } = latest.current;
    const buttons = rootRef.current ? [...rootRef.current.querySelectorAll<HTMLElement>('.hg-button')] : [];
    const focused = buttons.findIndex((element) => element === document.activeElement);
    pendingFocus.current = focused >= 0 ? { button, index: focused } : null;

    const result = inputForKey(button, pressedState);
    latest.current = { ...latest.current, state: result.state };
    setCurrent({ mode: pressedMode, state: result.state });
    if (result.input !== null) input(result.input);
    if (result.hide) hide();
  }, []);

  const handleRender = useCallback((keyboard: SimpleKeyboard) => {
    const pending = pendingFocus.current;
    pendingFocus.current = null;
    if (pending === null) return;
    const buttons = [...keyboard.keyboardDOM.querySelectorAll<HTMLElement>('.hg-button')];
    const target = buttons.find((element) => element.dataset.skbtn === pending.button) ?? buttons[pending.index] ?? buttons[0];
    target?.focus({ preventScroll: true });
  }, []);

  // A press that re-drew nothing leaves no stale focus request for a later re-draw.
  useEffect(() => {
    pendingFocus.current = null;
  });

  const display = useMemo(() => {
    const labels: Record<string, string> = {
      '{bksp}': label(t('keyboard.backspace'), ICONS.backspace),
      '{enter}': label(t('keyboard.enter'), ICONS.enter),
      '{tab}': label(t('keyboard.tab'), ICONS.tab),
      '{shift}': label(t('keyboard.shift'), ICONS.shift),
      '{space}': label(t('keyboard.space')),
      '{numbers}': label(t('keyboard.numbers')),
      '{abc}': label(t('keyboard.letters')),
      '{accents}': label(t('keyboard.accents')),
      '{hide}': label(t('keyboard.hide'), ICONS.hide),
    };
    // Characters such as & and " are written as text, not parsed as HTML.
    for (const rows of Object.values(KEYBOARD_LAYOUTS)) {
      for (const button of rows.flatMap((row) => row.split(' '))) {
        if (!(button in labels)) labels[button] = escapeHtml(button);
      }
    }
    return labels;
  }, [t]);

  const buttonTheme = useMemo((): KeyboardButtonTheme[] => {
    const present = new Set(buttonsOf(layoutName));
    const only = (buttons: string[]) => buttons.filter((button) => present.has(button)).join(' ');
    // Function keys already carry simple-keyboard's classes (hg-functionBtn, hg-button-bksp…).
    const themes: KeyboardButtonTheme[] = [
      // The e-mail pieces stand out: they are what visitors look for in an address field.
      { class: 'osk-key--email', buttons: mode === 'email' ? only(['@', '.', '.fr', '.com']) : '' },
      { class: 'osk-key--active', buttons: state.shift !== 'off' ? only(['{shift}']) : '' },
    ];
    return themes.filter((theme) => theme !== null && theme.buttons !== '');
  }, [layoutName, mode, state.shift]);

  const buttonAttributes = useMemo((): KeyboardButtonAttributes[] => {
    const attributes: KeyboardButtonAttributes[] = [{ attribute: 'type', value: 'button' }];
    if (buttonsOf(layoutName).includes('{shift}')) {
      attributes.push({ attribute: 'aria-pressed', value: state.shift === 'off' ? 'false' : 'true', buttons: '{shift}' });
    }
    return attributes;
  }, [layoutName, state.shift]);

  return (
    <section
      ref={rootRef}
      className={`osk osk--${mode}`}
      dir="ltr"
      aria-label={t('keyboard.label')}
      data-keyboard-mode={mode}
      style={{ blockSize: KEYBOARD_HEIGHT_PX }}
    >
      <Keyboard
        layout={LAYOUT}
        layoutName={layoutName}
        display={display}
        buttonTheme={buttonTheme}
        buttonAttributes={buttonAttributes}
        theme="hg-theme-default osk-keys"
        onKeyPress={handleKeyPress}
        onRender={handleRender}
        inputPattern={KEEP_NO_TEXT}
        useButtonTag
        // Click events: a key acts on release (sliding off cancels) and Enter/Space press it too.
        useMouseEvents
        // No focus change on press: the site's field keeps the caret.
        preventMouseDownDefault
        // A held key must not repeat: slow presses are normal here.
        disableButtonHold
      />
    </section>
  );
}
