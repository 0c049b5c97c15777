import { ipcRenderer } from 'electron';
import { watchFieldFocus, type FieldFocusPage } from '../../../core/page/field-focus';
import { SITE_FIELD_CHANNEL } from './field-focus';

/**
 * The visitor site's preload: it runs sandboxed, in the main frame's isolated
 * world (contextIsolation), and exposes nothing to the page. Its one job is to
 * tell the kiosk when a text field takes or leaves the focus (core/page/field-focus.ts),
 * so the on-screen keyboard can follow. Bundled into one file by esbuild
 * (a sandboxed preload can require nothing but electron).
 */
watchFieldFocus(globalThis as unknown as FieldFocusPage, (report) => ipcRenderer.send(SITE_FIELD_CHANNEL, report));
