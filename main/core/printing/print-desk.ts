import type { LocalizedText } from '../config/languages';
import type { KioskLog } from '../log';
import { validCopies, type A4PrintOutcome } from './a4-print';

/**
 * "Imprimer" on a site's page (its window.print()) or on a PDF the visit shows:
 * the kiosk's own print panel, never the browser's. What the panel shows (page
 * count, picture of page 1, the station's A4 printer by name, 1 to 3 copies),
 * and what happens to the job (the station's CUPS queue; the outcome in the
 * visitor's words). The outside world comes through two ports: the shell makes
 * the PDF of what the site shows (into the visitor's folder, wiped with the
 * visit), the A4 printer adapter (main/node/cups/) previews, submits, follows
 * and purges jobs. Pure rules.
 *
 * A station that cannot print (no A4 printer, or CUPS without its queue) says so,
 * and offers what it can: a mediator's help, and, where the station has a USB key
 * folder, the same PDF saved on the visitor's own key, to print elsewhere.
 */

/** What the print panel shows; the UI names the stage in the visitor's language. */
export interface A4PrintPanel {
  /** `preparing`: the PDF and its preview are being made; `ready`: the visitor may print; `printing`; `done`: the outcome is known. */
  readonly stage: 'preparing' | 'ready' | 'printing' | 'done';
  /** Null while preparing, and when the document could not be made. */
  readonly document: { readonly pages: number; readonly thumbnail: string } | null;
  /** The printer's name as the station file gives it; null: the UI says "l'imprimante A4". */
  readonly printerLabel: LocalizedText | null;
  /** The last copies chosen (1 by default). */
  readonly copies: number;
  /** Set when stage is `done` (or when the station cannot print: `no-printer`). */
  readonly outcome: A4PrintOutcome | null;
  /**
   * Only when the station cannot print and has a USB key folder: "Enregistrer sur ma clé USB"
   * is offered, is being done, or came out so (`no-key` and `failed` may be tried again). Null: not offered.
   */
  readonly usb: UsbSaveState | null;
}

/** What saving the document on the visitor's USB key came to. */
export type UsbSaveOutcome = 'saved' | 'no-key' | 'failed';
export type UsbSaveState = 'offered' | 'saving' | UsbSaveOutcome;

/** The visitor's USB key (main/node/usb-keys.ts): only a key really plugged in, never the station's disk. */
export interface DocumentToUsbKey {
  /** Copies the PDF onto the key under a new name; `no-key` when none is plugged in. */
  save(pdfPath: string): Promise<UsbSaveOutcome>;
}

/** What the shell does: the site's page (or the PDF it shows) as a PDF file in the visitor's folder. */
export interface SiteDocumentSource {
  siteDocumentToPrint(): Promise<string>;
}

/** The station's A4 printer (main/node/cups/a4-document-printer.ts). */
export interface A4DocumentPrinter {
  /** The printer's name for visitors, from the station file. */
  readonly label: LocalizedText | null;
  /** Whether CUPS has the station's queue now (logs the staff detail when not). */
  available(): Promise<boolean>;
  /** Page count and a PNG of page 1, as a data: address. */
  preview(pdfPath: string): Promise<{ pages: number; thumbnail: string }>;
  /** Sends the job and follows it until printed or in trouble (or still printing after a while). */
  print(pdfPath: string, copies: number): Promise<A4PrintOutcome>;
  /** The wipe: every job of the kiosk's account cancelled and purged; throws when one could not be. */
  purgeVisitJobs(): Promise<void>;
}

/** What the desk needs of the visit. */
export interface PrintVisit {
  /** The panel changed: show it (null: the panel goes). */
  show(panel: A4PrintPanel | null): void;
  /** Changes at every wipe: a job finished after its visitor left tells nobody. */
  generation(): number;
}

export class A4PrintDesk {
  private panel: A4PrintPanel | null = null;
  private pdfPath: string | null = null;
  /** The PDF made for the USB key, kept for another try (in the visitor's folder, wiped with the visit). */
  private usbPdfPath: string | null = null;
  /** Bumped every time a panel opens: late answers for an older panel are dropped. */
  private opening = 0;

  constructor(
    private readonly printer: A4DocumentPrinter | null,
    private readonly source: SiteDocumentSource | null,
    private readonly visit: PrintVisit,
    private readonly log: KioskLog,
    private readonly usbKey: DocumentToUsbKey | null = null,
  ) {}

  get hasPrinter(): boolean {
    return this.printer !== null;
  }

  current(): A4PrintPanel | null {
    return this.panel;
  }

