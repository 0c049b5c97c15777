import { checkChoice, DEFAULT_ATTACHMENT_LIMITS, DOCUMENT_TYPES, accepts, scanFormatFor, type AcceptRule, type AttachmentLimits, type AttachmentProblem } from '../attachments/accept';
import type { AttachmentDesk, TakenFile, TakeProblem } from '../attachments/desk';
import type { AttachFile, AttachOutcome, AttachPicker, AttachProblem, AttachScan, AttachSource, ScanStep } from '../contract/attach';
import type { KioskLog } from '../log';
import type { SiteFileRequest } from '../shell';

/** What the picker needs of the visit (visit.ts). */
export interface AttachVisit {
  /** The démarche is on screen, under no panel but the picker's own: a file request may be answered. */
  fileRequestWelcome(): boolean;
  attachShown(): boolean;
  /** Puts the picker up (full screen), or updates it when it is up. */
  showAttach(picker: AttachPicker): Promise<void>;
  /** Takes the picker down, back to the démarche. */
  closeAttach(): Promise<void>;
  markActivity(): void;
  /** Changes at every wipe. */
  generation(): number;
  background(work: Promise<void>, what: string): void;
}

/** A scan holds at most this many pages (a démarche's justificatif is a few pages). */
export const MAX_SCAN_PAGES = 10;

interface PickerEntry {
  readonly id: string;
  readonly source: AttachSource;
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/** Labels of the types a site takes, as the visitor reads them ("PDF", "JPEG"…), once each. */
export function acceptedKinds(accept: AcceptRule): string[] | null {
  if (accept.any) return null;
  const kinds: string[] = [];
  for (const [extension, type] of Object.entries(DOCUMENT_TYPES)) {
    if (!accepts(accept, `document${extension}`)) continue;
    const label = KIND_LABELS[type] ?? extension.slice(1).toUpperCase();
    if (!kinds.includes(label)) kinds.push(label);
  }
  return kinds;
}

const KIND_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'text/plain': 'TXT',
};

const PICTURES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * The kiosk's file picker: a site's file input asked for files, and the visitor
 * chooses among this visit's documents, the USB key's and a new scan. Files are
 * named to the UI by ids issued here (the desk's keys, and its paths, stay on this
 * side); the choice is checked (the site's accept and multiple, the kiosk's sizes)
 * before the desk copies it and the shell hands it over. Closing the picker
 * without a choice leaves the input empty. Pure: the desk and the shell do the I/O.
 */
export class AttachPanel {
  private request: SiteFileRequest | null = null;
  private entries = new Map<string, PickerEntry>();
  private idOf = new Map<string, string>();
  private nextId = 1;
  private scan: AttachScan | null = null;
  private lastScanned: string | null = null;
  /** The files being handed over: the picker refuses a second choice meanwhile. */
  private giving = false;

  constructor(
    private readonly desk: AttachmentDesk | null,
    private readonly visit: AttachVisit,
    private readonly log: KioskLog,
    private readonly limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
  ) {}

  /** The station can answer file requests with the picker. */
  get available(): boolean {
    return this.desk !== null;
  }

  /** A site's file input asked for files. */
  async opened(request: SiteFileRequest): Promise<void> {
    const desk = this.desk;
    if (desk === null || !this.visit.fileRequestWelcome() || this.visit.attachShown()) return;
    this.forget();
    this.request = request;
    this.visit.markActivity();
    this.log.info('attach-opened', { multiple: request.multiple, usb: desk.removableMedia, scanner: desk.scanner });
    const picker = await this.build();
    if (this.request !== request || picker === null) return;
    await this.visit.showAttach(picker);
    // Another panel came first (a refused address, the idle warning): no picker, no watch.
    if (!this.visit.attachShown() || this.request !== request) {
      if (this.request === request) this.closed();
      return;
    }
    if (desk.removableMedia) await desk.watchRemovableMedia(() => this.visit.background(this.refresh(), 'attach-usb-changed'));
  }

  /** The picker was taken down (the visitor closed it, or another panel took its place): the input stays empty. */
  closed(): void {
    if (this.request === null) return;
    this.request = null;
    this.desk?.stopWatching();
    if (this.scan !== null) {
      this.scan = null;
      this.visit.background(this.desk?.cancelScan() ?? Promise.resolve(), 'scan-cancel');
    }
  }

