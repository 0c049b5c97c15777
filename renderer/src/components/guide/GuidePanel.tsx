import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../main/core/config/languages';
import type { GuideProcedure, StationInfo, TileInfo, TileGuide } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { useKioskStore } from '../../store';
import { HelpButton, HelpPanel } from '../HelpPanel';
import { CheckIcon, KeyIcon, PhoneIcon, SpeakerIcon } from '../icons';
import { CloseButton } from '../panel-parts';
import { keepPunctuation } from '../typography';
import { StationText } from '../StationText';
import { useStationLang, useStationText } from '../use-station-text';
import { useSpeech } from './use-speech';
import { withoutInnerColon } from '../../../../main/core/contract/identifier-text';

type Speech = ReturnType<typeof useSpeech>;

/** "Écouter" beside a card: shown only where the machine has a voice for the visitor's language. */
function ListenButton({ id, text, speech }: { id: string; text: string; speech: Speech }) {
  const { t } = useTranslation();
  if (!speech.available) return null;
  const speaking = speech.speaking === id;
  return (
    <button
      type="button"
      className="button button--secondary button--listen"
      data-action="listen"
      aria-pressed={speaking}
      onClick={() => (speaking ? speech.stop() : speech.speak(id, text))}
    >
      <SpeakerIcon />
      {speaking ? t('guide.stopListening') : t('guide.listen')}
    </button>
  );
}

