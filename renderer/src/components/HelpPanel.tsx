import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../main/core/config/languages';
import { useKioskStore } from '../store';
import { CloseIcon, HelpIcon } from './icons';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';
import { keepPunctuation } from './typography';

/** The station's own help text ("ask the adviser at the desk…"), in the visitor's language. */
export function HelpPanel({ id, helpText }: { id: string; helpText: LocalizedText }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const titleId = useId();
  const setHelpOpen = useKioskStore((state) => state.setHelpOpen);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section id={id} className="help-panel" aria-labelledby={titleId} data-panel="help">
      <div className="panel-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          <HelpIcon />
          <span>{keepPunctuation(t('help.title'))}</span>
        </h2>
        <button type="button" className="button button--icon" aria-label={t('help.close')} onClick={() => setHelpOpen(false)}>
          <CloseIcon />
        </button>
      </div>
      <p className="help-text" dir="auto" lang={stationLang(helpText)}>
        <StationText text={helpText} />
      </p>
    </section>
  );
}
