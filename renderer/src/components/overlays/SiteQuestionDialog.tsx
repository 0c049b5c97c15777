import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { SiteDialogChoice, SiteDialogPanel } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { keepPunctuation, HostName } from '../typography';
import { Dialog, type DialogAction } from './Dialog';

/** The button that closes the question without saying yes: it has the focus when the panel opens. */
const SAFE: Record<SiteDialogPanel['kind'], SiteDialogChoice> = { alert: 'ok', confirm: 'cancel', prompt: 'cancel', beforeunload: 'stay' };

/**
 * The site's own question (alert, confirm, prompt, "leave this page?") in a kiosk panel:
 * the kiosk's words in the visitor's language, the site's host named, and the site's
 * text exactly as the site wrote it (its language is unknown: no `lang`, `dir="auto"`).
 * What the visitor types into a prompt goes to the site only.
 */
export function SiteQuestionDialog({ dialog }: { dialog: SiteDialogPanel }) {
  const { t } = useTranslation();
  const [text, setText] = useState(dialog.promptDefault);
  const field = useRef<HTMLInputElement>(null);
  // The panel gives the focus to its safe button first; a prompt's field takes it right after.
  useEffect(() => {
    if (dialog.kind !== 'prompt') return undefined;
    const frame = requestAnimationFrame(() => field.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [dialog.kind]);

  const answer = (choice: SiteDialogChoice): void => {
    kioskActions.answerSiteDialog(dialog.id, choice, dialog.kind === 'prompt' && choice === 'ok' ? text : '');
  };
  const actions: DialogAction[] = dialog.choices.map((choice) => ({
    action: `site-dialog-${choice}`,
    label: t(`siteDialog.choice.${choice}`),
    look: choice === 'ok' || choice === 'leave' ? 'primary' : 'secondary',
    wide: choice === 'stop',
    focus: dialog.kind !== 'prompt' && choice === SAFE[dialog.kind],
    onClick: () => answer(choice),
  }));

  return (
    <Dialog name="site-dialog" role="alertdialog" title={keepPunctuation(t(`siteDialog.title.${dialog.kind}`))} onEscape={kioskActions.dismissOverlay} actions={actions}>
      <p className="site-dialog-from" data-site-dialog-kind={dialog.kind} data-site-dialog-host={dialog.host === '' ? 'unknown' : 'named'}>
        {/* No host when the asking frame's cannot be told (a frame without an address of its own, or unpaired): never the top page's in its place. */}
        {dialog.host === '' ? (
          keepPunctuation(t('siteDialog.fromUnknown'))
        ) : (
          <Trans t={t} i18nKey="siteDialog.from" values={{ host: dialog.host }} components={{ host: <HostName host={dialog.host} /> }} />
        )}
      </p>
      {dialog.siteText !== '' && (
        <p className="site-dialog-text" dir="auto" data-site-text="">
          {dialog.siteText}
        </p>
      )}
      {dialog.kind === 'beforeunload' && <p>{keepPunctuation(t('siteDialog.leaveBody'))}</p>}
      {dialog.kind === 'prompt' && (
        <label className="site-dialog-field">
          <span>{t('siteDialog.answerLabel')}</span>
          <input
            ref={field}
            type="text"
            dir="auto"
            data-site-dialog-input=""
            value={text}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') answer('ok');
            }}
          />
        </label>
      )}
      {dialog.choices.includes('stop') && <p className="site-dialog-storm" data-site-dialog-storm="">{keepPunctuation(t('siteDialog.stormHint'))}</p>}
    </Dialog>
  );
}
