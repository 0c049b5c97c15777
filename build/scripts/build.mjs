// Builds everything the kiosk runs: the kiosk UI (Vite) and the Node-side bundles
// (esbuild). Two outputs, so that a package can never pick up development code:
//   dist/      the product: what the Electron and Debian packages ship;
//   dist-dev/  development tools: the demo with its training sites, the benchmark
//              (with the tests' hostile sites), the schema writer. Never packaged.
// The product bundles carry their npm packages inside them, except those that cannot
// be bundled (native bindings, playwright-core's own files, Electron itself): those are
// the package.json "dependencies", installed beside dist/ in the packages.
// Type checking is separate (npm run typecheck): esbuild only strips types.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { writeFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();

/** Loaded from node_modules at run time, never bundled. */
export const RUNTIME_EXTERNALS = ['electron', 'playwright-core', 'serialport', '@serialport/*'];

/** What the packages ship (dist/). */
export const PRODUCT_ENTRIES = {
  'main/shells/electron/main.ts': 'dist/electron/main.cjs',
  'main/cli/start.ts': 'dist/cli/start.cjs',
  'main/cli/config-check.ts': 'dist/cli/config-check.cjs',
  'main/cli/memo.ts': 'dist/cli/memo.cjs',
  'main/printer/printer-process.ts': 'dist/printer/printer-process.cjs',
  'main/cli/set-pin.ts': 'dist/cli/set-pin.cjs',
};
/** Development tools (dist-dev/): the training sites (main/dev-tools/) live only here. */
export const DEV_ENTRIES = {
  'main/dev-tools/demo.ts': 'dist-dev/cli/demo.cjs',
  'main/dev-tools/training-sites/cli.ts': 'dist-dev/cli/training-server.cjs',
  'build/scripts/bench.ts': 'dist-dev/cli/bench.cjs',
  'build/scripts/write-config-schema.ts': 'dist-dev/cli/write-config-schema.cjs',
};

const nodeBundle = (entry, outfile, extra = {}) =>
  build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: RUNTIME_EXTERNALS,
    // jsonc-parser's default (UMD) build loads its parts with a require() esbuild cannot follow.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    sourcemap: 'linked',
    logLevel: 'warning',
    ...extra,
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([rm(join(root, 'dist'), { recursive: true, force: true }), rm(join(root, 'dist-dev'), { recursive: true, force: true })]);
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  const preload = { external: ['electron'], platform: 'browser', format: 'cjs', target: 'chrome130' };
  await Promise.all([
    ...Object.entries(PRODUCT_ENTRIES).map(([entry, outfile]) => nodeBundle(entry, outfile)),
    ...Object.entries(DEV_ENTRIES).map(([entry, outfile]) => nodeBundle(entry, outfile)),
    nodeBundle('main/shells/electron/preloads/kiosk-ui.ts', 'dist/electron/preload.cjs', preload),
    nodeBundle('main/shells/electron/preloads/site.ts', 'dist/electron/site-preload.cjs', preload),
  ]);

  await viteBuild({ configFile: join(root, 'renderer', 'vite.config.mts'), logLevel: 'warn' });

  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist', '.build-stamp'), new Date().toISOString());
  console.log(`build: done in ${Date.now() - started} ms`);
}
