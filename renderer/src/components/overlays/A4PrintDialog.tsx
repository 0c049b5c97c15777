import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { A4PrintPanel } from '../../../../main/core/contract/kiosk-view';
import { MAX_COPIES, MIN_COPIES } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { StationText } from '../StationText';
import { useStationLang } from '../use-station-text';
import { keepPunctuation } from '../typography';
import { Dialog, type DialogAction } from './Dialog';
import { dismissAction } from './dialog-actions';

const COPY_CHOICES = Array.from({ length: MAX_COPIES - MIN_COPIES + 1 }, (_, index) => MIN_COPIES + index);

/**
 * The kiosk's print panel for what the site gives to print (its page, or a PDF it
 * shows): the page count, a picture of the first page, the station's A4 printer by
 * name, 1 to 3 copies, "Imprimer" and "Annuler"; then the outcome in plain words.
 * A station that cannot print says so and offers what it can: a mediator's help, and
 * "Enregistrer sur ma clé USB" where it has a USB key folder.
 */
export function A4PrintDialog({ print }: { print: A4PrintPanel }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const [copies, setCopies] = useState(print.copies);
  const noPrinter = print.outcome === 'no-printer';
  const done = print.stage === 'done';
  const usb = print.usb;
  // Offered until the document is on the key; another try after "no key" or a failure.
  const usbOffered = noPrinter && usb !== null && usb !== 'saved';
  const actions: DialogAction[] = noPrinter
    ? [
        ...(usbOffered
          ? [
              {
                action: 'save-to-usb',
                label: usb === 'saving' ? t('a4print.usbSaving') : t('a4print.usbSave'),
                look: 'primary' as const,
                disabled: usb === 'saving',
                onClick: () => kioskActions.saveDocumentToUsb(),
              },
            ]
          : []),
        dismissAction(t('a4print.back'), usbOffered ? 'secondary' : 'primary', true),
      ]
    : [
        ...(done
          ? []
          : [
              {
                action: 'print-document',
                label: print.stage === 'printing' ? t('a4print.printing') : t('a4print.print'),
                look: 'primary' as const,
                disabled: print.stage !== 'ready',
                onClick: () => kioskActions.printDocument(copies),
              },
            ]),
        dismissAction(done ? t('a4print.close') : t('a4print.cancel'), done ? 'primary' : 'secondary', true),
      ];

  return (
    <Dialog name="a4-print" title={t('a4print.title')} onEscape={kioskActions.dismissOverlay} actions={actions}>
      {noPrinter ? (
        <>
          <p data-a4print-outcome="no-printer">{keepPunctuation(t('a4print.no-printer'))}</p>
          {/* Once the visitor tried the key, the answer takes the offer's place: read at once, even with the largest text. */}
          {usb === 'saved' || usb === 'no-key' || usb === 'failed' ? (
            <p role="status" className={usb === 'saved' ? 'memo-result memo-result--ok' : 'memo-result memo-result--problem'} data-a4print-usb={usb}>
              {keepPunctuation(t(`a4print.usb-${usb}`))}
            </p>
          ) : (
            <p data-a4print-help="">{keepPunctuation(t(usb === null ? 'a4print.noPrinterHelp' : 'a4print.noPrinterHelpUsb'))}</p>
          )}
        </>
      ) : (
        <>
          <p className="a4print-printer" data-a4print-printer="">
            {t('a4print.printerIs')}{' '}
            {print.printerLabel === null ? (
              t('a4print.defaultPrinter')
            ) : (
              <span dir="auto" lang={stationLang(print.printerLabel)}>
                <StationText text={print.printerLabel} />
              </span>
            )}
          </p>
          {print.stage === 'preparing' && <p data-a4print-stage="preparing">{t('a4print.preparing')}</p>}
          {print.document !== null && (
            <div className="a4print-document">
              <img className="a4print-thumbnail" src={print.document.thumbnail} alt={t('a4print.thumbnailLabel')} data-a4print-thumbnail="" />
              <p data-a4print-pages={print.document.pages}>{t('a4print.pages', { pages: print.document.pages })}</p>
            </div>
          )}
          {print.document !== null && !done && (
            <fieldset className="a4print-copies">
              <legend>{t('a4print.copies')}</legend>
              {COPY_CHOICES.map((count) => (
                <label key={count} className="a4print-copy">
                  <input type="radio" name="a4print-copies" value={count} data-a4print-copies={count} checked={copies === count} disabled={print.stage !== 'ready'} onChange={() => setCopies(count)} />
                  <span>{count}</span>
                </label>
              ))}
            </fieldset>
          )}
          {done && print.outcome !== null && (
            <p role="status" className={print.outcome === 'printed' ? 'memo-result memo-result--ok' : 'memo-result memo-result--problem'} data-a4print-outcome={print.outcome}>
              {keepPunctuation(t(`a4print.${print.outcome}`))}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
