import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../main/core/config/languages';
import { LANGUAGE_NATIVE_NAMES, RTL_LANGUAGES } from '../../../main/core/config/languages';
import { htmlLangFor } from '../i18n';
import { useKioskStore } from '../store';
import { GlobeIcon } from './icons';
import { ChoiceMark, CloseButton, DisclosureButton, PanelHead, useFocusOnOpen } from './panel-parts';
import { useCloseOnEscape } from './use-close-on-escape';

export function LanguageButton({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const open = useKioskStore((state) => state.languagePickerOpen);
  const language = useKioskStore((state) => state.language);
  const setOpen = useKioskStore((state) => state.setLanguagePickerOpen);
  return (
    <DisclosureButton action="languages" className="button button--toolbar button--language" open={open} setOpen={setOpen} panelId={panelId}>
      <GlobeIcon />
      <span className="button-stack">
        <span>{t('toolbar.languages')}</span>
        <span className="button-sub" lang={htmlLangFor(language)} dir="auto">
          {LANGUAGE_NATIVE_NAMES[language]}
        </span>
      </span>
    </DisclosureButton>
  );
}

function LanguageChoices({ languages }: { languages: readonly LanguageCode[] }) {
  const current = useKioskStore((state) => state.language);
  const setLanguage = useKioskStore((state) => state.setLanguage);
  const first = useFocusOnOpen<HTMLButtonElement>();
  return (
    <ul className="language-list">
      {languages.map((code, index) => (
        <li key={code}>
          <button
            ref={index === 0 ? first : undefined}
            type="button"
            className="button button--language-choice"
            data-language={code}
            aria-pressed={code === current}
            onClick={() => setLanguage(code)}
          >
            <ChoiceMark chosen={code === current} />
            <span lang={htmlLangFor(code)} dir={RTL_LANGUAGES.has(code) ? 'rtl' : 'ltr'}>
              {LANGUAGE_NATIVE_NAMES[code]}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

interface PanelProps {
  id: string;
  languages: readonly LanguageCode[];
}

/** Full-screen layouts: a panel under the toolbar, closed by a tap outside it, Escape or a choice. */
export function LanguagePanel({ id, languages }: PanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const setOpen = useKioskStore((state) => state.setLanguagePickerOpen);
  const panel = useRef<HTMLElement>(null);
  useCloseOnEscape(true, () => setOpen(false));
  useEffect(() => {
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Element | null;
      if (target === null || panel.current?.contains(target) === true) return;
      if (target.closest('[data-action="languages"]') !== null) return;
      setOpen(false);
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, [setOpen]);
  return (
    <section ref={panel} id={id} className="language-panel" aria-labelledby={titleId} data-panel="languages">
      <PanelHead heading={<h2 id={titleId}>{t('languages.title')}</h2>} closeLabel={t('languages.close')} onClose={() => setOpen(false)} />
      <LanguageChoices languages={languages} />
    </section>
  );
}

/** Toolbar-only layout (96 px over a site): the choices replace the toolbar's content. */
export function LanguageStrip({ id, languages }: PanelProps) {
  const { t } = useTranslation();
  const setOpen = useKioskStore((state) => state.setLanguagePickerOpen);
  useCloseOnEscape(true, () => setOpen(false));
  return (
    <section id={id} className="language-strip" aria-label={t('languages.title')} data-panel="languages">
      <CloseButton label={t('languages.close')} onClose={() => setOpen(false)} onDark />
      <LanguageChoices languages={languages} />
    </section>
  );
}
