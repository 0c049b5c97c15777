import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../main/node/electron-binary';
import { projectRoot } from '../../main/node/paths';
import { demoStationConfig } from '../../main/training-server/demo-config';
import { startTrainingServer, type TrainingServer } from '../../main/training-server/server';
import { logInOnCaf } from '../support/training-login';

/**
 * The Electron shell end to end: the real main process (dist/electron/main.cjs)
 * against the training sites. Needs an Electron binary, which this machine
 * cannot download: without one the suite is skipped, and says so.
 */
const binary = findElectronBinary();
if (binary === null) {
  console.log(
    'Electron suite skipped: no Electron binary installed (node_modules/electron/dist is empty; this machine cannot download it). Install Electron to run it.',
  );
}
test.skip(binary === null, 'no Electron binary installed (node_modules/electron/dist is empty; this machine cannot download it)');

const root = projectRoot();
const MAIN_BUNDLE = join(root, 'dist', 'electron', 'main.cjs');

let training: TrainingServer;
let configDir: string;
let configPath: string;

test.beforeAll(async () => {
  training = await startTrainingServer();
  configDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-e2e-'));
  configPath = join(configDir, 'station.json');
  // kiosk-config/demo.json, its caf tile pointing at this test's training server
  // (entry http://caf.entrainement.localhost:PORT/, with the CAF login and identity hosts allowed).
  const { $schema: _schema, ...config } = demoStationConfig(training.port);
  writeFileSync(configPath, JSON.stringify({ ...config, shell: { preferred: 'electron' } }, null, 2));
});

test.afterAll(async () => {
  await training?.close();
  if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
});

/** Electron's environment without ELECTRON_RUN_AS_NODE, which would start plain Node. */
function electronEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  return env;
}

/** The page (a window or a WebContentsView) whose address matches, once it exists. */
async function pageWhere(app: ElectronApplication, matches: (url: string) => boolean): Promise<Page> {
  let found: Page | undefined;
  await expect
    .poll(() => {
      found = app.windows().find((page) => matches(page.url()));
      return found !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  if (found === undefined) throw new Error('page not found');
  return found;
}

test('a visitor opens the CAF, logs in, ends the session, and nothing is left', async () => {
  expect(existsSync(MAIN_BUNDLE), `${MAIN_BUNDLE} is missing: run npm run build first`).toBe(true);
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: [MAIN_BUNDLE, `--config=${configPath}`],
    cwd: root,
    env: electronEnv(),
  });
  try {
    // Home: a tile per démarche, in the kiosk UI view.
    const ui = await pageWhere(app, (url) => url.startsWith('kiosk://app/'));
    await ui.waitForSelector('body[data-ready="true"]');
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible();
    await expect(ui.locator('button[data-tile="caf"]')).toBeVisible();

    // Open the tile: the training site shows in the visitor's site view.
    await ui.click('button[data-tile="caf"]');
    const cafOrigin = training.origin('caf');
    const site = await pageWhere(app, (url) => url.startsWith(cafOrigin));
    await expect(site.locator('h1')).toContainText("Caisse d'allocations — site d'entraînement");

    // Log in through the separate login host, which the tile allows.
    await logInOnCaf(site);
    await expect(site.locator('#etat-connexion')).toContainText('Vous êtes connecté·e');

    // Keep a handle on the visitor's session, to look at it after the wipe.
    const leavingSession = await app.evaluateHandle(({ webContents }, origin) => {
      const visitor = webContents.getAllWebContents().find((contents) => contents.getURL().startsWith(origin));
      if (visitor === undefined) throw new Error('no visitor webContents');
      return visitor.session;
    }, cafOrigin);
    expect(await leavingSession.evaluate(async (ses) => (await ses.cookies.get({})).length)).toBeGreaterThan(0);

    // End the session and confirm: the wipe runs, the home says so.
    await ui.click('[data-action="end-session"]');
    await ui.click('[data-action="confirm-end"]');
    await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toContainText('Vos données ont été effacées');

    // Nothing left: the old partition is empty, its view is gone, the new one starts empty.
    const leftover = await leavingSession.evaluate(async (ses) => ({
      cookies: (await ses.cookies.get({})).length,
      runningServiceWorkers: Object.keys(ses.serviceWorkers.getAllRunning()).length,
    }));
    expect(leftover).toEqual({ cookies: 0, runningServiceWorkers: 0 });
    const next = await app.evaluate(async ({ webContents, session }) => {
      const visitors = webContents
        .getAllWebContents()
        .filter((contents) => contents.session !== session.defaultSession && !contents.getURL().startsWith('kiosk://'));
      const cookies = await Promise.all(visitors.map(async (contents) => (await contents.session.cookies.get({})).length));
      return { views: visitors.length, cookies: cookies.reduce((sum, count) => sum + count, 0) };
    });
    expect(next).toEqual({ views: 1, cookies: 0 });
    // The visit never touched the disk: its partition lived in memory only.
    expect(await leavingSession.evaluate((ses) => ses.isPersistent())).toBe(false);
  } finally {
    await app.close();
  }
});
