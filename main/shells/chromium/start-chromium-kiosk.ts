import type { StationConfig } from '../../core/config/station-config';
import type { KioskLog } from '../../core/log';
import { dispatchKioskAction, refuseAllActions } from '../../core/session/dispatch-action';
import { KioskController, outOfOrderView } from '../../core/session/kiosk-controller';
import { MemoDesk } from '../../core/memo/memo-desk';
import { makeQrMatrix } from '../../node/qr-matrix';
import { startStationConnectivity } from '../../node/station-connectivity';
import { staffModeOptions } from '../../node/staff-mode-wiring';
import { startStationRecords } from '../../node/station-records';
import { systemClock } from '../../node/system-clock';
import { startReceiptPrinter } from '../../printer/receipt-memo-printer';
import { SystemMemoPrinter } from '../../printer/system-memo-printer';
import { htmlToPdfWithChromium } from './html-to-pdf';
import { ChromiumShell } from './chromium-shell';
import { stationA4Printer } from '../../node/cups/a4-document-printer';
import { stationUsbKey } from '../../node/usb-keys';

export interface ChromiumKioskOptions {
  /** The validated station file, or null when it was invalid: the station then shows "Hors service". */
  config: StationConfig | null;
  executablePath: string;
  headless: boolean;
  rendererDir: string;
  display?: { width: number; height: number };
  /** The X display to use instead of the process's DISPLAY (tests on a virtual display). */
  xDisplay?: string;
  /** False only for the demo on a developer's machine (see ChromiumShellOptions). */
  requireBrowserPolicies?: boolean;
  /** The CUPS command for an ordinary printer (tests give a stand-in). Default `lp`. */
  lpCommand?: string;
  /** Where the station's CUPS is (`CUPS_SERVER`): tests give their private CUPS. Default: the process's environment. */
  cupsEnv?: NodeJS.ProcessEnv;
  /** Where this launch's profiles go (main/node/launch-folder.ts); the temporary directory when absent. */
  workParent?: string;
  log: KioskLog;
  /** Tests: the SANE test backend's options for the station's scanner, the USB key folder's poll. */
  attachmentTools?: { scannerExtraArgs?: readonly string[]; pollMs?: number };
  /** The station file's path: with it, counters, metrics and the log file start (node/station-records.ts). */
  stationFile?: string;
}

export interface RunningChromiumKiosk {
  shell: ChromiumShell;
  /** Null on an out-of-order station. */
  controller: KioskController | null;
  /** Resolves when staff asked for a restart (which also applies a new station file) or, where allowed, an exit: the launcher acts on it. */
  staffRequest: Promise<'restart' | 'exit'>;
  close(): Promise<void>;
}

/** Starts the whole kiosk on Chromium: the UI window, the first visitor's browser, the controller. */
export async function startChromiumKiosk(options: ChromiumKioskOptions): Promise<RunningChromiumKiosk> {
  const { config } = options;
  const records = config !== null && options.stationFile !== undefined
    ? await startStationRecords({ config, stationFile: options.stationFile, log: options.log, shell: 'chromium', printerKind: config.printer?.kind === 'escpos-serial' ? 'receipt' : config.printer?.kind === 'system' ? 'system' : 'none' })
    : null;
  const log = records?.log ?? options.log;
  let controller: KioskController | null = null;
  let receipt: ReturnType<typeof startReceiptPrinter> = null;
  let connectivity: ReturnType<typeof startStationConnectivity> = null;
  let refusing = refuseAllActions(outOfOrderView('config'));
  let staffRequested: (what: 'restart' | 'exit') => void = () => undefined;
  const staffRequest = new Promise<'restart' | 'exit'>((resolve) => {
    staffRequested = resolve;
  });
  const target = () => controller ?? refusing;
  const shell = await ChromiumShell.launch(
    {
      executablePath: options.executablePath,
      headless: options.headless,
      rendererDir: options.rendererDir,
      serveVisitors: config !== null,
      attachments: { documents: config?.documents, ...options.attachmentTools },
      // Headed, the staff chord typed in any window (the site's too) opens the PIN pad, as the UI's staffWayIn does.
      staffWayIn: () => void controller?.staffWayIn().catch(() => log.error('controller-failed', { what: 'staff-way-in' })),
      log,
      ...(options.requireBrowserPolicies === undefined ? {} : { requireBrowserPolicies: options.requireBrowserPolicies }),
      ...(options.display === undefined ? {} : { display: options.display }),
      ...(options.xDisplay === undefined ? {} : { xDisplay: options.xDisplay }),
      ...(options.workParent === undefined ? {} : { workParent: options.workParent }),
    },
    // The capability of the staff session now open (none outside one): a staff action from the page is refused otherwise.
    (action, args) => dispatchKioskAction(target(), action, args, controller?.staffCapability()),
  );
  if (config === null) {
    shell.publishView(outOfOrderView('config'));
  } else if (shell.refusedForPolicies) {
    refusing = refuseAllActions(outOfOrderView('shell-failed'));
    shell.publishView(outOfOrderView('shell-failed'));
  } else {
    receipt = startReceiptPrinter(config);
    const ordinary = config.printer?.kind === 'system' ? new SystemMemoPrinter(htmlToPdfWithChromium(options.executablePath), config.printer.queue, options.lpCommand) : null;
    const memo = new MemoDesk(config, receipt?.printer ?? ordinary, makeQrMatrix, systemClock, log);
    const staff =
      records !== null && options.stationFile !== undefined
        ? await staffModeOptions({
            config,
            stationFile: options.stationFile,
            records,
            memo,
            clock: systemClock,
            log,
            control: { restart: () => Promise.resolve(staffRequested('restart')), exit: () => Promise.resolve(staffRequested('exit')) },
          })
        : undefined;
    controller = new KioskController(config, shell, systemClock, log, { memo, a4Printer: stationA4Printer(config, log, options.cupsEnv), usbKey: stationUsbKey(config.documents?.removableMediaFolder, log), ...(staff === undefined ? {} : { staff }) });
    shell.attach(controller);
    connectivity = startStationConnectivity(config, log);
    if (connectivity !== null) controller.attachConnectivity(connectivity);
    await controller.start();
  }
  return {
    shell,
    controller,
    staffRequest,
    close: async () => {
      controller?.stop();
      connectivity?.stop();
      await Promise.all([shell.close(), receipt?.host.stop()]);
      await records?.close();
    },
  };
}
