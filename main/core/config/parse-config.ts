import type { z } from 'zod';
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

/** Parses and validates a station file's text. Never throws. */
export function parseStationConfig(text: string, source: string): ConfigResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ source, key: '(file)', message: describeJsonError(error, text) }] };
  }
  const result = stationConfigSchema.safeParse(data, { reportInput: true });
  if (result.success) {
    return { ok: true, config: result.data };
  }
  return { ok: false, problems: result.error.issues.flatMap((issue) => toProblems(issue, source)) };
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
