// Builds everything the kiosk runs from dist/: the kiosk UI (Vite), the Electron
// main process and preload, and the command-line tools (esbuild). Type checking
// is separate (npm run typecheck): esbuild only strips types.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();

// Node-side bundles keep npm packages external (they are in node_modules on the station).
const nodeBundle = (entry, outfile, extra = {}) =>
  build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    ...extra,
  });

await Promise.all([
  nodeBundle('main/shells/electron/main.ts', 'dist/electron/main.cjs'),
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  nodeBundle('main/shells/electron/preload.ts', 'dist/electron/preload.cjs', { packages: undefined, external: ['electron'], platform: 'browser', format: 'cjs', target: 'chrome130' }),
  nodeBundle('main/shells/electron/site-preload.ts', 'dist/electron/site-preload.cjs', { packages: undefined, external: ['electron'], platform: 'browser', format: 'cjs', target: 'chrome130' }),
  nodeBundle('main/cli/start.ts', 'dist/cli/start.cjs'),
  nodeBundle('main/cli/config-check.ts', 'dist/cli/config-check.cjs'),
  nodeBundle('main/training-server/cli.ts', 'dist/cli/training-server.cjs'),
  nodeBundle('build/scripts/bench.ts', 'dist/cli/bench.cjs'),
  nodeBundle('main/printer/printer-process.ts', 'dist/printer/printer-process.cjs'),
  nodeBundle('main/cli/memo.ts', 'dist/cli/memo.cjs'),
  nodeBundle('main/cli/set-pin.ts', 'dist/cli/set-pin.cjs'),
  nodeBundle('build/scripts/write-config-schema.ts', 'dist/cli/write-config-schema.cjs'),
]);

await viteBuild({ configFile: join(root, 'renderer', 'vite.config.mts'), logLevel: 'warn' });

await mkdir(join(root, 'dist'), { recursive: true });
await writeFile(join(root, 'dist', '.build-stamp'), new Date().toISOString());
console.log(`build: done in ${Date.now() - started} ms`);
