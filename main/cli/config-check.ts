import { resolve } from 'node:path';
import { formatConfigProblem } from '../core/config/parse-config';
import { loadStationConfig } from '../node/load-config';

/** `npm run config:check -- FILE…`: validates station files; non-zero exit and one line per problem when one is wrong. */
async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run config:check -- kiosk-config/FILE.json [more files]\n');
    return 2;
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
