import type { StationConfig, Tile } from '../core/config/station-config';
import { readShippedConfig } from '../node/load-config';

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

/**
 * A tile for the hostile training site (tests and the benchmark), on the same
 * training server as `demo`'s tiles. `withThirdParty` also allows the `tiers`
 * host, which the hostile pages frame to plant third-party storage.
 */
export function hostileTile(
  demo: StationConfig,
  tile: { id: string; path: string; withThirdParty?: boolean; permissions?: Tile['permissions'] },
): Tile {
  const origin = new URL(demo.tiles[0]?.entry ?? `http://caf.entrainement.localhost:${DEMO_TRAINING_PORT}/`);
  const host = (site: string) => `${site}.entrainement.localhost`;
  return {
    id: tile.id,
    label: { fr: `Site hostile (${tile.id})` },
    entry: `${origin.protocol}//${host('hostile')}:${origin.port}${tile.path}`,
    allowedHosts: tile.withThirdParty === true ? [host('hostile'), host('tiers')] : [host('hostile')],
    // Served by this machine's training server: no Internet needed.
    worksOffline: true,
    ...(tile.permissions === undefined ? {} : { permissions: tile.permissions }),
  };
}
