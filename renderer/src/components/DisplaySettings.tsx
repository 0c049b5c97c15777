import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, useKioskStore, type TextSize } from '../store';
import { TextSizeIcon } from './icons';
import { ChoiceMark, DisclosureButton, PanelHead, useFocusOnOpen } from './panel-parts';
import { useCloseOnEscape } from './use-close-on-escape';

const SIZE_SAMPLE_SCALE: Record<TextSize, string> = { normal: '1em', large: '1.25em', larger: '1.5em' };

export function DisplayButton({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const open = useKioskStore((state) => state.displayPanelOpen);
  const setOpen = useKioskStore((state) => state.setDisplayPanelOpen);
  return (
    <DisclosureButton action="display" className="button button--toolbar" open={open} setOpen={setOpen} panelId={panelId}>
      <TextSizeIcon />
      <span className="button-label">{t('display.button')}</span>
    </DisclosureButton>
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
  const first = useFocusOnOpen<HTMLButtonElement>();
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
            <ChoiceMark chosen={textSize === size} />
            <span style={{ fontSize: SIZE_SAMPLE_SCALE[size] }}>{t(`display.size.${size}`)}</span>
          </button>
        ))}
      </div>
      <button type="button" className="button button--choice" data-action="contrast" role="switch" aria-checked={highContrast} onClick={() => setHighContrast(!highContrast)}>
        <ChoiceMark chosen={highContrast} />
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
      <PanelHead heading={<h2 id={titleId}>{t('display.title')}</h2>} closeLabel={t('display.close')} onClose={() => setOpen(false)} />
      <DisplayChoices />
    </section>
  );
}
