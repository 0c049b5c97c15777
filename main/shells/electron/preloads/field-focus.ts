/**
 * The IPC channel on which the site preload (site.ts) sends its text-field
 * reports to the main process. The watcher that makes them, and the check of
 * what arrives, are shared with the Chromium shell: main/core/page/field-focus.ts.
 */
export const SITE_FIELD_CHANNEL = 'kiosk:site-field';
