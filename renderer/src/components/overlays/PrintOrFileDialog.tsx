import { useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { dismissAction } from './dialog-actions';
import { keepPunctuation } from '../typography';

/**
 * The site asked to print or to attach a file: the browser's own print preview,
 * save dialog and file chooser never open on the kiosk (they would reach the
 * machine's files). Until the kiosk offers its own, the visitor is sent to a
 * staff member.
 */
export function PrintOrFileDialog({ request }: { request: 'print' | 'file' }) {
  const { t } = useTranslation();
  return (
    <Dialog
      name="print-or-file"
      title={t(`printOrFile.title.${request}`)}
      onEscape={kioskActions.dismissOverlay}
      actions={[dismissAction(t('printOrFile.back'), 'primary', true)]}
    >
      <p data-print-or-file={request}>{keepPunctuation(t('printOrFile.body'))}</p>
    </Dialog>
  );
}
