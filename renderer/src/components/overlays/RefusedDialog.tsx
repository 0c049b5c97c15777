import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RefusalReason } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { dismissAction, homeAction } from './dialog-actions';
import { WarningIcon } from '../icons';
import { keepPunctuation } from '../typography';

function explanation(t: TFunction, reason: RefusalReason, host: string | null): ReactNode {
  if (reason === 'host') {
    return host === null ? (
      keepPunctuation(t('refused.reasonHostUnknown'))
    ) : (
      <Trans t={t} i18nKey="refused.reasonHost" values={{ host }} components={{ host: <bdi className="host" dir="ltr" /> }} />
    );
  }
  // Every other reason is one sentence; the Record makes a new reason fail to compile until it has one.
  const sentences: Record<Exclude<RefusalReason, 'host'>, string> = {
    scheme: t('refused.reasonScheme'),
    insecure: t('refused.reasonInsecure'),
    credentials: t('refused.reasonCredentials'),
    invalid: t('refused.reasonInvalid'),
    'login-prompt': t('refused.reasonLoginPrompt'),
    certificate: t('refused.reasonCertificate'),
    'file-type': t('refused.reasonFileType'),
  };
  return keepPunctuation(sentences[reason]);
}

export function RefusedDialog({ reason, host }: { reason: RefusalReason; host: string | null }) {
  const { t } = useTranslation();
  return (
    <Dialog
      name="refused"
      tone="warning"
      icon={<WarningIcon />}
      title={t('refused.title')}
      onEscape={kioskActions.dismissOverlay}
      actions={[dismissAction(t('refused.back'), 'primary', true), homeAction(t, 'secondary')]}
    >
      <p data-reason={reason}>{explanation(t, reason, host)}</p>
    </Dialog>
  );
}
