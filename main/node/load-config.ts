import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { lineAndColumn } from '../core/config/json-text';
import {
  formatConfigProblem,
  MAX_CATALOGUE_FILE_BYTES,
  MAX_STATION_FILE_BYTES,
  parseCatalogue,
  parseStationConfig,
  type ConfigProblem,
  type ConfigResult,
  type LoadedCatalogue,
} from '../core/config/parse-config';
import type { StationConfig } from '../core/config/station-config';
import { kioskConfigDir } from './paths';

/** The service catalogue the project ships; station files take their `{ "service": … }` tiles from it. */
export function shippedCataloguePath(): string {
  return join(kioskConfigDir(), 'catalogue.json');
}

/**
 * Reads and validates a station file and the catalogue its tiles come from. Never
 * throws: a missing file is a problem like any other, named with its path.
 */
export async function loadStationConfig(path: string, cataloguePath = shippedCataloguePath()): Promise<ConfigResult> {
  const catalogueText = await readText(cataloguePath, MAX_CATALOGUE_FILE_BYTES);
  if (!catalogueText.ok) return catalogueText;
  const catalogue = parseCatalogue(catalogueText.text, cataloguePath);
  if (!catalogue.ok) return catalogue;
  const stationText = await readText(path, MAX_STATION_FILE_BYTES);
  if (!stationText.ok) return stationText;
  return parseStationConfig(stationText.text, path, catalogue.loaded);
}

/**
 * Reads a kiosk-config file as UTF-8 text, refusing at once what cannot be one:
 * anything but a regular file (a directory, /dev/zero, a pipe), a file larger
 * than `maxBytes` (known from its size before a byte is read, so a 50 MB file
 * costs nothing), and bytes that are not UTF-8 (named with their line and column).
 */
async function readText(path: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; problems: ConfigProblem[] }> {
  const problem = (message: string) => ({ ok: false as const, problems: [{ source: path, key: '(file)', message }] });
  let bytes: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      const info = await file.stat();
      if (!info.isFile()) return problem(`is not a regular file (${info.isDirectory() ? 'a folder' : 'a device or pipe'})`);
      if (info.size > maxBytes) return problem(`is ${formatSize(info.size)}; a file here may be at most ${formatSize(maxBytes)} (is it the right file?)`);
      // Read at most one byte more than allowed: a file that grew since stat() is caught too.
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await file.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > maxBytes) return problem(`is more than ${formatSize(maxBytes)}; a file here may be at most ${formatSize(maxBytes)}`);
      }
      bytes = buffer.subarray(0, length);
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return problem(
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied (the kiosk user cannot read it)' : code === 'EISDIR' ? 'is not a regular file (a folder)' : `cannot be read (${code ?? 'unknown error'})`,
    );
  }
  const text = bytes.toString('utf8');
  if (!isUtf8(bytes)) {
    // Each byte the decoder could not read became U+FFFD: the first one is where the file stops being text.
    const { line, column } = lineAndColumn(text, text.indexOf('\uFFFD'));
    return problem(`is not UTF-8 text: bytes that are no character at line ${line}, column ${column} (binary data, or a file saved as Latin-1/Windows-1252: save it as UTF-8)`);
  }
  return { ok: true, text };
}

/** `52428800 bytes (50.0 MB)`: the exact count, so a file one byte over the limit is not "1.0 MB, at most 1.0 MB". */
function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes} bytes (${(bytes / (1024 * 1024)).toFixed(1)} MB)`;
  if (bytes >= 1024) return `${bytes} bytes (${(bytes / 1024).toFixed(1)} KB)`;
  return `${bytes} bytes`;
}

/** The shipped catalogue, for tools and tests: throws, naming every problem, if it is invalid. */
export function readShippedCatalogue(): LoadedCatalogue {
  const path = shippedCataloguePath();
  const result = parseCatalogue(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${path} is invalid: ${result.problems.map(formatConfigProblem).join('; ')}`);
  return result.loaded;
}

/** A station file the project ships (kiosk-config/NAME), for tools and tests: throws, naming every problem, if it is invalid. */
export function readShippedConfig(name: string): StationConfig {
  const path = join(kioskConfigDir(), name);
  const result = parseStationConfig(readFileSync(path, 'utf8'), path, readShippedCatalogue());
  if (!result.ok) throw new Error(`${path} is invalid: ${result.problems.map(formatConfigProblem).join('; ')}`);
  return result.config;
}
