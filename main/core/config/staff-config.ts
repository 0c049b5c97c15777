import { z } from 'zod';

/**
 * The station file's `staff` key: what staff mode, the activity counters, the fleet's
 * metrics and the log file need. Relative paths are taken from the station file's folder.
 */
const relativeOrAbsolutePath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => !value.includes('\0'), 'must be a file path');

export const staffSettingsSchema = z.strictObject({
  /**
   * The file holding the staff PIN's hash, written by `npm run set-pin`, e.g.
   * "borne-01.pin.json" beside the station file. Without it staff mode is refused.
   */
  pinFile: relativeOrAbsolutePath.optional(),
  /** Where the PIN lock and the counters survive a restart (default: ~/.local/state/borne-inclusion-numerique). */
  stateDirectory: relativeOrAbsolutePath.optional(),
  /** Days of counters kept (older days are dropped): 1–400, default 90. */
  counterDays: z.number().int().min(1).max(400).optional(),
  /** The node exporter's textfile directory (Debian: /var/lib/prometheus/node-exporter); no metrics when absent. */
  metricsDirectory: relativeOrAbsolutePath.optional(),
  /** Folder of the JSON log file (kiosk.log, rotated); only the console log when absent. */
  logDirectory: relativeOrAbsolutePath.optional(),
  /** Whether staff mode offers "Quitter la borne" (leave the kiosk software for the desktop). Default false. */
  allowExit: z.boolean().optional(),
});
export type StaffSettings = z.infer<typeof staffSettingsSchema>;
