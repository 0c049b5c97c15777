import { resolve } from 'node:path';
import { formatConfigProblem } from '../core/config/parse-config';
import { loadStationConfig } from '../node/load-config';
import { chooseStationFile } from '../node/paths';

/**
 * `npm run config:check -- FILE…`: validates station files; non-zero exit and one line per
 * problem when one is wrong. Without a file: the one the kiosk would use on this machine
 * (KIOSK_CONFIG, /etc/borne/station.json or %ProgramData%\Borne\station.json, else the shipped default).
 */
async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    const chosen = chooseStationFile({});
    process.stdout.write(`${chosen.path} (${chosen.source === 'shipped' ? 'fichier livré / shipped default' : chosen.source === 'system' ? 'fichier de la machine / this machine\'s station file' : 'KIOSK_CONFIG'})\n`);
    files.push(chosen.path);
  }
  let failed = false;
  for (const file of files) {
    const result = await loadStationConfig(resolve(file));
    if (result.ok) {
      process.stdout.write(`${file}: OK (${result.config.tiles.length} tiles)\n`);
    } else {
      failed = true;
      for (const problem of result.problems) process.stderr.write(`${formatConfigProblem({ ...problem, source: file })}\n`);
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
