import { describe, expect, it } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import type { A4PrintOutcome } from '../../../main/core/printing/a4-print';
import type { A4DocumentPrinter, DocumentToUsbKey, UsbSaveOutcome } from '../../../main/core/printing/print-desk';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import { KIOSK_WIPE_STEPS, notPerformed, planWipe } from '../../../main/core/wipe/wipe-steps';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { RecordingShell } from '../../support/recording-shell';
import { testWipeOperations } from '../../support/wipe-operations';

/**
 * The print panel's rules (core/printing/print-desk.ts) through the controller: a site's
 * print request opens one panel over the démarche; no printer says so; 1 to 3 copies;
 * the outcome in the visitor's words; a visitor who left hears nothing; the wipe and the
 * start purge the jobs.
 */

class PrintingShell extends RecordingShell {
  documents = 0;
  failDocument = false;
  siteDocumentToPrint(): Promise<string> {
    if (this.failDocument) return Promise.reject(new Error('Page.printToPDF gave no document'));
    this.documents += 1;
    return Promise.resolve(`/visitor/impression-${this.documents}.pdf`);
  }
}

class Printer implements A4DocumentPrinter {
  readonly label = { fr: "Imprimante de l'accueil" };
  isAvailable = true;
  outcome: A4PrintOutcome = 'printed';
  jobs: { path: string; copies: number }[] = [];
  purges = 0;
  purgeFails = false;
  /** Held print calls, released by the test. */
  hold: (() => void) | null = null;
  available() {
    return Promise.resolve(this.isAvailable);
  }
  preview(path: string) {
    return Promise.resolve({ pages: path.endsWith('1.pdf') ? 2 : 1, thumbnail: 'data:image/png;base64,AA==' });
  }
  async print(path: string, copies: number) {
    this.jobs.push({ path, copies });
    if (this.hold === null) return this.outcome;
    await new Promise<void>((resolve) => (this.hold = resolve));
    return this.outcome;
  }
  purgeVisitJobs() {
    this.purges += 1;
    return this.purgeFails ? Promise.reject(new Error('CUPS queue "borne-a4" job 3: not-authorized')) : Promise.resolve();
  }
}

function recordingLog(): KioskLog & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (event: string, fields?: object) => void lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

/** The visitor's USB key: records what was copied, answers what the test says. */
class UsbKey implements DocumentToUsbKey {
  answers: (UsbSaveOutcome | Error)[] = [];
  saved: string[] = [];
  hold: (() => void) | null = null;
  async save(path: string): Promise<UsbSaveOutcome> {
    if (this.hold !== null) await new Promise<void>((resolve) => (this.hold = resolve));
    const answer = this.answers.shift() ?? 'saved';
    if (answer instanceof Error) throw answer;
    if (answer === 'saved') this.saved.push(path);
    return answer;
  }
}

async function setup(printer: Printer | null = new Printer(), usbKey: UsbKey | null = null) {
  const shell = new PrintingShell();
  const log = recordingLog();
  const controller = new KioskController(demoStationConfig(8470), shell, new FakeClock(), log, { a4Printer: printer, usbKey });
  await controller.start();
  await controller.openTile('caf');
  const overlay = (): KioskView['overlay'] => controller.view().overlay;
  return { shell, log, controller, printer, overlay };
}

