import { parseArgs } from 'node:util';
import type { KioskLog } from '../../main/core/log';
import { rendererDir } from '../../main/node/paths';
import { startChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { demoStationConfig } from '../../main/training-server/demo-config';
import { startTrainingServer } from '../../main/training-server/server';

/**
 * `npm run bench`: the Chromium shell, headless, against the training sites.
 * Prints the time from start to a home screen ready for a tap, and the
 * wipe-to-ready time (from the visitor's "Oui, tout effacer" tap until the home
 * screen accepts the next tap) over many visitors who each log in.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { visitors: { type: 'string', default: '50' } } });
  const visitors = Number(values.visitors);
  const executablePath = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';
  const training = await startTrainingServer();
  const config = demoStationConfig(training.port);
  const quiet: KioskLog = { info: () => undefined, warn: () => undefined, error: (event) => process.stderr.write(`error ${event}\n`) };

  const started = performance.now();
  const kiosk = await startChromiumKiosk({ config, executablePath, headless: true, rendererDir: rendererDir(), display: { width: 1280, height: 800 }, log: quiet });
  const ui = kiosk.shell.uiPage;
  await ui.waitForSelector('button[data-tile="caf"]');
  const startToReady = performance.now() - started;

  const wipeToReady: number[] = [];
  try {
    for (let visitor = 0; visitor < visitors; visitor += 1) {
      await ui.click('button[data-tile="caf"]');
      const site = kiosk.shell.visitor?.page;
      if (site === undefined) throw new Error('no visitor browser');
      await site.waitForSelector('#lien-connexion');
      await site.click('#lien-connexion');
      await site.fill('#identifiant', '1234567890123');
      await site.fill('#mot-de-passe', 'entrainement');
      await site.click('button[type="submit"]');
      await site.waitForSelector('body[data-stockage="pret"]');
      await ui.click('[data-action="end-session"]');
      await ui.waitForSelector('[data-action="confirm-end"]');
      const tap = performance.now();
      await ui.click('[data-action="confirm-end"]');
      await ui.waitForSelector('main[data-screen="home"] [data-notice] >> xpath=ancestor::main//button[@data-tile="caf"]', { state: 'visible' });
      wipeToReady.push(performance.now() - tap);
      if (kiosk.controller?.lastWipeReport()?.ok !== true) throw new Error(`wipe ${visitor + 1} failed`);
    }
  } finally {
    await kiosk.close();
    await training.close();
  }
  const sorted = [...wipeToReady].sort((a, b) => a - b);
  console.log(`bench: Chromium shell, headless, ${visitors} visitors who each log in on the CAF training site`);
  console.log(`bench: start to home screen ready: ${startToReady.toFixed(0)} ms`);
  console.log(`bench: wipe to ready: median ${percentile(sorted, 50).toFixed(0)} ms, 95th percentile ${percentile(sorted, 95).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
