import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import type { GrantablePermission } from '../../main/core/config/station-config';
import type { KioskAction } from '../../main/core/contract/kiosk-api';
import type { KioskView, Overlay } from '../../main/core/contract/kiosk-view';
import { findElectronBinary } from '../../main/node/electron-binary';
import { projectRoot } from '../../main/node/paths';

/**
 * What the Electron suites share: finding the binary (and skipping, saying
 * why, without one), starting the real main process (dist/electron/main.cjs) on
 * a station file and a profile of its own, and reading the kiosk's state
 * through the kiosk UI's own `window.kiosk`.
 */

export const ELECTRON_BINARY = findElectronBinary();
export const NO_ELECTRON_REASON = 'no Electron binary installed (node_modules/electron/dist is empty; this machine cannot download it)';

/** Call at the top of a suite: skips every test when there is no Electron, and prints why. */
export function skipWithoutElectron(suite: string): void {
  if (ELECTRON_BINARY === null) console.log(`${suite} skipped: ${NO_ELECTRON_REASON}. Install Electron to run it.`);
  test.skip(ELECTRON_BINARY === null, NO_ELECTRON_REASON);
}

export const ROOT = projectRoot();
export const MAIN_BUNDLE = join(ROOT, 'dist', 'electron', 'main.cjs');

export interface TileSpec {
  id: string;
  entry: string;
  allowedHosts: string[];
  permissions?: GrantablePermission[];
}

/** A station file with these tiles, in a temporary folder; returns its path. */
export function writeStation(dir: string, tiles: readonly TileSpec[]): string {
  const path = join(dir, 'station.json');
  const station = {
    station: { name: 'Borne de test Electron', helpText: { fr: 'Demandez au médiateur.' } },
    languages: { default: 'fr', available: ['fr'] },
    // Long enough that no idle warning interrupts a test.
    idle: { timeoutSeconds: 900, warningSeconds: 30 },
    shell: { preferred: 'electron' },
    tiles: tiles.map((tile) => ({
      id: tile.id,
      label: { fr: `Test ${tile.id}` },
      entry: tile.entry,
      allowedHosts: tile.allowedHosts,
      worksOffline: true,
      ...(tile.permissions === undefined ? {} : { permissions: tile.permissions.map((name) => ({ name, why: 'Test de sécurité' })) }),
    })),
  };
  writeFileSync(path, JSON.stringify(station, null, 2));
  return path;
}

export interface ElectronKiosk {
  app: ElectronApplication;
  /** The kiosk UI view's page. */
  ui: Page;
  /** The main process's (throw-away) userData folder: visitors' files are below it. */
  userData: string;
  close(): Promise<void>;
}

/**
 * Electron's environment without ELECTRON_RUN_AS_NODE (which would start plain
 * Node), and with a profile folder of its own: the single-instance lock lives
 * in the usual profile folder, and suites run side by side.
 */
function electronEnv(profile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  env['XDG_CONFIG_HOME'] = profile;
  env['APPDATA'] = profile;
  return env;
}

export async function launchKiosk(configPath: string, extraArgs: readonly string[] = []): Promise<ElectronKiosk> {
  expect(existsSync(MAIN_BUNDLE), `${MAIN_BUNDLE} is missing: run npm run build first`).toBe(true);
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-electron-profile-'));
  // Chromium refuses to run as root with its sandbox (CI containers); the unpackaged app accepts the switch.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: ELECTRON_BINARY ?? '',
    args: [MAIN_BUNDLE, `--config=${configPath}`, ...rootArgs, ...extraArgs],
    cwd: ROOT,
    env: electronEnv(profile),
  });
  const close = async (): Promise<void> => {
    await app.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const ui = await pageWhere(app, (url) => url.startsWith('kiosk://app/'));
    await ui.waitForSelector('body[data-ready="true"]');
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    return { app, ui, userData, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The page (a window or a WebContentsView) whose address matches, once it exists. */
export async function pageWhere(app: ElectronApplication, matches: (url: string) => boolean, timeout = 15_000): Promise<Page> {
  let found: Page | undefined;
  await expect
    .poll(
      () => {
        found = app.windows().find((page) => !page.isClosed() && matches(page.url()));
        return found !== undefined;
      },
      { timeout },
    )
    .toBe(true);
  if (found === undefined) throw new Error('page not found');
  return found;
}

/** Calls `window.kiosk.<action>` in the kiosk UI: exactly what its buttons do. */
export function kiosk(ui: Page, action: KioskAction, ...args: string[]): Promise<unknown> {
  return ui.evaluate(
    ([name, rest]) => {
      const api = (window as unknown as { kiosk: Record<KioskAction, (...values: string[]) => Promise<unknown>> }).kiosk;
      return api[name](...rest);
    },
    [action, args] as const,
  );
}

export async function kioskView(ui: Page): Promise<KioskView> {
  return (await kiosk(ui, 'getView')) as KioskView;
}

export async function overlayOf(ui: Page): Promise<Overlay> {
  return (await kioskView(ui)).overlay;
}

/** Waits for this overlay, then closes it (the site comes back under the toolbar). */
export async function expectOverlay(ui: Page, expected: Overlay): Promise<void> {
  await expect.poll(() => overlayOf(ui), { timeout: 10_000 }).toEqual(expected);
  await kiosk(ui, 'dismissOverlay');
  await expect.poll(() => overlayOf(ui)).toEqual({ name: 'none' });
}

/** Opens a tile as its button does, and returns the visitor's site page once it shows `urlPrefix`. */
export async function openTile(app: ElectronApplication, ui: Page, tileId: string, urlPrefix: string): Promise<Page> {
  await kiosk(ui, 'openTile', tileId);
  return pageWhere(app, (url) => url.startsWith(urlPrefix));
}

/** Ends the session as the visitor does, and waits for the home screen's "wiped" notice. */
export async function endSession(ui: Page): Promise<void> {
  await kiosk(ui, 'requestEndSession');
  await kiosk(ui, 'confirmEndSession');
  await expect.poll(async () => (await kioskView(ui)).screen, { timeout: 20_000 }).toEqual({ name: 'home', notice: 'wiped' });
}

/** Every file below the visitors' folders of the main process (their downloads). */
export function visitorFiles(userData: string): string[] {
  const root = join(userData, 'visitors');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
