import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { StationConfig } from '../core/config/station-config';

/** Where the station's staff-mode files are, from its station file (relative paths: from that file's folder). */
export interface StaffPaths {
  /** The PIN hash file, or null when the station file names none (no PIN: staff mode refused). */
  pinFile: string | null;
  stateDirectory: string;
  metricsDirectory: string | null;
  logDirectory: string | null;
}

export function defaultStateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KIOSK_STATE_DIR !== undefined && env.KIOSK_STATE_DIR !== '') return resolve(env.KIOSK_STATE_DIR);
  const base = env.XDG_STATE_HOME !== undefined && env.XDG_STATE_HOME !== '' ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'borne-inclusion-numerique');
}

export function staffPaths(config: Pick<StationConfig, 'staff'>, stationFile: string, env: NodeJS.ProcessEnv = process.env): StaffPaths {
  const folder = dirname(resolve(stationFile));
  const from = (path: string | undefined): string | null => (path === undefined ? null : isAbsolute(path) ? path : join(folder, path));
  return {
    pinFile: from(config.staff?.pinFile),
    stateDirectory: from(config.staff?.stateDirectory) ?? defaultStateDirectory(env),
    metricsDirectory: from(config.staff?.metricsDirectory),
    logDirectory: from(config.staff?.logDirectory),
  };
}
