import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../main/node/paths';

/**
 * The Chromium shell's Debian package, as built (build/scripts/build-deb.mjs): what it
 * would install. Installing it for real needs root: `npm run test:package`
 * (build/scripts/test-package.mjs) builds, lints, installs, boots and purges it.
 */
const root = projectRoot();
const hasDpkg = spawnSync('sh', ['-c', 'command -v dpkg-deb']).status === 0;
if (!hasDpkg) console.log('deb-contents: skipped: dpkg-deb is not installed (not a Debian machine)');
const APP = './usr/lib/borne-inclusion-numerique';

interface Built {
  deb: string;
  files: string[];
  extracted: string;
}
type BuildDeb = (options: { out: string; policies: boolean; policiesDir?: string; compression?: 'none' | 'xz' }) => string;

describe.skipIf(!hasDpkg)('the Chromium shell\'s .deb', () => {
  let work: string;
  let buildDeb: BuildDeb;
  let built: Built;
  const inspect = (deb: string, into: string): Built => {
    execFileSync('dpkg-deb', ['-x', deb, into]);
    const files = execFileSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/).slice(5).join(' '));
    return { deb, files, extracted: into };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'borne-deb-test-'));
    ({ buildDeb } = (await import(join(root, 'build', 'scripts', 'build-deb.mjs'))) as { buildDeb: BuildDeb });
    built = inspect(buildDeb({ out: join(work, 'out'), policies: true, compression: 'none' }), join(work, 'root'));
  }, 120_000);
  afterAll(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('installs the app under /usr/lib, the station file under /etc/borne, the unit and the X session settings', () => {
    for (const path of [
      `${APP}/package.json`,
      `${APP}/dist/cli/start.cjs`,
      `${APP}/dist/cli/config-check.cjs`,
      `${APP}/dist/printer/printer-process.cjs`,
      `${APP}/dist/renderer/index.html`,
      `${APP}/kiosk-config/catalogue.json`,
      `${APP}/kiosk-config/default.json`,
      `${APP}/bin/borne-kiosk`,
      `${APP}/bin/borne-session`,
      `${APP}/node_modules/playwright-core/package.json`,
      `${APP}/node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/@serialport+bindings-cpp.glibc.node`,
      './etc/borne/station.json',
      './lib/systemd/system/borne-chromium.service',
      './etc/X11/xorg.conf.d/50-borne-kiosk.conf',
      './usr/share/doc/borne-inclusion-numerique-chromium/copyright',
    ]) {
      expect(built.files).toContain(path);
    }
    const conffiles = execFileSync('dpkg-deb', ['-f', built.deb, 'Package'], { encoding: 'utf8' }).trim();
    expect(conffiles).toBe('borne-inclusion-numerique-chromium');
    execFileSync('dpkg-deb', ['-e', built.deb, join(work, 'control')]);
    expect(readFileSync(join(work, 'control', 'conffiles'), 'utf8')).toContain('/etc/borne/station.json');
  });

  it('depends on Chromium and a Node ≥ 20 runtime', () => {
    const depends = execFileSync('dpkg-deb', ['-f', built.deb, 'Depends'], { encoding: 'utf8' });
    expect(depends).toMatch(/(^|, )chromium(,|$)/m);
    expect(depends).toContain('nodejs (>= 20)');
  });

  it('ships no development code: no dist-dev/, no demo, no training or hostile site, no source maps', () => {
    const own = built.files.filter((path) => path.startsWith(APP) && !path.includes('/node_modules/'));
    expect(own.filter((path) => /dist-dev|demo|bench|training|hostile|fixture|tests?\/|\.map$|\.ts$|dist\/electron/.test(path))).toEqual([]);
    const bundles = own.filter((path) => /\.(c?js|html)$/.test(path));
    expect(bundles.length).toBeGreaterThan(4);
    for (const path of bundles) expect(readFileSync(join(built.extracted, path), 'utf8'), path).not.toContain('entrainement.localhost');
  });

  it('ships only the npm packages the product loads at run time (no dev dependency, no React: it is inside the UI bundle)', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const modules = join(built.extracted, APP, 'node_modules');
    const names = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name]));
    for (const name of Object.keys(manifest.devDependencies)) expect(names, name).not.toContain(name);
    expect(names).not.toContain('react');
    expect(names).toContain('playwright-core');
    expect(names).toContain('serialport');
  });

  it('the station file it installs is valid', () => {
    const outcome = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'config-check.cjs'), join(built.extracted, 'etc', 'borne', 'station.json')], { encoding: 'utf8' });
    expect(outcome.stderr).toBe('');
    expect(outcome.status).toBe(0);
  });

  it('installs every Chromium policy file of the policies folder, as conffiles, and none when there is none', () => {
    const policies = join(work, 'policies');
    mkdirSync(policies);
    writeFileSync(join(policies, 'borne-lockdown.json'), '{"DeveloperToolsAvailability": 2}');
    writeFileSync(join(policies, 'borne-urls.json'), '{"URLBlocklist": ["file://*"]}');
    writeFileSync(join(policies, 'README.md'), 'not a policy');
    const withPolicies = inspect(buildDeb({ out: join(work, 'with'), policies: true, policiesDir: policies, compression: 'none' }), join(work, 'with-root'));
    expect(withPolicies.files.filter((path) => path.startsWith('./etc/chromium/')).sort()).toEqual([
      './etc/chromium/',
      './etc/chromium/policies/',
      './etc/chromium/policies/managed/',
      './etc/chromium/policies/managed/borne-lockdown.json',
      './etc/chromium/policies/managed/borne-urls.json',
    ]);
    execFileSync('dpkg-deb', ['-e', withPolicies.deb, join(work, 'with-control')]);
    expect(readFileSync(join(work, 'with-control', 'conffiles'), 'utf8')).toContain('/etc/chromium/policies/managed/borne-urls.json');
    const without = inspect(buildDeb({ out: join(work, 'without'), policies: true, policiesDir: join(work, 'absent'), compression: 'none' }), join(work, 'without-root'));
    expect(without.files.some((path) => path.startsWith('./etc/chromium'))).toBe(false);
  }, 120_000);
});
