import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../main/node/paths';

/**
 * The boot session (build/linux/): the systemd units checked by systemd itself
 * (`systemd-analyze verify`, in a scratch root holding the machine's own units and the
 * programs the units start), and what each must say. Booting them needs a real machine
 * with a console: not possible here (no systemd as PID 1, no tty1).
 */
const root = projectRoot();
const linux = join(root, 'build', 'linux');
const UNITS = ['borne.service', 'borne-chromium.service'];
const systemUnits = ['/lib/systemd/system', '/usr/lib/systemd/system'].find((dir) => existsSync(join(dir, 'sysinit.target')));
const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze']).status === 0 && systemUnits !== undefined;
if (!analyze) console.log('boot-session: systemd-analyze verify skipped: systemd-analyze or the machine\'s units are missing');

/** The programs the units start, and the Debian package that provides each (checked against the packages' dependencies below). */
const SYSTEM_PROGRAMS: Record<string, string> = { '/usr/bin/cage': 'cage', '/usr/bin/xinit': 'xinit', '/usr/bin/Xorg': 'xserver-xorg-core' };
/** The programs the kiosk's own packages install. */
const PACKAGE_PROGRAMS: Record<string, string> = {
  '/opt/borne-inclusion-numerique/borne-inclusion-numerique': 'electron-builder (tests/unit/packaging/electron-builder.test.ts)',
  '/usr/lib/borne-inclusion-numerique/bin/borne-session': join(linux, 'bin', 'borne-session'),
};

const unit = (name: string) => readFileSync(join(linux, name), 'utf8');
const values = (text: string, key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((match) => match[1] ?? '');
const programsOf = (text: string) => values(text, 'ExecStart').flatMap((line) => line.split(/\s+/).filter((word) => word.startsWith('/') && !word.startsWith('/dev/')));

function scratchRoot(work: string, units: Record<string, string>): string {
  const scratch = join(work, `root-${Math.random().toString(36).slice(2)}`);
  cpSync(systemUnits ?? '/lib/systemd/system', join(scratch, 'lib', 'systemd', 'system'), { recursive: true, dereference: false, verbatimSymlinks: true });
  for (const [name, text] of Object.entries(units)) writeFileSync(join(scratch, 'lib', 'systemd', 'system', name), text);
  for (const program of [...Object.keys(SYSTEM_PROGRAMS), ...Object.keys(PACKAGE_PROGRAMS)]) {
    mkdirSync(join(scratch, dirname(program)), { recursive: true });
    writeFileSync(join(scratch, program), '#!/bin/sh\n');
    chmodSync(join(scratch, program), 0o755);
  }
  return scratch;
}

function verify(scratch: string): { status: number | null; messages: string } {
  const outcome = spawnSync('systemd-analyze', ['verify', '--man=no', `--root=${scratch}`, ...UNITS], { encoding: 'utf8' });
  return { status: outcome.status, messages: `${outcome.stdout}${outcome.stderr}`.trim() };
}

describe.skipIf(!analyze)('systemd-analyze verify', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'borne-units-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('accepts both units without a word', () => {
    const result = verify(scratchRoot(work, Object.fromEntries(UNITS.map((name) => [name, unit(name)]))));
    expect(result.messages).toBe('');
    expect(result.status).toBe(0);
  });

  it('would report a broken unit (the check can fail)', () => {
    const broken = unit('borne-chromium.service').replace('Restart=always', 'Restart=sometimes');
    const result = verify(scratchRoot(work, { 'borne.service': unit('borne.service'), 'borne-chromium.service': broken }));
    expect(result.messages).toMatch(/borne-chromium\.service.*restart specifier/i);
  });
});

describe('the units', () => {
  it.each(UNITS)('%s runs as the kiosk user on tty1, is restarted when it dies, keeps user data on tmpfs', (name) => {
    const text = unit(name);
    expect(values(text, 'User')).toEqual(['borne']);
    expect(values(text, 'TTYPath')).toEqual(['/dev/tty1']);
    expect(values(text, 'Conflicts')[0]).toContain('getty@tty1.service');
    expect(values(text, 'Restart')).toEqual(['always']);
    expect(values(text, 'RuntimeDirectory')).toEqual(['borne borne/home']);
    expect(values(text, 'Environment')).toContain('HOME=/run/borne/home');
  });

  it('the Electron package runs under cage; the Chromium shell in Xorg started by xinit, with no window manager', () => {
    expect(values(unit('borne.service'), 'ExecStart')).toEqual(['/usr/bin/cage -d -- /opt/borne-inclusion-numerique/borne-inclusion-numerique']);
    const [chromium] = values(unit('borne-chromium.service'), 'ExecStart');
    expect(chromium).toMatch(/^\/usr\/bin\/xinit \/usr\/lib\/borne-inclusion-numerique\/bin\/borne-session -- \/usr\/bin\/Xorg :0 vt1 .*-nolisten tcp/);
    // The session starts the kiosk and nothing else: no window manager, so no Alt+Tab or Alt+F4.
    const session = readFileSync(join(linux, 'bin', 'borne-session'), 'utf8');
    expect(session.split('\n').filter((line) => /^\s*exec /.test(line))).toEqual(['exec /usr/lib/borne-inclusion-numerique/bin/borne-kiosk']);
    const xorg = readFileSync(join(linux, 'xorg-borne-kiosk.conf'), 'utf8');
    expect(xorg).toMatch(/Option "DontVTSwitch" "true"/);
    expect(xorg).toMatch(/Option "DontZap" "true"/);
  });

  it('every program they start exists: in the kiosk\'s packages, or in a Debian package those depend on', () => {
    const debScript = readFileSync(join(root, 'build', 'scripts', 'build-deb.mjs'), 'utf8');
    const electronBuilder = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    for (const name of UNITS) {
      for (const program of programsOf(unit(name))) {
        const own = PACKAGE_PROGRAMS[program];
        const system = SYSTEM_PROGRAMS[program];
        expect(own ?? system, `${name} starts ${program}, which nothing provides`).toBeDefined();
        if (own !== undefined && own.startsWith('/')) expect(existsSync(own), own).toBe(true);
        if (system !== undefined) expect(`${debScript}\n${electronBuilder}`, `${system} (for ${program}) is in no package's dependencies`).toMatch(new RegExp(`[\\s'",-]${system}[\\s'",]`));
      }
    }
  });
});
