import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RefusalReason } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { HomeIcon, WarningIcon } from '../icons';
import { keepPunctuation } from '../typography';

function explanation(t: TFunction, reason: RefusalReason, host: string | null): ReactNode {
  switch (reason) {
    case 'host':
      return host === null ? (
        keepPunctuation(t('refused.reasonHostUnknown'))
      ) : (
        <Trans t={t} i18nKey="refused.reasonHost" values={{ host }} components={{ host: <bdi className="host" dir="ltr" /> }} />
      );
    case 'scheme':
      return keepPunctuation(t('refused.reasonScheme'));
    case 'insecure':
      return keepPunctuation(t('refused.reasonInsecure'));
    case 'credentials':
      return keepPunctuation(t('refused.reasonCredentials'));
    case 'invalid':
      return keepPunctuation(t('refused.reasonInvalid'));
    case 'login-prompt':
      return keepPunctuation(t('refused.reasonLoginPrompt'));
    case 'certificate':
      return keepPunctuation(t('refused.reasonCertificate'));
    case 'file-type':
      return keepPunctuation(t('refused.reasonFileType'));
    default: {
      const unknown: never = reason;
      return unknown;
    }
  }
}

export function RefusedDialog({ reason, host }: { reason: RefusalReason; host: string | null }) {
  const { t } = useTranslation();
  const back = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      name="refused"
      tone="warning"
      icon={<WarningIcon />}
      title={t('refused.title')}
      onEscape={kioskActions.dismissOverlay}
      initialFocus={back}
      actions={
        <>
          <button ref={back} type="button" className="button button--primary" data-action="dismiss" onClick={kioskActions.dismissOverlay}>
            {t('refused.back')}
          </button>
          <button type="button" className="button button--secondary" data-action="home" onClick={kioskActions.goHome}>
            <HomeIcon />
            {t('common.home')}
          </button>
        </>
      }
    >
      <p data-reason={reason}>{explanation(t, reason, host)}</p>
    </Dialog>
  );
}
