import type { Clock } from '../clock';
import type { LanguageCode } from '../config/languages';
import type { StationConfig, Tile } from '../config/station-config';
import type { KioskLog } from '../log';
import type { PrintDocument, QrMatrix } from '../printer/document';
import type { PrinterProfile } from '../printer/profiles';
import type { Problem } from '../printer/status';
import { testPageDocument } from '../printer/test-page';
import { ActionArgumentsError } from '../contract/action-table';
import { buildMemo } from './memo-document';
import type { PrintableLanguage } from './memo-texts';

/** Why a memo did not print; the kiosk UI has a plain sentence for each. */
export type PrintProblem = Problem | 'unplugged' | 'busy' | 'not-configured' | 'failed';

export type MemoPrintOutcome = { ok: true } | { ok: false; problem: PrintProblem };

/** What prints a document: the serial receipt printer, or the system's ordinary printer (A4). */
export interface MemoPrinter {
  readonly kind: 'receipt' | 'system';
  /** A receipt printer's profile: the staff test page describes it. */
  readonly profile?: PrinterProfile;
  /** Never throws: a problem is an outcome, with a precise message for staff. */
  print(document: PrintDocument): Promise<{ ok: true } | { ok: false; problem: PrintProblem; staffMessage: string }>;
}

export type PrinterKind = 'receipt' | 'system' | 'none';

export interface MemoPreview {
  document: PrintDocument;
  printedIn: PrintableLanguage;
  fellBackToFrench: boolean;
  printer: PrinterKind;
}

/**
 * The memo desk: builds a visitor's memo for the preview and prints it, one
 * job at a time. It keeps nothing: the preview lives in the visitor's UI
 * (dropped at the wipe) and a job's outcome goes only to whoever asked.
 */
export class MemoDesk {
  private printing = false;

  constructor(
    private readonly config: StationConfig,
    private readonly printer: MemoPrinter | null,
    private readonly makeQr: (data: string) => QrMatrix,
    private readonly clock: Clock,
    private readonly log: KioskLog,
  ) {}

  get printerKind(): PrinterKind {
    return this.printer?.kind ?? 'none';
  }

  /** Throws ActionArgumentsError (the call is refused, nothing is built) unless every id is a memo service of this station, once. */
  preview(tileIds: readonly string[], language: LanguageCode): MemoPreview {
    return this.build(this.memoServices(tileIds, 'previewMemo'), language);
  }

  private build(services: readonly Tile[], language: LanguageCode): MemoPreview {
    const memo = buildMemo({
      stationName: this.config.station.name,
      helpText: this.config.station.helpText,
      date: new Date(this.clock.now()),
      services,
      language,
      makeQr: this.makeQr,
    });
    return { ...memo, printer: this.printerKind };
  }

  /**
   * The station's tiles for these ids, in the order given. The UI offers only tiles
   * with a memo, each once: anything else (an id that is no tile, a tile without a
   * memo, the same id twice, nothing to print) is a malformed call and is refused,
   * never turned into an empty or 50-fold memo.
   */
  private memoServices(tileIds: readonly string[], action: 'previewMemo' | 'printMemo'): Tile[] {
    const refuse = (reason: string): never => {
      this.log.warn('memo-refused', { action, reason });
      throw new ActionArgumentsError(action);
    };
    if (new Set(tileIds).size !== tileIds.length) refuse('the same service twice');
    if (action === 'printMemo' && tileIds.length === 0) refuse('no service');
    return tileIds.map((id) => {
      const tile = this.config.tiles.find((candidate) => candidate.id === id);
      if (tile === undefined) return refuse('not a tile of this station');
      if (tile.memo === undefined) return refuse('a tile without a memo');
      return tile;
    });
  }

  async print(tileIds: readonly string[], language: LanguageCode): Promise<MemoPrintOutcome> {
    if (this.printer === null) return { ok: false, problem: 'not-configured' };
    // Checked before the printer is taken: a refused call never makes another visitor's job wait.
    const services = this.memoServices(tileIds, 'printMemo');
    return this.printDocument(() => this.build(services, language).document, 'memo-printed', { services: tileIds.length });
  }

  /**
   * Staff's test page (core/printer/test-page.ts): the code table, the columns, the QR
   * code and the cutter of a receipt printer's profile. An ordinary printer, which has
   * no profile, gets the sample memo instead (its A4 layout is what there is to check).
   */
  printTestPage(): Promise<MemoPrintOutcome> {
    const profile = this.printer?.profile;
    if (profile === undefined) return this.printSampleMemo();
    return this.printDocument(() => testPageDocument(profile, this.config.station.name, this.makeQr), 'test-page-printed', {});
  }

  /** Staff's sample memo: every service of the station that has a memo, in French. */
  printSampleMemo(): Promise<MemoPrintOutcome> {
    const services = this.config.tiles.filter((tile) => tile.memo !== undefined);
    return this.printDocument(() => this.build(services, 'fr').document, 'sample-memo-printed', { services: services.length });
  }

  private async printDocument(make: () => PrintDocument, printed: string, fields: Record<string, number>): Promise<MemoPrintOutcome> {
    if (this.printer === null) return { ok: false, problem: 'not-configured' };
    // At most one job at a time.
    if (this.printing) return { ok: false, problem: 'busy' };
    this.printing = true;
    try {
      const outcome = await this.printer.print(make());
      if (outcome.ok) {
        this.log.info(printed, { ...fields, printer: this.printer.kind });
        return { ok: true };
      }
      // The staff message names the device and the status bytes, never the visitor.
      this.log.warn('memo-print-failed', { problem: outcome.problem, detail: outcome.staffMessage });
      return { ok: false, problem: outcome.problem };
    } catch (error) {
      this.log.error('memo-print-failed', { problem: 'failed', detail: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
      return { ok: false, problem: 'failed' };
    } finally {
      this.printing = false;
    }
  }
}
