import { useEffect, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';
import { CheckIcon, CloseIcon } from './icons';

/** A button that opens and closes a panel below it (toolbar, home and guide). */
export function DisclosureButton({ action, className, open, setOpen, panelId, children }: { action: string; className: string; open: boolean; setOpen: (open: boolean) => void; panelId: string; children: ReactNode }) {
  return (
    <button type="button" className={className} data-action={action} aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={() => setOpen(!open)}>
      {children}
    </button>
  );
}

/** The × that closes a panel; its name is said, as it shows no word. */
export function CloseButton({ label, onClose, action, onDark = false }: { label: string; onClose: () => void; action?: string; onDark?: boolean }) {
  return (
    <button type="button" className={onDark ? 'button button--icon button--on-dark' : 'button button--icon'} data-action={action} aria-label={label} onClick={onClose}>
      <CloseIcon />
    </button>
  );
}

/** A panel's heading and its close button, side by side. */
export function PanelHead({ heading, closeLabel, onClose }: { heading: ReactNode; closeLabel: string; onClose: () => void }) {
  return (
    <div className="panel-head">
      {heading}
      <CloseButton label={closeLabel} onClose={onClose} />
    </div>
  );
}

/** The tick of the chosen option; an empty space of the same width for the others, so the words line up. */
export function ChoiceMark({ chosen }: { chosen: boolean }) {
  return chosen ? <CheckIcon /> : <span className="icon icon--placeholder" aria-hidden="true" />;
}

/** A ref whose element takes focus when the panel holding it opens. */
export function useFocusOnOpen<T extends HTMLElement>(): RefObject<T | null> {
  const element = useRef<T>(null);
  useEffect(() => {
    element.current?.focus();
  }, []);
  return element;
}
