import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StationConfig } from '../core/config/station-config';
import { SHELL_KINDS, type ShellKind } from '../core/config/station-config';
import { reportConfigProblems } from '../node/config-problems';
import { createConsoleLog } from '../node/console-log';
import { findElectronBinary } from '../node/electron-binary';
import { createLaunchFolder, launchFoldersParent } from '../node/launch-folder';
import { loadStationConfig } from '../node/load-config';
import { chooseStationFile, projectRoot, rendererDir } from '../node/paths';
import { watchStationFile } from '../node/station-file-watch';
import { startChromiumKiosk } from '../shells/chromium/start-chromium-kiosk';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface LaunchExtras {
  /** The station file to use when neither --config nor KIOSK_CONFIG names one (the demo's). */
  defaultConfig?: string;
  /** Runs once the kiosk has stopped (the demo closes its training sites). */
  afterStop?: () => Promise<void>;
  /** False for the demo only (fictitious sites on a developer's machine): serve without the station's Chromium policies, with a warning in the log. */
  requireBrowserPolicies?: boolean;
}

/**
 * `npm start` (main/cli/start.ts) and `npm run demo` (main/dev-tools/demo.ts): starts the
 * kiosk in the Electron shell when its binary is installed, otherwise in the
 * distribution's Chromium. Returns the exit code.
 */
export async function launchKiosk(argv: string[], extras: LaunchExtras = {}): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      shell: { type: 'string' },
      headless: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const log = createConsoleLog();
  const chosen = chooseStationFile({ argument: values.config ?? extras.defaultConfig });
  const configPath = resolve(chosen.path);
  const first = await loadStationConfig(configPath);

  const requested = values.shell ?? process.env.KIOSK_SHELL ?? (first.ok ? first.config.shell.preferred : 'auto');
  if (!(SHELL_KINDS as readonly string[]).includes(requested)) {
    process.stderr.write(`--shell must be one of ${SHELL_KINDS.join(', ')} (got "${requested}")\n`);
    return 2;
  }
  const electron = findElectronBinary();
  const shell = chooseShell(requested as ShellKind, electron !== null);
  if (shell === 'electron' && electron === null) {
    process.stderr.write('Electron n\'est pas installé sur cette machine / the Electron binary is not installed: use --shell=chromium\n');
    return 1;
  }
  if (requested === 'auto' && shell === 'chromium') {
    process.stdout.write('Electron n\'est pas installé : la borne démarre sur Chromium / no Electron binary: starting the Chromium shell\n');
  }
  if (shell === 'electron' && electron !== null) {
    const code = await runElectron(electron, electronArguments(projectRoot(), configPath, process.getuid?.() === 0));
    await extras.afterStop?.();
    return code;
  }

  if (!values.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    process.stderr.write(
      'Pas d\'écran graphique (DISPLAY vide) : lancez la borne depuis la session graphique, ou essayez-la avec « xvfb-run -a npm start » / no display: run it in a graphical session or under xvfb-run\n',
    );
    await extras.afterStop?.();
    return 1;
  }

  // This launch's browsers keep their profiles here; leftovers of a crash or power cut are swept first.
  const launch = createLaunchFolder(launchFoldersParent());
  if (launch.swept.length > 0) log.warn('launch-leftovers-swept', { folders: launch.swept.length });
  const stop = stopSignal();
  let loaded = first;
  try {
    for (;;) {
      const config: StationConfig | null = loaded.ok ? loaded.config : null;
      if (!loaded.ok) reportConfigProblems(loaded.problems, log);
      const executablePath = process.env.KIOSK_CHROMIUM_PATH ?? config?.shell.chromiumPath ?? DEFAULT_CHROMIUM;
      const kiosk = await startChromiumKiosk({ config, executablePath, headless: values.headless, rendererDir: rendererDir(), workParent: launch.path, log, stationFile: configPath, requireBrowserPolicies: extras.requireBrowserPolicies ?? true });
      process.stdout.write(config === null ? 'Borne hors service : corrigez le fichier de configuration / station out of order: fix the config file\n' : 'Borne prête / kiosk ready\n');
      log.info('station-file', { source: chosen.source });
      // A new station file takes effect at the next idle moment, never under a visitor.
      const changed = new Promise<'changed' | 'updated'>((done) => {
        const unwatch = watchStationFile(configPath, () => {
          unwatch();
          done('changed');
        });
        void stop.then(unwatch);
        // Under systemd, a package upgrade replaces this very file: end at the next idle
        // moment and let the service manager start the new version.
        const self = process.argv[1];
        if (process.env.KIOSK_EXIT_ON_UPDATE === '1' && self !== undefined) {
          const unwatchSelf = watchStationFile(self, () => {
            unwatchSelf();
            done('updated');
          });
          void stop.then(unwatchSelf);
        }
      }).then(async (outcome) => {
        await kiosk.controller?.atNextIdleMoment();
        return outcome;
      });
      const outcome = await Promise.race([stop, changed, kiosk.staffRequest]);
      await kiosk.close();
      if (outcome === 'stop') return 0;
      if (outcome === 'exit') {
        log.info('staff-exit');
        return 0;
      }
      if (outcome === 'restart') {
        log.info('staff-restart');
        loaded = await loadStationConfig(configPath);
        continue;
      }
      if (outcome === 'updated') {
        log.info('kiosk-updated', { action: 'exit-at-idle-moment' });
        return 0;
      }
      log.info('station-file-changed', { action: 'restart-at-idle-moment' });
      loaded = await loadStationConfig(configPath);
    }
  } finally {
    launch.remove();
    await extras.afterStop?.();
  }
}

export function chooseShell(requested: ShellKind, electronInstalled: boolean): 'electron' | 'chromium' {
  if (requested === 'auto') return electronInstalled ? 'electron' : 'chromium';
  return requested;
}

/**
 * The unpacked app's arguments. As root, Chromium's sandbox cannot start and Electron
 * refuses to run without --no-sandbox: root is for tests and development only (a
 * station runs as its unprivileged kiosk user), and the packaged app refuses the switch.
 */
export function electronArguments(appDir: string, configPath: string, runningAsRoot: boolean): string[] {
  return [appDir, `--config=${configPath}`, ...(runningAsRoot ? ['--no-sandbox'] : [])];
}

function runElectron(binary: string, args: string[]): Promise<number> {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  if (args.includes('--no-sandbox')) process.stderr.write('root : Electron démarre sans bac à sable (tests seulement) / running as root: Electron starts with --no-sandbox (tests only)\n');
  const child = spawn(binary, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => {
    child.on('error', () => done(1));
    child.on('exit', (code) => done(code ?? 1));
  });
}

function stopSignal(): Promise<'stop'> {
  return new Promise((done) => {
    process.once('SIGINT', () => done('stop'));
    process.once('SIGTERM', () => done('stop'));
  });
}

/** Runs a launcher as a command: its result is the exit code; a failure is one line, never a stack trace. */
export function runAsCommand(run: () => Promise<number>): void {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      process.stderr.write(`La borne n'a pas pu démarrer / the kiosk could not start: ${message}\n`);
      process.exitCode = 1;
    },
  );
}
