import { existsSync, mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Session } from 'electron';
import type { Refusal } from '../../core/navigation/policy';
import { isVisitorFileUrl } from './visitor-files';
import { isControlCharacter } from '../../core/text/control-characters';

/**
 * Downloads (ELECTRON.md rule 5). A PDF (an attestation, a receipt) goes into
 * the visitor's own folder, deleted at the wipe, and is then shown in the
 * kiosk itself; anything else is cancelled and the visitor told why. Never a
 * save dialog, never a file the station would keep or open.
 */

/** Where a visitor session's downloads go, and what to do once one is there. */
export interface VisitorDownloads {
  /** The visitor's downloads folder. */
  dir: string;
  /** A PDF was saved as `fileName` in `dir`: show it in the visitor's site view. */
  show(fileName: string): void;
  /** A download was refused: tell the visitor. */
  refused(refusal: Refusal): void;
}

const PDF_MIME = 'application/pdf';

/** A PDF by its type or by its name (sites often send attestations as application/octet-stream). */
export function isPdfDownload(mimeType: string, fileName: string): boolean {
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === PDF_MIME || /\.pdf$/i.test(fileName.trim());
}

/** A file name that stays inside the folder: no directories, no hidden file, no control characters. */
export function safeDownloadName(suggested: string): string {
  const name = Array.from(basename(suggested.replace(/\\/g, '/')), (char) => (isControlCharacter(char) ? '_' : char))
    .join('')
    .replace(/[/:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  return name === '' ? 'telechargement' : name;
}

/** The safe name, ending in .pdf: the file is served (and only served) as a PDF. */
export function pdfFileName(suggested: string): string {
  const name = safeDownloadName(suggested);
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

function freePath(dir: string, name: string): string {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = join(dir, name);
  for (let copy = 2; existsSync(candidate); copy += 1) candidate = join(dir, `${stem} (${copy})${extension}`);
  return candidate;
}

/** PDF files start with `%PDF-` within their first kilobyte. */
export async function looksLikePdf(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).includes('%PDF-');
  } finally {
    await file.close();
  }
}

const REFUSED_FILE: Refusal = { reason: 'file-type', host: null };

/**
 * `will-download` on a session. Sessions that are not a visitor's (the kiosk
 * UI, the default session) get no downloads at all.
 */
export function installDownloadGuard(session: Session, downloadsFor: () => VisitorDownloads | null): void {
  session.on('will-download', (event, item) => {
    const target = downloadsFor();
    if (target === null) {
      event.preventDefault();
      return;
    }
    // The PDF viewer's own "download" button on a file already shown: it is already here.
    if (isVisitorFileUrl(item.getURL())) {
      event.preventDefault();
      return;
    }
    if (!isPdfDownload(item.getMimeType(), item.getFilename())) {
      item.cancel();
      target.refused(REFUSED_FILE);
      return;
    }
    // Synchronously: Electron shows a save dialog if no path is set when the handler returns.
    mkdirSync(target.dir, { recursive: true, mode: 0o700 });
    const path = freePath(target.dir, pdfFileName(item.getFilename()));
    item.setSavePath(path);
    item.once('done', (_event, state) => {
      if (state === 'completed') void showIfPdf(path, target);
    });
  });
}

/** A file that says it is a PDF but is not one is deleted, not shown. */
async function showIfPdf(path: string, target: VisitorDownloads): Promise<void> {
  let isPdf: boolean;
  try {
    isPdf = await looksLikePdf(path);
  } catch {
    return; // gone already: the visitor left and the wipe deleted it
  }
  if (isPdf) {
    target.show(basename(path));
    return;
  }
  await rm(path, { force: true }).catch(() => undefined);
  target.refused(REFUSED_FILE);
}
