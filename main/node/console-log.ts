import type { KioskLog, LogFields } from '../core/log';

/**
 * One line per event on stdout/stderr, which the service manager (journald)
 * keeps. Lines are `kiosk <level> <event> key=value…`: easy to grep, and
 * anonymous because the fields are (see core/log.ts).
 */
export function createConsoleLog(write: (level: 'info' | 'warn' | 'error', line: string) => void = defaultWrite): KioskLog {
  const emit = (level: 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) =>
    write(level, `kiosk ${level} ${event}${formatFields(fields)}`);
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function formatFields(fields: LogFields | undefined): string {
  if (fields === undefined) return '';
  return Object.entries(fields)
    .map(([key, value]) => ` ${key}=${typeof value === 'string' && /[\s"=]/.test(value) ? JSON.stringify(value) : String(value)}`)
    .join('');
}

function defaultWrite(level: 'info' | 'warn' | 'error', line: string): void {
  if (level === 'info') process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}
