import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachFile, AttachPicker, AttachProblem, AttachScan } from '../../../../main/core/contract/attach';
import { kioskActions, kioskApi } from '../../bridge';
import { useKioskStore } from '../../store';
import { keepPunctuation } from '../typography';
import { Dialog, type DialogAction } from './Dialog';
import { dismissAction } from './dialog-actions';

/** A document's type as the visitor reads it on the card. */
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WEBP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'text/plain': 'TXT',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/rtf': 'RTF',
};

/** "850 ko", "1,4 Mo" in French, "850 kB" in English: the language's own units. */
export function readableSize(bytes: number, language: string): string {
  const lang = language === 'fr-FALC' ? 'fr' : language;
  if (bytes < 1024 * 1024) return new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

/**
 * "Joindre un document": the site asked for a file, and the kiosk shows what it
 * may offer — this visit's downloads and scans, the USB key, a new scan — as
 * big cards with the file's name, type and size. The choice is sent by the
 * files' ids; the main process checks it again before the site gets anything.
 * "Annuler" leaves the site's field empty.
 */
export function AttachDialog({ picker }: { picker: AttachPicker }) {
  const { t } = useTranslation();
  const language = useKioskStore((state) => state.language);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problems, setProblems] = useState<AttachProblem[]>([]);
  const [sending, setSending] = useState(false);
  const [thumbnails, setThumbnails] = useState<Record<string, string | null>>({});

  const all = [...picker.visit, ...(picker.usb?.files ?? [])];
  const shownIds = all.map((file) => file.id).join(',');
  // A file that left the picker (the key was pulled out) is no longer chosen.
  useEffect(() => {
    const shown = new Set(shownIds.split(','));
    setChosen((previous) => (previous.every((id) => shown.has(id)) ? previous : previous.filter((id) => shown.has(id))));
  }, [shownIds]);
  // A scan just made is chosen, as the visitor expects.
  useEffect(() => {
    const made = picker.lastScanned;
    if (made === null) return;
    setChosen((previous) => (previous.includes(made) ? previous : picker.multiple ? [...previous, made] : [made]));
  }, [picker.lastScanned, picker.multiple]);
  // Thumbnails of the pictures, asked once each.
  const pictures = all.filter((file) => file.picture && !(file.id in thumbnails)).map((file) => file.id);
  useEffect(() => {
    const api = kioskApi();
    if (api === null || pictures.length === 0) return;
    for (const id of pictures) {
      api.attachThumbnail(id).then(
        (url) => setThumbnails((previous) => ({ ...previous, [id]: url })),
        () => setThumbnails((previous) => ({ ...previous, [id]: null })),
      );
    }
  }, [shownIds]);

  const toggle = (id: string): void => {
    setProblems([]);
    setChosen((previous) => {
      if (previous.includes(id)) return previous.filter((other) => other !== id);
      return picker.multiple ? [...previous, id] : [id];
    });
  };

  const send = (): void => {
    const api = kioskApi();
    if (api === null || sending || chosen.length === 0) return;
    setSending(true);
    api.attachFiles(chosen).then(
      (outcome) => {
        setSending(false);
        if (!outcome.ok) setProblems(outcome.problems);
      },
      () => {
        setSending(false);
        setProblems([{ code: 'failed' }]);
      },
    );
  };

  if (picker.scan !== null) return <ScanDialog scan={picker.scan} />;

  const card = (file: AttachFile) => (
    <li key={file.id}>
      <button type="button" className="attach-file" data-attach-file={file.id} data-attach-name={file.name} data-attach-source={file.source} aria-pressed={chosen.includes(file.id)} onClick={() => toggle(file.id)}>
        <span className="attach-thumb" aria-hidden="true">
          {typeof thumbnails[file.id] === 'string' ? <img src={thumbnails[file.id] as string} alt="" /> : <span className="attach-thumb-type">{TYPE_LABELS[file.type] ?? '?'}</span>}
        </span>
        <span className="attach-file-name" dir="auto">
          {file.name}
        </span>
        <span className="attach-file-meta">
          {TYPE_LABELS[file.type] ?? file.type} · {readableSize(file.size, language)}
        </span>
      </button>
    </li>
  );

  const actions: DialogAction[] = [
    { action: 'attach-send', label: sending ? t('attach.sending') : t('attach.send'), look: 'primary', disabled: chosen.length === 0 || sending, onClick: send },
    ...(picker.scanner ? [{ action: 'scan-start', label: t('attach.scan.start'), look: 'secondary' as const, onClick: () => kioskActions.scanDocument('start') }] : []),
    dismissAction(t('attach.cancel'), 'secondary', true),
  ];
  const maxSize = readableSize(picker.maxFileBytes, language);
  return (
    <Dialog name="attach" title={t('attach.title')} onEscape={kioskActions.dismissOverlay} actions={actions}>
      <p>{keepPunctuation(t(picker.multiple ? 'attach.introMany' : 'attach.introOne'))}</p>
      <p data-attach-kinds={picker.kinds?.join(',') ?? 'any'}>
        {keepPunctuation(picker.kinds === null ? t('attach.kindsAny', { max: maxSize }) : t('attach.kinds', { kinds: picker.kinds.join(', '), max: maxSize }))}
      </p>
      {problems.length > 0 && (
        <div role="alert" className="attach-problems" data-attach-problems={problems.map((problem) => problem.code).join(',')}>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{keepPunctuation(t(`attach.problem.${problem.code}`, { name: problem.name ?? '', max: problem.code === 'too-many' ? String(problem.max ?? '') : readableSize(problem.max ?? 0, language) }))}</li>
            ))}
          </ul>
        </div>
      )}
      <section className="attach-source" data-attach-section="visit" aria-labelledby="attach-visit-heading">
        <h3 id="attach-visit-heading">{t('attach.visitHeading')}</h3>
        {picker.visit.length === 0 ? <p className="attach-empty">{keepPunctuation(t('attach.visitEmpty'))}</p> : <ul className="attach-files">{picker.visit.map(card)}</ul>}
      </section>
      {picker.usb !== null && (
        <section className="attach-source" data-attach-section="usb" data-usb-state={picker.usb.state} aria-labelledby="attach-usb-heading">
          <h3 id="attach-usb-heading">{t('attach.usbHeading')}</h3>
          {picker.usb.state === 'no-key' ? (
            <p className="attach-empty">{keepPunctuation(t('attach.usbNoKey'))}</p>
          ) : picker.usb.files.length === 0 ? (
            <p className="attach-empty">{keepPunctuation(t('attach.usbEmpty'))}</p>
          ) : (
            <ul className="attach-files">{picker.usb.files.map(card)}</ul>
          )}
          {picker.usb.truncated && <p className="attach-empty">{keepPunctuation(t('attach.truncated'))}</p>}
        </section>
      )}
    </Dialog>
  );
}

