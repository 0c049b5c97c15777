import type { StationConfig } from '../../core/config/station-config';
import { readShippedConfig } from '../../node/load-config';

/** The port kiosk-config/demo.json expects the training sites on. */
export const DEMO_TRAINING_PORT = 8470;

/**
 * kiosk-config/demo.json pointed at a training server on another port (tests
 * and the benchmark start theirs on a free port), optionally with other idle
 * timings.
 */
export function demoStationConfig(port: number, idle?: StationConfig['idle']): StationConfig {
  const demo = readShippedConfig('demo.json');
  return {
    ...demo,
    idle: idle ?? demo.idle,
    tiles: demo.tiles.map((tile) => {
      const onPort = (address: string) => address.replace(`:${DEMO_TRAINING_PORT}/`, `:${port}/`);
      return {
        ...tile,
        entry: onPort(tile.entry),
        ...(tile.forgottenPassword === undefined ? {} : { forgottenPassword: onPort(tile.forgottenPassword) }),
      };
    }),
  };
}
