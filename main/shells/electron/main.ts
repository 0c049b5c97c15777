import { join } from 'node:path';
import { app, ipcMain, Menu, protocol, session, utilityProcess } from 'electron';
import { MemoDesk } from '../../core/memo/memo-desk';
import { makeQrMatrix } from '../../node/qr-matrix';
import { startReceiptPrinter } from '../../printer/receipt-memo-printer';
import { startStationConnectivity } from '../../node/station-connectivity';
import { staffModeOptions } from '../../node/staff-mode-wiring';
import { startStationRecords } from '../../node/station-records';
import { SystemMemoPrinter } from '../../printer/system-memo-printer';
import { htmlToPdfWithElectron } from './html-to-pdf';
import { IPC_INVOKE_CHANNEL } from '../../core/contract/kiosk-api';
import { refuseAllActions } from '../../core/session/dispatch-action';
import { KioskController, outOfOrderView } from '../../core/session/kiosk-controller';
import { reportConfigProblems } from '../../node/config-problems';
import { createConsoleLog } from '../../node/console-log';
import { loadStationConfig } from '../../node/load-config';
import { createLaunchFolder, launchFoldersParent } from '../../node/launch-folder';
import { chooseStationFile, defaultConfigPath } from '../../node/paths';
import { watchStationFile } from '../../node/station-file-watch';
import { systemClock } from '../../node/system-clock';
import { ElectronShell } from './electron-shell';
import { stationA4Printer } from '../../node/cups/a4-document-printer';
import { stationUsbKey } from '../../node/usb-keys';
import { guardEverything, guardSession } from './guards';
import { registerKioskIpc } from './ipc';
import { KioskWindow } from './kiosk-window';
import { configPathFrom, forbiddenSwitchIn, uiDevToolsWanted } from './launch-options';
import { KioskRegistry } from './registry';
import { registerUiProtocol, UI_SCHEME, UI_SCHEME_PRIVILEGES } from './ui-protocol';
import { VISITOR_FILE_PRIVILEGES, VISITOR_FILE_SCHEME } from './visitor-files';

// Entry of the Electron shell, bundled to dist/electron/main.cjs next to preload.cjs
// (the kiosk UI's) and site-preload.cjs (the visitor site's); the kiosk UI is in dist/renderer.
const PRELOAD_PATH = join(__dirname, 'preload.cjs');
const SITE_PRELOAD_PATH = join(__dirname, 'site-preload.cjs');
/** serialport in Electron's main process has frozen apps (ELECTRON.md): the printer runs in a utility process. */
const PRINTER_PROCESS_PATH = join(__dirname, '..', 'printer', 'printer-process.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');
/** The kiosk UI's own session: in memory, and the only one that serves kiosk://. */
const UI_PARTITION = 'kiosk-ui';

const log = createConsoleLog();

function main(): void {
  const forbidden = forbiddenSwitchIn(process.argv);
  if (forbidden !== null && app.isPackaged) {
    process.stderr.write(`kiosk error refused-to-start reason="debugging or unsafe switch" switch=${forbidden}\n`);
    app.exit(1);
    return;
  }
  // Before userData moves: the lock lives in the usual profile folder, shared by every launch.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // The default session is written to disk: give it a throw-away folder that holds nothing,
  // one per launch under a known parent (tmpfs under systemd), after sweeping what a
  // crash or a power cut left there (main/node/launch-folder.ts).
  const launch = createLaunchFolder(launchFoldersParent());
  if (launch.swept.length > 0) log.warn('launch-leftovers-swept', { folders: launch.swept.length });
  const userData = launch.path;
  app.setPath('userData', userData);
  app.setPath('sessionData', userData);
  app.on('quit', () => launch.remove());

  app.enableSandbox();
  // One call for both (Electron takes only one): each is then handled on its own session only.
  protocol.registerSchemesAsPrivileged([
    { scheme: UI_SCHEME, privileges: { ...UI_SCHEME_PRIVILEGES } },
    { scheme: VISITOR_FILE_SCHEME, privileges: { ...VISITOR_FILE_PRIVILEGES } },
  ]);
  Menu.setApplicationMenu(null); // the default menu carries Ctrl+W, reload, devtools, zoom

  const registry = new KioskRegistry();
  guardEverything(app, registry);

  // Only a deliberate quit (service stop, SIGTERM) may close the kiosk window.
  let quitting = false;
  let kioskWindow: KioskWindow | null = null;
  app.on('before-quit', () => {
    quitting = true;
    kioskWindow?.allowClose();
  });
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() =>
      startStation(registry, userData, (created) => {
        kioskWindow = created;
        if (quitting) created.allowClose();
      }),
    )
    .catch((error: unknown) => {
      log.error('shell-start-failed', { error: error instanceof Error ? error.name : 'unknown' });
      app.exit(1);
    });
}