  /** The visitor left: nothing of the picker is kept (the desk's files go with the shell's wipe steps). */
  forget(): void {
    this.request = null;
    this.entries = new Map();
    this.idOf = new Map();
    this.scan = null;
    this.lastScanned = null;
    this.giving = false;
  }

  async thumbnail(fileId: string): Promise<string | null> {
    const entry = this.entries.get(fileId);
    if (this.desk === null || this.request === null || entry === undefined || !PICTURES.has(entry.type)) return null;
    return this.desk.thumbnail(entry.source, entry.key);
  }

  /** The visitor's choice: checked, copied into the visitor's folder, handed to the site's input. */
  async attach(fileIds: string[]): Promise<AttachOutcome> {
    const desk = this.desk;
    const request = this.request;
    if (desk === null || request === null || !this.visit.attachShown() || this.giving || this.scan !== null) return { ok: false, problems: [{ code: 'failed' }] };
    this.visit.markActivity();
    const chosen = fileIds.map((id) => this.entries.get(id));
    if (chosen.some((entry) => entry === undefined)) return { ok: false, problems: [{ code: 'gone' }] };
    const entries = chosen as PickerEntry[];
    const problems = checkChoice(entries, request.accept, request.multiple, this.limits);
    if (problems.length > 0) return { ok: false, problems: problems.map(problemForView) };
    const generation = this.visit.generation();
    this.giving = true;
    try {
      const taken: TakenFile[] = [];
      for (const entry of entries) {
        const result = await desk.take(entry.source, entry.key, request.accept, this.limits);
        if (!result.ok) {
          this.log.info('attach-refused', { problem: result.problem, source: entry.source });
          if (generation === this.visit.generation()) await this.refresh();
          return { ok: false, problems: [takeProblemForView(result.problem, entry, this.limits)] };
        }
        taken.push(result.file);
      }
      if (generation !== this.visit.generation() || this.request !== request) return { ok: false, problems: [{ code: 'failed' }] };
      try {
        await request.give(taken);
      } catch (error) {
        this.log.warn('attach-failed', { error: firstLine(error) });
        return { ok: false, problems: [{ code: 'failed' }] };
      }
      this.log.info('attach-given', { files: taken.length, usb: entries.filter((entry) => entry.source === 'usb').length });
      this.closed();
      await this.visit.closeAttach();
      return { ok: true };
    } finally {
      this.giving = false;
    }
  }

  /** "Scanner un document", one step at a time. */
  async scanStep(step: ScanStep): Promise<void> {
    const desk = this.desk;
    const request = this.request;
    if (desk === null || request === null || !desk.scanner || !this.visit.attachShown()) return;
    const format = scanFormatFor(request.accept);
    if (format === null) return;
    this.visit.markActivity();
    if (step === 'cancel') {
      this.scan = null;
      await desk.cancelScan();
      await this.publish();
      return;
    }
    if (this.scan !== null && this.scan.busy !== null) return; // one step at a time
    if (step === 'start') {
      if (this.scan !== null) return;
      this.scan = { previews: [], busy: 'scanning', problem: null, format, maxPages: format === 'jpeg' ? 1 : MAX_SCAN_PAGES };
      await this.publish();
      await this.scanOnePage(undefined);
      return;
    }
    const scan = this.scan;
    if (scan === null) return;
    if (step === 'again') {
      if (scan.previews.length === 0) return this.scanOnePage(undefined);
      return this.scanOnePage(scan.previews.length - 1);
    }
    if (step === 'add') {
      if (scan.previews.length >= scan.maxPages) return;
      return this.scanOnePage(undefined);
    }
    // finish
    if (scan.previews.length === 0) return;
    this.scan = { ...scan, busy: 'making', problem: null };
    await this.publish();
    const generation = this.visit.generation();
    const made = await desk.finishScan(scan.format, desk.scanMaxBytes);
    if (generation !== this.visit.generation() || this.request !== request || this.scan === null) return;
    if (!made.ok) {
      this.log.warn('scan-failed', { stage: 'finish', problem: made.problem, error: made.staffMessage.slice(0, 200) });
      this.scan = { ...scan, busy: null, problem: made.problem };
      await this.publish();
      return;
    }
    this.log.info('scan-made', { pages: scan.previews.length, format: scan.format });
    this.scan = null;
    await this.publish();
    this.lastScanned = this.idOf.get(entryKey('visit', made.key)) ?? null;
    await this.publish();
  }

