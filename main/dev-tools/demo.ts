import { join } from 'node:path';
import { launchKiosk, runAsCommand } from '../cli/kiosk-launch';
import { kioskConfigDir } from '../node/paths';
import { DEMO_TRAINING_PORT } from './training-sites/demo-config';
import { startTrainingServer } from './training-sites/server';

/**
 * `npm run demo`: the kiosk on kiosk-config/demo.json with the training sites it
 * points to. A development entry (dist-dev/): the training sites never ship in a package.
 */
runAsCommand(async () => {
  const training = await startTrainingServer({ port: DEMO_TRAINING_PORT });
  process.stdout.write(`Sites d'entraînement : ${training.origin('caf')}/\n`);
  return launchKiosk(process.argv.slice(2), { defaultConfig: join(kioskConfigDir(), 'demo.json'), afterStop: () => training.close(), requireBrowserPolicies: false });
});
