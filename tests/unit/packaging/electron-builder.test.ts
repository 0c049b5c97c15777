import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../main/node/paths';

/**
 * electron-builder.yml, checked without an Electron binary (none can be downloaded
 * here): against electron-builder's own JSON schema, and by a real electron-builder
 * run (`--dir`, the step every target starts from) on a stand-in for the Electron
 * binary that carries the fuse wire, so that the file list, the resources and the
 * fuses are those electron-builder itself produces. Only a machine with Electron can
 * start the result (.github/workflows/release.yml builds the real packages).
 */
const root = projectRoot();
const require = createRequire(join(root, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The fuse wire of Electron's binary: sentinel, version 1, length, one byte per fuse ('0', '1'). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

describe('electron-builder.yml against electron-builder\'s own schema', () => {
  const Ajv = require('ajv') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } };
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object);

  it('is valid', () => {
    const ok = validate(config);
    expect(validate.errors?.map((error) => `${error.instancePath} ${error.message ?? ''}`) ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('would reject a misspelt key (the check can fail)', () => {
    expect(validate({ ...config, electronFuse: config['electronFuses'] })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...(config['electronFuses'] as object), runAsNod: false } })).toBe(false);
  });

  it('never rebuilds serialport from source (its N-API prebuild loads in Electron as it is)', () => {
    expect(config['npmRebuild']).toBe(false);
  });
});