async function startStation(registry: KioskRegistry, userData: string, windowCreated: (kioskWindow: KioskWindow) => void): Promise<void> {
  // Packaged: beside app.asar (electron-builder extraResources). Unpacked: the project's
  // kiosk-config/, found from this file, as app.getAppPath() is dist/electron when
  // Electron is given the bundle itself (as Playwright does).
  // The machine's own station file (/etc/borne/station.json, %ProgramData%\Borne\station.json) wins over both.
  const shippedDefault = app.isPackaged ? join(process.resourcesPath, 'kiosk-config', 'default.json') : defaultConfigPath();
  const configPath = configPathFrom(process.argv, process.env, chooseStationFile({ env: { ...process.env, KIOSK_CONFIG: undefined }, shippedDefault }).path, process.cwd());
  const loaded = await loadStationConfig(configPath);
  // A new station file takes effect at the next idle moment, never under a visitor: the app relaunches then.
  let atIdleMoment: () => Promise<void> = () => Promise.resolve();
  const unwatch = watchStationFile(configPath, () => {
    unwatch();
    void atIdleMoment().then(() => {
      log.info('station-file-changed', { action: 'relaunch-at-idle-moment' });
      app.relaunch();
      app.exit(0);
    });
  });
  app.on('quit', unwatch);

  guardSession(session.defaultSession, registry);
  const uiSession = session.fromPartition(UI_PARTITION);
  guardSession(uiSession, registry);
  registerUiProtocol(uiSession.protocol, RENDERER_DIR);

  const kioskWindow = new KioskWindow({
    uiSession,
    preloadPath: PRELOAD_PATH,
    uiDevTools: uiDevToolsWanted(process.env, app.isPackaged),
    registry,
    log,
  });
  windowCreated(kioskWindow);
  const uiContents = kioskWindow.uiContents;
  const outOfOrder = (reason: 'config' | 'shell-failed'): void => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    registerKioskIpc(ipcMain, { uiContents, actions: refuseAllActions(outOfOrderView(reason)), log });
    kioskWindow.sendView(outOfOrderView(reason));
  };

  if (!loaded.ok) {
    reportConfigProblems(loaded.problems, log);
    outOfOrder('config');
  } else {
    try {
      const shell = new ElectronShell({ kioskWindow, registry, visitorFilesRoot: join(userData, 'visitors'), sitePreloadPath: SITE_PRELOAD_PATH, attachments: { documents: loaded.config.documents } });
      const receipt = startReceiptPrinter(loaded.config, { entry: PRINTER_PROCESS_PATH, fork: (entry) => utilityProcess.fork(entry, [], { serviceName: 'Imprimante du mémo' }) });
      app.on('quit', () => void receipt?.host.stop());
      const ordinary = loaded.config.printer?.kind === 'system' ? new SystemMemoPrinter(htmlToPdfWithElectron, loaded.config.printer.queue) : null;
      // Counters, health, fleet metrics and the log file learn from the log (node/station-records.ts).
      const records = await startStationRecords({ config: loaded.config, stationFile: configPath, log, shell: 'electron', printerKind: receipt !== null ? 'receipt' : ordinary !== null ? 'system' : 'none' });
      app.on('quit', () => void records.close());
      const memo = new MemoDesk(loaded.config, receipt?.printer ?? ordinary, makeQrMatrix, systemClock, records.log);
      const staff = await staffModeOptions({
        config: loaded.config,
        stationFile: configPath,
        records,
        memo,
        clock: systemClock,
        log: records.log,
        control: {
          // A restart applies a new station file too (read again at start).
          restart: () => {
            app.relaunch();
            app.exit(0);
            return Promise.resolve();
          },
          exit: () => {
            app.exit(0);
            return Promise.resolve();
          },
        },
      });
      const controller = new KioskController(loaded.config, shell, systemClock, records.log, { memo, a4Printer: stationA4Printer(loaded.config, records.log), usbKey: stationUsbKey(loaded.config.documents?.removableMediaFolder, records.log), staff });
      shell.attach(controller);
      // The Internet link, as in the Chromium shell: offline pages and tiles that say what waits.
      const connectivity = startStationConnectivity(loaded.config, records.log);
      if (connectivity !== null) {
        controller.attachConnectivity(connectivity);
        app.on('quit', () => connectivity.stop());
      }
      registerKioskIpc(ipcMain, { uiContents, actions: controller, log, staffCapability: () => controller.staffCapability() });
      // The staff chord typed while the official site has the focus (the UI's page hears it otherwise).
      registry.onStaffWayIn(() => void controller.staffWayIn().catch(() => log.error('controller-failed', { what: 'staff-way-in' })));
      // Ctrl+P in either view: the visitor's print request, as a page's print().
      registry.onPrintRequest(() => controller.siteSurfaceRequested('print'));
      atIdleMoment = () => controller.atNextIdleMoment();
      await controller.start();
    } catch (error) {
      log.error('shell-failed', { error: error instanceof Error ? error.name : 'unknown' });
      outOfOrder('shell-failed');
    }
  }

  await kioskWindow.open().catch(() => log.error('ui-load-failed'));
}

main();