function BeforeYouStart({ guide, speech }: { guide: TileGuide; speech: Speech }) {
  const { t } = useTranslation();
  const stationText = useStationText();
  const stationLang = useStationLang();
  const headingId = useId();
  if (guide.identifier === null && guide.documents.length === 0) return null;
  const spoken = [
    t('guide.beforeYouStart'),
    ...(guide.identifier === null ? [] : [`${t('guide.identifier')} ${withoutInnerColon(stationText(guide.identifier))}`]),
    ...(guide.documents.length === 0 ? [] : [t('guide.prepare'), ...guide.documents.map(stationText)]),
  ].join('. ');
  return (
    <section className="guide-section" aria-labelledby={headingId} data-guide-section="before">
      <div className="guide-section-head">
        <h3 id={headingId}>{t('guide.beforeYouStart')}</h3>
        <ListenButton id="before" text={spoken} speech={speech} />
      </div>
      {guide.identifier !== null && (
        <p>
          {t('guide.identifier')}{' '}
          <strong dir="auto" lang={stationLang(guide.identifier)}>
            {/* After "Le site vous demandera :", the identifier's own colon becomes a dash. */}
            <StationText text={guide.identifier} format={withoutInnerColon} />
          </strong>
        </p>
      )}
      {guide.documents.length > 0 && (
        <>
          <p>{keepPunctuation(t('guide.prepare'))}</p>
          <ul className="guide-documents">
            {guide.documents.map((document, index) => (
              <li key={index} dir="auto" lang={stationLang(document)}>
                <StationText text={document} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ProcedureSteps({ tileId, procedure, speech }: { tileId: string; procedure: GuideProcedure; speech: Speech }) {
  const { t } = useTranslation();
  const stationText = useStationText();
  const stationLang = useStationLang();
  const done = useKioskStore((state) => state.guideStepsDone[`${tileId}/${procedure.id}`]) ?? [];
  const toggle = useKioskStore((state) => state.toggleGuideStep);
  const choose = useKioskStore((state) => state.chooseGuideProcedure);
  const headingId = useId();
  return (
    <section className="guide-section" aria-labelledby={headingId} data-guide-procedure={procedure.id}>
      <h3 id={headingId} dir="auto" lang={stationLang(procedure.title)}>
        <StationText text={procedure.title} />
      </h3>
      <p className="guide-progress" role="status">
        {t('guide.progress', { done: done.length, total: procedure.steps.length })}
      </p>
      <ol className="guide-steps">
        {procedure.steps.map((step, index) => {
          const checked = done.includes(index);
          const inputId = `${headingId}-step-${index}`;
          const text = stationText(step.text);
          const detail = step.detail === null ? null : stationText(step.detail);
          return (
            <li key={index} className="guide-step" data-step={index} data-done={checked}>
              <div className="guide-step-text">
                <span className="guide-step-number">{t('guide.stepNumber', { number: index + 1 })}</span>
                <p dir="auto" lang={stationLang(step.text)}>
                  <StationText text={step.text} />
                </p>
                {detail !== null && step.detail !== null && (
                  <p className="guide-step-detail" dir="auto" lang={stationLang(step.detail)}>
                    <StationText text={step.detail} />
                  </p>
                )}
              </div>
              <div className="guide-step-actions">
                <input id={inputId} type="checkbox" className="guide-step-check" checked={checked} onChange={() => toggle(tileId, procedure.id, index)} />
                <label htmlFor={inputId} className="guide-step-label">
                  {checked && <CheckIcon />}
                  {t('guide.markDone')}
                </label>
                <ListenButton id={`${procedure.id}-${index}`} text={detail === null ? text : `${text} ${detail}`} speech={speech} />
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary" data-action="other-procedures" onClick={() => choose(tileId, null)}>
        {t('guide.otherProcedures')}
      </button>
    </section>
  );
}

function ProcedureList({ tileId, procedures }: { tileId: string; procedures: readonly GuideProcedure[] }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const choose = useKioskStore((state) => state.chooseGuideProcedure);
  const headingId = useId();
  if (procedures.length === 0) return null;
  return (
    <section className="guide-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{keepPunctuation(t('guide.procedures'))}</h3>
      <ul className="guide-procedures">
        {procedures.map((procedure) => (
          <li key={procedure.id}>
            <button type="button" className="button button--secondary button--procedure" data-procedure={procedure.id} onClick={() => choose(tileId, procedure.id)}>
              <span dir="auto" lang={stationLang(procedure.title)}><StationText text={procedure.title} /></span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** True when the catalogue has no text in the visitor's language for this guide. */
function shownInFrench(guide: TileGuide, language: string): boolean {
  if (language === 'fr') return false;
  const texts: LocalizedText[] = [...guide.documents, ...guide.procedures.map((procedure) => procedure.title)];
  return texts.some((text) => (text as Record<string, string | undefined>)[language] === undefined);
}

interface GuidePanelProps {
  station: StationInfo;
  tile: TileInfo;
  guide: TileGuide;
  side: 'left' | 'right';
}

/**
 * The démarche's guide, beside the site (or over it on a small screen): what to
 * prepare, the procedures as cards the visitor ticks, the lost password, the
 * helpline and a person to ask. Follows the visitor's language.
 */
export function GuidePanel({ station, tile, guide, side }: GuidePanelProps) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const language = useKioskStore((state) => state.language);
  const procedureId = useKioskStore((state) => state.guideProcedure[tile.id]);
  const helpOpen = useKioskStore((state) => state.helpOpen);
  const speech = useSpeech(language);
  const titleId = useId();
  const helpId = useId();
  const procedure = guide.procedures.find((candidate) => candidate.id === procedureId) ?? (guide.procedures.length === 1 ? guide.procedures[0] : undefined);

  return (
    <section className="guide" aria-labelledby={titleId} data-panel="guide">
      <div className="panel-head guide-head">
        <h2 id={titleId}>
          <span>{t('guide.title')}</span>
          <span className="guide-tile" dir="auto" lang={stationLang(tile.label)}>
            <StationText text={tile.label} />
          </span>
        </h2>
        <CloseButton label={t('guide.close')} action="close-guide" onClose={() => kioskActions.setGuidePanel(false, side)} />
      </div>
      {shownInFrench(guide, language) && (
        <p className="guide-note" data-guide-note="in-french">
          {t('guide.inFrench')}
        </p>
      )}
      <BeforeYouStart guide={guide} speech={speech} />
      {procedure === undefined ? (
        <ProcedureList tileId={tile.id} procedures={guide.procedures} />
      ) : (
        <ProcedureSteps key={procedure.id} tileId={tile.id} procedure={procedure} speech={speech} />
      )}
      <section className="guide-section guide-help" aria-label={t('guide.askForHelp')}>
        {guide.hasForgottenPassword && (
          <button type="button" className="button button--secondary button--wide" data-action="forgot-password" onClick={kioskActions.openForgottenPassword}>
            <KeyIcon />
            <span className="button-stack">
              <span>{t('guide.forgotPassword')}</span>
              <span className="button-sub">{t('guide.forgotPasswordHint')}</span>
            </span>
          </button>
        )}
        {guide.helpline !== null && (
          <div className="guide-helpline" data-guide-section="helpline">
            <h3>
              <PhoneIcon />
              {t('guide.helpline')}
            </h3>
            <p>
              <Trans t={t} i18nKey="guide.helplineCall" values={{ number: guide.helpline }} components={{ number: <bdi dir="ltr" className="guide-helpline-number" /> }} />
            </p>
            {guide.helplineHours !== null && <p dir="auto" lang={stationLang(guide.helplineHours)}><StationText text={guide.helplineHours} /></p>}
          </div>
        )}
        <HelpButton panelId={helpId} className="button button--secondary button--wide" label={t('guide.askForHelp')} />
        {helpOpen && <HelpPanel id={helpId} helpText={station.helpText} />}
      </section>
    </section>
  );
}
