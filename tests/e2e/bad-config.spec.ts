import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { reportConfigProblems } from '../../main/node/config-problems';
import { loadStationConfig } from '../../main/node/load-config';
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

/** `npm start` (the built start script) on a station file, headless: what it prints, and a way to stop it. */
function npmStart(file: string): { output: () => string; stop: () => Promise<void> } {
  const child = spawn('node', [join(root, 'dist/cli/start.cjs'), `--config=${file}`, '--shell=chromium', '--headless'], { cwd: root });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}

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
  const start = npmStart(file);
  try {
    await expect.poll(start.output, { timeout: 20_000 }).toContain('Borne hors service');
    const lines = start.output().split('\n').filter((line) => line.includes('config-invalid'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`${file}: tiles[0].entry: must be an https:// address (got \\"http://www.caf.fr/\\")`);
    expect(lines[1]).toContain(`${file}: tiles[0].colour: unknown key`);
  } finally {
    await start.stop();
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

/**
 * One broken file of each class the corpus (tests/fixtures/bad-stations/) covers, read
 * by the kiosk's own loader as `npm start` reads it: the screen says "Hors service", the
 * log has the one printable line that names the key, and nothing else starts.
 */
const fixtures = join(root, 'tests', 'fixtures');
const expectedLines = JSON.parse(readFileSync(join(fixtures, 'bad-stations.expected.json'), 'utf8')) as Record<string, string[]>;
const CLASSES: [string, string][] = [
  ['a wildcard under a public suffix', 'wildcard-tld-fr.json'],
  ['a syntax error after a byte order mark', 'bom-then-error.json'],
  ['binary bytes', 'binary.json'],
  ['a value in single quotes', 'single-quotes.json'],
  ['a key written twice', 'duplicate-nested-key.json'],
  ['too many tiles', 'too-many-tiles.json'],
  ['an idle warning as long as the idle timeout', 'warning-equals-timeout.json'],
  ['an escape sequence in a key', 'escape-codes-in-key.json'],
];

for (const [what, name] of CLASSES) {
  test(`${what} (${name}): "Hors service", and the line in the log`, async () => {
    const file = join(fixtures, 'bad-stations', name);
    const loaded = await loadStationConfig(file);
    expect(loaded.ok).toBe(false);
    const lines: string[] = [];
    const log = memoryLog(lines);
    if (!loaded.ok) reportConfigProblems(loaded.problems, log);
    const kiosk = await startChromiumKiosk({ config: null, executablePath: CHROMIUM, headless: true, rendererDir: rendererDir(), display: DISPLAY, log });
    try {
      await expect(kiosk.shell.uiPage.locator('main[data-screen="out-of-order"]')).toContainText('Hors service — appelez un conseiller');
      await expect(kiosk.shell.uiPage.locator('button[data-tile]')).toHaveCount(0);
      const logged = lines.filter((line) => line.includes('config-invalid')).map((line) => (JSON.parse(line.slice(line.indexOf('{'))) as { problem: string }).problem);
      expect(logged).toEqual((expectedLines[name] ?? ['(missing)']).map((line) => `${file}: ${line}`));
      for (const line of logged) expect(line).toMatch(/^[^\p{Cc}\p{Cf}]+$/u);
    } finally {
      await kiosk.close();
    }
  });
}

test('npm start with a 50 MB station file is out of order at once, with one line', async () => {
  const file = writeTempConfig('huge.json', '{"tiles": [');
  truncateSync(file, 50 * 1024 * 1024);
  const started = Date.now();
  const start = npmStart(file);
  try {
    await expect.poll(start.output, { timeout: 20_000 }).toContain('Borne hors service');
    console.log(`[bad-config] 50 MB file: out of order after ${Date.now() - started} ms (Chromium start included)`);
    const lines = start.output().split('\n').filter((line) => line.includes('config-invalid'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file}: (file): is 52428800 bytes (50.0 MB); a file here may be at most 1048576 bytes (1.0 MB)`);
  } finally {
    await start.stop();
  }
});
