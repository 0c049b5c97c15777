import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';
import { logInOnCaf } from '../support/training-login';
import { launchKiosk, pageWhere, skipWithoutElectron } from './electron-kiosk';

/**
 * The Electron shell end to end: the real main process (dist/electron/main.cjs)
 * against the training sites. Needs an Electron binary, which this machine
 * cannot download: without one the suite is skipped, and says so.
 */
skipWithoutElectron('Electron suite');

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

test('a visitor opens the CAF, logs in, ends the session, and nothing is left', async () => {
  const { app, ui, close } = await launchKiosk(configPath);
  try {
    // Home: a tile per démarche, in the kiosk UI view.
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
    await close();
  }
});
