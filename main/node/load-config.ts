import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  formatConfigProblem,
  parseCatalogue,
  parseStationConfig,
  type ConfigProblem,
  type ConfigResult,
  type LoadedCatalogue,
} from '../core/config/parse-config';
import type { StationConfig } from '../core/config/station-config';
import { kioskConfigDir } from './paths';

/** The service catalogue the project ships; station files take their `{ "service": … }` tiles from it. */
export function shippedCataloguePath(): string {
  return join(kioskConfigDir(), 'catalogue.json');
}

/**
 * Reads and validates a station file and the catalogue its tiles come from. Never
 * throws: a missing file is a problem like any other, named with its path.
 */
export async function loadStationConfig(path: string, cataloguePath = shippedCataloguePath()): Promise<ConfigResult> {
  const catalogueText = await readText(cataloguePath);
  if (!catalogueText.ok) return catalogueText;
  const catalogue = parseCatalogue(catalogueText.text, cataloguePath);
  if (!catalogue.ok) return catalogue;
  const stationText = await readText(path);
  if (!stationText.ok) return stationText;
  return parseStationConfig(stationText.text, path, catalogue.loaded);
}

async function readText(path: string): Promise<{ ok: true; text: string } | { ok: false; problems: ConfigProblem[] }> {
  try {
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied (the kiosk user cannot read it)' : `cannot be read (${code ?? 'unknown error'})`;
    return { ok: false, problems: [{ source: path, key: '(file)', message }] };
  }
}

/** The shipped catalogue, for tools and tests: throws, naming every problem, if it is invalid. */
export function readShippedCatalogue(): LoadedCatalogue {
  const path = shippedCataloguePath();
  const result = parseCatalogue(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${path} is invalid: ${result.problems.map(formatConfigProblem).join('; ')}`);
  return result.loaded;
}

/** A station file the project ships (kiosk-config/NAME), for tools and tests: throws, naming every problem, if it is invalid. */
export function readShippedConfig(name: string): StationConfig {
  const path = join(kioskConfigDir(), name);
  const result = parseStationConfig(readFileSync(path, 'utf8'), path, readShippedCatalogue());
  if (!result.ok) throw new Error(`${path} is invalid: ${result.problems.map(formatConfigProblem).join('; ')}`);
  return result.config;
}
