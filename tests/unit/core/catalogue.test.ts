import { describe, expect, it } from 'vitest';
import { formatConfigProblem, parseCatalogue, parseStationConfig, type LoadedCatalogue } from '../../../main/core/config/parse-config';

/** A small catalogue of two services, as a structure's own copy might be. */
const catalogueText = JSON.stringify({
  translations: { en: { reviewed: false } },
  services: [
    {
      id: 'caf',
      label: { fr: 'CAF', en: 'CAF' },
      entry: 'https://www.caf.fr/',
      allowedHosts: ['www.caf.fr', 'wwwd.caf.fr'],
      theme: 'Famille-Scolarité',
      forgottenPassword: 'https://wwwd.caf.fr/wps/portal/caffr/login',
      memo: { address: 'www.caf.fr', identifier: { fr: 'numéro de sécurité sociale' }, helpline: '3230' },
      documents: [{ fr: 'Votre numéro de sécurité sociale' }],
      guides: [{ id: 'attestation', title: { fr: 'Attestation' }, steps: [{ text: { fr: 'Connectez-vous' } }] }],
    },
    { id: 'ants', label: { fr: 'ANTS' }, entry: 'https://ants.gouv.fr/', allowedHosts: ['ants.gouv.fr'], theme: 'Papiers-Élections-Citoyenneté' },
  ],
});

function loaded(text = catalogueText): LoadedCatalogue {
  const result = parseCatalogue(text, 'kiosk-config/catalogue.json');
  if (!result.ok) throw new Error(result.problems.map(formatConfigProblem).join('\n'));
  return result.loaded;
}

function station(tiles: unknown[]): string {
  return JSON.stringify({
    station: { name: 'Médiathèque', helpText: { fr: "Demandez à l'accueil." } },
    languages: { default: 'fr', available: ['fr'] },
    idle: { timeoutSeconds: 180, warningSeconds: 30 },
    shell: { preferred: 'chromium' },
    tiles,
  });
}

function problems(text: string, catalogue: LoadedCatalogue | null = loaded()): string[] {
  const result = parseStationConfig(text, 'station.json', catalogue);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems.map(formatConfigProblem);
}

describe('station tiles taken from the service catalogue', () => {
  it('shows the services the station lists, in its order, and hides the others', () => {
    const result = parseStationConfig(station([{ service: 'ants' }, { service: 'caf' }]), 'station.json', loaded());
    if (!result.ok) throw new Error(result.problems.map(formatConfigProblem).join('\n'));
    expect(result.config.tiles.map((tile) => tile.id)).toEqual(['ants', 'caf']);
    expect(result.config.tiles[1]?.guides?.[0]?.id).toBe('attestation');
    expect(result.config.tiles[1]?.forgottenPassword).toBe('https://wwwd.caf.fr/wps/portal/caffr/login');
  });

  it('lets a station correct a service: each key it writes replaces the catalogue\'s', () => {
    const result = parseStationConfig(
      station([{ service: 'caf', label: { fr: 'Allocations (CAF)' }, idleTimeoutSeconds: 600 }]),
      'station.json',
      loaded(),
    );
    if (!result.ok) throw new Error(result.problems.map(formatConfigProblem).join('\n'));
    const [caf] = result.config.tiles;
    expect(caf?.label).toEqual({ fr: 'Allocations (CAF)' });
    expect(caf?.idleTimeoutSeconds).toBe(600);
    expect(caf?.allowedHosts).toEqual(['www.caf.fr', 'wwwd.caf.fr']);
  });

  it('lets a station add a tile of its own beside the catalogue\'s', () => {
    const own = { id: 'mairie', label: { fr: 'Ma mairie' }, entry: 'https://www.mairie.example.fr/', allowedHosts: ['www.mairie.example.fr'] };
    const result = parseStationConfig(station([{ service: 'caf' }, own]), 'station.json', loaded());
    expect(result.ok && result.config.tiles.map((tile) => tile.id)).toEqual(['caf', 'mairie']);
  });

  it('names an unknown service and lists the known ones', () => {
    expect(problems(station([{ service: 'cpam' }]))).toEqual([
      'station.json: tiles[0].service: unknown service "cpam" (kiosk-config/catalogue.json has: caf, ants)',
    ]);
  });

  it('names a misspelt correction key at its place in the station file', () => {
    expect(problems(station([{ service: 'caf', helpLine: '3230' }]))).toEqual([expect.stringMatching(/^station\.json: tiles\[0\]\.helpLine: unknown key/)]);
  });

  it('checks a corrected tile as a whole: a new entry must stay inside its allowed hosts', () => {
    expect(problems(station([{ service: 'caf', entry: 'https://www.caf-fr.com/' }]))).toEqual([
      'station.json: tiles[0].allowedHosts: must include the entry\'s host "www.caf-fr.com"',
    ]);
  });

  it('says when there is no catalogue to take a service from', () => {
    expect(problems(station([{ service: 'caf' }]), null)).toEqual([
      'station.json: tiles[0].service: no service catalogue was loaded (kiosk-config/catalogue.json)',
    ]);
  });
});

describe('a broken catalogue is refused with precise lines', () => {
  const broken = (change: (catalogue: { services: Record<string, unknown>[] }) => void): string[] => {
    const catalogue = JSON.parse(catalogueText) as { services: Record<string, unknown>[] };
    change(catalogue);
    const result = parseCatalogue(JSON.stringify(catalogue), 'kiosk-config/catalogue.json');
    if (result.ok) throw new Error('expected the catalogue to be refused');
    return result.problems.map(formatConfigProblem);
  };

  it('refuses a forgotten-password page outside the service\'s hosts', () => {
    expect(broken((c) => (c.services[0]!.forgottenPassword = 'https://mot-de-passe.example.com/'))).toEqual([
      'kiosk-config/catalogue.json: services[0].allowedHosts: must include the forgotten-password page\'s host "mot-de-passe.example.com"',
    ]);
  });

  it('refuses two services with one id, and a guide without steps', () => {
    expect(
      broken((c) => {
        c.services[1]!.id = 'caf';
        (c.services[0]!.guides as { steps: unknown[] }[])[0]!.steps = [];
      }),
    ).toEqual([
      'kiosk-config/catalogue.json: services[0].guides[0].steps: must have at least one step',
      'kiosk-config/catalogue.json: services[1].id: "caf" is used by another entry',
    ]);
  });

  it('names a JSON error in the catalogue with its file', () => {
    const result = parseCatalogue('{ "services": [', 'kiosk-config/catalogue.json');
    expect(!result.ok && result.problems[0]?.source).toBe('kiosk-config/catalogue.json');
  });
});
