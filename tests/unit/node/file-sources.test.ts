import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkChoice, parseAccept } from '../../../main/core/attachments/accept';
import { copyIntoVisit, listDocuments, RemovableMediaWatcher, type RemovableMediaState } from '../../../main/node/attachments/file-sources';
import { makeTextPdf } from '../../support/make-pdf';

/** Real files in real folders: a fake USB key, a visit's downloads, and the rest of "the machine" beside them. */
let base: string;
let usb: string;
let visit: string;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'file-sources-'));
  usb = join(base, 'media');
  visit = join(base, 'visit');
  mkdirSync(join(usb, 'CLE-USB', 'Papiers', 'Vieux', 'Plus vieux', 'Trop loin'), { recursive: true });
  mkdirSync(join(base, 'secret'), { recursive: true });
  mkdirSync(visit);
  writeFileSync(join(usb, 'CLE-USB', 'passeport.pdf'), makeTextPdf(['Passeport']));
  writeFileSync(join(usb, 'CLE-USB', 'photo.JPG'), JPEG);
  writeFileSync(join(usb, 'CLE-USB', 'notes.exe'), 'MZ');
  writeFileSync(join(usb, 'CLE-USB', '.cache.pdf'), makeTextPdf(['hidden']));
  writeFileSync(join(usb, 'CLE-USB', 'Papiers', 'avis-impot.pdf'), makeTextPdf(['Avis']));
  writeFileSync(join(usb, 'CLE-USB', 'Papiers', 'Vieux', 'Plus vieux', 'Trop loin', 'profond.pdf'), makeTextPdf(['deep']));
  writeFileSync(join(base, 'secret', 'autre-visiteur.pdf'), makeTextPdf(['Not yours']));
  symlinkSync(join(base, 'secret', 'autre-visiteur.pdf'), join(usb, 'CLE-USB', 'lien.pdf'));
  symlinkSync(join(base, 'secret'), join(usb, 'CLE-USB', 'dossier-lien'));
  symlinkSync('/etc', join(usb, 'CLE-USB', 'etc'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('listing a folder for the picker', () => {
  it('lists only regular files of accepted types, never through a link, never hidden ones, not too deep', async () => {
    const listing = await listDocuments(usb, parseAccept('application/pdf,image/*'));
    expect(listing.files.map((file) => file.relativePath)).toEqual(['CLE-USB/Papiers/avis-impot.pdf', 'CLE-USB/passeport.pdf', 'CLE-USB/photo.JPG']);
    expect(listing.files.find((file) => file.name === 'photo.JPG')).toMatchObject({ type: 'image/jpeg', size: JPEG.length });
    expect(listing.truncated).toBe(false);
  });

  it("follows the site's accept: extensions, exact types, wildcards; no accept means any document", async () => {
    expect((await listDocuments(usb, parseAccept('.pdf'))).files.map((file) => file.name)).toEqual(['avis-impot.pdf', 'passeport.pdf']);
    expect((await listDocuments(usb, parseAccept('image/*'))).files.map((file) => file.name)).toEqual(['photo.JPG']);
    expect((await listDocuments(usb, parseAccept(''))).files.map((file) => file.name)).toEqual(['avis-impot.pdf', 'passeport.pdf', 'photo.JPG']);
  });

  it('is bounded in count, and says so', async () => {
    for (let index = 0; index < 30; index++) writeFileSync(join(usb, 'CLE-USB', `scan-${String(index).padStart(2, '0')}.pdf`), 'x');
    const listing = await listDocuments(usb, parseAccept('.pdf'), { maxEntries: 10 });
    expect(listing.files).toHaveLength(10);
    expect(listing.truncated).toBe(true);
  });

  it("this visit's downloads: finished documents only (Chromium's partial .crdownload files are not offered)", async () => {
    const downloads = join(visit, 'downloads');
    mkdirSync(downloads);
    writeFileSync(join(downloads, 'attestation-caf.pdf'), makeTextPdf(['Attestation']));
    writeFileSync(join(downloads, 'recepisse.pdf.crdownload'), 'partial');
    writeFileSync(join(downloads, 'Unconfirmed 123.crdownload'), 'partial');
    expect((await listDocuments(downloads, parseAccept('application/pdf'), { maxDepth: 0 })).files.map((file) => file.name)).toEqual(['attestation-caf.pdf']);
  });

  it('a missing folder (no key) lists nothing', async () => {
    expect(await listDocuments(join(base, 'nothing-here'), parseAccept(''))).toEqual({ files: [], truncated: false });
  });
});

describe('handing a chosen file to the site', () => {
  it('copies it into the visit, byte for byte (same SHA-256)', async () => {
    const source = readFileSync(join(usb, 'CLE-USB', 'passeport.pdf'));
    const result = await copyIntoVisit(usb, 'CLE-USB/passeport.pdf', join(visit, 'attachments'), parseAccept('.pdf'));
    if (!result.ok) throw new Error(result.detail);
    expect(result.file).toMatchObject({ name: 'passeport.pdf', size: source.length, type: 'application/pdf', sha256: sha256(source) });
    expect(sha256(readFileSync(result.file.path))).toBe(sha256(source));
    expect(statSync(result.file.path).mode & 0o777).toBe(0o600);
    const again = await copyIntoVisit(usb, 'CLE-USB/passeport.pdf', join(visit, 'attachments'), parseAccept('.pdf'));
    expect(again.ok && again.file.path.endsWith('passeport (2).pdf')).toBe(true);
  });

  it('refuses links, paths out of the folder, wrong types, disguised content and oversized files', async () => {
    const pdf = parseAccept('.pdf');
    expect(await copyIntoVisit(usb, 'CLE-USB/lien.pdf', visit, pdf)).toMatchObject({ ok: false, problem: 'not-allowed' });
    expect(await copyIntoVisit(usb, 'CLE-USB/dossier-lien/autre-visiteur.pdf', visit, pdf)).toMatchObject({ ok: false, problem: 'not-allowed' });
    expect(await copyIntoVisit(usb, '../secret/autre-visiteur.pdf', visit, pdf)).toMatchObject({ ok: false, problem: 'not-allowed' });
    expect(await copyIntoVisit(usb, '/etc/hostname', visit, parseAccept(''))).toMatchObject({ ok: false, problem: 'not-allowed' });
    expect(await copyIntoVisit(usb, 'CLE-USB/photo.JPG', visit, pdf)).toMatchObject({ ok: false, problem: 'wrong-type' });
    writeFileSync(join(usb, 'CLE-USB', 'faux.pdf'), 'MZ not a pdf');
    expect(await copyIntoVisit(usb, 'CLE-USB/faux.pdf', visit, pdf)).toMatchObject({ ok: false, problem: 'wrong-type' });
    const limits = { maxFileBytes: 100, maxTotalBytes: 1000, maxFiles: 2 };
    expect(await copyIntoVisit(usb, 'CLE-USB/passeport.pdf', visit, pdf, limits)).toMatchObject({ ok: false, problem: 'too-large' });
    expect(await copyIntoVisit(usb, 'CLE-USB/gone.pdf', visit, pdf)).toMatchObject({ ok: false, problem: 'not-found' });
    expect(spawnSync('ls', ['-A', visit]).stdout.toString().trim()).toBe(''); // nothing was copied
  });

  it("the choice is checked against the input's multiple and the limits", () => {
    const accept = parseAccept('.pdf,.jpg');
    expect(checkChoice([{ name: 'a.pdf', size: 10 }], accept, false)).toEqual([]);
    expect(checkChoice([{ name: 'a.pdf', size: 10 }, { name: 'b.jpg', size: 10 }], accept, false)).toEqual([{ code: 'only-one', chosen: 2 }]);
    expect(checkChoice([], accept, true)).toEqual([{ code: 'nothing-chosen' }]);
  });
});

describe('the USB folder, watched', () => {
  let watcher: RemovableMediaWatcher | null = null;
  afterEach(() => watcher?.close());

  async function nextState(states: RemovableMediaState[], count: number): Promise<RemovableMediaState> {
    const deadline = Date.now() + 10_000;
    while (states.length < count) {
      if (Date.now() > deadline) throw new Error(`no change reported (have ${states.length})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return states[count - 1] as RemovableMediaState;
  }

  it('a key plugged in appears, and disappears when pulled out; so does the folder itself', async () => {
    const folder = join(base, 'removable');
    mkdirSync(folder);
    const states: RemovableMediaState[] = [];
    watcher = new RemovableMediaWatcher(folder, (state) => states.push(state), 300);
    expect(await watcher.start()).toEqual({ folderPresent: true, volumes: [] });
    mkdirSync(join(folder, 'MA-CLE'));
    writeFileSync(join(folder, 'MA-CLE', 'avis.pdf'), makeTextPdf(['Avis']));
    const plugged = await nextState(states, 1);
    expect(plugged.volumes.map((volume) => volume.name)).toEqual(['MA-CLE']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await listDocuments(folder, parseAccept('.pdf'))).files.map((file) => file.relativePath)).toEqual(['MA-CLE/avis.pdf']);
    const before = states.length;
    rmSync(join(folder, 'MA-CLE'), { recursive: true });
    const pulled = await nextState(states, before + 1);
    expect(pulled.volumes).toEqual([]);
    rmSync(folder, { recursive: true });
    expect(await nextState(states, before + 2)).toEqual({ folderPresent: false, volumes: [] });
    mkdirSync(folder);
    expect(await nextState(states, before + 3)).toEqual({ folderPresent: true, volumes: [] });
  });

  const canMount = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v mount && command -v umount']).status === 0;
  if (!canMount) console.warn('[skipped] a key mounted on an existing folder: needs root and mount(8)');
  it.skipIf(!canMount)('a file system mounted on an existing folder (no directory event) is seen by the poll, and its unmount too', async () => {
    const folder = join(base, 'removable');
    const mountPoint = join(folder, 'usb0');
    mkdirSync(mountPoint, { recursive: true });
    const states: RemovableMediaState[] = [];
    watcher = new RemovableMediaWatcher(folder, (state) => states.push(state), 300);
    expect((await watcher.start()).volumes).toEqual([{ name: 'usb0', mounted: false }]);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'borne-test-key', mountPoint]);
    if (mounted.status !== 0) {
      console.warn(`[skipped] mount -t tmpfs refused here: ${mounted.stderr.toString().trim()}`);
      return;
    }
    try {
      expect((await nextState(states, 1)).volumes).toEqual([{ name: 'usb0', mounted: true }]);
    } finally {
      spawnSync('umount', ['-l', mountPoint]);
    }
    expect((await nextState(states, 2)).volumes).toEqual([{ name: 'usb0', mounted: false }]);
  });
});
