import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExternalLink } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { breakableHost, keepPunctuation } from '../typography';

/**
 * A mail, phone or application link: the kiosk opens nothing, and shows the
 * address or the number so the visitor can use their own phone.
 */
export function ExternalLinkDialog({ link }: { link: ExternalLink }) {
  const { t } = useTranslation();
  const back = useRef<HTMLButtonElement>(null);
  const hasTarget = link.kind !== 'other' && link.target !== '';
  return (
    <Dialog
      name="external-link"
      title={t(`externalLink.title.${link.kind}`)}
      onEscape={kioskActions.dismissOverlay}
      initialFocus={back}
      actions={
        <button ref={back} type="button" className="button button--primary" data-action="dismiss" onClick={kioskActions.dismissOverlay}>
          {t('externalLink.back')}
        </button>
      }
    >
      <p>{keepPunctuation(t(`externalLink.body.${link.kind}`))}</p>
      {hasTarget ? (
        <p className="external-link__target" data-external-target="" dir="ltr">
          {breakableHost(link.target)}
        </p>
      ) : null}
    </Dialog>
  );
}
