import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../main/core/config/languages';
import { useKioskStore } from '../store';
import { HelpIcon } from './icons';
import { DisclosureButton, PanelHead, useFocusOnOpen } from './panel-parts';
import { StationText } from './StationText';
import { useStationLang } from './use-station-text';
import { keepPunctuation } from './typography';

/** The station's own help text ("ask the adviser at the desk…"), in the visitor's language. */
export function HelpPanel({ id, helpText }: { id: string; helpText: LocalizedText }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const titleId = useId();
  const setHelpOpen = useKioskStore((state) => state.setHelpOpen);
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  return (
    <section id={id} className="help-panel" aria-labelledby={titleId} data-panel="help">
      <PanelHead
        heading={
          <h2 id={titleId} ref={heading} tabIndex={-1}>
            <HelpIcon />
            <span>{keepPunctuation(t('help.title'))}</span>
          </h2>
        }
        closeLabel={t('help.close')}
        onClose={() => setHelpOpen(false)}
      />
      <p className="help-text" dir="auto" lang={stationLang(helpText)}>
        <StationText text={helpText} />
      </p>
    </section>
  );
}

/** "Ask for help" on the home screen and in the guide: opens the station's help text. */
export function HelpButton({ panelId, className, label }: { panelId: string; className: string; label: string }) {
  const open = useKioskStore((state) => state.helpOpen);
  const setOpen = useKioskStore((state) => state.setHelpOpen);
  return (
    <DisclosureButton action="help" className={className} open={open} setOpen={setOpen} panelId={panelId}>
      <HelpIcon />
      {label}
    </DisclosureButton>
  );
}
