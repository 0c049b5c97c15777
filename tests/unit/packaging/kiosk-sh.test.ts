import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronArguments } from '../../../main/cli/kiosk-launch';
import { projectRoot } from '../../../main/node/paths';

/**
 * `npm start -- --shell=electron` through build/scripts/kiosk.sh, with a stand-in for
 * the Electron binary (ELECTRON_OVERRIDE_DIST_PATH, as findElectronBinary reads it) that
 * records how it was started, and a stand-in apt-get that records being asked.
 */
const root = projectRoot();
const asRoot = process.getuid?.() === 0;

describe('npm start -- --shell=electron', () => {
  let work: string;
  let record: string;
  let aptRecord: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'borne-kiosk-sh-'));
    record = join(work, 'electron-argv');
    aptRecord = join(work, 'apt-get-called');
    mkdirSync(join(work, 'electron-dist'));
    writeFileSync(join(work, 'electron-dist', 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
    chmodSync(join(work, 'electron-dist', 'electron'), 0o755);
    mkdirSync(join(work, 'bin'));
    writeFileSync(join(work, 'bin', 'apt-get'), `#!/bin/sh\necho "$@" >> '${aptRecord}'\nexit 1\n`);
    chmodSync(join(work, 'bin', 'apt-get'), 0o755);
    env = {
      ...process.env,
      PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}`,
      ELECTRON_OVERRIDE_DIST_PATH: join(work, 'electron-dist'),
      // A machine without the distribution's Chromium.
      KIOSK_CHROMIUM_PATH: join(work, 'no-chromium'),
    };
    delete env.KIOSK_SHELL;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const start = (...args: string[]) => spawnSync('bash', [join(root, 'build', 'scripts', 'kiosk.sh'), 'start', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });

  it('starts Electron on a machine without /usr/bin/chromium, with the project and the station file', () => {
    const outcome = start('--shell=electron', '--config=kiosk-config/default.json');
    expect(outcome.stderr).not.toMatch(/missing packages/);
    expect(outcome.status).toBe(0);
    expect(existsSync(aptRecord)).toBe(false);
    const argv = readFileSync(record, 'utf8').trim().split('\n');
    expect(argv[0]).toBe(root);
    expect(argv).toContain(`--config=${join(root, 'kiosk-config', 'default.json')}`);
    // As root Electron refuses to start without --no-sandbox; as the kiosk user it keeps its sandbox.
    expect(argv.includes('--no-sandbox')).toBe(asRoot);
  });

  it('still asks for Chromium when the Chromium shell is wanted (the check can fail)', () => {
    const outcome = start('--shell=chromium', '--config=kiosk-config/default.json');
    expect(outcome.status).not.toBe(0);
    expect(outcome.stderr).toMatch(/(installing missing packages|missing packages): chromium/);
    if (asRoot) expect(existsSync(aptRecord)).toBe(true); // as root it went to apt-get for it
  });
});

describe('the Electron arguments', () => {
  it('add --no-sandbox only as root', () => {
    expect(electronArguments('/app', '/etc/borne/station.json', false)).toEqual(['/app', '--config=/etc/borne/station.json']);
    expect(electronArguments('/app', '/etc/borne/station.json', true)).toEqual(['/app', '--config=/etc/borne/station.json', '--no-sandbox']);
  });
});
