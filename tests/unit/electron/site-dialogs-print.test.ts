import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import vm from 'node:vm';
import { join } from 'node:path';
import type { App, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { A4DocumentPrinter, DocumentToUsbKey } from '../../../main/core/printing/print-desk';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { systemClock } from '../../../main/node/system-clock';
import { ElectronShell } from '../../../main/shells/electron/electron-shell';
import { guardEverything } from '../../../main/shells/electron/guards';
import { handleKioskInvoke } from '../../../main/shells/electron/ipc';
import { KioskWindow } from '../../../main/shells/electron/kiosk-window';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import { PRINT_BINDING, PRINT_LOCK_SOURCE } from '../../../main/shells/electron/site-dialogs';
import { visitorFileUrl } from '../../../main/shells/electron/visitor-files';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

/**
 * The site's questions and print requests on the Electron shell, against the fake
 * `electron` module: the view's debugger brings them in, the kiosk's actions of the
 * table (answerSiteDialog, printDocument, through the IPC handler exactly as the UI
 * calls them) answer them, and a leaving visitor's page never reaches the panel.
 */

let filesRoot: string;
beforeEach(() => {
  fake.resetElectronFake();
  filesRoot = mkdtempSync(join(tmpdir(), 'kiosk-dialogs-'));
});
afterEach(() => rmSync(filesRoot, { recursive: true, force: true }));

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

class RecordingA4Printer implements A4DocumentPrinter {
  readonly label = { fr: "Imprimante de l'accueil" };
  printed: { path: string; bytes: string; copies: number }[] = [];
  purges = 0;
  available() {
    return Promise.resolve(true);
  }
  preview(_path: string) {
    return Promise.resolve({ pages: 1, thumbnail: 'data:image/png;base64,AAAA' });
  }
  print(path: string, copies: number) {
    this.printed.push({ path, bytes: readFileSync(path, 'latin1'), copies });
    return Promise.resolve('printed' as const);
  }
  purgeVisitJobs() {
    this.purges += 1;
    return Promise.resolve();
  }
}

async function setup(printer: A4DocumentPrinter | null = new RecordingA4Printer(), usbKey: DocumentToUsbKey | null = null) {
  const registry = new KioskRegistry();
  guardEverything(fake.asElectron<App>(fake.app), registry);
  const uiSession = fake.session.fromPartition('kiosk-ui');
  const kioskWindow = new KioskWindow({ uiSession: fake.asElectron<Session>(uiSession), preloadPath: '/opt/borne/dist/electron/preload.cjs', uiDevTools: false, registry, log });
  let random = 0;
  const shell = new ElectronShell({ kioskWindow, registry, visitorFilesRoot: filesRoot, sitePreloadPath: '/opt/borne/site-preload.cjs', platform: 'linux', randomSuffix: () => `r${(random += 1)}`, relaunch: vi.fn() });
  const config = demoStationConfig(8470);
  const controller = new KioskController(config, shell, systemClock, log, { a4Printer: printer, usbKey });
  shell.attach(controller);
  await controller.start();
  const ui = kioskWindow.uiContents as unknown as fake.FakeWebContents;
  ui.mainFrame.url = 'kiosk://app/index.html';
  const views: KioskView[] = [];
  ui.send.mockImplementation((_channel: string, ...args: unknown[]) => void views.push(args[0] as KioskView));
  /** The UI's call, through the same IPC handler as the preload's. */
  const call = (action: string, ...args: unknown[]) =>
    handleKioskInvoke(fake.asElectron<IpcMainInvokeEvent>({ sender: ui, senderFrame: ui.mainFrame }), [action, ...args], { uiContents: fake.asElectron<WebContents>(ui), actions: controller, log });
  const site = () => (shell.currentSite.view as unknown as fake.WebContentsView).webContents;
  await controller.openTile('caf');
  const lastOverlay = () => views.at(-1)?.overlay ?? controller.view().overlay;
  return { shell, controller, call, site, views, lastOverlay };
}

function dialogCommands(contents: fake.FakeWebContents) {
  return contents.debugger.commands.filter((command) => command.method === 'Page.handleJavaScriptDialog');
}

describe("the site's questions on Electron", () => {
  it('brings a confirm to the kiosk panel with its host, and answers it with the visitor\'s tap only', async () => {
    const { site, call, lastOverlay } = await setup();
    site().debugger.emitMessage('Page.javascriptDialogOpening', { type: 'confirm', message: 'Envoyer ?', url: 'http://caf.entrainement.localhost:8470/questions?x=1', defaultPrompt: '' });
    await vi.waitFor(() => expect(lastOverlay().name).toBe('site-dialog'));
    const overlay = lastOverlay();
    if (overlay.name !== 'site-dialog') throw new Error('no panel');
    expect(overlay.dialog).toMatchObject({ kind: 'confirm', host: 'caf.entrainement.localhost', siteText: 'Envoyer ?', choices: ['ok', 'cancel'] });
    expect(dialogCommands(site())).toEqual([]);
    // Malformed taps are refused by the table before the controller sees them.
    await expect(call('answerSiteDialog', overlay.dialog.id, 'yes', '')).rejects.toThrow();
    await expect(call('answerSiteDialog', overlay.dialog.id, 'ok', 'x'.repeat(5000))).rejects.toThrow();
    await expect(call('answerSiteDialog', -1, 'ok', '')).rejects.toThrow();
    expect(dialogCommands(site())).toEqual([]);
    await call('answerSiteDialog', overlay.dialog.id, 'ok', '');
    expect(dialogCommands(site())).toEqual([{ method: 'Page.handleJavaScriptDialog', params: { accept: true } }]);
    await vi.waitFor(() => expect(lastOverlay().name).toBe('none'));
  });

  it("gives a prompt the visitor's text, and logs only the host", async () => {
    const { site, call, lastOverlay } = await setup();
    log.info.mockClear();
    site().debugger.emitMessage('Page.javascriptDialogOpening', { type: 'prompt', message: 'Prénom ?', url: 'http://caf.entrainement.localhost:8470/questions', defaultPrompt: '' });
    await vi.waitFor(() => expect(lastOverlay().name).toBe('site-dialog'));
    const overlay = lastOverlay();
    if (overlay.name !== 'site-dialog') throw new Error('no panel');
    await call('answerSiteDialog', overlay.dialog.id, 'ok', 'Zoé');
    expect(dialogCommands(site())).toEqual([{ method: 'Page.handleJavaScriptDialog', params: { accept: true, promptText: 'Zoé' } }]);
    expect(JSON.stringify(log.info.mock.calls)).not.toContain('Zoé');
    expect(JSON.stringify(log.info.mock.calls)).toContain('caf.entrainement.localhost');
    expect(JSON.stringify(log.info.mock.calls)).not.toContain('/questions');
  });

  it('answers a question still open when the visitor leaves, in the wipe, and the next view asks nothing', async () => {
    const { site, call, controller, lastOverlay } = await setup();
    const leaving = site();
    leaving.debugger.emitMessage('Page.javascriptDialogOpening', { type: 'beforeunload', message: '', url: 'http://caf.entrainement.localhost:8470/questions' });
    await vi.waitFor(() => expect(lastOverlay().name).toBe('site-dialog'));
    await call('requestEndSession');
    await call('confirmEndSession');
    const report = await controller.wipeSettled();
    expect(report?.ok).toBe(true);
    expect(report?.steps[0]?.name).toBe('end-site-dialogs');
    // Answered so that nothing holds the page: "leave".
    expect(dialogCommands(leaving)).toEqual([{ method: 'Page.handleJavaScriptDialog', params: { accept: true } }]);
    // A late question of the leaving page gets the safe answer without any panel.
    leaving.debugger.emitMessage('Page.javascriptDialogOpening', { type: 'confirm', message: 'Encore ?', url: 'http://caf.entrainement.localhost:8470/' });
    await vi.waitFor(() => expect(dialogCommands(leaving)).toHaveLength(2));
    expect(dialogCommands(leaving)[1]).toEqual({ method: 'Page.handleJavaScriptDialog', params: { accept: false } });
    expect(controller.view().overlay.name).toBe('none');
    expect(dialogCommands(site())).toEqual([]);
  });
});

describe('printing on Electron', () => {
  it("the page's print() asks the kiosk through the binding, and the page can neither restore nor redefine it", () => {
    const context = vm.createContext({});
    vm.runInContext(PRINT_LOCK_SOURCE, context);
    const calls: unknown[] = [];
    // The binding may arrive after the script ran: print looks it up when called.
    (context as Record<string, unknown>)[PRINT_BINDING] = (payload: unknown) => void calls.push(payload);
    vm.runInContext('print(); print = () => "mine"; try { Object.defineProperty(globalThis, "print", { value: () => "mine" }); } catch { globalThis.refused = true; } print();', context);
    expect(calls).toEqual(['print', 'print']);
    expect((context as Record<string, unknown>).refused).toBe(true);
    // Without the binding (removed by the page), print does nothing and throws nothing.
    delete (context as Record<string, unknown>)[PRINT_BINDING];
    expect(() => vm.runInContext('print()', context)).not.toThrow();
  });

  it("replaces window.print before the page's scripts, and opens the kiosk's panel on the binding", async () => {
    const { site, lastOverlay } = await setup();
    const commands = site().debugger.commands;
    await vi.waitFor(() => expect(commands.map((command) => command.method)).toContain('Page.addScriptToEvaluateOnNewDocument'));
    expect(commands).toContainEqual({ method: 'Runtime.addBinding', params: { name: PRINT_BINDING } });
    expect(commands).toContainEqual({ method: 'Page.addScriptToEvaluateOnNewDocument', params: { source: PRINT_LOCK_SOURCE } });
    // Another binding's call opens nothing.
    site().debugger.emitMessage('Runtime.bindingCalled', { name: 'somethingElse', payload: 'print' });
    expect(lastOverlay().name).toBe('none');
    site().debugger.emitMessage('Runtime.bindingCalled', { name: PRINT_BINDING, payload: 'print' });
    await vi.waitFor(() => expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready', document: { pages: 1 } } }));
  });

  it("prints the page as an A4 PDF from the visitor's folder, 1 to 3 copies through the table, deleted with the visit", async () => {
    const printer = new RecordingA4Printer();
    const { site, call, lastOverlay, shell, controller } = await setup(printer);
    const visitorDir = shell.currentSite.visitorDir;
    site().debugger.emitMessage('Runtime.bindingCalled', { name: PRINT_BINDING, payload: 'print' });
    await vi.waitFor(() => expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready' } }));
    expect(site().printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    await expect(call('printDocument', 4)).rejects.toThrow();
    await expect(call('printDocument', '2')).rejects.toThrow();
    expect(printer.printed).toEqual([]);
    await call('printDocument', 2);
    expect(printer.printed).toEqual([{ path: join(visitorDir, 'impression-1.pdf'), bytes: '%PDF-1.7\n% fake page\n%%EOF\n', copies: 2 }]);
    expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'printed', copies: 2 } });
    await call('dismissOverlay');
    expect(lastOverlay().name).toBe('none');
    await call('requestEndSession');
    await call('confirmEndSession');
    const report = await controller.wipeSettled();
    expect(report?.steps.map((step) => step.name)).toContain('purge-print-jobs');
    expect(printer.purges).toBeGreaterThanOrEqual(2); // at start-up, then at the wipe
    expect(existsSync(join(visitorDir, 'impression-1.pdf'))).toBe(false);
  });

  it("offers the toolbar's Imprimer over the visitor's PDF, and prints that PDF as it is, not a picture of the viewer", async () => {
    const printer = new RecordingA4Printer();
    const { site, call, lastOverlay, shell, controller } = await setup(printer);
    const pdf = join(shell.currentSite.downloadsDir, 'attestation.pdf');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(shell.currentSite.downloadsDir, { recursive: true });
    writeFileSync(pdf, '%PDF-1.4\nattestation\n%%EOF\n');
    await site().loadURL(visitorFileUrl('attestation.pdf'));
    expect(controller.view().screen).toEqual({ name: 'site', tileId: 'caf', loading: false, document: true });
    await call('printShownDocument');
    await vi.waitFor(() => expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready' } }));
    await call('printDocument', 1);
    expect(printer.printed.map((job) => job.path)).toEqual([pdf]);
    expect(site().printToPDF).not.toHaveBeenCalled();
    // Back on a web page: no more PDF on screen.
    await call('dismissOverlay');
    await site().loadURL('https://www.caf.fr/');
    expect(controller.view().screen).toEqual({ name: 'site', tileId: 'caf', loading: false });
  });

  it("prints the web page on screen from the toolbar's Imprimer on a station with an A4 printer (a page with no print button of its own)", async () => {
    const printer = new RecordingA4Printer();
    const { site, call, lastOverlay, shell, controller } = await setup(printer);
    expect(controller.view().station?.a4Printer).toBe(true);
    await call('printShownDocument');
    await vi.waitFor(() => expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { stage: 'ready', document: { pages: 1 } } }));
    expect(site().printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    await call('printDocument', 1);
    expect(printer.printed).toEqual([{ path: join(shell.currentSite.visitorDir, 'impression-1.pdf'), bytes: '%PDF-1.7\n% fake page\n%%EOF\n', copies: 1 }]);
  });

  it("offers no Imprimer over a web page on a station without an A4 printer: the toolbar's call opens nothing", async () => {
    const { site, call, lastOverlay, controller } = await setup(null);
    expect(controller.view().station?.a4Printer).toBe(false);
    await call('printShownDocument');
    expect(lastOverlay().name).toBe('none');
    expect(site().printToPDF).not.toHaveBeenCalled();
  });

  it("offers the visitor's USB key where there is no A4 printer: the page's PDF from printToPDF, through the table's saveDocumentToUsb", async () => {
    const copies: string[] = [];
    const usbKey: DocumentToUsbKey = { save: (path) => (copies.push(readFileSync(path, 'latin1')), Promise.resolve('saved')) };
    const { site, call, lastOverlay } = await setup(null, usbKey);
    site().debugger.emitMessage('Runtime.bindingCalled', { name: PRINT_BINDING, payload: 'print' });
    await vi.waitFor(() => expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { outcome: 'no-printer', usb: 'offered' } }));
    expect(site().printToPDF).not.toHaveBeenCalled();
    await expect(call('saveDocumentToUsb', 'clé')).rejects.toThrow();
    await call('saveDocumentToUsb');
    expect(site().printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(copies).toEqual(['%PDF-1.7\n% fake page\n%%EOF\n']);
    expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { usb: 'saved' } });
  });

  it('says "Pas d\'imprimante ici" on a station without an A4 printer, and makes no PDF', async () => {
    const { site, lastOverlay, call } = await setup(null);
    site().debugger.emitMessage('Runtime.bindingCalled', { name: PRINT_BINDING, payload: 'print' });
    await vi.waitFor(() => expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { stage: 'done', outcome: 'no-printer' } }));
    expect(site().printToPDF).not.toHaveBeenCalled();
    await call('printDocument', 1);
    expect(lastOverlay()).toMatchObject({ name: 'a4-print', print: { outcome: 'no-printer' } });
  });
});
