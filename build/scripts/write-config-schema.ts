import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueJsonSchema, stationConfigJsonSchema } from '../../main/core/config/json-schema';
import { projectRoot } from '../../main/node/paths';

/**
 * Writes kiosk-config/station.schema.json and catalogue.schema.json from the zod
 * schemas, so editors can complete and check the files. `--check` fails when one is stale.
 */
async function main(): Promise<number> {
  const schemas = { 'station.schema.json': stationConfigJsonSchema(), 'catalogue.schema.json': catalogueJsonSchema() };
  let stale = 0;
  for (const [name, schema] of Object.entries(schemas)) {
    const file = join(projectRoot(), 'kiosk-config', name);
    const expected = `${JSON.stringify(schema, null, 2)}\n`;
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current === expected) continue;
    if (process.argv.includes('--check')) {
      process.stderr.write(`${file} is out of date: run node dist-dev/cli/write-config-schema.cjs\n`);
      stale += 1;
    } else {
      await writeFile(file, expected);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  return stale === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
