import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAccept } from '../../../main/core/attachments/accept';
import type { AttachmentDesk, DeskFile, ScanFinishResult, ScanPageResult, TakeResult, TakenFile } from '../../../main/core/attachments/desk';
import type { AttachPicker, AttachSource } from '../../../main/core/contract/attach';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import { acceptedKinds } from '../../../main/core/session/attach-panel';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import type { SiteFileRequest } from '../../../main/core/shell';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { RecordingShell } from '../../support/recording-shell';

/**
 * The kiosk's file picker in the controller (core/session/attach-panel.ts), against
 * a fake desk: what the view shows, that the UI names files only by the ids the
 * panel issued, that a choice is checked before the desk copies it and before the
 * site gets it, that closing leaves the input empty, the scan's steps, and that a
 * visitor who left gets nothing handed to the next one's site.
 */
class FakeDesk implements AttachmentDesk {
  removableMedia = true;
  scanner = true;
  scanMaxBytes = 2 * 1024 * 1024;
  files: Record<AttachSource, DeskFile[]> = { visit: [], usb: [] };
  usbPresent = true;
  watching = false;
  onUsbChange: (() => void) | null = null;
  takeResult: ((key: string) => TakeResult) | null = null;
  taken: string[] = [];
  scanPages: (number | undefined)[] = [];
  scanFails = false;
  finishResult: ScanFinishResult = { ok: true, key: 's/document-scanne.pdf' };
  cancelled = 0;
  ended = 0;

  list(source: AttachSource) {
    if (source === 'usb' && !this.usbPresent) return Promise.resolve({ present: false, files: [], truncated: false });
    return Promise.resolve({ present: true, files: this.files[source], truncated: false });
  }
  watchRemovableMedia(onChange: () => void) {
    this.watching = true;
    this.onUsbChange = onChange;
    return Promise.resolve();
  }
  stopWatching() {
    this.watching = false;
  }
  thumbnail = vi.fn((_source: AttachSource, key: string) => Promise.resolve(`data:image/png;base64,${key}`));
  take(_source: AttachSource, key: string): Promise<TakeResult> {
    this.taken.push(key);
    const file = [...this.files.visit, ...this.files.usb].find((candidate) => candidate.key === key);
    return Promise.resolve(this.takeResult?.(key) ?? { ok: true, file: { path: `/visit/attachments/given/${this.taken.length}/${file?.name ?? 'x'}`, name: file?.name ?? 'x', size: file?.size ?? 1 } });
  }
  scanPage(replace?: number): Promise<ScanPageResult> {
    this.scanPages.push(replace);
    if (this.scanFails) return Promise.resolve({ ok: false, staffMessage: 'scanner "test": no device' });
    return Promise.resolve({ ok: true, page: replace ?? this.scanPages.filter((page) => page === undefined).length - 1, preview: `data:image/jpeg;base64,page${this.scanPages.length}` });
  }
  finishScan(): Promise<ScanFinishResult> {
    if (this.finishResult.ok) this.files.visit = [{ key: 's/document-scanne.pdf', name: 'document-scanne.pdf', size: 5000, type: 'application/pdf' }, ...this.files.visit];
    return Promise.resolve(this.finishResult);
  }
  cancelScan() {
    this.cancelled += 1;
    return Promise.resolve();
  }
  endVisit() {
    this.ended += 1;
    return Promise.resolve();
  }
}

class DeskShell extends RecordingShell {
  constructor(readonly desk: FakeDesk | null) {
    super();
  }
  attachmentDesk() {
    return this.desk;
  }
}

const lines: string[] = [];
const log: KioskLog = {
  info: (event, fields) => lines.push(`info ${event} ${JSON.stringify(fields ?? {})}`),
  warn: (event, fields) => lines.push(`warn ${event} ${JSON.stringify(fields ?? {})}`),
  error: (event, fields) => lines.push(`error ${event} ${JSON.stringify(fields ?? {})}`),
};

function request(accept: string, multiple: boolean) {
  const given: TakenFile[][] = [];
  const site: SiteFileRequest & { given: TakenFile[][] } = {
    accept: parseAccept(accept),
    multiple,
    given,
    give: (files) => {
      given.push([...files]);
      return Promise.resolve();
    },
  };
  return site;
}

const AVIS: DeskFile = { key: 'u/CLE/avis.pdf', name: 'avis.pdf', size: 40_000, type: 'application/pdf' };
const PHOTO: DeskFile = { key: 'u/CLE/photo.png', name: 'photo.png', size: 90_000, type: 'image/png' };
const ATTESTATION: DeskFile = { key: 'd/document-1.pdf', name: 'document-1.pdf', size: 30_000, type: 'application/pdf' };

