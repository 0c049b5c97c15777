import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigProblem, parseStationConfig } from '../../../main/core/config/parse-config';
import { checkNavigation } from '../../../main/core/navigation/policy';

const root = join(__dirname, '..', '..', '..');
const demoText = readFileSync(join(root, 'kiosk-config', 'demo.json'), 'utf8');

describe('frame hosts (tiles[].frameHosts)', () => {
  const tile = { allowedHosts: ['www.caf.fr'], frameHosts: ['www.google.com', '*.hcaptcha.com'] };

  it('lets frames show the tile\'s hosts and its frame hosts', () => {
    expect(checkNavigation({ url: 'https://www.caf.fr/cadre', isMainFrame: false, ...tile })).toEqual({ allowed: true });
    expect(checkNavigation({ url: 'https://www.google.com/recaptcha/api2/anchor', isMainFrame: false, ...tile })).toEqual({ allowed: true });
    expect(checkNavigation({ url: 'https://newassets.hcaptcha.com/captcha', isMainFrame: false, ...tile })).toEqual({ allowed: true });
  });

  it('never lets a frame host be the page itself', () => {
    expect(checkNavigation({ url: 'https://www.google.com/', isMainFrame: true, ...tile })).toEqual({ allowed: false, reason: 'host', host: 'www.google.com' });
  });

  it('refuses every other frame host by default, with or without a list', () => {
    expect(checkNavigation({ url: 'https://tracker.example.net/', isMainFrame: false, ...tile })).toMatchObject({ allowed: false, reason: 'host' });
    expect(checkNavigation({ url: 'https://www.google.com/', isMainFrame: false, allowedHosts: ['www.caf.fr'] })).toMatchObject({ allowed: false, reason: 'host' });
    // A look-alike of a frame host is another host.
    expect(checkNavigation({ url: 'https://www.google.com.example.net/', isMainFrame: false, ...tile })).toMatchObject({ allowed: false });
  });

  it('refuses data: and other schemes in frames, keeps about:blank and about:srcdoc', () => {
    expect(checkNavigation({ url: 'data:text/html,<p>x</p>', isMainFrame: false, ...tile })).toMatchObject({ allowed: false, reason: 'scheme' });
    expect(checkNavigation({ url: 'about:srcdoc', isMainFrame: false, ...tile })).toEqual({ allowed: true });
    expect(checkNavigation({ url: 'about:blank', isMainFrame: false, ...tile })).toEqual({ allowed: true });
  });

  it('is checked in the station file like allowedHosts, naming the key', () => {
    const config = JSON.parse(demoText) as { tiles: Record<string, unknown>[] };
    config.tiles[0] = { ...config.tiles[0], frameHosts: ['https://www.google.com/'] };
    const result = parseStationConfig(JSON.stringify(config), 'kiosk-config/station.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatConfigProblem).join('\n')).toMatch(/tiles\[0\]\.frameHosts\[0\]/);
    config.tiles[0] = { ...config.tiles[0], frameHosts: ['www.google.com'] };
    const valid = parseStationConfig(JSON.stringify(config), 'kiosk-config/station.json');
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(valid.config.tiles[0]?.frameHosts).toEqual(['www.google.com']);
  });
});
