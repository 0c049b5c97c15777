import type { z } from 'zod';
import { applyTileReference, catalogueSchema, findService, tileReferenceSchema, type Catalogue } from './catalogue';
import { parseJsonText, formatPath } from './json-text';
import { STATION_LIMITS, stationConfigSchema, type StationConfig } from './station-config';

/** One problem in a station file, precise enough for staff to fix it without reading code. */
export interface ConfigProblem {
  /** The file, as given to the loader. */
  source: string;
  /** Where in the file: `tiles[0].entry`, or `(file)` for the file as a whole. */
  key: string;
  message: string;
}

export type ConfigResult = { ok: true; config: StationConfig } | { ok: false; problems: ConfigProblem[] };

/** The one-line form used in the log, on the console and by `npm run config:check`. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.source}: ${printable(problem.key, 200)}: ${printable(problem.message, 600)}`;
}

/**
 * One printable line whatever the file held: control characters, invisible format
 * characters (bidi overrides, zero-width) and line breaks are shown as `\u{…}`, so
 * nothing a file contains can break the line, colour a terminal or hide a key.
 */
export function printable(text: string, maxCharacters: number): string {
  const shown = text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFD]/gu, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
  const characters = [...shown];
  return characters.length <= maxCharacters ? shown : `${characters.slice(0, maxCharacters).join('')}… (${characters.length - maxCharacters} more characters)`;
}

/** Kiosk-config files are read whole: a size for each, checked before the file is read (main/node/load-config.ts). */
export const MAX_STATION_FILE_BYTES = 1024 * 1024;
export const MAX_CATALOGUE_FILE_BYTES = 4 * 1024 * 1024;
/** Limits on the text itself, before any schema runs (the schemas have smaller ones per list). */
const TEXT_LIMITS = { maxListItems: 1000, maxDepth: 32 } as const;
/** Problems shown for one file: past these, staff fix the first ones and check again. */
export const MAX_PROBLEMS_SHOWN = 30;

function capProblems(problems: ConfigProblem[], source: string): ConfigProblem[] {
  if (problems.length <= MAX_PROBLEMS_SHOWN) return problems;
  const hidden = problems.length - MAX_PROBLEMS_SHOWN;
  return [...problems.slice(0, MAX_PROBLEMS_SHOWN), { source, key: '(file)', message: `${hidden} more problems not shown: fix these first, then check again` }];
}

/** The catalogue a station file's `{ "service": … }` tiles come from, and the file it was read from. */
export interface LoadedCatalogue {
  catalogue: Catalogue;
  source: string;
}

export type CatalogueResult = { ok: true; loaded: LoadedCatalogue } | { ok: false; problems: ConfigProblem[] };

/** Parses and validates the service catalogue's text. Never throws. */
export function parseCatalogue(text: string, source: string): CatalogueResult {
  const data = parseJson(text, source);
  if (!data.ok) return data;
  const result = catalogueSchema.safeParse(data.value, { reportInput: true });
  if (result.success) return { ok: true, loaded: { catalogue: result.data, source } };
  return { ok: false, problems: capProblems(result.error.issues.flatMap((issue) => toProblems(issue, source)), source) };
}

/**
 * Parses and validates a station file's text, taking its `{ "service": "caf" }` tiles
 * from the catalogue. Never throws.
 */
export function parseStationConfig(text: string, source: string, catalogue: LoadedCatalogue | null = null): ConfigResult {
  const data = parseJson(text, source);
  if (!data.ok) return data;
  // Before catalogue references multiply them: too many tiles is one problem, not one per tile.
  const tiles = (data.value as { tiles?: unknown } | null)?.tiles;
  if (Array.isArray(tiles) && tiles.length > STATION_LIMITS.tiles) {
    return { ok: false, problems: [{ source, key: 'tiles', message: `has ${tiles.length} tiles; a station may have at most ${STATION_LIMITS.tiles}` }] };
  }
  const resolved = resolveTileReferences(data.value, source, catalogue);
  if (resolved.problems.length > 0) return { ok: false, problems: capProblems(resolved.problems, source) };
  const result = stationConfigSchema.safeParse(resolved.data, { reportInput: true });
  if (result.success) {
    return { ok: true, config: result.data };
  }
  return { ok: false, problems: capProblems(result.error.issues.flatMap((issue) => toProblems(issue, source)), source) };
}

function parseJson(text: string, source: string): { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] } {
  const parsed = parseJsonText(text, TEXT_LIMITS);
  if (parsed.ok) return parsed;
  return { ok: false, problems: capProblems(parsed.problems.map((problem) => ({ source, ...problem })), source) };
}

/** Replaces each `{ "service": … }` tile by the catalogue's entry with the station's corrections. */
function resolveTileReferences(data: unknown, source: string, loaded: LoadedCatalogue | null): { data: unknown; problems: ConfigProblem[] } {
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { tiles?: unknown }).tiles)) return { data, problems: [] };
  const problems: ConfigProblem[] = [];
  const tiles = ((data as { tiles: unknown[] }).tiles).map((tile, index) => {
    if (typeof tile !== 'object' || tile === null || !('service' in tile)) return tile;
    const reference = tileReferenceSchema.safeParse(tile, { reportInput: true });
    if (!reference.success) {
      problems.push(
        ...reference.error.issues.flatMap((issue) => toProblems({ ...issue, path: ['tiles', index, ...issue.path] }, source)),
      );
      return tile;
    }
    if (loaded === null) {
      problems.push({ source, key: formatKeyPath(['tiles', index, 'service']), message: 'no service catalogue was loaded (kiosk-config/catalogue.json)' });
      return tile;
    }
    const service = findService(loaded.catalogue, reference.data.service);
    if (service === undefined) {
      const known = loaded.catalogue.services.map((entry) => entry.id).join(', ');
      problems.push({
        source,
        key: formatKeyPath(['tiles', index, 'service']),
        message: `unknown service "${reference.data.service}" (${loaded.source} has: ${known})`,
      });
      return tile;
    }
    return applyTileReference(service, reference.data);
  });
  return { data: { ...data, tiles }, problems };
}

function toProblems(issue: z.core.$ZodIssue, source: string): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((unknownKey) => ({
      source,
      key: formatKeyPath([...issue.path, unknownKey]),
      message: 'unknown key (check its spelling; see kiosk-config/README.md for the keys a station file may have)',
    }));
  }
  return [{ source, key: formatKeyPath(issue.path), message: describeIssue(issue) }];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')} (got ${describeValue(issue.input)})`;
    case 'too_small':
      return issue.origin === 'array' ? issue.message : `${issue.message} (got ${describeValue(issue.input)})`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const written = JSON.stringify(value);
  // A value is quoted to be recognised, not reproduced: a long one is cut.
  return `${typeof value} ${written.length > 120 ? `${written.slice(0, 100)}…" (${written.length} characters)` : written}`;
}

/** `['tiles', 0, 'entry']` → `tiles[0].entry`. */
export const formatKeyPath = formatPath;
