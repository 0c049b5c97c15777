import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StationConfig } from '../core/config/station-config';
import { SHELL_KINDS, type ShellKind } from '../core/config/station-config';
import { reportConfigProblems } from '../node/config-problems';
import { createConsoleLog } from '../node/console-log';
import { findElectronBinary } from '../node/electron-binary';
import { loadStationConfig } from '../node/load-config';
import { defaultConfigPath, projectRoot, rendererDir } from '../node/paths';
import { startChromiumKiosk } from '../shells/chromium/start-chromium-kiosk';
import { DEMO_TRAINING_PORT } from '../training-server/demo-config';
import { startTrainingServer, type TrainingServer } from '../training-server/server';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * `npm start` / `npm run demo`: starts the kiosk in the Electron shell when its
 * binary is installed, otherwise in the distribution's Chromium.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      shell: { type: 'string' },
      headless: { type: 'boolean', default: false },
      'training-server': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const log = createConsoleLog();
  const configPath = resolve(values.config ?? process.env.KIOSK_CONFIG ?? defaultConfigPath());
  const loaded = await loadStationConfig(configPath);
  const config: StationConfig | null = loaded.ok ? loaded.config : null;
  if (!loaded.ok) reportConfigProblems(loaded.problems, log);

  const requested = values.shell ?? process.env.KIOSK_SHELL ?? config?.shell.preferred ?? 'auto';
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

  let training: TrainingServer | null = null;
  if (values['training-server']) {
    training = await startTrainingServer({ port: DEMO_TRAINING_PORT });
    process.stdout.write(`Sites d'entraînement : ${training.origin('caf')}/\n`);
  }

  if (shell === 'electron' && electron !== null) {
    return runElectron(electron, configPath, training);
  }

  if (!values.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    process.stderr.write(
      'Pas d\'écran graphique (DISPLAY vide) : lancez la borne depuis la session graphique, ou essayez-la avec « xvfb-run -a npm start » / no display: run it in a graphical session or under xvfb-run\n',
    );
    await training?.close();
    return 1;
  }
  const executablePath = process.env.KIOSK_CHROMIUM_PATH ?? config?.shell.chromiumPath ?? DEFAULT_CHROMIUM;
  // A real station serves nobody without its Chromium policies; the demo (fictitious sites) may run without them.
  const requireBrowserPolicies = !values['training-server'];
  const kiosk = await startChromiumKiosk({ config, executablePath, headless: values.headless, rendererDir: rendererDir(), log, requireBrowserPolicies });
  process.stdout.write(config === null ? 'Borne hors service : corrigez le fichier de configuration / station out of order: fix the config file\n' : 'Borne prête / kiosk ready\n');
  await waitForStopSignal();
  await kiosk.close();
  await training?.close();
  return 0;
}

export function chooseShell(requested: ShellKind, electronInstalled: boolean): 'electron' | 'chromium' {
  if (requested === 'auto') return electronInstalled ? 'electron' : 'chromium';
  return requested;
}

function runElectron(binary: string, configPath: string, training: TrainingServer | null): Promise<number> {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [projectRoot(), `--config=${configPath}`], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => {
    child.on('exit', (code) => {
      void training?.close().finally(() => done(code ?? 1));
    });
  });
}

function waitForStopSignal(): Promise<void> {
  return new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`La borne n'a pas pu démarrer / the kiosk could not start: ${message}\n`);
    process.exitCode = 1;
  },
);
