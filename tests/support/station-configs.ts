import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StationConfig } from '../../main/core/config/station-config';
import { parseStationConfig } from '../../main/core/config/parse-config';

const root = join(__dirname, '..', '..');

export function readConfigFile(name: string): StationConfig {
  const path = join(root, 'kiosk-config', name);
  const result = parseStationConfig(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${name} is invalid: ${JSON.stringify(result.problems)}`);
  return result.config;
}

export { demoStationConfig as demoConfigFor } from '../../main/training-server/demo-config';
