import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode, RefObject } from 'react';
import type { Overlay } from '../../../../main/core/contract/kiosk-view';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  name: Exclude<Overlay['name'], 'none'>;
  role?: 'dialog' | 'alertdialog';
  /** Builds the heading and body; ids tie them to the dialog's accessible name and description. */
  title: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  /** What Escape does: dismiss for most panels, "still here" for the idle warning. */
  onEscape: () => void;
  /** The button that receives focus when the panel opens (the safe choice). */
  initialFocus: RefObject<HTMLButtonElement | null>;
  tone?: 'neutral' | 'warning';
  icon?: ReactNode;
}

/**
 * A modal panel below the toolbar. Focus moves into it on open and Tab stays in it;
 * Escape is handled on the window so it works wherever focus is.
 */
export function Dialog({ name, role = 'dialog', title, children, actions, onEscape, initialFocus, tone = 'neutral', icon }: DialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLDivElement>(null);
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
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
