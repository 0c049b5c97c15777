import { COOP_THEMES } from '../config/station-config';
import type { DayReport } from './activity-counters';

/**
 * The counters as a CSV file for the structure's activity report. Made for French
 * spreadsheets: UTF-8 with a byte-order mark (without it Excel reads the file as
 * Windows-1252 and "terminées" becomes "terminÃ©es"), `;` between fields (the list
 * separator of French Windows and LibreOffice, where `,` is the decimal comma, so a
 * double click in Excel splits the columns), CRLF line ends (RFC 4180). No "sep=;"
 * line: Excel then ignores the byte-order mark. One line per day: nothing finer.
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

export interface CsvService {
  id: string;
  /** The tile's French label ("CAF"); the id is used when absent. */
  label?: string;
}

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function countersCsv(days: readonly DayReport[], services: readonly CsvService[]): string {
  // Every theme, always in the same order, so month after month the columns line up.
  const serviceIds = [...services.map((service) => service.id)];
  for (const day of days) for (const id of Object.keys(day.byService)) if (!serviceIds.includes(id)) serviceIds.push(id);
  const labelOf = (id: string) => services.find((service) => service.id === id)?.label ?? id;
  const header = [
    'Date',
    'Visites commencées',
    'Terminées par le visiteur',
    'Terminées après inactivité',
    'Terminées par un incident',
    'Durée médiane (minutes)',
    'Durée totale (minutes)',
    'Mémos imprimés',
    "Erreurs d'imprimante",
    "Échecs de l'autocontrôle d'effacement",
    ...COOP_THEMES.map((theme) => `Thème : ${theme}`),
    ...serviceIds.map((id) => `Démarche : ${labelOf(id)}`),
  ];
  const rows = days.map((day) => [
    day.day,
    day.visitsStarted,
    day.endedByVisitor,
    day.endedByIdle,
    day.endedByCrash,
    day.medianMinutes,
    day.totalMinutes,
    day.memosPrinted,
    day.printerErrors,
    day.wipeFailures,
    ...COOP_THEMES.map((theme) => day.byTheme[theme] ?? 0),
    ...serviceIds.map((id) => day.byService[id] ?? 0),
  ]);
  return CSV_BOM + [header, ...rows].map((row) => row.map(field).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
