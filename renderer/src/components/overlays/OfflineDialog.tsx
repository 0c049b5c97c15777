import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { HomeIcon } from '../icons';
import { keepPunctuation } from '../typography';
import { Dialog } from './Dialog';

/**
 * No Internet: the démarche waits here and opens by itself when the link is back
 * (the main process watches the link). The visitor can still go home, read the
 * guide or print the memo meanwhile.
 */
export function OfflineDialog() {
  const { t } = useTranslation();
  const home = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      name="offline"
      title={t('offline.title')}
      onEscape={kioskActions.goHome}
      initialFocus={home}
      actions={
        <>
          <button ref={home} type="button" className="button button--primary" data-action="home" onClick={kioskActions.goHome}>
            <HomeIcon />
            {t('common.home')}
          </button>
          <button type="button" className="button button--secondary" data-action="retry" onClick={kioskActions.retrySite}>
            {t('unreachable.retry')}
          </button>
        </>
      }
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
