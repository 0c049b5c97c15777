import { readFile } from 'node:fs/promises';
import { parseStationConfig, type ConfigResult } from '../core/config/parse-config';

/** Reads and validates a station file. Never throws: a missing file is a problem like any other. */
export async function loadStationConfig(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied (the kiosk user cannot read it)' : `cannot be read (${code ?? 'unknown error'})`;
    return { ok: false, problems: [{ source: path, key: '(file)', message }] };
  }
  return parseStationConfig(text, path);
}
