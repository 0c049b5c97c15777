import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../../main/core/contract/kiosk-api';
import type * as FakeElectron from '../fakes/electron';

/**
 * The Electron shell starts the same station records as the Chromium shell
 * (node/station-records.ts): run main.ts against the hand-written Electron fake and
 * look at the files a visit leaves in the folders the station file names.
 */
vi.mock('electron', () => import('../fakes/electron'));
type Fake = typeof FakeElectron;

let dir: string;
const savedArgv = process.argv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'electron-records-'));
  vi.resetModules();
});
afterEach(() => {
  process.argv = savedArgv;
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('Electron shell: station records', () => {
  it('counts a visit and writes the metrics and the JSON log, as the Chromium shell does', async () => {
    const station = join(dir, 'borne.json');
    writeFileSync(
      station,
      JSON.stringify({
        station: { name: 'Bus France Services', helpText: { fr: "Demandez à l'accueil." } },
        languages: { default: 'fr', available: ['fr'] },
        idle: { timeoutSeconds: 180, warningSeconds: 30 },
        shell: { preferred: 'electron' },
        tiles: [{ service: 'caf' }],
        staff: { stateDirectory: 'state', metricsDirectory: 'textfile', logDirectory: 'logs' },
      }),
    );
    const fake = (await import('electron')) as unknown as Fake;
    fake.resetElectronFake();
    process.argv = ['electron', 'dist/electron/main.cjs', `--config=${station}`];
    await import('../../../main/shells/electron/main');
    const prom = join(dir, 'textfile', 'borne.prom');
    await vi.waitFor(() => expect(existsSync(prom)).toBe(true), { timeout: 10_000 });
    expect(readFileSync(prom, 'utf8')).toContain('shell="electron"');

    const view = fake.createdViews.find((candidate) => candidate.webContents.session.partition === 'kiosk-ui');
    if (view === undefined) throw new Error('no kiosk UI view');
    view.webContents.mainFrame.url = 'kiosk://app/index.html';
    const sender = { sender: view.webContents, senderFrame: view.webContents.mainFrame };
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, sender, 'openTile', 'caf');
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, sender, 'requestEndSession');
    await fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, sender, 'confirmEndSession');

    const counters = () => JSON.parse(readFileSync(join(dir, 'state', 'counters.json'), 'utf8')) as { totals: { visitsStarted: number; endedByVisitor: number }; days: { byTheme: Record<string, number> }[] };
    await vi.waitFor(() => expect(counters().totals.endedByVisitor).toBe(1), { timeout: 10_000 });
    expect(counters().totals.visitsStarted).toBe(1);
    expect(counters().days[0]?.byTheme).toEqual({ 'Famille-Scolarité': 1 });
    await vi.waitFor(() => expect(readFileSync(prom, 'utf8')).toContain('borne_visits_total{end="visitor"} 1'), { timeout: 10_000 });
    const events = readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(['station-ready', 'visit-started', 'tile-opened', 'session-ended']));
  });
});