describe('the print panel', () => {
  it('opens from the toolbar over any page of a station with an A4 printer; without one, only over a PDF the visit shows', async () => {
    const { controller, overlay } = await setup();
    await controller.printShownDocument();
    await flushPromises();
    expect(overlay().name).toBe('a4-print');

    const without = await setup(null);
    await without.controller.printShownDocument();
    await flushPromises();
    expect(without.overlay().name).toBe('none');
    without.controller.siteDocumentShown(true);
    await without.controller.printShownDocument();
    await flushPromises();
    expect(without.overlay()).toMatchObject({ name: 'a4-print', print: { outcome: 'no-printer' } });
  });

  it('opens once over the démarche, with the page count, the picture and the printer', async () => {
    const { controller, shell, overlay } = await setup();
    controller.siteSurfaceRequested('print');
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toEqual({
      name: 'a4-print',
      print: { stage: 'ready', document: { pages: 2, thumbnail: 'data:image/png;base64,AA==' }, printerLabel: { fr: "Imprimante de l'accueil" }, copies: 1, outcome: null, usb: null },
    });
    expect(controller.view().layout).toBe('full');
    expect(shell.documents).toBe(1);
  });

  it('prints the copies asked for, 1 to 3 only, and says the outcome', async () => {
    const printer = new Printer();
    const { controller, overlay } = await setup(printer);
    controller.siteSurfaceRequested('print');
    await flushPromises();
    await controller.printDocument(0);
    await controller.printDocument(4);
    await controller.printDocument(2.5);
    expect(printer.jobs).toEqual([]);
    printer.outcome = 'out-of-paper';
    await controller.printDocument(3);
    expect(printer.jobs).toEqual([{ path: '/visitor/impression-1.pdf', copies: 3 }]);
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'out-of-paper', copies: 3 } });
    // Done: a second tap prints nothing more.
    await controller.printDocument(1);
    expect(printer.jobs).toHaveLength(1);
    await controller.dismissOverlay();
    expect(overlay()).toEqual({ name: 'none' });
    // A new request opens a new panel, with a new document.
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready', copies: 1 } });
  });

  it('says "Pas d\'imprimante ici" without an A4 printer, or when CUPS lacks its queue, and makes no PDF', async () => {
    const none = await setup(null);
    none.controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(none.overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'no-printer', document: null, printerLabel: null } });
    expect(none.shell.documents).toBe(0);

    const missing = new Printer();
    missing.isAvailable = false;
    const absent = await setup(missing);
    absent.controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(absent.overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'no-printer' } });
    expect(absent.shell.documents).toBe(0);
  });

  it('fails closed when the document cannot be made: a plain failure, and a staff sentence', async () => {
    const printer = new Printer();
    const { controller, shell, log, overlay } = await setup(printer);
    shell.failDocument = true;
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'failed' } });
    expect(log.lines.some((line) => line.startsWith('warn a4-print-prepare-failed'))).toBe(true);
    await controller.printDocument(1);
    expect(printer.jobs).toEqual([]);
  });

  it('opens nothing on the home screen or over another panel', async () => {
    const { controller, overlay } = await setup();
    await controller.requestEndSession();
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay().name).toBe('confirm-end');
    await controller.goHome();
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay().name).toBe('none');
  });

  it('tells a visitor who left nothing of a job that ends after them, and the next one starts afresh', async () => {
    const printer = new Printer();
    const { controller, overlay } = await setup(printer);
    controller.siteSurfaceRequested('print');
    await flushPromises();
    printer.hold = () => undefined;
    const printing = controller.printDocument(1);
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'printing' } });
    await controller.requestEndSession();
    await controller.confirmEndSession();
    printer.hold();
    await printing;
    expect(overlay()).toEqual({ name: 'none' });
    await controller.openTile('caf');
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready', outcome: null } });
  });

  it('purges the jobs at start-up and at every wipe; a purge that fails takes the station out of order', async () => {
    const printer = new Printer();
    const { controller, log } = await setup(printer);
    expect(printer.purges).toBe(1);
    expect(log.lines).toContain('info a4-print-leftovers-purged {}');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    expect(printer.purges).toBe(2);
    expect((await controller.wipeSettled())?.ok).toBe(true);

    printer.purgeFails = true;
    await controller.openTile('caf');
    await controller.requestEndSession();
    await controller.confirmEndSession();
    const report = await controller.wipeSettled();
    expect(report?.ok).toBe(false);
    expect(report?.steps.find((step) => step.name === 'purge-print-jobs')?.error).toContain('not-authorized');
    expect(controller.view().screen).toEqual({ name: 'out-of-order', reason: 'wipe-failed' });
  });

  it('logs a start-up purge that fails, and still starts', async () => {
    const printer = new Printer();
    printer.purgeFails = true;
    const { log, controller } = await setup(printer);
    expect(log.lines.some((line) => line.startsWith('error a4-print-leftovers-not-purged'))).toBe(true);
    expect(controller.view().screen.name).toBe('site');
  });
});

