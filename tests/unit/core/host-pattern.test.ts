import { describe, expect, it } from 'vitest';
import { hostPatternProblem } from '../../../main/core/config/host-pattern';
import { readShippedCatalogue, readShippedConfig } from '../../../main/node/load-config';

/** The grammar of allowedHosts (main/core/config/host-pattern.ts); the refusals are in tests/fixtures/bad-stations/. */
describe('host patterns', () => {
  it.each([
    'www.caf.fr',
    '*.ants.gouv.fr',
    'sso.anef.dgef.interieur.gouv.fr',
    'xn--cole-bsa.fr', // école.fr, in punycode
    'my-site.example.co.uk',
    '*.example.co.uk',
    'someone.github.io', // a registrable domain under a private public suffix
    '*.someone.github.io',
    'localhost',
    'caf.entrainement.localhost',
    '*.entrainement.localhost',
    '127.0.0.1',
  ])('accepts %s', (pattern) => {
    expect(hostPatternProblem(pattern)).toBeNull();
  });

  it.each([
    ['*.fr', /public suffix/],
    ['*.gouv.fr', /public suffix/],
    ['*.co.uk', /public suffix/],
    ['*.github.io', /public suffix/],
    ['*.blogspot.com', /public suffix/],
    ['*.com', /public suffix/],
    ['gouv.fr', /is a public suffix/],
    ['*.localhost', /every site on this machine/],
    ['*', /only as its whole first label/],
    ['a.*.fr', /only as its whole first label/],
    ['10.0.0.1', /only for this machine/],
  ])('refuses %s', (pattern, reason) => {
    expect(hostPatternProblem(pattern)).toMatch(reason);
  });

  it('every host the shipped catalogue and station files allow follows the grammar', () => {
    const hosts = [
      ...readShippedCatalogue().catalogue.services.flatMap((service) => service.allowedHosts),
      ...readShippedConfig('default.json').tiles.flatMap((tile) => tile.allowedHosts),
      ...readShippedConfig('demo.json').tiles.flatMap((tile) => tile.allowedHosts),
    ];
    expect(hosts.length).toBeGreaterThan(50);
    expect(hosts.filter((host) => hostPatternProblem(host) !== null)).toEqual([]);
  });
});