  /**
   * The site asked to print. One panel at a time: a site that asks again and
   * again while it is open changes nothing. No A4 printer (or CUPS without the
   * queue): the panel says "Pas d'imprimante ici" at once, and no PDF is made.
   */
  async open(): Promise<void> {
    if (this.panel !== null) return;
    const opening = ++this.opening;
    const generation = this.visit.generation();
    const stillOurs = () => opening === this.opening && generation === this.visit.generation() && this.panel !== null;
    this.pdfPath = null;
    this.usbPdfPath = null;
    this.set({ stage: 'preparing', document: null, printerLabel: this.printer?.label ?? null, copies: 1, outcome: null, usb: null });
    // What a station that cannot print offers instead: the visitor's USB key, where it has a folder for keys.
    const cannotPrint = { stage: 'done', outcome: 'no-printer', usb: this.usbKey !== null && this.source !== null ? 'offered' : null } as const;
    if (this.printer === null || this.source === null) {
      this.log.info('a4-print-no-printer', { configured: this.printer !== null });
      this.set({ ...this.requirePanel(), ...cannotPrint });
      return;
    }
    const available = await this.printer.available().catch(() => false);
    if (!stillOurs()) return;
    if (!available) {
      this.set({ ...this.requirePanel(), ...cannotPrint });
      return;
    }
    try {
      const path = await this.source.siteDocumentToPrint();
      if (!stillOurs()) return;
      const document = await this.printer.preview(path);
      if (!stillOurs()) return;
      this.pdfPath = path;
      this.set({ ...this.requirePanel(), stage: 'ready', document });
    } catch (error) {
      if (!stillOurs()) return;
      this.log.warn('a4-print-prepare-failed', { error: firstLine(error) });
      this.set({ ...this.requirePanel(), stage: 'done', outcome: 'failed' });
    }
  }

  /** "Imprimer" with 1 to 3 copies; anything else, or a second tap while printing, does nothing. */
  async print(copies: number): Promise<void> {
    const panel = this.panel;
    const chosen = validCopies(copies);
    if (panel === null || panel.stage !== 'ready' || chosen === null || this.pdfPath === null || this.printer === null) return;
    const opening = this.opening;
    const generation = this.visit.generation();
    this.set({ ...panel, stage: 'printing', copies: chosen });
    let outcome: A4PrintOutcome;
    try {
      outcome = await this.printer.print(this.pdfPath, chosen);
    } catch (error) {
      this.log.warn('a4-print-failed', { error: firstLine(error) });
      outcome = 'failed';
    }
    this.log.info('a4-print-outcome', { outcome, copies: chosen });
    if (opening !== this.opening || generation !== this.visit.generation() || this.panel === null) return;
    // Still printing after the adapter's wait: the outcome says so ("Impression en cours…"), and the panel can be closed.
    this.set({ ...this.requirePanel(), stage: 'done', outcome });
  }

  /**
   * "Enregistrer sur ma clé USB", offered where the station cannot print: the same PDF as the
   * printer would get, copied onto the visitor's key. A second tap while saving, or after it
   * was saved, does nothing; after `no-key` or `failed` the visitor may try again.
   */
  async saveToUsb(): Promise<void> {
    const panel = this.panel;
    if (panel === null || this.usbKey === null || this.source === null) return;
    if (panel.usb === null || panel.usb === 'saving' || panel.usb === 'saved') return;
    const opening = this.opening;
    const generation = this.visit.generation();
    this.set({ ...panel, usb: 'saving' });
    let outcome: UsbSaveOutcome;
    try {
      this.usbPdfPath ??= await this.source.siteDocumentToPrint();
      outcome = await this.usbKey.save(this.usbPdfPath);
    } catch (error) {
      this.log.warn('a4-document-usb-failed', { error: firstLine(error) });
      outcome = 'failed';
    }
    this.log.info('a4-document-usb-outcome', { outcome });
    if (opening !== this.opening || generation !== this.visit.generation() || this.panel === null) return;
    this.set({ ...this.requirePanel(), usb: outcome });
  }

  /** "Annuler" or "Fermer": the panel goes; the spooled PDF stays in the visitor's folder until the wipe. */
  close(): void {
    if (this.panel === null) return;
    this.opening += 1;
    this.panel = null;
    this.pdfPath = null;
    this.usbPdfPath = null;
  }

  /** The visitor leaves: the panel goes (the wipe's purge step empties CUPS). */
  forget(): void {
    this.opening += 1;
    this.panel = null;
    this.pdfPath = null;
    this.usbPdfPath = null;
  }

  /** The wipe's step: the visit's jobs leave CUPS. */
  async purgeVisit(): Promise<void> {
    if (this.printer === null) return;
    await this.printer.purgeVisitJobs();
  }

  /**
   * At start-up: jobs a crashed or powered-off visit left in CUPS are purged
   * before the first visitor. A failure is logged; the first wipe tries again
   * (and fails the wipe, taking the station out of order, if it still cannot).
   */
  async purgeLeftovers(): Promise<void> {
    if (this.printer === null) return;
    try {
      await this.printer.purgeVisitJobs();
      this.log.info('a4-print-leftovers-purged');
    } catch (error) {
      this.log.error('a4-print-leftovers-not-purged', { error: firstLine(error) });
    }
  }

  private set(panel: A4PrintPanel): void {
    this.panel = panel;
    this.visit.show(panel);
  }

  private requirePanel(): A4PrintPanel {
    if (this.panel === null) throw new Error('no print panel');
    return this.panel;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? '';
}
