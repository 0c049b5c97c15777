// Kept apart from station-config.ts (zod): the action table (contract/actions.ts) checks
// tile-id lists against these caps, and the kiosk UI's preload and page bundle that table.

/**
 * Caps on what a station file may hold (kiosk-config/README.md): far above what a real
 * station needs, low enough that a runaway file (a script that wrote a million tiles)
 * is refused at once with its key instead of exhausting the kiosk's memory.
 */
export const STATION_LIMITS = {
  /** Longest translated text, guide step or help text, in characters. */
  textCharacters: 2000,
  /** The station's name, shown in the toolbar. */
  nameCharacters: 80,
  /** An address (`entry`, `forgottenPassword`, `probeUrls`). */
  addressCharacters: 2048,
  /** The memo's helpline, as dialled ("3230", "0806 001 620"). */
  helplineCharacters: 40,
  tiles: 48,
  allowedHosts: 100,
  guides: 20,
  steps: 30,
  documents: 20,
  probeUrls: 10,
} as const;
