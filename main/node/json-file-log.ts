import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskLog, LogFields } from '../core/log';

/**
 * The log as a file: one JSON object a line (`{"time":…,"level":…,"event":…,…fields}`),
 * rotated by size with a fixed number of files, so it never takes more than
 * maxBytes × files on disk. Own code rather than pino + pino-roll: the kiosk writes a
 * few lines a minute, and each line is appended synchronously so the last ones before
 * a crash are on disk (what staff come to read); rotation is a few renames; and
 * there is no worker thread or native piece to carry in both shells' bundles.
 */
export interface JsonFileLogOptions {
  directory: string;
  fileName?: string;
  /** Size of one file before it is rotated. */
  maxBytes?: number;
  /** Files kept: kiosk.log, kiosk.log.1 … kiosk.log.(files-1). */
  files?: number;
  now?: () => number;
}

export const LOG_FILE = 'kiosk.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_FILES = 4;
const RESERVED = new Set(['time', 'level', 'event']);
const LONGEST_TEXT = 300;

/**
 * Fields are anonymous by construction (core/log.ts); as a second guard, an address
 * that slipped into a message keeps only its host, and long texts are cut.
 */
export function scrubLogValue(value: string): string {
  const hostOnly = value.replace(/\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s/?#@]*@)?([^\s/?#:]+)(?::\d+)?[^\s"']*/gi, '$2');
  return hostOnly.length > LONGEST_TEXT ? `${hostOnly.slice(0, LONGEST_TEXT)}…` : hostOnly;
}

export function logLine(time: number, level: 'info' | 'warn' | 'error', event: string, fields: LogFields | undefined): string {
  const entry: Record<string, string | number | boolean | null> = { time: new Date(time).toISOString(), level, event: scrubLogValue(event) };
  for (const [key, value] of Object.entries(fields ?? {})) {
    entry[RESERVED.has(key) ? `field_${key}` : key] = typeof value === 'string' ? scrubLogValue(value) : value;
  }
  return `${JSON.stringify(entry)}\n`;
}

export function logFiles(directory: string, fileName = LOG_FILE, files = LOG_FILES): string[] {
  return Array.from({ length: files }, (_, index) => join(directory, index === 0 ? fileName : `${fileName}.${index}`));
}

export function createJsonFileLog(options: JsonFileLogOptions): KioskLog & { readonly path: string } {
  const fileName = options.fileName ?? LOG_FILE;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const paths = logFiles(options.directory, fileName, options.files ?? LOG_FILES);
  const now = options.now ?? Date.now;
  const current = paths[0] ?? join(options.directory, fileName);
  mkdirSync(options.directory, { recursive: true });
  let size = existsSync(current) ? statSync(current).size : 0;
  let broken = false;

  const rotate = () => {
    rmSync(paths[paths.length - 1] ?? '', { force: true });
    for (let index = paths.length - 2; index >= 0; index -= 1) {
      const from = paths[index];
      const to = paths[index + 1];
      if (from !== undefined && to !== undefined && existsSync(from)) renameSync(from, to);
    }
    size = 0;
  };

  const write = (level: 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) => {
    const line = logLine(now(), level, event, fields);
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(current, line, { mode: 0o640 });
      size += bytes;
      broken = false;
    } catch (error) {
      // A full or read-only disk must not stop the kiosk; say it once on stderr (journald).
      if (!broken) process.stderr.write(`kiosk error log-file-unwritable path=${current} error=${(error as NodeJS.ErrnoException).code ?? 'unknown'}\n`);
      broken = true;
    }
  };
  return { path: current, info: write('info'), warn: write('warn'), error: write('error') };
}

/** Both logs: the console's (journald) and the file. */
export function teeLog(...logs: KioskLog[]): KioskLog {
  return {
    info: (event, fields) => logs.forEach((log) => log.info(event, fields)),
    warn: (event, fields) => logs.forEach((log) => log.warn(event, fields)),
    error: (event, fields) => logs.forEach((log) => log.error(event, fields)),
  };
}

export interface LogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  event: string;
  fields: Record<string, string | number | boolean | null>;
}

/** The last `limit` warnings and errors, newest first, from the current file and the rotated ones. */
export function readRecentProblems(directory: string, limit = 10, fileName = LOG_FILE, files = LOG_FILES): LogEntry[] {
  const found: LogEntry[] = [];
  for (const path of logFiles(directory, fileName, files)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    for (let index = lines.length - 1; index >= 0 && found.length < limit; index -= 1) {
      const entry = parseLogLine(lines[index] ?? '');
      if (entry !== null && entry.level !== 'info') found.push(entry);
    }
    if (found.length >= limit) break;
  }
  return found;
}

function parseLogLine(line: string): LogEntry | null {
  if (line.trim() === '') return null;
  try {
    const { time, level, event, ...fields } = JSON.parse(line) as Record<string, unknown>;
    if (typeof time !== 'string' || typeof event !== 'string' || (level !== 'info' && level !== 'warn' && level !== 'error')) return null;
    return { time, level, event, fields: fields as LogEntry['fields'] };
  } catch {
    return null; // a line cut by a power failure
  }
}
