import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENT_LIMITS, parseAccept } from '../../../main/core/attachments/accept';
import { NodeAttachmentDesk } from '../../../main/node/attachments/attachment-desk';
import { makeTextPdf } from '../../support/make-pdf';
import { tempFoldersPerTest } from '../../support/temp-folders';

/**
 * The picker's sources on a real file system (node/attachments/attachment-desk.ts):
 * keys that name only files below their own folder, copies into the visitor's
 * folder byte for byte, thumbnails of real pictures only, the USB folder watched,
 * the scanner through SANE's test backend, and the visit's end deleting it all.
 */
const tempFolder = tempFoldersPerTest('attachment-desk-');
const PDF = makeTextPdf(['Avis']);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082', 'hex');
const ACCEPT = parseAccept('.pdf,image/png');

function setup(options: { scanner?: boolean; pollMs?: number } = {}) {
  const usb = tempFolder();
  const own = tempFolder();
  const downloads = join(own, 'downloads');
  mkdirSync(downloads);
  let visit: { downloads: string; own: string } | null = { downloads, own };
  const desk = new NodeAttachmentDesk({
    documents: { removableMediaFolder: usb, ...(options.scanner === true ? { scanner: { device: 'test', resolution: 75 } } : {}), scanMaxKilobytes: 500 },
    visitFolders: () => visit,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  return { desk, usb, own, downloads, leave: () => (visit = null) };
}

describe('the picker\'s desk on the file system', () => {
  it('says the station\'s options: USB folder, scanner, the scan size limit', () => {
    const { desk } = setup({ scanner: true });
    expect({ usb: desk.removableMedia, scanner: desk.scanner, max: desk.scanMaxBytes }).toEqual({ usb: true, scanner: true, max: 500 * 1024 });
    const bare = new NodeAttachmentDesk({ documents: undefined, visitFolders: () => null });
    expect({ usb: bare.removableMedia, scanner: bare.scanner, max: bare.scanMaxBytes }).toEqual({ usb: false, scanner: false, max: 2 * 1024 * 1024 });
  });

  it('lists a key\'s accepted documents by keys below the folder, and no link, hidden file or other type', async () => {
    const { desk, usb } = setup();
    expect(await desk.list('usb', ACCEPT)).toEqual({ present: false, files: [], truncated: false });
    const outside = tempFolder();
    writeFileSync(join(outside, 'secret.pdf'), PDF);
    mkdirSync(join(usb, 'CLE'));
    writeFileSync(join(usb, 'CLE', 'avis.pdf'), PDF);
    writeFileSync(join(usb, 'CLE', 'photo.png'), PNG);
    writeFileSync(join(usb, 'CLE', 'notes.exe'), 'MZ');
    writeFileSync(join(usb, 'CLE', '.cache.pdf'), PDF);
    symlinkSync(join(outside, 'secret.pdf'), join(usb, 'CLE', 'lien.pdf'));
    symlinkSync(outside, join(usb, 'CLE', 'dossier'));
    const listed = await desk.list('usb', ACCEPT);
    expect(listed.present).toBe(true);
    expect(listed.files.map((file) => file.key).sort()).toEqual(['u/CLE/avis.pdf', 'u/CLE/photo.png']);
  });

  it('copies a chosen file into the visitor\'s folder byte for byte, and refuses keys that leave their folder', async () => {
    const { desk, usb, own } = setup();
    mkdirSync(join(usb, 'CLE'));
    writeFileSync(join(usb, 'CLE', 'avis.pdf'), PDF);
    const taken = await desk.take('usb', 'u/CLE/avis.pdf', ACCEPT, DEFAULT_ATTACHMENT_LIMITS);
    if (!taken.ok) throw new Error(taken.detail);
    expect(taken.file.path.startsWith(join(own, 'attachments', 'given'))).toBe(true);
    expect(taken.file.name).toBe('avis.pdf');
    expect(readFileSync(taken.file.path).equals(PDF)).toBe(true);
    for (const [source, key] of [['usb', 'u/../../etc/passwd'], ['usb', 'u//etc/passwd'], ['usb', 'd/CLE/avis.pdf'], ['visit', 'u/CLE/avis.pdf'], ['visit', 'x/avis.pdf'], ['usb', 'u/']] as const) {
      const refused = await desk.take(source, key, ACCEPT, DEFAULT_ATTACHMENT_LIMITS);
      expect(refused.ok, `${source} ${key}`).toBe(false);
    }
  });

  it('lists this visit\'s downloads, and makes thumbnails of real pictures only', async () => {
    const { desk, downloads } = setup();
    writeFileSync(join(downloads, 'document-1.pdf'), PDF);
    writeFileSync(join(downloads, 'image.png'), PNG);
    writeFileSync(join(downloads, 'faux.png'), 'pas une image');
    const listed = await desk.list('visit', ACCEPT);
    expect(listed.files.map((file) => file.key).sort()).toEqual(['d/document-1.pdf', 'd/faux.png', 'd/image.png']);
    expect(await desk.thumbnail('visit', 'd/image.png')).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(await desk.thumbnail('visit', 'd/faux.png')).toBeNull();
    expect(await desk.thumbnail('visit', 'd/../image.png')).toBeNull();
  });

  it('tells when a key is plugged in the watched folder', async () => {
    const { desk, usb } = setup({ pollMs: 50 });
    let changes = 0;
    await desk.watchRemovableMedia(() => (changes += 1));
    mkdirSync(join(usb, 'CLE'));
    await expect.poll(() => changes, { timeout: 3000 }).toBeGreaterThan(0);
    desk.stopWatching();
    const seen = changes;
    mkdirSync(join(usb, 'AUTRE'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changes).toBe(seen);
  });

  it('the visit\'s end deletes the copies and scans, and the next visit starts from its own folders', async () => {
    const { desk, usb, own } = setup();
    writeFileSync(join(usb, 'avis.pdf'), PDF);
    const taken = await desk.take('usb', 'u/avis.pdf', ACCEPT, DEFAULT_ATTACHMENT_LIMITS);
    expect(taken.ok).toBe(true);
    expect(desk.visitAttachmentsFolder).toBe(join(own, 'attachments'));
    await desk.endVisit();
    expect(existsSync(join(own, 'attachments'))).toBe(false);
    expect(desk.visitAttachmentsFolder).toBeNull();
    expect(existsSync(join(usb, 'avis.pdf'))).toBe(true); // the key is the visitor's: left as it was
  });
});

const scannerMissing = ['scanimage', 'cjpeg', 'djpeg', 'img2pdf'].find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const scannerProblem = scannerMissing !== undefined ? `${scannerMissing} is not installed` : spawnSync('scanimage', ['-d', 'test', '-n']).status === 0 ? null : "SANE's test backend is not available";
if (scannerProblem !== null) console.warn(`[skipped] the desk's scanner: ${scannerProblem}`);

describe.skipIf(scannerProblem !== null)("the desk's scanner (SANE's test backend) and its JPEG tools", () => {
  it('a phone-sized photo gets a thumbnail an eighth of its size, made through pipes', async () => {
    const { desk, downloads } = setup();
    const width = 1600;
    const height = 1200;
    const pnm = Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), randomBytes(width * height * 3)]);
    const photo = execFileSync('cjpeg', ['-quality', '95'], { input: pnm, maxBuffer: 64 * 1024 * 1024 });
    expect(photo.length).toBeGreaterThan(1024 * 1024);
    writeFileSync(join(downloads, 'photo.jpg'), photo);
    const thumbnail = await desk.thumbnail('visit', 'd/photo.jpg');
    expect(thumbnail?.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    const small = Buffer.from((thumbnail ?? '').split(',')[1] ?? '', 'base64');
    expect(small.length).toBeLessThan(512 * 1024);
    const header = execFileSync('djpeg', ['-pnm'], { input: small, maxBuffer: 64 * 1024 * 1024 }).subarray(0, 20).toString('latin1');
    expect(header).toMatch(/^P6\s+200\s+150\s/);
  });


  it('scans a page with a preview, makes the PDF among this visit\'s documents, and the end of the visit deletes it', async () => {
    const { desk, own } = setup({ scanner: true });
    const page = await desk.scanPage();
    if (!page.ok) throw new Error(page.staffMessage);
    expect(page.preview.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    const made = await desk.finishScan('pdf', desk.scanMaxBytes);
    expect(made).toEqual({ ok: true, key: 's/document-scanne.pdf' });
    const listed = await desk.list('visit', ACCEPT);
    expect(listed.files.map((file) => file.key)).toEqual(['s/document-scanne.pdf']);
    expect(readFileSync(join(own, 'attachments', 'scans', 'document-scanne.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await desk.endVisit();
    expect(existsSync(join(own, 'attachments'))).toBe(false);
  });
});
