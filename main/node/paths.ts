import { existsSync } from 'node:fs';
import { dirname, join, posix, win32 } from 'node:path';

/** The folder this code runs from (dist/… once bundled, main/node in the sources and tests). */
const here = (): string => (typeof __dirname === 'string' ? __dirname : process.cwd());

/** The first folder, from `start` up to the file system's root, that passes `test`; null if none does. */
export function findUp(start: string, test: (dir: string) => boolean): string | null {
  let dir = start;
  for (;;) {
    if (test(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The app's own folder, the one with package.json and dist/: the project in the
 * sources, /usr/lib/borne-inclusion-numerique in the Debian package, resources/app.asar
 * in the Electron package. Found from this file's location, never from the current
 * directory (`/` under systemd): a kiosk that cannot find itself must say so.
 */
export function projectRoot(from = here()): string {
  const root = findUp(from, (dir) => existsSync(join(dir, 'package.json')) && (existsSync(join(dir, 'dist')) || existsSync(join(dir, 'kiosk-config'))));
  if (root === null) throw new Error(`no package.json with dist/ or kiosk-config/ above ${from}`);
  return root;
}

/**
 * The shipped station files and service catalogue (kiosk-config/): in the project and
 * the Debian package beside package.json; in the Electron package beside app.asar
 * (resources/kiosk-config, electron-builder's extraResources), since app.asar holds
 * only the built code.
 */
export function kioskConfigDir(from = here()): string {
  const holder = findUp(from, (dir) => existsSync(join(dir, 'kiosk-config', 'catalogue.json')));
  if (holder === null) throw new Error(`kiosk-config/catalogue.json not found above ${from}`);
  return join(holder, 'kiosk-config');
}

export const rendererDir = (): string => join(projectRoot(), 'dist', 'renderer');
/** The station file the project ships, used when the machine has none of its own. */
export const defaultConfigPath = (from?: string): string => join(kioskConfigDir(from), 'default.json');

/**
 * Where the machine's own station file lives, outside the app (a package upgrade never
 * touches it): /etc/borne/station.json on Linux, %ProgramData%\Borne\station.json on
 * Windows. Null on other systems.
 */
export function systemStationFile(platform: NodeJS.Platform = process.platform, env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'Borne', 'station.json');
  if (platform === 'linux') return posix.join('/etc', 'borne', 'station.json');
  return null;
}

export type StationFileSource = 'argument' | 'environment' | 'system' | 'shipped';

/**
 * The station file a launch uses: `--config`, else KIOSK_CONFIG, else the machine's
 * own file when it exists, else the shipped default.
 */
export function chooseStationFile(options: {
  argument?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
  shippedDefault?: string;
}): { path: string; source: StationFileSource } {
  const env = options.env ?? process.env;
  if (options.argument !== undefined && options.argument !== '') return { path: options.argument, source: 'argument' };
  const fromEnv = env['KIOSK_CONFIG'];
  if (fromEnv !== undefined && fromEnv !== '') return { path: fromEnv, source: 'environment' };
  const system = systemStationFile(options.platform ?? process.platform, env);
  if (system !== null && (options.exists ?? existsSync)(system)) return { path: system, source: 'system' };
  return { path: options.shippedDefault ?? defaultConfigPath(), source: 'shipped' };
}
