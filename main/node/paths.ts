import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project folder (the one with package.json and kiosk-config/), found
 * from this file's location: the same in the sources, in dist/ and under
 * Electron, whatever the current directory is.
 */
export function projectRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'kiosk-config'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const rendererDir = (): string => join(projectRoot(), 'dist', 'renderer');
export const defaultConfigPath = (): string => join(projectRoot(), 'kiosk-config', 'default.json');
