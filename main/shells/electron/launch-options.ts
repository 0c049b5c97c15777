import { isAbsolute, resolve } from 'node:path';

/**
 * What the command line and environment say at launch. Pure, so the rules are
 * tested without Electron.
 */

/**
 * Switches that open the app to a debugger (Chromium's remote debugging, Node's
 * inspector, V8 flags) or drop its defences (the renderer sandbox, the same-origin
 * policy). Chromium reads `-switch` as well as `--switch` (and `/switch` on Windows).
 */
const FORBIDDEN_SWITCH =
  /^(?:--|-|\/)(remote-debugging-(?:port|pipe|address)|inspect(?:-[a-z-]+)?|no-sandbox|disable-web-security|js-flags)(?:=.*)?$/;

/**
 * The first debugging or sandbox-disabling switch in argv, or null. No fuse
 * covers `--remote-debugging-port` (ELECTRON.md rule 9), so the packaged app
 * refuses to start with one.
 */
export function forbiddenSwitchIn(argv: readonly string[]): string | null {
  for (const argument of argv) {
    if (argument === '--') break; // what follows is for the app, not for Chromium
    // Chromium accepts switch names in any case on Windows.
    const match = FORBIDDEN_SWITCH.exec(argument.toLowerCase());
    if (match !== null) return `--${match[1]}`;
  }
  return null;
}

/** The station file: `--config=PATH`, else KIOSK_CONFIG, else the default; relative paths from `cwd`. */
export function configPathFrom(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, defaultPath: string, cwd: string): string {
  const fromArgv = argv.find((argument) => argument.startsWith('--config='))?.slice('--config='.length);
  const chosen = fromArgv !== undefined && fromArgv !== '' ? fromArgv : env['KIOSK_CONFIG'] !== undefined && env['KIOSK_CONFIG'] !== '' ? env['KIOSK_CONFIG'] : null;
  if (chosen === null) return defaultPath;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** Developer tools on the kiosk UI: only on request, and never in the packaged app. */
export function uiDevToolsWanted(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): boolean {
  return !isPackaged && env['KIOSK_DEVTOOLS'] === '1';
}
