import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { homeAction, retryAction } from './dialog-actions';
import { keepPunctuation } from '../typography';

export function UnreachableDialog() {
  const { t } = useTranslation();
  return (
    <Dialog
      name="unreachable"
      title={t('unreachable.title')}
      onEscape={kioskActions.dismissOverlay}
      actions={[retryAction(t, 'primary', true), homeAction(t, 'secondary')]}
    >
      <p>{keepPunctuation(t('unreachable.body'))}</p>
    </Dialog>
  );
}
