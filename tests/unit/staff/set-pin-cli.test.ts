import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinMatches, readPinFile } from '../../../main/node/staff-pin';

/** The real `npm run set-pin` program, bundled as build.mjs does, fed through a pipe and through a terminal. */
const root = resolve(__dirname, '..', '..', '..');
let dir = '';
let cli = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'set-pin-'));
  // Inside the project, as the real dist/cli/set-pin.cjs: the program finds the shipped catalogue from its own location.
  cli = join(root, 'node_modules', '.cache', `set-pin-test-${process.pid}`, 'set-pin.cjs');
  await build({ entryPoints: [join(root, 'main/cli/set-pin.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning', nodePaths: [join(root, 'node_modules')] });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(cli, '..'), { recursive: true, force: true });
});

function stationFile(name: string, staff: object | undefined): string {
  const station = JSON.parse(readFileSync(join(root, 'kiosk-config', 'default.json'), 'utf8')) as Record<string, unknown>;
  delete station.$schema;
  if (staff === undefined) delete station.staff;
  else station.staff = staff;
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(station));
  return path;
}

function run(station: string, input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, '--config', station], { cwd: root, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => done({ code, out }));
    child.stdin.end(input);
  });
}

describe('npm run set-pin', () => {
  it('asks twice and writes the hash to the file the station file names', async () => {
    const station = stationFile('borne-a', { pinFile: 'borne-a.pin.json' });
    const result = await run(station, '482913\n482913\n');
    expect(result.code, result.out).toBe(0);
    const pinFile = join(dir, 'borne-a.pin.json');
    expect(result.out).toContain(pinFile);
    expect(readFileSync(pinFile, 'utf8')).not.toContain('482913');
    const read = await readPinFile(pinFile);
    expect(read.ok && (await pinMatches(read.file, '482913'))).toBe(true);
  });

  it.each([
    ['123456', 'suite de chiffres'],
    ['000000', 'un seul chiffre'],
    ['4829', 'au moins 6 chiffres'],
  ])('refuses %s and says why, writing nothing', async (pin, why) => {
    const station = stationFile(`trivial-${pin}`, { pinFile: `trivial-${pin}.pin.json` });
    const result = await run(station, `${pin}\n${pin}\n`);
    expect(result.code).toBe(1);
    expect(result.out).toContain(why);
    expect(existsSync(join(dir, `trivial-${pin}.pin.json`))).toBe(false);
  });

  it('refuses two different entries', async () => {
    const station = stationFile('differ', { pinFile: 'differ.pin.json' });
    const result = await run(station, '482913\n482914\n');
    expect(result.code).toBe(1);
    expect(result.out).toContain('diffèrent');
    expect(existsSync(join(dir, 'differ.pin.json'))).toBe(false);
  });

  it('says which key to add when the station file names no PIN file', async () => {
    const station = stationFile('no-key', undefined);
    const result = await run(station, '482913\n482913\n');
    expect(result.code).toBe(1);
    expect(result.out).toContain('"staff": { "pinFile": "no-key.pin.json" }');
  });

  it('does not show the PIN on a terminal', async () => {
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) {
      console.log('skipped: util-linux "script" (a pseudo-terminal) is not installed');
      return;
    }
    const station = stationFile('tty', { pinFile: 'tty.pin.json' });
    // script gives the program a real terminal; each PIN is typed once its prompt shows, and must not come back.
    const command = `${process.execPath} ${cli} --config ${station}`;
    const terminal = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
    let screen = '';
    let answered = 0;
    terminal.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      const prompts = (screen.match(/PIN: |again: /g) ?? []).length;
      if (prompts > answered) {
        answered = prompts;
        terminal.stdin.write('572946\r');
      }
    });
    await new Promise((done) => terminal.once('exit', done));
    const typed = { stdout: screen };
    expect(typed.stdout).toContain('encore une fois');
    expect(typed.stdout).toContain('PIN hash written');
    expect(typed.stdout).not.toContain('572946');
    expect(existsSync(join(dir, 'tty.pin.json'))).toBe(true);
  });
});
