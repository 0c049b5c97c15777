import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { projectRoot, rendererDir } from '../../main/node/paths';
import { startChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { CHROMIUM, DISPLAY, memoryLog, writeTempConfig } from './kiosk-fixture';

/** A broken station file never starts a half-configured kiosk. */
const root = projectRoot();
const BROKEN = JSON.stringify({
  station: { name: 'Test', helpText: { fr: 'Accueil' } },
  languages: { default: 'fr', available: ['fr'] },
  idle: { timeoutSeconds: 60, warningSeconds: 10 },
  shell: { preferred: 'chromium' },
  tiles: [{ id: 'caf', label: { fr: 'CAF' }, entry: 'http://www.caf.fr/', allowedHosts: ['www.caf.fr'], colour: 'blue' }],
});

test('the station shows "Hors service" when its file is invalid', async () => {
  const lines: string[] = [];
  const kiosk = await startChromiumKiosk({ config: null, executablePath: CHROMIUM, headless: true, rendererDir: rendererDir(), display: DISPLAY, log: memoryLog(lines) });
  try {
    const ui = kiosk.shell.uiPage;
    await expect(ui.locator('main[data-screen="out-of-order"]')).toContainText('Hors service — appelez un conseiller');
    await expect(ui.locator('button[data-tile]')).toHaveCount(0);
    expect(kiosk.shell.visitor).toBeNull(); // no browser for visitors at all
    // The language is one tap away here too; the French lines stay for staff.
    await ui.click('main[data-screen="out-of-order"] [data-language="ar"]');
    await expect(ui.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(ui.locator('main[data-screen="out-of-order"] .out-of-order-french')).toContainText('Hors service');
  } finally {
    await kiosk.close();
  }
});

test('npm start with an invalid file names the file, the key and the problem, one line each', async () => {
  const file = writeTempConfig('station.json', BROKEN);
  const child = spawn('node', [join(root, 'dist/cli/start.cjs'), `--config=${file}`, '--shell=chromium', '--headless'], { cwd: root });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 20_000 }).toContain('Borne hors service');
    const lines = output.split('\n').filter((line) => line.includes('config-invalid'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`${file}: tiles[0].entry: must be an https:// address (got \\"http://www.caf.fr/\\")`);
    expect(lines[1]).toContain(`${file}: tiles[0].colour: unknown key`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
});

test('npm run config:check exits non-zero with one line per problem, and accepts the shipped files', () => {
  const file = writeTempConfig('station.json', BROKEN);
  const bad = spawnSync('node', [join(root, 'dist/cli/config-check.cjs'), file], { encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stderr.trim().split('\n')).toEqual([
    `${file}: tiles[0].entry: must be an https:// address (got "http://www.caf.fr/")`,
    `${file}: tiles[0].colour: unknown key (check its spelling; see kiosk-config/README.md for the keys a station file may have)`,
  ]);
  const notJson = spawnSync('node', [join(root, 'dist/cli/config-check.cjs'), writeTempConfig('x.json', '{ "station": ')], { encoding: 'utf8' });
  expect(notJson.status).toBe(1);
  expect(notJson.stderr).toMatch(/x\.json: \(file\): not valid JSON/);

  const good = spawnSync('node', [join(root, 'dist/cli/config-check.cjs'), 'kiosk-config/default.json', 'kiosk-config/demo.json'], { cwd: root, encoding: 'utf8' });
  expect(good.status).toBe(0);
  expect(good.stdout).toContain('kiosk-config/default.json: OK (8 tiles)');
});
