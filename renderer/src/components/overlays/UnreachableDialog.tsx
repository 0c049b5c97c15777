import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { HomeIcon } from '../icons';
import { keepPunctuation } from '../typography';

export function UnreachableDialog() {
  const { t } = useTranslation();
  const retry = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      name="unreachable"
      title={t('unreachable.title')}
      onEscape={kioskActions.dismissOverlay}
      initialFocus={retry}
      actions={
        <>
          <button ref={retry} type="button" className="button button--primary" data-action="retry" onClick={kioskActions.retrySite}>
            {t('unreachable.retry')}
          </button>
          <button type="button" className="button button--secondary" data-action="home" onClick={kioskActions.goHome}>
            <HomeIcon />
            {t('common.home')}
          </button>
        </>
      }
    >
      <p>{keepPunctuation(t('unreachable.body'))}</p>
    </Dialog>
  );
}
