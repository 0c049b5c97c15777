import type { StationConfig } from '../core/config/station-config';
import { ConnectivityMonitor, DEFAULT_CONNECTIVITY_OPTIONS } from '../core/connectivity/connectivity-monitor';
import type { KioskLog } from '../core/log';
import { isLoopbackHost } from '../core/navigation/hosts';
import { httpProbe } from './connectivity-probe';
import { systemClock } from './system-clock';

/**
 * The station's Internet watch: the configured addresses, or else the entries of
 * the démarches that need the Internet. A station whose démarches all live on this
 * machine (training) has nothing to watch: null.
 */
export function startStationConnectivity(config: StationConfig, log: KioskLog): ConnectivityMonitor | null {
  const urls = probeUrlsFor(config);
  if (urls.length === 0) return null;
  const checkSeconds = config.connectivity?.checkSeconds;
  const monitor = new ConnectivityMonitor(httpProbe(urls), systemClock, log, {
    ...DEFAULT_CONNECTIVITY_OPTIONS,
    ...(checkSeconds === undefined ? {} : { checkEveryMs: checkSeconds * 1000 }),
  });
  monitor.start();
  return monitor;
}

/**
 * What to ask "are you there?": the station's own list, or else up to three origins of
 * the démarches that need the Internet. A site on this machine says nothing about the
 * Internet, so loopback and training entries are never asked.
 */
export function probeUrlsFor(config: StationConfig): string[] {
  if (config.connectivity?.probeUrls !== undefined) return [...config.connectivity.probeUrls];
  const remote = config.tiles.filter((tile) => tile.worksOffline !== true).map((tile) => new URL(tile.entry)).filter((entry) => !isLoopbackHost(entry.hostname));
  return [...new Set(remote.map((entry) => `${entry.origin}/`))].slice(0, 3);
}
