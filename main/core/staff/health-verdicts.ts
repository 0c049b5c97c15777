import type { StationHealth } from '../fleet/station-health';
import { staffSentence, type StaffSentence } from './log-sentences';

/**
 * "Health at a glance" for the staff home: every line of the station's state, each
 * either fine or wrong (shown in red) with what to do in one sentence. Pure: the
 * adapter measures (disk, memory, uptime), this decides what is wrong.
 */
export interface SystemFigures {
  version: string;
  stationFile: string;
  /** When the station file in use was read (ms since the epoch). */
  stationFileReadAt: number;
  uptimeSeconds: number;
  visitorsSinceStart: number;
  freeDiskBytes: number | null;
  freeMemoryBytes: number;
  /** False when no staff PIN is set (staff mode refused, which says how to set one). */
  pinSet: boolean;
}

export interface HealthLine {
  key: 'internet' | 'printer' | 'wipe' | 'station' | 'disk' | 'memory' | 'pin';
  ok: boolean;
  sentence: StaffSentence;
}

/** Below these, the station soon cannot keep its visitors' browser profiles or its records. */
export const LOW_DISK_BYTES = 500 * 1024 * 1024;
export const LOW_MEMORY_BYTES = 300 * 1024 * 1024;

function uptimeText(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')}` : `${minutes} min`;
}

const mebibytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mio`;

export function healthVerdicts(health: StationHealth, figures: SystemFigures): HealthLine[] {
  const lines: HealthLine[] = [];
  lines.push(
    health.internet === 'offline'
      ? { key: 'internet', ok: false, sentence: staffSentence('connectivity-lost') }
      : { key: 'internet', ok: true, sentence: { what: health.internet === 'online' ? 'Internet répond.' : 'Internet : pas encore vérifié.', todo: null } },
  );
  if (health.printer.kind === 'none') {
    lines.push({ key: 'printer', ok: true, sentence: { what: "Pas d'imprimante : le mémo s'affiche seulement.", todo: null } });
  } else if (health.printer.status === 'ok' || health.printer.status === 'unknown') {
    lines.push({ key: 'printer', ok: true, sentence: { what: health.printer.status === 'ok' ? "L'imprimante fonctionne." : "L'imprimante n'a encore rien imprimé depuis le démarrage.", todo: health.printer.status === 'unknown' ? 'Imprimez la page de test pour la vérifier.' : null } });
  } else {
    lines.push({ key: 'printer', ok: false, sentence: staffSentence('memo-print-failed', { problem: health.printer.status }) });
  }
  if (health.lastWipe === null) lines.push({ key: 'wipe', ok: true, sentence: { what: 'Aucun effacement depuis le démarrage (aucun visiteur).', todo: null } });
  else if (health.lastWipe.ok) lines.push({ key: 'wipe', ok: true, sentence: { what: 'Le dernier effacement et son autocontrôle ont réussi.', todo: null } });
  else lines.push({ key: 'wipe', ok: false, sentence: staffSentence('wipe-failed', {}) });
  lines.push(
    health.outOfOrder === null
      ? { key: 'station', ok: true, sentence: { what: `Fichier de la borne : ${figures.stationFile}, lu le ${new Date(figures.stationFileReadAt).toLocaleString('fr-FR')}. Version ${figures.version}, en marche depuis ${uptimeText(figures.uptimeSeconds)}, ${figures.visitorsSinceStart} visiteur${figures.visitorsSinceStart > 1 ? 's' : ''} depuis le démarrage.`, todo: null } }
      : { key: 'station', ok: false, sentence: { what: `La borne est hors service (${health.outOfOrder}).`, todo: 'Voyez les dernières erreurs ci-dessous, puis redémarrez la borne.' } },
  );
  lines.push(
    figures.freeDiskBytes !== null && figures.freeDiskBytes < LOW_DISK_BYTES
      ? { key: 'disk', ok: false, sentence: { what: `Disque presque plein : ${mebibytes(figures.freeDiskBytes)} libres.`, todo: 'Faites de la place sur le disque ou appelez le technicien.' } }
      : { key: 'disk', ok: true, sentence: { what: figures.freeDiskBytes === null ? 'Espace disque : inconnu.' : `Disque : ${mebibytes(figures.freeDiskBytes)} libres.`, todo: null } },
  );
  lines.push(
    figures.freeMemoryBytes < LOW_MEMORY_BYTES
      ? { key: 'memory', ok: false, sentence: { what: `Mémoire presque pleine : ${mebibytes(figures.freeMemoryBytes)} libres.`, todo: 'Redémarrez la borne entre deux visiteurs.' } }
      : { key: 'memory', ok: true, sentence: { what: `Mémoire : ${mebibytes(figures.freeMemoryBytes)} libres.`, todo: null } },
  );
  lines.push(
    figures.pinSet
      ? { key: 'pin', ok: true, sentence: { what: 'Le code PIN du personnel est défini.', todo: null } }
      : { key: 'pin', ok: false, sentence: staffSentence('staff-no-pin') },
  );
  return lines;
}