describe("the kiosk's own wipe steps", () => {
  it('run first (site dialogs) and after the shell\'s immediate steps (print jobs), or say why not', () => {
    const plan = planWipe(testWipeOperations(), { 'end-site-dialogs': () => undefined, 'purge-print-jobs': notPerformed('no A4 printer here') });
    expect(plan.immediate[0]?.name).toBe('end-site-dialogs');
    expect(plan.immediate.map((step) => step.name)).not.toContain('purge-print-jobs');
    expect(plan.notPerformed).toContainEqual({ name: 'purge-print-jobs', reason: 'no A4 printer here' });
    const both = planWipe(testWipeOperations(), { 'end-site-dialogs': () => undefined, 'purge-print-jobs': () => undefined });
    expect(both.immediate.at(-1)?.name).toBe('purge-print-jobs');
    expect(KIOSK_WIPE_STEPS.map((step) => step.name)).toEqual(['end-site-dialogs', 'purge-print-jobs']);
  });

  it('fail closed when the kiosk supplies neither an operation nor a reason', async () => {
    const plan = planWipe(testWipeOperations(), { 'end-site-dialogs': 'nothing' as never, 'purge-print-jobs': () => undefined });
    await expect(plan.immediate[0]?.run()).rejects.toThrow('end-site-dialogs: the kiosk supplies no operation and no reason');
  });
});

describe('a station that cannot print offers the visitor\'s USB key', () => {
  it('offers it only where the station has a USB key folder, and saves the same PDF a printer would get', async () => {
    const without = await setup(null);
    without.controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(without.overlay()).toMatchObject({ name: 'a4-print', print: { outcome: 'no-printer', usb: null } });
    await without.controller.saveDocumentToUsb();
    expect(without.shell.documents).toBe(0);

    const key = new UsbKey();
    const { controller, overlay, shell, log } = await setup(null, key);
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'no-printer', usb: 'offered' } });
    // No PDF before the visitor asks.
    expect(shell.documents).toBe(0);
    await controller.saveDocumentToUsb();
    expect(key.saved).toEqual(['/visitor/impression-1.pdf']);
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { usb: 'saved' } });
    // Once saved, another tap copies nothing more.
    await controller.saveDocumentToUsb();
    expect(key.saved).toHaveLength(1);
    expect(log.lines).toContain('info a4-document-usb-outcome {"outcome":"saved"}');
  });

  it('offers it too when CUPS has lost the queue of a station that has an A4 printer', async () => {
    const printer = new Printer();
    printer.isAvailable = false;
    const { controller, overlay } = await setup(printer, new UsbKey());
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { outcome: 'no-printer', usb: 'offered' } });
  });

  it('says when no key is plugged in or the key failed, and a new try uses the same PDF', async () => {
    const key = new UsbKey();
    key.answers = ['no-key', new Error('EROFS: read-only file system'), 'saved'];
    const { controller, overlay, shell, log } = await setup(null, key);
    controller.siteSurfaceRequested('print');
    await flushPromises();
    await controller.saveDocumentToUsb();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { usb: 'no-key' } });
    await controller.saveDocumentToUsb();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { usb: 'failed' } });
    expect(log.lines.some((line) => line.startsWith('warn a4-document-usb-failed') && line.includes('EROFS'))).toBe(true);
    await controller.saveDocumentToUsb();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { usb: 'saved' } });
    expect(shell.documents).toBe(1);
  });

  it('shows "saving" meanwhile, ignores a second tap then, and tells a visitor who left nothing', async () => {
    const key = new UsbKey();
    key.hold = () => undefined;
    const { controller, overlay } = await setup(null, key);
    controller.siteSurfaceRequested('print');
    await flushPromises();
    const saving = controller.saveDocumentToUsb();
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { usb: 'saving' } });
    await controller.saveDocumentToUsb(); // a second tap while saving
    await controller.dismissOverlay();
    key.hold?.();
    await saving;
    expect(overlay().name).toBe('none');
    expect(key.saved).toHaveLength(1);
  });

  it('is not offered over a station that prints: its panel has no USB choice', async () => {
    const key = new UsbKey();
    const { controller, overlay } = await setup(new Printer(), key);
    controller.siteSurfaceRequested('print');
    await flushPromises();
    expect(overlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready', usb: null } });
    await controller.saveDocumentToUsb();
    expect(key.saved).toEqual([]);
  });
});
