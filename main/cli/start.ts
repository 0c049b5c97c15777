import { launchKiosk, runAsCommand } from './kiosk-launch';

/** `npm start`: the kiosk, on the station file the machine uses (main/node/paths.ts, chooseStationFile). */
runAsCommand(() => launchKiosk(process.argv.slice(2)));
