import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatConfigProblem, parseStationConfig, type ConfigResult } from '../core/config/parse-config';
import type { StationConfig } from '../core/config/station-config';
import { projectRoot } from './paths';

/** Reads and validates a station file. Never throws: a missing file is a problem like any other. */
export async function loadStationConfig(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied (the kiosk user cannot read it)' : `cannot be read (${code ?? 'unknown error'})`;
    return { ok: false, problems: [{ source: path, key: '(file)', message }] };
  }
  return parseStationConfig(text, path);
}

/** A station file the project ships (kiosk-config/NAME), for tools and tests: throws, naming every problem, if it is invalid. */
export function readShippedConfig(name: string): StationConfig {
  const path = join(projectRoot(), 'kiosk-config', name);
  const result = parseStationConfig(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${path} is invalid: ${result.problems.map(formatConfigProblem).join('; ')}`);
  return result.config;
}
