/**
 * The kiosk's log. Entries are anonymous by construction: an event name and a
 * few fields of the types below, never an address, a page title or typed text.
 */
export type LogFields = Record<string, string | number | boolean | null>;

export interface KioskLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}