let desk: FakeDesk;
let shell: DeskShell;
let controller: KioskController;
let clock: FakeClock;

function view(): KioskView {
  const last = shell.views.at(-1);
  if (last === undefined) throw new Error('nothing published');
  return last;
}

function picker(): AttachPicker {
  const overlay = view().overlay;
  if (overlay.name !== 'attach') throw new Error(`the picker is not up (${overlay.name})`);
  return overlay.picker;
}

function idOf(name: string): string {
  const file = [...picker().visit, ...(picker().usb?.files ?? [])].find((candidate) => candidate.name === name);
  if (file === undefined) throw new Error(`${name} is not in the picker`);
  return file.id;
}

async function openPicker(site: SiteFileRequest): Promise<void> {
  controller.fileRequested(site);
  await flushPromises();
}

beforeEach(async () => {
  lines.length = 0;
  desk = new FakeDesk();
  desk.files = { visit: [ATTESTATION], usb: [AVIS, PHOTO] };
  shell = new DeskShell(desk);
  clock = new FakeClock();
  controller = new KioskController(demoStationConfig(8470), shell, clock, log);
  await controller.start();
  await controller.openTile('anef');
});

describe('the kiosk\'s file picker', () => {
  it('answers a site\'s file input with the picker: this visit\'s documents and the USB key, by opaque ids', async () => {
    await openPicker(request('.pdf,image/png', true));
    const shown = picker();
    expect(view().layout).toBe('full');
    expect(shown).toMatchObject({ multiple: true, kinds: ['PDF', 'PNG'], scanner: true, scan: null, lastScanned: null });
    expect(shown.visit.map((file) => file.name)).toEqual(['document-1.pdf']);
    expect(shown.usb).toMatchObject({ state: 'ready', truncated: false });
    for (const file of [...shown.visit, ...(shown.usb?.files ?? [])]) {
      expect(file.id).toMatch(/^f[0-9]+$/);
      expect(JSON.stringify(file)).not.toContain('CLE/'); // the desk's keys never reach the UI
    }
    expect(shown.usb?.files.find((file) => file.name === 'photo.png')?.picture).toBe(true);
    expect(desk.watching).toBe(true);
    expect(lines).toContain('info attach-opened {"multiple":true,"usb":true,"scanner":true}');
  });

  it('hands the chosen files to the site once checked and copied, then closes; the log names no file', async () => {
    const site = request('.pdf,image/png', true);
    await openPicker(site);
    const outcome = await controller.attachFiles([idOf('avis.pdf'), idOf('photo.png')]);
    expect(outcome).toEqual({ ok: true });
    expect(desk.taken).toEqual(['u/CLE/avis.pdf', 'u/CLE/photo.png']);
    expect(site.given).toEqual([[{ path: '/visit/attachments/given/1/avis.pdf', name: 'avis.pdf', size: 40_000 }, { path: '/visit/attachments/given/2/photo.png', name: 'photo.png', size: 90_000 }]]);
    expect(view().overlay).toEqual({ name: 'none' });
    expect(desk.watching).toBe(false);
    expect(lines).toContain('info attach-given {"files":2,"usb":2}');
    expect(lines.filter((line) => /avis|photo|CLE/.test(line))).toEqual([]);
  });

  it('refuses before copying: a second file for a single input, a type the input does not take, an id it never issued', async () => {
    desk.files.usb = [AVIS, PHOTO];
    const site = request('application/pdf', false);
    await openPicker(site);
    await expect(controller.attachFiles([idOf('avis.pdf'), idOf('document-1.pdf')])).resolves.toEqual({ ok: false, problems: [{ code: 'only-one' }] });
    // A desk that listed a picture for a PDF-only input is caught by the panel's own check.
    await expect(controller.attachFiles([idOf('photo.png')])).resolves.toEqual({ ok: false, problems: [{ code: 'wrong-type', name: 'photo.png' }] });
    await expect(controller.attachFiles(['f999'])).resolves.toEqual({ ok: false, problems: [{ code: 'gone' }] });
    await expect(controller.attachFiles([])).resolves.toEqual({ ok: false, problems: [{ code: 'nothing-chosen' }] });
    expect(desk.taken).toEqual([]);
    expect(site.given).toEqual([]);
    expect(picker()).toBeDefined(); // still open: the visitor chooses again
  });

  it('says what the desk refused on the opened file (its bytes are not a PDF), and the site gets nothing', async () => {
    desk.takeResult = () => ({ ok: false, problem: 'wrong-type', detail: 'CLE/avis.pdf: its content is not application/pdf' });
    const site = request('.pdf', true);
    await openPicker(site);
    await expect(controller.attachFiles([idOf('avis.pdf')])).resolves.toEqual({ ok: false, problems: [{ code: 'wrong-type', name: 'avis.pdf' }] });
    expect(site.given).toEqual([]);
    expect(lines).toContain('info attach-refused {"problem":"wrong-type","source":"usb"}');
  });

  it('closing the picker leaves the input empty and stops the watch; a later choice is refused', async () => {
    const site = request('.pdf', true);
    await openPicker(site);
    const id = idOf('avis.pdf');
    await controller.dismissOverlay();
    expect(view().overlay).toEqual({ name: 'none' });
    expect(desk.watching).toBe(false);
    await expect(controller.attachFiles([id])).resolves.toEqual({ ok: false, problems: [{ code: 'failed' }] });
    expect(site.given).toEqual([]);
  });

  it('follows the USB key: plugged out, its files go and can no longer be chosen', async () => {
    await openPicker(request('.pdf', true));
    const id = idOf('avis.pdf');
    desk.usbPresent = false;
    desk.onUsbChange?.();
    await flushPromises();
    expect(picker().usb).toEqual({ state: 'no-key', files: [], truncated: false });
    await expect(controller.attachFiles([id])).resolves.toEqual({ ok: false, problems: [{ code: 'gone' }] });
    desk.usbPresent = true;
    desk.onUsbChange?.();
    await flushPromises();
    expect(idOf('avis.pdf')).toBe(id); // the same file keeps its id
  });

  it('only pictures get thumbnails, and only while the picker is up', async () => {
    await openPicker(request('.pdf,image/png', true));
    await expect(controller.attachThumbnail(idOf('photo.png'))).resolves.toBe('data:image/png;base64,u/CLE/photo.png');
    await expect(controller.attachThumbnail(idOf('avis.pdf'))).resolves.toBeNull();
    const photo = idOf('photo.png');
    await controller.dismissOverlay();
    await expect(controller.attachThumbnail(photo)).resolves.toBeNull();
    expect(desk.thumbnail).toHaveBeenCalledOnce();
  });

  it('scans page by page (again replaces the last page, add appends), then the made file is listed and chosen', async () => {
    await openPicker(request('.pdf', true));
    await controller.scanDocument('start');
    expect(picker().scan).toMatchObject({ previews: ['data:image/jpeg;base64,page1'], busy: null, problem: null, format: 'pdf', maxPages: 10 });
    await controller.scanDocument('again');
    await controller.scanDocument('add');
    expect(desk.scanPages).toEqual([undefined, 0, undefined]);
    expect(picker().scan?.previews).toHaveLength(2);
    // No choice is handed over while a scan is on screen.
    await expect(controller.attachFiles([idOf('avis.pdf')])).resolves.toEqual({ ok: false, problems: [{ code: 'failed' }] });
    await controller.scanDocument('finish');
    expect(picker().scan).toBeNull();
    expect(picker().lastScanned).toBe(idOf('document-scanne.pdf'));
    expect(lines).toContain('info scan-made {"pages":2,"format":"pdf"}');
  });

  it('a site that takes pictures only gets a one-page JPEG scan; a site that takes neither gets no scanner', async () => {
    await openPicker(request('image/jpeg', false));
    expect(picker().scanner).toBe(true);
    await controller.scanDocument('start');
    expect(picker().scan).toMatchObject({ format: 'jpeg', maxPages: 1 });
    await controller.scanDocument('add');
    expect(desk.scanPages).toEqual([undefined]);
    await controller.scanDocument('cancel');
    expect(picker().scan).toBeNull();
    expect(desk.cancelled).toBe(1);
    await controller.dismissOverlay();
    await openPicker(request('.txt', false));
    expect(picker().scanner).toBe(false);
    await controller.scanDocument('start');
    expect(picker().scan).toBeNull();
  });

  it('a scanner that fails says so to the visitor and in a staff warning', async () => {
    desk.scanFails = true;
    await openPicker(request('.pdf', true));
    await controller.scanDocument('start');
    expect(picker().scan).toMatchObject({ previews: [], busy: null, problem: 'scanner-failed' });
    expect(lines.some((line) => line.startsWith('warn scan-failed {"stage":"page"'))).toBe(true);
  });

  it('a scan still too large at the lowest quality says so, keeps its pages, and the staff read why', async () => {
    desk.finishResult = { ok: false, problem: 'too-large', staffMessage: 'scan: 2 page(s) are still 3000000 bytes at the lowest quality (limit 2097152)' };
    await openPicker(request('.pdf', true));
    await controller.scanDocument('start');
    await controller.scanDocument('add');
    await controller.scanDocument('finish');
    expect(picker().scan).toMatchObject({ busy: null, problem: 'too-large' });
    expect(picker().scan?.previews).toHaveLength(2);
    expect(lines.some((line) => line.startsWith('warn scan-failed {"stage":"finish","problem":"too-large"'))).toBe(true);
  });

  it('a visitor who leaves while files are copied hands nothing to the next visitor\'s site', async () => {
    const site = request('.pdf', true);
    await openPicker(site);
    let release: (result: TakeResult) => void = () => undefined;
    desk.take = (key) => {
      desk.taken.push(key);
      return new Promise<TakeResult>((resolve) => (release = resolve));
    };
    const pending = controller.attachFiles([idOf('avis.pdf')]);
    await controller.requestEndSession();
    await controller.confirmEndSession();
    release({ ok: true, file: { path: '/visit/attachments/given/1/avis.pdf', name: 'avis.pdf', size: 1 } });
    await expect(pending).resolves.toEqual({ ok: false, problems: [{ code: 'failed' }] });
    expect(site.given).toEqual([]);
  });

  it('the idle warning covers the picker; "Je suis encore là" brings it back as it was, the idle wipe closes it', async () => {
    const site = request('.pdf', true);
    await openPicker(site);
    const id = idOf('avis.pdf');
    const timeout = demoStationConfig(8470).idle.timeoutSeconds * 1000;
    await clock.advance(timeout);
    expect(view().overlay.name).toBe('idle-warning');
    expect(desk.watching).toBe(true); // the picker waits under the warning
    await expect(controller.attachFiles([id])).resolves.toEqual({ ok: false, problems: [{ code: 'failed' }] });
    await controller.stillHere();
    await flushPromises();
    expect(idOf('avis.pdf')).toBe(id);
    expect(view().layout).toBe('full');
    await expect(controller.attachFiles([id])).resolves.toEqual({ ok: true });
    expect(site.given).toHaveLength(1);

    const next = request('.pdf', true);
    await openPicker(next);
    await clock.advance(timeout);
    expect(view().overlay.name).toBe('idle-warning');
    await clock.advance(demoStationConfig(8470).idle.warningSeconds * 1000);
    await flushPromises();
    expect(view().screen).toEqual({ name: 'home', notice: 'wiped-after-idle' });
    expect(desk.watching).toBe(false);
    expect(next.given).toEqual([]);
  });

  it('another panel taking the picker\'s place (the idle warning, a refused address) closes it', async () => {
    await openPicker(request('.pdf', true));
    await controller.scanDocument('start');
    controller.navigationRefused({ reason: 'host', host: 'ailleurs.example.net' });
    await flushPromises();
    expect(view().overlay.name).toBe('refused');
    expect(desk.watching).toBe(false);
    expect(desk.cancelled).toBe(1);
  });

  it('ignores a file request when the démarche is not what the visitor sees, and a second one while the picker is up', async () => {
    await controller.goHome();
    await openPicker(request('.pdf', true));
    expect(view().overlay).toEqual({ name: 'none' });
    await controller.openTile('anef');
    const first = request('.pdf', true);
    await openPicker(first);
    await openPicker(request('image/png', false));
    expect(picker().kinds).toEqual(['PDF']);
  });

  it('a station whose shell has no desk shows the "ask a staff member" panel instead', async () => {
    shell = new DeskShell(null);
    controller = new KioskController(demoStationConfig(8470), shell, new FakeClock(), log);
    await controller.start();
    await controller.openTile('anef');
    controller.fileRequested(request('.pdf', true));
    await flushPromises();
    expect(view().overlay).toEqual({ name: 'print-or-file', request: 'file' });
  });
});

describe('the types a site takes, as the visitor reads them', () => {
  it.each([
    ['.pdf,image/jpeg,image/png', ['PDF', 'JPEG', 'PNG']],
    ['application/pdf', ['PDF']],
    ['image/*', ['JPEG', 'PNG', 'GIF', 'WEBP', 'HEIC', 'HEIF', 'TIFF', 'BMP']],
    ['', null],
    ['.exe', []],
  ])('%j → %j', (accept, kinds) => {
    expect(acceptedKinds(parseAccept(accept))).toEqual(kinds);
  });
});
