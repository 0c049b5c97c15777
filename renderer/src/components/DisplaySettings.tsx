import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, useKioskStore, type TextSize } from '../store';
import { CheckIcon, CloseIcon, TextSizeIcon } from './icons';
import { useCloseOnEscape } from './use-close-on-escape';

const SIZE_SAMPLE_SCALE: Record<TextSize, string> = { normal: '1em', large: '1.25em', larger: '1.5em' };

export function DisplayButton({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const open = useKioskStore((state) => state.displayPanelOpen);
  const setOpen = useKioskStore((state) => state.setDisplayPanelOpen);
  return (
    <button
      type="button"
      className="button button--toolbar"
      data-action="display"
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
      onClick={() => setOpen(!open)}
    >
      <TextSizeIcon />
      <span className="button-label">{t('display.button')}</span>
    </button>
  );
}

/** Three text sizes and the high-contrast switch; all of it is forgotten with the visitor. */
function DisplayChoices() {
  const { t } = useTranslation();
  const textSize = useKioskStore((state) => state.textSize);
  const highContrast = useKioskStore((state) => state.highContrast);
  const setTextSize = useKioskStore((state) => state.setTextSize);
  const setHighContrast = useKioskStore((state) => state.setHighContrast);
  const sizeLabelId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  return (
    <div className="display-choices">
      <div role="group" aria-labelledby={sizeLabelId} className="display-sizes">
        <span id={sizeLabelId} className="display-label">
          {t('display.textSize')}
        </span>
        {TEXT_SIZES.map((size, index) => (
          <button
            key={size}
            ref={index === 0 ? first : undefined}
            type="button"
            className="button button--choice"
            data-text-size={size}
            aria-pressed={textSize === size}
            onClick={() => setTextSize(size)}
          >
            {textSize === size ? <CheckIcon /> : <span className="icon icon--placeholder" aria-hidden="true" />}
            <span style={{ fontSize: SIZE_SAMPLE_SCALE[size] }}>{t(`display.size.${size}`)}</span>
          </button>
        ))}
      </div>
      <button type="button" className="button button--choice" data-action="contrast" role="switch" aria-checked={highContrast} onClick={() => setHighContrast(!highContrast)}>
        {highContrast ? <CheckIcon /> : <span className="icon icon--placeholder" aria-hidden="true" />}
        {t('display.contrast')}
      </button>
    </div>
  );
}

/** Full-screen layouts: a panel under the toolbar. */
export function DisplayPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const setOpen = useKioskStore((state) => state.setDisplayPanelOpen);
  useCloseOnEscape(true, () => setOpen(false));
  return (
    <section id={id} className="language-panel display-panel" aria-labelledby={titleId} data-panel="display">
      <div className="panel-head">
        <h2 id={titleId}>{t('display.title')}</h2>
        <button type="button" className="button button--icon" aria-label={t('display.close')} onClick={() => setOpen(false)}>
          <CloseIcon />
        </button>
      </div>
      <DisplayChoices />
    </section>
  );
}