/** "Scanner un document": page by page, a preview of each, then the file. */
function ScanDialog({ scan }: { scan: AttachScan }) {
  const { t } = useTranslation();
  const busy = scan.busy !== null;
  const pages = scan.previews.length;
  const actions: DialogAction[] = [
    { action: 'scan-finish', label: t('attach.scan.finish'), look: 'primary', disabled: busy || pages === 0, onClick: () => kioskActions.scanDocument('finish') },
    { action: 'scan-again', label: t('attach.scan.again'), look: 'secondary', disabled: busy, onClick: () => kioskActions.scanDocument('again') },
    ...(scan.maxPages > 1 ? [{ action: 'scan-add', label: t('attach.scan.add'), look: 'secondary' as const, disabled: busy || pages === 0 || pages >= scan.maxPages, onClick: () => kioskActions.scanDocument('add') }] : []),
    { action: 'scan-cancel', label: t('attach.scan.cancel'), look: 'secondary', focus: true, onClick: () => kioskActions.scanDocument('cancel') },
  ];
  return (
    <Dialog name="attach" title={t('attach.scan.title')} onEscape={() => kioskActions.scanDocument('cancel')} actions={actions}>
      <div data-scan-state={scan.busy ?? (scan.problem === null ? 'ready' : 'problem')} data-scan-pages={pages}>
        <p>{keepPunctuation(t('attach.scan.place'))}</p>
        {scan.busy !== null && (
          <p role="status" className="attach-status">
            {keepPunctuation(t(scan.busy === 'scanning' ? 'attach.scan.scanning' : 'attach.scan.making'))}
          </p>
        )}
        {scan.problem !== null && (
          <p role="alert" className="attach-problems" data-scan-problem={scan.problem}>
            {keepPunctuation(t(`attach.scan.problem.${scan.problem}`))}
          </p>
        )}
        {pages > 0 && (
          <ol className="scan-pages">
            {scan.previews.map((preview, index) => (
              <li key={index}>
                <img src={preview} alt={t('attach.scan.page', { number: index + 1 })} />
                <span>{t('attach.scan.page', { number: index + 1 })}</span>
              </li>
            ))}
          </ol>
        )}
        <p className="attach-empty">{keepPunctuation(t(scan.format === 'pdf' ? 'attach.scan.makesPdf' : 'attach.scan.makesJpeg'))}</p>
      </div>
    </Dialog>
  );
}
