import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode } from 'react';
import type { Overlay } from '../../../../main/core/contract/kiosk-view';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** One button of a panel; the panels differ only in these, so the panel draws them. */
export interface DialogAction {
  /** The button's data-action, by which tests and the layout audit find it. */
  action: string;
  label: ReactNode;
  onClick: () => void;
  look: 'primary' | 'secondary' | 'danger';
  wide?: boolean;
  icon?: ReactNode;
  disabled?: boolean;
  /** Receives focus when the panel opens (the safe choice); without one, the panel itself does. */
  focus?: boolean;
}

interface DialogProps {
  name: Exclude<Overlay['name'], 'none'>;
  role?: 'dialog' | 'alertdialog';
  /** Builds the heading and body; ids tie them to the dialog's accessible name and description. */
  title: ReactNode;
  children: ReactNode;
  actions: readonly DialogAction[];
  /** What Escape does: dismiss for most panels, "still here" for the idle warning. */
  onEscape: () => void;
  tone?: 'neutral' | 'warning';
  icon?: ReactNode;
}

/**
 * A modal panel below the toolbar. Focus moves into it on open and Tab stays in it;
 * Escape is handled on the window so it works wherever focus is.
 */
export function Dialog({ name, role = 'dialog', title, children, actions, onEscape, tone = 'neutral', icon }: DialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const initialFocus = useRef<HTMLButtonElement>(null);
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    (initialFocus.current ?? panel.current)?.focus();
  }, [initialFocus]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      escape.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const trapTab = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Tab' || panel.current === null) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-layer">
      <div
        ref={panel}
        className={`dialog dialog--${tone}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-overlay={name}
        tabIndex={-1}
        onKeyDown={trapTab}
      >
        <h2 id={titleId} className="dialog-title">
          {icon}
          <span>{title}</span>
        </h2>
        <div id={bodyId} className="dialog-body">
          {children}
        </div>
        <div className="dialog-actions">
          {actions.map((button) => (
            <button
              key={button.action}
              ref={button.focus === true ? initialFocus : undefined}
              type="button"
              className={`button button--${button.look}${button.wide === true ? ' button--wide' : ''}`}
              data-action={button.action}
              disabled={button.disabled}
              onClick={button.onClick}
            >
              {button.icon}
              {button.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