describe('what electron-builder packages', () => {
  let work: string;
  let unpacked: string;
  let asarFiles: string[];
  const asar = require('@electron/asar') as { listPackage(path: string, options: object): string[]; extractFile(path: string, file: string): Buffer; extractAll(path: string, dest: string): void };

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'electron', 'main.cjs'))) throw new Error('no product build: run npm run build first');
    work = mkdtempSync(join(tmpdir(), 'borne-electron-builder-'));
    // A stand-in Electron distribution: a binary with the fuse wire as Electron 45 ships it.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    const wire = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from('10110100')]);
    writeFileSync(join(electronDist, 'electron'), wire, { mode: 0o755 });
    writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
    writeFileSync(join(electronDist, 'version'), '45.4.1');
    const outcome = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--dir', '--linux', '--x64', '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(work, 'out')}`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    });
    if (outcome.status !== 0) throw new Error(`electron-builder failed:\n${outcome.stdout}\n${outcome.stderr}`);
    unpacked = join(work, 'out', 'linux-unpacked');
    asarFiles = asar.listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((path) => path.replaceAll('\\', '/'));
  }, 180_000);

  afterAll(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('packages the product build: the Electron main process, both preloads, the UI', () => {
    for (const file of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/site-preload.cjs', '/dist/printer/printer-process.cjs', '/dist/renderer/index.html']) {
      expect(asarFiles).toContain(file);
    }
  });

  it('packages no test, bench, training or hostile-site code, no source maps, no dist-dev/', () => {
    const devPaths = asarFiles.filter((path) => !path.startsWith('/node_modules/') && /dist-dev|bench|training|hostile|demo|tests?\/|\.map$|\.ts$|fixture/.test(path));
    expect(devPaths).toEqual([]);
    // Nor inside the bundles: the training sites' domain appears in no packaged file.
    const bundles = asarFiles.filter((path) => path.startsWith('/dist/') && /\.(c?js|html)$/.test(path));
    expect(bundles.length).toBeGreaterThan(5);
    const withTraining = bundles.filter((path) => asar.extractFile(join(unpacked, 'resources', 'app.asar'), path.slice(1)).toString('utf8').includes('entrainement.localhost'));
    expect(withTraining).toEqual([]);
  });

  it('packages nothing but package.json, node_modules/ and the product build of dist/ (tests/unit/packaging/product-bundles.test.ts checks what it is made of)', () => {
    expect(asarFiles.filter((path) => !/^\/(dist|node_modules)(\/|$)/.test(path) && path !== '/package.json')).toEqual([]);
    const listDist = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listDist(join(dir, entry.name)) : [join(dir, entry.name)]));
    const built = listDist(join(root, 'dist')).map((file) => `/${relative(root, file).split(sep).join('/')}`).filter((path) => !path.endsWith('.map') && path !== '/dist/.build-stamp');
    // asar lists folders too: a folder is a path that others continue.
    const packagedFiles = asarFiles.filter((path) => path.startsWith('/dist/') && !asarFiles.some((other) => other.startsWith(`${path}/`)));
    expect(packagedFiles.sort()).toEqual(built.sort());
  });

  it('packages only the npm packages the product loads at run time: no dev dependency, no React twice, no playwright-core', () => {
    const packaged = new Set(asarFiles.filter((path) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !/^\/node_modules\/@[^/]+$/.test(path)).map((path) => path.slice('/node_modules/'.length)));
    for (const name of Object.keys(manifest.devDependencies)) expect(packaged.has(name), `${name} (a devDependency) is packaged`).toBe(false);
    for (const bundled of ['react', 'react-dom', 'zod', 'i18next', 'zustand', 'qrcode', 'playwright-core']) expect(packaged.has(bundled), `${bundled} is packaged`).toBe(false);
    expect(packaged.has('serialport')).toBe(true);
    const runtime = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
    for (const name of packaged) expect(runtime, `${name} is not a production dependency`).toContain(`node_modules/${name}`);
  });

  it('flips the fuses of ELECTRON.md in the packaged binary, embedded asar integrity included', () => {
    const binary = readFileSync(join(unpacked, 'borne-inclusion-numerique'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = Object.fromEntries(FUSES.map((name, index) => [name, String.fromCharCode(binary[at + 2 + index] ?? 0)]));
    expect(wire).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });

  it('ships the station files and the unit beside app.asar, not the demo', () => {
    const resources = join(unpacked, 'resources');
    expect(readdirSync(join(resources, 'kiosk-config')).sort()).toEqual(['catalogue.json', 'catalogue.schema.json', 'default.json', 'station.schema.json']);
    expect(readFileSync(join(resources, 'systemd', 'borne.service'), 'utf8')).toBe(readFileSync(join(root, 'build', 'linux', 'borne.service'), 'utf8'));
  });

  it('finds its catalogue from inside the package, whatever the current folder', () => {
    // app.asar extracted as a folder of the same name: the packaged code, in the packaged layout.
    const layout = join(work, 'layout', 'resources');
    asar.extractAll(join(unpacked, 'resources', 'app.asar'), join(layout, 'app.asar'));
    cpSync(join(unpacked, 'resources', 'kiosk-config'), join(layout, 'kiosk-config'), { recursive: true });
    const outcome = spawnSync(process.execPath, [join(layout, 'app.asar', 'dist', 'cli', 'config-check.cjs'), join(layout, 'kiosk-config', 'default.json')], { cwd: '/', encoding: 'utf8' });
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toMatch(/default\.json: OK \(8 tiles\)/);
  });

  it('installs where borne.service starts it: /opt/<productName>/<executableName>', () => {
    const { installPrefix } = require('app-builder-lib/out/targets/LinuxTargetHelper') as { installPrefix: string };
    const { sanitizeFileName } = require('builder-util/out/filename') as { sanitizeFileName(name: string): string };
    const installed = `${installPrefix}/${sanitizeFileName(String(config['productName']))}/${String((config['linux'] as { executableName: string }).executableName)}`;
    expect(existsSync(join(unpacked, String((config['linux'] as { executableName: string }).executableName)))).toBe(true);
    const unit = readFileSync(join(root, 'build', 'linux', 'borne.service'), 'utf8');
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/cage -d -- ${installed.replaceAll('/', '\\/')}$`, 'm'));
  });

  it('unpacks serialport\'s prebuilt N-API binding, which loads without a rebuild', () => {
    const bindings = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', '@serialport', 'bindings-cpp');
    const prebuild = join(bindings, 'prebuilds', 'linux-x64', '@serialport+bindings-cpp.glibc.node');
    expect(existsSync(prebuild)).toBe(true);
    // N-API: the module registers through napi_register_module_v1, the same in every Node ABI (Electron's included).
    expect(readFileSync(prebuild).includes('napi_register_module_v1')).toBe(true);
    // Found and loaded the way serialport finds it (node-gyp-build), from the packaged copy.
    const load = spawnSync(process.execPath, ['-e', `const b = require(${JSON.stringify(require.resolve('node-gyp-build'))})(${JSON.stringify(bindings)}); process.stdout.write(typeof b.open)`], { encoding: 'utf8' });
    expect(load.stderr).toBe('');
    expect(load.stdout).toBe('function');
  });
});
