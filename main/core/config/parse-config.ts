import type { z } from 'zod';
import { applyTileReference, catalogueSchema, findService, tileReferenceSchema, type Catalogue } from './catalogue';
import { stationConfigSchema, type StationConfig } from './station-config';

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
  return `${problem.source}: ${problem.key}: ${problem.message}`;
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
  return { ok: false, problems: result.error.issues.flatMap((issue) => toProblems(issue, source)) };
}

/**
 * Parses and validates a station file's text, taking its `{ "service": "caf" }` tiles
 * from the catalogue. Never throws.
 */
export function parseStationConfig(text: string, source: string, catalogue: LoadedCatalogue | null = null): ConfigResult {
  const data = parseJson(text, source);
  if (!data.ok) return data;
  const resolved = resolveTileReferences(data.value, source, catalogue);
  if (resolved.problems.length > 0) return { ok: false, problems: resolved.problems };
  const result = stationConfigSchema.safeParse(resolved.data, { reportInput: true });
  if (result.success) {
    return { ok: true, config: result.data };
  }
  return { ok: false, problems: result.error.issues.flatMap((issue) => toProblems(issue, source)) };
}

function parseJson(text: string, source: string): { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problems: [{ source, key: '(file)', message: describeJsonError(error, text) }] };
  }
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
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** `['tiles', 0, 'entry']` → `tiles[0].entry`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Turns V8's "… at position 42" into a line and column staff can find in an editor. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'not valid JSON: the file is empty';
  const position = /position (\d+)/.exec(message)?.[1];
  const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^Unexpected/, 'unexpected');
  if (position === undefined) return `not valid JSON: ${reason}`;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `not valid JSON at line ${line}, column ${column}: ${reason}`;
}
