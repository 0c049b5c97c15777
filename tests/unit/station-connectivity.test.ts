import { describe, expect, it } from 'vitest';
import { readShippedConfig } from '../../main/node/load-config';
import { probeUrlsFor } from '../../main/node/station-connectivity';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { hostileTile } from '../support/hostile-sites/training-server';

describe('what the station asks to know whether the Internet works', () => {
  it('asks the origins of the real démarches, three at most', () => {
    expect(probeUrlsFor(readShippedConfig('default.json'))).toEqual([
      'https://www.caf.fr/',
      'https://administration-etrangers-en-france.interieur.gouv.fr/',
      'https://ants.gouv.fr/',
    ]);
  });

  it('never asks a site of this machine: a training station has nothing to watch', () => {
    const demo = demoStationConfig(8470);
    expect(probeUrlsFor({ ...demo, tiles: [...demo.tiles, hostileTile(demo, { id: 'hostile', path: '/plant' })] })).toEqual([]);
    expect(probeUrlsFor({ ...demo, tiles: demo.tiles.map((tile) => ({ ...tile, worksOffline: false })) })).toEqual([]);
  });

  it('uses the station\'s own list when it has one', () => {
    const demo = demoStationConfig(8470);
    expect(probeUrlsFor({ ...demo, connectivity: { probeUrls: ['https://www.service-public.gouv.fr/'] } })).toEqual(['https://www.service-public.gouv.fr/']);
  });
});
