import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StationConfig } from '../core/config/station-config';
import { parseStationConfig } from '../core/config/parse-config';
import { projectRoot } from '../node/paths';

/** The port kiosk-config/demo.json expects the training sites on. */
export const DEMO_TRAINING_PORT = 8470;

/**
 * kiosk-config/demo.json pointed at a training server on another port (tests
 * and the benchmark start theirs on a free port), optionally with other idle
 * timings.
 */
export function demoStationConfig(port: number, idle?: StationConfig['idle']): StationConfig {
  const path = join(projectRoot(), 'kiosk-config', 'demo.json');
  const result = parseStationConfig(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${path} is invalid: ${result.problems.map((problem) => `${problem.key}: ${problem.message}`).join('; ')}`);
  const demo = result.config;
  return {
    ...demo,
    idle: idle ?? demo.idle,
    tiles: demo.tiles.map((tile) => ({ ...tile, entry: tile.entry.replace(`:${DEMO_TRAINING_PORT}/`, `:${port}/`) })),
  };
}
