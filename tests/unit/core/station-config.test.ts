import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfigProblem, parseStationConfig } from '../../../main/core/config/parse-config';
import { readShippedConfig as readConfigFile } from '../../../main/node/load-config';

const root = join(__dirname, '..', '..', '..');
const demoText = readFileSync(join(root, 'kiosk-config', 'demo.json'), 'utf8');

/** The demo file with one change, as text. Loosely typed on purpose: the point is to break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;
function variant(change: (config: Editable) => void): string {
  const config = JSON.parse(demoText) as Editable;
  change(config);
  return JSON.stringify(config, null, 2);
}

function problems(text: string): string[] {
  const result = parseStationConfig(text, 'kiosk-config/station.json');
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems.map(formatConfigProblem);
}

describe('the shipped station files', () => {
  it('default.json is valid and has the real services with their login hosts', () => {
    const config = readConfigFile('default.json');
    const byId = new Map(config.tiles.map((tile) => [tile.id, tile]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining(['caf', 'anef', 'ants']));
    expect(byId.get('caf')?.allowedHosts).toEqual(expect.arrayContaining(['www.caf.fr', 'wwwd.caf.fr', 'connect.caf.fr']));
    expect(byId.get('anef')?.allowedHosts).toContain('sso.anef.dgef.interieur.gouv.fr');
    expect(byId.get('ants')?.allowedHosts).toEqual(expect.arrayContaining(['moncompte.ants.gouv.fr', 'passeport.ants.gouv.fr']));
    for (const tile of config.tiles) expect(tile.entry).toMatch(/^https:\/\//);
  });

  it('demo.json is valid and uses only the local training sites', () => {
    const config = readConfigFile('demo.json');
    for (const tile of config.tiles) {
      expect(new URL(tile.entry).hostname).toMatch(/\.entrainement\.localhost$/);
      expect(tile.worksOffline).toBe(true);
    }
  });
});

describe('a bad station file is refused with one precise line per problem', () => {
  it('names the line and column of a JSON syntax error', () => {
    expect(problems('{\n  "station": {,\n}')).toEqual([
      expect.stringMatching(/^kiosk-config\/station\.json: \(file\): not valid JSON at line 2, column \d+/),
    ]);
  });

  it('says an empty file is empty', () => {
    expect(problems('')).toEqual(['kiosk-config/station.json: (file): not valid JSON: the file is empty']);
  });

  it('names an unknown key with its full path', () => {
    expect(problems(variant((c) => (c.tiles[1].colour = 'blue')))).toEqual([
      expect.stringMatching(/^kiosk-config\/station\.json: tiles\[1\]\.colour: unknown key/),
    ]);
  });

  it('names a wrong type with the value found', () => {
    expect(problems(variant((c) => (c.idle.timeoutSeconds = '180')))).toEqual([
      'kiosk-config/station.json: idle.timeoutSeconds: expected number, got string "180"',
    ]);
  });

  it('refuses an entry address that is not https', () => {
    expect(problems(variant((c) => (c.tiles[0].entry = 'http://www.caf.fr/')))).toContain(
      'kiosk-config/station.json: tiles[0].entry: must be an https:// address (got "http://www.caf.fr/")',
    );
  });

  it('refuses an entry address with a user name in it', () => {
    expect(problems(variant((c) => (c.tiles[0].entry = 'https://www.caf.fr@evil.example/')))).toEqual(
      expect.arrayContaining([expect.stringContaining('tiles[0].entry: must not contain a user name or password')]),
    );
  });

  it('refuses an empty tile list', () => {
    expect(problems(variant((c) => (c.tiles = [])))).toEqual(['kiosk-config/station.json: tiles: must list at least one démarche tile']);
  });

  it('refuses a tile whose entry host is not allowed, and duplicate ids', () => {
    const lines = problems(
      variant((c) => {
        c.tiles[1].id = 'caf';
        c.tiles[2].allowedHosts = ['franceconnect.entrainement.localhost'];
      }),
    );
    expect(lines).toContain('kiosk-config/station.json: tiles[1].id: "caf" is used by another entry');
    expect(lines).toContain('kiosk-config/station.json: tiles[2].allowedHosts: must include the entry\'s host "ants.entrainement.localhost"');
  });

  it('refuses host patterns with a scheme or a path', () => {
    expect(problems(variant((c) => (c.tiles[0].allowedHosts.push('https://www.caf.fr/'))))).toEqual([
      expect.stringMatching(/tiles\[0\]\.allowedHosts\[3\]: must be a host name alone, without scheme, path, port or user/),
    ]);
  });

  it('refuses a default language that is not offered', () => {
    expect(problems(variant((c) => ((c.languages.available = ['fr', 'en']), (c.languages.default = 'uk'))))).toEqual([
      'kiosk-config/station.json: languages.default: "uk" must also be listed in languages.available',
    ]);
  });

  it('refuses a label without its French text', () => {
    expect(problems(variant((c) => delete c.tiles[0].label.fr))).toEqual([
      'kiosk-config/station.json: tiles[0].label.fr: is missing (expected string)',
    ]);
  });

  it('refuses an unknown shell', () => {
    expect(problems(variant((c) => (c.shell.preferred = 'firefox'))))
      .toEqual(['kiosk-config/station.json: shell.preferred: must be one of "auto", "electron", "chromium" (got string "firefox")']);
  });
});
