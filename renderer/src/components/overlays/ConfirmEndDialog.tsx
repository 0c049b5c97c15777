import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { keepPunctuation } from '../typography';

export function ConfirmEndDialog() {
  const { t } = useTranslation();
  const keepGoing = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      name="confirm-end"
      title={keepPunctuation(t('confirmEnd.title'))}
      onEscape={kioskActions.dismissOverlay}
      initialFocus={keepGoing}
      actions={
        <>
          <button type="button" className="button button--danger" data-action="confirm-end" onClick={kioskActions.confirmEndSession}>
            {t('confirmEnd.confirm')}
          </button>
          <button ref={keepGoing} type="button" className="button button--secondary" data-action="dismiss" onClick={kioskActions.dismissOverlay}>
            {t('confirmEnd.cancel')}
          </button>
        </>
      }
    >
      <p>{keepPunctuation(t('confirmEnd.body'))}</p>
    </Dialog>
  );
}
