import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { dismissAction } from './dialog-actions';
import { keepPunctuation } from '../typography';

export function ConfirmEndDialog() {
  const { t } = useTranslation();
  return (
    <Dialog
      name="confirm-end"
      title={keepPunctuation(t('confirmEnd.title'))}
      onEscape={kioskActions.dismissOverlay}
      actions={[
        { action: 'confirm-end', label: t('confirmEnd.confirm'), look: 'danger', onClick: kioskActions.confirmEndSession },
        dismissAction(t('confirmEnd.cancel'), 'secondary', true),
      ]}
    >
      <p>{keepPunctuation(t('confirmEnd.body'))}</p>
    </Dialog>
  );
}
