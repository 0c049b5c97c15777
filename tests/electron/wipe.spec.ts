import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { HOSTILE_SITE_ID, STORAGE_KINDS, THIRD_PARTY_SITE_ID, type StorageKind } from '../support/hostile-sites/hostile-site';
import { TRAINING_DOMAIN } from '../../main/dev-tools/training-sites/sites';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';
import { endSession, kiosk, launchKiosk, openTile, skipWithoutElectron, visitorFiles, writeStation, type ElectronKiosk } from './electron-kiosk';

/**
 * "Nothing stays": the hostile training site plants every kind of browser
 * storage (/plant), the visitor ends the session, and the next visitor's view
 * of the same site (/inspect) finds none of it. The main process's own view of
 * the partitions and of the visitor's files is checked too.
 */
skipWithoutElectron('Electron wipe suite');

let training: TrainingServer;
let configDir: string;
let configPath: string;
let running: ElectronKiosk | null = null;

/** Kinds that every Chromium plants over loopback http: these must be planted, and then gone. */
const MUST_PLANT: readonly StorageKind[] = ['servercookie', 'jscookie', 'localstorage', 'sessionstorage', 'indexeddb', 'cachestorage', 'serviceworker', 'history'];

test.beforeAll(async () => {
  training = await startTrainingServer();
  configDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-wipe-'));
  const hostile = training.origin(HOSTILE_SITE_ID);
  // The planting page frames the third-party host: it is allowed, as a démarche's embedded services are.
  const hosts = [`${HOSTILE_SITE_ID}.${TRAINING_DOMAIN}`, `${THIRD_PARTY_SITE_ID}.${TRAINING_DOMAIN}`];
  configPath = writeStation(configDir, [
    { id: 'traces', entry: `${hostile}/plant`, allowedHosts: hosts },
    { id: 'inspection', entry: `${hostile}/inspect`, allowedHosts: hosts },
  ]);
});

test.afterAll(async () => {
  await training?.close();
  if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
});

test.afterEach(async () => {
  await running?.close();
  running = null;
});

/** The page's `data-<kind>` results, once its script is done. */
async function results(site: Page): Promise<Record<StorageKind, string | null>> {
  await site.waitForSelector('body[data-done]', { timeout: 30_000 });
  expect(await site.locator('body').getAttribute('data-done')).toBe('yes');
  const entries = await Promise.all(STORAGE_KINDS.map(async (kind) => [kind, await site.locator('body').getAttribute(`data-${kind}`)] as const));
  return Object.fromEntries(entries) as Record<StorageKind, string | null>;
}

test('a visitor’s traces of every kind are gone for the next visitor', async () => {
  running = await launchKiosk(configPath);
  const { app, ui, userData } = running;
  const hostile = training.origin(HOSTILE_SITE_ID);

  // Visitor 1 plants everything, and downloads a PDF.
  const planting = await openTile(app, ui, 'traces', `${hostile}/plant`);
  const planted = await results(planting);
  for (const kind of MUST_PLANT) expect(planted[kind], `${kind} was not planted`).toBe('ok');
  await planting.goto(`${hostile}/telecharger.pdf`).catch(() => undefined); // a download: the navigation itself is aborted
  await expect.poll(() => visitorFiles(userData).length, { timeout: 10_000 }).toBe(1);

  // The main process sees the traces in visitor 1's partition.
  const leavingSession = await app.evaluateHandle(({ webContents }, origin) => {
    const visitor = webContents.getAllWebContents().find((contents) => contents.getURL().startsWith(origin) || contents.getURL().startsWith('kiosk-file:'));
    if (visitor === undefined) throw new Error('no visitor webContents');
    return visitor.session;
  }, hostile);
  expect(await leavingSession.evaluate(async (ses) => (await ses.cookies.get({})).length)).toBeGreaterThan(0);
  expect(await leavingSession.evaluate((ses) => ses.isPersistent())).toBe(false);

  await endSession(ui);

  // The leaving partition is empty, its service workers stopped, its files deleted.
  const leftover = await leavingSession.evaluate(async (ses) => ({
    cookies: (await ses.cookies.get({})).length,
    runningServiceWorkers: Object.keys(ses.serviceWorkers.getAllRunning()).length,
  }));
  expect(leftover).toEqual({ cookies: 0, runningServiceWorkers: 0 });
  expect(visitorFiles(userData)).toEqual([]);

  // One visitor view, on a new, empty, in-memory partition, at 100 %.
  const next = await app.evaluate(async ({ webContents, session }) => {
    const visitors = webContents.getAllWebContents().filter((contents) => contents.session !== session.defaultSession && !contents.getURL().startsWith('kiosk://'));
    const states = await Promise.all(
      visitors.map(async (contents) => ({
        cookies: (await contents.session.cookies.get({})).length,
        workers: Object.keys(contents.session.serviceWorkers.getAllRunning()).length,
        persistent: contents.session.isPersistent(),
        zoom: contents.getZoomFactor(),
      })),
    );
    return { views: visitors.length, states };
  });
  expect(next).toEqual({ views: 1, states: [{ cookies: 0, workers: 0, persistent: false, zoom: 1 }] });

  // Visitor 2, on the same site, finds nothing of visitor 1.
  const inspecting = await openTile(app, ui, 'inspection', `${hostile}/inspect`);
  const found = await results(inspecting);
  for (const kind of STORAGE_KINDS) {
    if (planted[kind] !== 'ok') {
      test.info().annotations.push({ type: 'not planted', description: `${kind}: ${planted[kind] ?? 'no result'}` });
      continue;
    }
    expect(found[kind], `${kind} survived the wipe`).toBe('absent');
  }
});

test('the wipe empties the clipboard and leaves the kiosk ready for the next visitor', async () => {
  running = await launchKiosk(configPath);
  const { app, ui } = running;
  const hostile = training.origin(HOSTILE_SITE_ID);
  await openTile(app, ui, 'traces', `${hostile}/plant`);
  await app.evaluate(({ clipboard }) => clipboard.writeText('numéro fiscal du visiteur'));
  await endSession(ui);
  expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe('');
  // The kiosk is ready for the next visitor.
  expect((await kiosk(ui, 'getView')) as { screen: unknown }).toMatchObject({ screen: { name: 'home', notice: 'wiped' } });
});
