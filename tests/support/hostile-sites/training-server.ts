// The training server as the tests and the benchmark start it: the demo's training
// sites (main/dev-tools/training-sites/) with the hostile sites of the security tests
// mounted on it. The demo and `npm run training-server` serve no hostile site.

import type { StationConfig, Tile } from '../../../main/core/config/station-config';
import { DEMO_TRAINING_PORT } from '../../../main/dev-tools/training-sites/demo-config';
import { startTrainingServer as startDemoTrainingServer } from '../../../main/dev-tools/training-sites/server';
import type { TrainingServer, TrainingSiteExtension } from '../../../main/dev-tools/training-sites/server';
import { TRAINING_DOMAIN } from '../../../main/dev-tools/training-sites/sites';
import { HOSTILE_LABEL, HOSTILE_SITE_ID, THIRD_PARTY_SITE_ID, handleHostileRequest } from './hostile-site';
import { handleHostileSurfaces } from './hostile-surfaces';

export type { TrainingServer };

/** `hostile` and `tiers` (hostile-site.ts), and the surfaces pages on them and on `ailleurs` (hostile-surfaces.ts). */
export const HOSTILE_SITES: TrainingSiteExtension = {
  sites: [
    {
      id: HOSTILE_SITE_ID,
      name: HOSTILE_LABEL,
      kind: 'extension',
      description: "Ce site fictif sert uniquement aux tests de sécurité de la borne : il essaie d'en sortir et de laisser des traces.",
    },
    {
      id: THIRD_PARTY_SITE_ID,
      name: "Site tiers d'entraînement — hostile (tests de sécurité)",
      kind: 'extension',
      description: "Ce site fictif joue le rôle d'un site tiers, intégré par le site hostile.",
    },
  ],
  intercept: handleHostileSurfaces,
  route: (request) => {
    const { siteId } = request;
    return (siteId === HOSTILE_SITE_ID || siteId === THIRD_PARTY_SITE_ID) && handleHostileRequest({ ...request, siteId });
  },
};

/** The training server with the hostile sites on it (a free port unless `port` is given). */
export function startTrainingServer(options?: { port?: number; host?: string }): Promise<TrainingServer> {
  return startDemoTrainingServer({ ...options, extensions: [HOSTILE_SITES] });
}

/**
 * A tile for the hostile training site, on the same training server as `demo`'s
 * tiles. `withThirdParty` also allows the `tiers` host, which the hostile pages
 * frame to plant third-party storage.
 */
export function hostileTile(
  demo: StationConfig,
  tile: { id: string; path: string; withThirdParty?: boolean; permissions?: Tile['permissions'] },
): Tile {
  const origin = new URL(demo.tiles[0]?.entry ?? `http://caf.${TRAINING_DOMAIN}:${DEMO_TRAINING_PORT}/`);
  const host = (site: string) => `${site}.${TRAINING_DOMAIN}`;
  return {
    id: tile.id,
    label: { fr: `Site hostile (${tile.id})` },
    entry: `${origin.protocol}//${host(HOSTILE_SITE_ID)}:${origin.port}${tile.path}`,
    allowedHosts: tile.withThirdParty === true ? [host(HOSTILE_SITE_ID), host(THIRD_PARTY_SITE_ID)] : [host(HOSTILE_SITE_ID)],
    // Served by this machine's training server: no Internet needed.
    worksOffline: true,
    ...(tile.permissions === undefined ? {} : { permissions: tile.permissions }),
  };
}
