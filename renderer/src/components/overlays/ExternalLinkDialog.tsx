import { useTranslation } from 'react-i18next';
import type { ExternalLink } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { dismissAction } from './dialog-actions';
import { breakableHost, keepPunctuation } from '../typography';

/**
 * A mail, phone or application link: the kiosk opens nothing, and shows the
 * address or the number so the visitor can use their own phone.
 */
export function ExternalLinkDialog({ link }: { link: ExternalLink }) {
  const { t } = useTranslation();
  const hasTarget = link.kind !== 'other' && link.target !== '';
  return (
    <Dialog
      name="external-link"
      title={t(`externalLink.title.${link.kind}`)}
      onEscape={kioskActions.dismissOverlay}
      actions={[dismissAction(t('externalLink.back'), 'primary', true)]}
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
