import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stationConfigJsonSchema } from '../../main/core/config/json-schema';
import { projectRoot } from '../../main/node/paths';

/**
 * Writes kiosk-config/station.schema.json from the zod schema, so editors can
 * complete and check station files. `--check` fails when the file is stale.
 */
async function main(): Promise<number> {
  const file = join(projectRoot(), 'kiosk-config', 'station.schema.json');
  const expected = `${JSON.stringify(stationConfigJsonSchema(), null, 2)}\n`;
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current === expected) return 0;
  if (process.argv.includes('--check')) {
    process.stderr.write(`${file} is out of date: run node dist/cli/write-config-schema.cjs\n`);
    return 1;
  }
  await writeFile(file, expected);
  process.stdout.write(`wrote ${file}\n`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
