import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Protocol, Session } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDownloadGuard, isPdfDownload, pdfFileName, safeDownloadName, type VisitorDownloads } from '../../../main/shells/electron/downloads';
import {
  createVisitorFileHandler,
  registerVisitorFileProtocol,
  resolveVisitorFile,
  visitorFileName,
  visitorFileUrl,
} from '../../../main/shells/electron/visitor-files';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

const PDF = '%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n';

let root: string;
beforeEach(() => {
  fake.resetElectronFake();
  root = mkdtempSync(join(tmpdir(), 'kiosk-downloads-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function visitor(dir = join(root, 'visitor-1-a', 'downloads')) {
  const ses = fake.session.fromPartition('visitor-1-a');
  const target = { dir, show: vi.fn<VisitorDownloads['show']>(), refused: vi.fn<VisitorDownloads['refused']>() };
  installDownloadGuard(fake.asElectron<Session>(ses), () => target);
  const download = (item: fake.FakeDownloadItem): fake.FakeEvent => {
    const event = fake.fakeEvent();
    ses.emit('will-download', event, item, null);
    return event;
  };
  return { ses, target, download, dir };
}

/** Writes what Electron would have written at the save path, then says it is done. */
function complete(item: fake.FakeDownloadItem, content: string): void {
  writeFileSync(item.savePath, content);
  item.finish('completed');
}

describe('downloads in a visitor session', () => {
  it("saves a PDF straight into the visitor's folder, never through a dialog, then shows it", async () => {
    const { download, target, dir } = visitor();
    const item = new fake.FakeDownloadItem('https://www.caf.fr/attestation', 'attestation.pdf', 'application/pdf');
    expect(download(item).defaultPrevented).toBe(false);
    expect(item.setSavePath).toHaveBeenCalledWith(join(dir, 'attestation.pdf'));
    expect(target.show).not.toHaveBeenCalled();
    complete(item, PDF);
    await vi.waitFor(() => expect(target.show).toHaveBeenCalledWith('attestation.pdf'));
    expect(target.refused).not.toHaveBeenCalled();
  });

  it('recognises a PDF by its type or by its name', async () => {
    const { download, target, dir } = visitor();
    const byType = new fake.FakeDownloadItem('https://www.caf.fr/doc', 'releve', 'application/pdf; charset=binary');
    const byName = new fake.FakeDownloadItem('https://www.caf.fr/doc2', 'Relevé.PDF', 'application/octet-stream');
    download(byType);
    download(byName);
    expect(byType.savePath).toBe(join(dir, 'releve.pdf'));
    expect(byName.savePath).toBe(join(dir, 'Relevé.PDF'));
    complete(byType, PDF);
    complete(byName, PDF);
    await vi.waitFor(() => expect(target.show).toHaveBeenCalledTimes(2));
  });

  it('keeps two files of the same name', () => {
    const { download, dir } = visitor();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'attestation.pdf'), PDF);
    const item = new fake.FakeDownloadItem('https://www.caf.fr/a', 'attestation.pdf', 'application/pdf');
    download(item);
    expect(item.savePath).toBe(join(dir, 'attestation (2).pdf'));
  });

  it('keeps a hostile file name inside the folder', () => {
    const { download, dir } = visitor();
    const item = new fake.FakeDownloadItem('https://www.caf.fr/a', '../../.bashrc.pdf', 'application/pdf');
    download(item);
    expect(dirname(item.savePath)).toBe(dir);
  });

  it('cancels any other file type and tells the visitor', () => {
    const { download, target } = visitor();
    for (const [name, type] of [
      ['programme.exe', 'application/octet-stream'],
      ['photo.jpg', 'image/jpeg'],
      ['script.sh', 'text/x-sh'],
    ] as const) {
      const item = new fake.FakeDownloadItem(`https://www.caf.fr/${name}`, name, type);
      download(item);
      expect(item.cancel, name).toHaveBeenCalled();
      expect(item.setSavePath, name).not.toHaveBeenCalled();
    }
    expect(target.refused).toHaveBeenCalledTimes(3);
    expect(target.refused).toHaveBeenCalledWith({ reason: 'file-type', host: null });
    expect(target.show).not.toHaveBeenCalled();
  });

  it('deletes, and does not show, a "PDF" that is not one', async () => {
    const { download, target, dir } = visitor();
    const item = new fake.FakeDownloadItem('https://www.caf.fr/a', 'attestation.pdf', 'application/pdf');
    download(item);
    complete(item, 'MZ this is a program');
    await vi.waitFor(() => expect(target.refused).toHaveBeenCalledWith({ reason: 'file-type', host: null }));
    expect(target.show).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('shows nothing for a download that did not finish', async () => {
    const { download, target } = visitor();
    const item = new fake.FakeDownloadItem('https://www.caf.fr/a', 'attestation.pdf', 'application/pdf');
    download(item);
    item.finish('interrupted');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(target.show).not.toHaveBeenCalled();
  });

  it("ignores the PDF viewer's own save button on a file already shown", () => {
    const { download, target } = visitor();
    const item = new fake.FakeDownloadItem(visitorFileUrl('attestation.pdf'), 'attestation.pdf', 'application/pdf');
    expect(download(item).defaultPrevented).toBe(true);
    expect(item.setSavePath).not.toHaveBeenCalled();
    expect(target.refused).not.toHaveBeenCalled();
  });
});

describe('downloads elsewhere', () => {
  it('are cancelled in sessions that are not a visitor’s', () => {
    const ses = fake.session.fromPartition('kiosk-ui');
    installDownloadGuard(fake.asElectron<Session>(ses), () => null);
    const item = new fake.FakeDownloadItem('kiosk://app/x.pdf', 'x.pdf', 'application/pdf');
    const event = fake.fakeEvent();
    ses.emit('will-download', event, item, null);
    expect(event.defaultPrevented).toBe(true);
    expect(item.setSavePath).not.toHaveBeenCalled();
  });
});

describe('download names', () => {
  it.each([
    ['attestation.pdf', 'attestation.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['.bashrc', 'bashrc'],
    ['', 'telechargement'],
    ['..', 'telechargement'],
    ['a\u0000b.pdf', 'a_b.pdf'],
  ])('names %j as %j', (suggested, expected) => {
    expect(safeDownloadName(suggested)).toBe(expected);
  });

  it('gives every saved PDF a .pdf name', () => {
    expect(pdfFileName('attestation.pdf')).toBe('attestation.pdf');
    expect(pdfFileName('releve')).toBe('releve.pdf');
    expect(pdfFileName('')).toBe('telechargement.pdf');
  });

  it('tells a PDF apart', () => {
    expect(isPdfDownload('application/pdf', 'x')).toBe(true);
    expect(isPdfDownload('Application/PDF; q=1', 'x')).toBe(true);
    expect(isPdfDownload('', 'x.pdf')).toBe(true);
    expect(isPdfDownload('application/octet-stream', 'x.exe')).toBe(false);
    expect(isPdfDownload('application/x-pdf-but-not', 'x.pdf.exe')).toBe(false);
  });
});

describe('kiosk-file:// addresses', () => {
  it('name a PDF of the downloads folder, and nothing else', () => {
    expect(visitorFileUrl('Relevé (2).pdf')).toBe('kiosk-file://download/Relev%C3%A9%20(2).pdf');
    expect(visitorFileName(visitorFileUrl('Relevé (2).pdf'))).toBe('Relevé (2).pdf');
    for (const url of [
      'kiosk-file://download/',
      'kiosk-file://download/a/b.pdf',
      'kiosk-file://download/..%2F..%2Fetc%2Fpasswd.pdf',
      'kiosk-file://download/%2e%2e%2fsecret.pdf',
      'kiosk-file://download/.hidden.pdf',
      'kiosk-file://download/notes.txt',
      'kiosk-file://other/attestation.pdf',
      'kiosk-file://user@download/attestation.pdf',
      'kiosk-file://download/attestation.pdf?x=1',
      'kiosk-file://download/%E0%A4%A.pdf',
      'file:///tmp/attestation.pdf',
      'not an address',
    ]) {
      expect(visitorFileName(url), url).toBeNull();
    }
  });
});

describe('the kiosk-file:// protocol', () => {
  function folder() {
    const dir = join(root, 'visitor-1-a', 'downloads');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'attestation.pdf'), PDF);
    return dir;
  }

  it("serves a PDF of the visitor's folder, as a PDF, never cached", async () => {
    const handler = createVisitorFileHandler(folder());
    const response = await handler({ url: visitorFileUrl('attestation.pdf'), method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe(PDF);
  });

  it('serves nothing else: missing files, other folders, links out, other methods', async () => {
    const dir = folder();
    writeFileSync(join(root, 'secret.pdf'), PDF);
    symlinkSync(join(root, 'secret.pdf'), join(dir, 'lien.pdf'));
    mkdirSync(join(dir, 'dossier.pdf'));
    const handler = createVisitorFileHandler(dir);
    for (const url of ['kiosk-file://download/absent.pdf', 'kiosk-file://download/..%2Fsecret.pdf', 'kiosk-file://download/lien.pdf', 'kiosk-file://download/dossier.pdf']) {
      expect((await handler({ url, method: 'GET' })).status, url).toBe(404);
    }
    expect((await handler({ url: visitorFileUrl('attestation.pdf'), method: 'POST' })).status).toBe(405);
    expect(await resolveVisitorFile(dir, 'kiosk-file://download/lien.pdf')).toBeNull();
  });

  it('serves nothing once the wipe has deleted the folder', async () => {
    const dir = folder();
    const handler = createVisitorFileHandler(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(existsSync(dir)).toBe(false);
    expect((await handler({ url: visitorFileUrl('attestation.pdf'), method: 'GET' })).status).toBe(404);
  });

  it('is registered on the protocol it is given (the visitor partition’s own)', () => {
    const ses = fake.session.fromPartition('visitor-1-a');
    registerVisitorFileProtocol(fake.asElectron<Protocol>(ses.protocol), folder());
    expect(ses.protocol.handlers.has('kiosk-file')).toBe(true);
    expect(fake.protocol.handlers.has('kiosk-file')).toBe(false);
  });
});
