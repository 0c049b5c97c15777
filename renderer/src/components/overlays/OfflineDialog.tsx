import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { keepPunctuation } from '../typography';
import { Dialog } from './Dialog';
import { homeAction, retryAction } from './dialog-actions';

/**
 * No Internet: the démarche waits here and opens by itself when the link is back
 * (the main process watches the link). The visitor can still go home, read the
 * guide or print the memo meanwhile.
 */
export function OfflineDialog() {
  const { t } = useTranslation();
  return (
    <Dialog
      name="offline"
      title={t('offline.title')}
      onEscape={kioskActions.goHome}
      actions={[homeAction(t, 'primary', true), retryAction(t, 'secondary')]}
    >
      <p>{keepPunctuation(t('offline.body'))}</p>
      <p className="offline-waiting" role="status">
        <span className="spinner spinner--small" aria-hidden="true" />
        {t('offline.waiting')}
      </p>
      <p>{keepPunctuation(t('offline.meanwhile'))}</p>
    </Dialog>
  );
}