  private async scanOnePage(replace: number | undefined): Promise<void> {
    const desk = this.desk;
    const scan = this.scan;
    if (desk === null || scan === null) return;
    this.scan = { ...scan, busy: 'scanning', problem: null };
    await this.publish();
    const generation = this.visit.generation();
    const page = await desk.scanPage(replace);
    if (generation !== this.visit.generation() || this.scan === null) return;
    const current = this.scan;
    if (!page.ok) {
      this.log.warn('scan-failed', { stage: 'page', error: page.staffMessage.slice(0, 200) });
      this.scan = { ...current, busy: null, problem: 'scanner-failed' };
    } else {
      const previews = [...current.previews];
      previews[page.page] = page.preview;
      this.scan = { ...current, previews, busy: null, problem: null };
    }
    await this.publish();
  }

  /** Lists the sources again (a key plugged in or pulled out, a file refused) and shows the result. */
  async refresh(): Promise<void> {
    await this.publish();
  }

  private async publish(): Promise<void> {
    // Files handed over while the idle warning covered the picker: it does not come back.
    if (this.request === null) {
      if (this.visit.attachShown()) await this.visit.closeAttach();
      return;
    }
    if (!this.visit.attachShown()) return;
    const picker = await this.build();
    if (picker !== null && this.visit.attachShown()) await this.visit.showAttach(picker);
  }

  /** The picker's view: each source listed anew, the ids of files already shown kept. */
  private async build(): Promise<AttachPicker | null> {
    const desk = this.desk;
    const request = this.request;
    if (desk === null || request === null) return null;
    const generation = this.visit.generation();
    const [visit, usb] = await Promise.all([desk.list('visit', request.accept), desk.removableMedia ? desk.list('usb', request.accept) : Promise.resolve(null)]);
    if (generation !== this.visit.generation() || this.request !== request) return null;
    const shown = new Map<string, PickerEntry>();
    const files = (source: AttachSource, listed: readonly { key: string; name: string; size: number; type: string }[]): AttachFile[] =>
      listed.map((file) => {
        const id = this.idFor(source, file.key);
        shown.set(id, { id, source, key: file.key, name: file.name, size: file.size, type: file.type });
        return { id, source, name: file.name, type: file.type, size: file.size, picture: PICTURES.has(file.type) };
      });
    const picker: AttachPicker = {
      multiple: request.multiple,
      kinds: acceptedKinds(request.accept),
      maxFileBytes: this.limits.maxFileBytes,
      visit: files('visit', visit.files),
      usb: usb === null ? null : { state: usb.present ? 'ready' : 'no-key', files: files('usb', usb.files), truncated: usb.truncated },
      scanner: desk.scanner && scanFormatFor(request.accept) !== null,
      scan: this.scan,
      lastScanned: this.lastScanned !== null && shown.has(this.lastScanned) ? this.lastScanned : null,
    };
    // A file no longer listed (the key was pulled out) can no longer be chosen.
    this.entries = shown;
    return picker;
  }

  private idFor(source: AttachSource, key: string): string {
    const known = this.idOf.get(entryKey(source, key));
    if (known !== undefined) return known;
    const id = `f${this.nextId}`;
    this.nextId = this.nextId >= 999_999_999 ? 1 : this.nextId + 1;
    this.idOf.set(entryKey(source, key), id);
    return id;
  }
}

function entryKey(source: AttachSource, key: string): string {
  return `${source}\n${key}`;
}

function problemForView(problem: AttachmentProblem): AttachProblem {
  switch (problem.code) {
    case 'nothing-chosen':
      return { code: 'nothing-chosen' };
    case 'only-one':
      return { code: 'only-one' };
    case 'too-many':
      return { code: 'too-many', max: problem.max };
    case 'wrong-type':
    case 'empty-file':
      return { code: problem.code, name: problem.name };
    case 'too-large':
      return { code: 'too-large', name: problem.name, max: problem.max };
    case 'total-too-large':
      return { code: 'total-too-large', max: problem.max };
  }
}

function takeProblemForView(problem: TakeProblem, entry: PickerEntry, limits: AttachmentLimits): AttachProblem {
  switch (problem) {
    case 'wrong-type':
      return { code: 'wrong-type', name: entry.name };
    case 'too-large':
      return { code: 'too-large', name: entry.name, max: limits.maxFileBytes };
    case 'empty-file':
      return { code: 'empty-file', name: entry.name };
    case 'not-found':
    case 'not-allowed':
      return { code: 'gone', name: entry.name };
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
