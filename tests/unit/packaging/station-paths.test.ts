import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLaunchFolder, launchFoldersParent } from '../../../main/node/launch-folder';
import { chooseStationFile, kioskConfigDir, projectRoot, systemStationFile } from '../../../main/node/paths';
import { readShippedConfig } from '../../../main/node/load-config';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'borne-paths-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function touch(path: string, content = '{}'): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

describe('where the app finds itself and its shipped files', () => {
  it('in the Electron package: the code in resources/app.asar, the station files beside it', () => {
    const resources = join(dir, 'opt', 'borne-inclusion-numerique', 'resources');
    touch(join(resources, 'app.asar', 'package.json'));
    touch(join(resources, 'app.asar', 'dist', 'electron', 'main.cjs'));
    touch(join(resources, 'kiosk-config', 'catalogue.json'));
    const from = join(resources, 'app.asar', 'dist', 'electron');
    expect(projectRoot(from)).toBe(join(resources, 'app.asar'));
    expect(kioskConfigDir(from)).toBe(join(resources, 'kiosk-config'));
  });

  it('in the Debian package and the project: everything beside package.json', () => {
    const app = join(dir, 'usr', 'lib', 'borne-inclusion-numerique');
    touch(join(app, 'package.json'));
    touch(join(app, 'dist', 'cli', 'start.cjs'));
    touch(join(app, 'kiosk-config', 'catalogue.json'));
    expect(projectRoot(join(app, 'dist', 'cli'))).toBe(app);
    expect(kioskConfigDir(join(app, 'dist', 'cli'))).toBe(join(app, 'kiosk-config'));
  });

  it('says where it looked instead of falling back to the current folder', () => {
    const lost = join(dir, 'somewhere', 'dist', 'cli');
    mkdirSync(lost, { recursive: true });
    expect(() => kioskConfigDir(lost)).toThrow(`kiosk-config/catalogue.json not found above ${lost}`);
    expect(() => projectRoot(lost)).toThrow(/no package\.json/);
  });
});

describe('the station file a launch uses', () => {
  const shippedDefault = '/usr/lib/borne-inclusion-numerique/kiosk-config/default.json';

  it('is /etc/borne/station.json on Linux and %ProgramData%\\Borne\\station.json on Windows', () => {
    expect(systemStationFile('linux', {})).toBe('/etc/borne/station.json');
    expect(systemStationFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Borne\\station.json');
    expect(systemStationFile('win32', {})).toBe('C:\\ProgramData\\Borne\\station.json');
  });

  it('prefers --config, then KIOSK_CONFIG, then the machine\'s file, then the shipped default', () => {
    const exists = (path: string) => path === '/etc/borne/station.json';
    const env = { KIOSK_CONFIG: '/srv/other.json' };
    expect(chooseStationFile({ argument: '/tmp/a.json', env, platform: 'linux', exists, shippedDefault })).toEqual({ path: '/tmp/a.json', source: 'argument' });
    expect(chooseStationFile({ env, platform: 'linux', exists, shippedDefault })).toEqual({ path: '/srv/other.json', source: 'environment' });
    expect(chooseStationFile({ env: {}, platform: 'linux', exists, shippedDefault })).toEqual({ path: '/etc/borne/station.json', source: 'system' });
    expect(chooseStationFile({ env: {}, platform: 'linux', exists: () => false, shippedDefault })).toEqual({ path: shippedDefault, source: 'shipped' });
    expect(chooseStationFile({ env: { ProgramData: 'C:\\ProgramData' }, platform: 'win32', exists: (path) => path.endsWith('Borne\\station.json'), shippedDefault }).source).toBe('system');
  });

  it('npm run config:check without a file checks the one the kiosk would use', () => {
    const file = join(dir, 'station.json');
    writeFileSync(file, readFileSync(join(kioskConfigDir(), 'default.json')));
    const outcome = spawnSync(process.execPath, [join(projectRoot(), 'dist', 'cli', 'config-check.cjs')], { cwd: '/', encoding: 'utf8', env: { ...process.env, KIOSK_CONFIG: file } });
    expect(outcome.stdout).toContain(`${file}: OK (8 tiles)`);
    expect(outcome.status).toBe(0);
  });
});

describe('the shipped default station', () => {
  it('relaunches between visitors (memory) and at night', () => {
    const maintenance = readShippedConfig('default.json').maintenance;
    expect(maintenance?.relaunchAfterVisitors).toBeGreaterThan(0);
    expect(maintenance?.relaunchAtHour).toBeGreaterThanOrEqual(0);
  });
});

describe('launch folders: what a crash or a power cut leaves is swept at the next start', () => {
  it('removes dead launches\' folders, keeps live ones, creates this launch\'s own', () => {
    const parent = join(dir, 'run');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
    touch(join(parent, `launch-${dead}-abc123`, 'borne-x', 'visitor-1', 'profile', 'Default', 'Cookies'), 'session=visitor');
    touch(join(parent, 'launch-1-running', 'profile'), 'x'); // pid 1 is alive
    touch(join(parent, 'unrelated.txt'), 'kept');
    const launch = createLaunchFolder(parent);
    expect(launch.swept).toEqual([`launch-${dead}-abc123`]);
    expect(existsSync(join(parent, `launch-${dead}-abc123`))).toBe(false);
    expect(existsSync(join(parent, 'launch-1-running'))).toBe(true);
    expect(existsSync(join(parent, 'unrelated.txt'))).toBe(true);
    expect(launch.path).toMatch(new RegExp(`launch-${process.pid}-`));
    expect(existsSync(launch.path)).toBe(true);
    launch.remove();
    expect(existsSync(launch.path)).toBe(false);
  });

  it('refuses a parent that is a symbolic link (someone could point it at a folder they read)', () => {
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'));
    expect(() => createLaunchFolder(join(dir, 'link'))).toThrow(/is not a folder/);
  });

  it('lives in KIOSK_RUN_DIR, else systemd\'s RuntimeDirectory (tmpfs), else a per-user temporary folder', () => {
    expect(launchFoldersParent({ KIOSK_RUN_DIR: '/x' }, 1000)).toBe('/x');
    expect(launchFoldersParent({ RUNTIME_DIRECTORY: '/run/borne:/run/other' }, 1000)).toBe('/run/borne');
    expect(launchFoldersParent({}, 1000)).toBe(join(tmpdir(), 'borne-1000'));
  });
});
