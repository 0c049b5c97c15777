import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_CONTENT_SECURITY_POLICY } from '../../../main/core/lockdown/ui-csp';
import policy from '../../../main/core/lockdown/ui-csp.json' with { type: 'json' };
import { createUiRequestHandler } from '../../../main/node/ui-files';
import { projectRoot } from '../../../main/node/paths';

/**
 * What the product build (dist/, everything the Electron and Debian packages take from
 * the build) is made of, read from its bundles' source maps (built beside each bundle,
 * never packaged): only product folders of main/ and renderer/src, and only the npm
 * packages the product means to carry. A fixture, a benchmark, a training site or a
 * development tool pulled in by an import fails here, long before a package is built.
 * electron-builder.test.ts and deb-contents.test.ts check the packages' own file lists.
 */
const root = projectRoot();
const dist = join(root, 'dist');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The product's own source folders: the adapters, the core, the printer process and the UI. */
const PRODUCT_FOLDERS = ['main/cli', 'main/core', 'main/node', 'main/printer', 'main/shells', 'renderer/src'];
/** The libraries bundled into the product (devDependencies because the bundler, not npm, ships them). */
const BUNDLED_LIBRARIES = ['react', 'react-dom', 'zustand', 'i18next', 'react-i18next', 'react-simple-keyboard', 'tldts', 'qrcode', 'zod', 'jsonc-parser'];

/** `names` and every package they depend on, as the installed package.json files say. */
function dependencyClosure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const file = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(file)) continue; // an optional dependency not installed on this machine
    queue.push(...Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}));
  }
  return seen;
}
const ALLOWED_PACKAGES = dependencyClosure([...Object.keys(manifest.dependencies), ...BUNDLED_LIBRARIES]);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
const posix = (path: string) => path.split(sep).join('/');

/** The npm package a source path belongs to (the innermost node_modules), or null for the project's own files. */
function packageOf(source: string): string | null {
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const [scope = '', name = ''] = source.slice(at + 'node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

/** What a bundle's source map says it holds that the product must not: foreign folders and packages. */
function foreignSources(bundle: string): string[] {
  const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string };
  expect(map.sources.length, relative(root, bundle)).toBeGreaterThan(0);
  return map.sources
    .map((source) => posix(relative(root, resolve(dirname(bundle), map.sourceRoot ?? '', source))))
    .filter((source) => {
      const name = packageOf(source);
      if (name !== null) return !ALLOWED_PACKAGES.has(name);
      return !PRODUCT_FOLDERS.some((folder) => source.startsWith(`${folder}/`));
    });
}

describe('the product build (dist/)', () => {
  if (!existsSync(join(dist, 'cli', 'start.cjs'))) throw new Error('no product build: run npm run build first');
  const files = filesUnder(dist);
  const bundles = files.filter((file) => /\.c?js$/.test(file));

  it('holds the product\'s entries, each bundle with its source map', () => {
    for (const entry of ['cli/start.cjs', 'electron/main.cjs', 'electron/preload.cjs', 'electron/site-preload.cjs', 'printer/printer-process.cjs', 'renderer/index.html']) expect(files).toContain(join(dist, entry));
    expect(bundles.length).toBeGreaterThan(8);
    for (const bundle of bundles) expect(existsSync(`${bundle}.map`), `${relative(root, bundle)} has no source map`).toBe(true);
  });

  it('holds nothing but bundles, their maps, the UI\'s page and styles, and the build stamp', () => {
    const other = files.filter((file) => !/\.(c?js|map|css)$/.test(file) && !file.endsWith(`renderer${sep}index.html`) && !file.endsWith(`${sep}.build-stamp`));
    expect(other.map((file) => relative(root, file))).toEqual([]);
  });

  it('is made only of product folders and the packages the product carries: no test, fixture, bench, training site or tool', () => {
    expect(ALLOWED_PACKAGES.has('vitest')).toBe(false);
    for (const name of BUNDLED_LIBRARIES) expect({ ...manifest.dependencies, ...manifest.devDependencies }[name], `${name} is not in package.json`).toBeDefined();
    const foreign = bundles.flatMap((bundle) => foreignSources(bundle).map((source) => `${relative(root, bundle)}: ${source}`));
    expect(foreign).toEqual([]);
  });

  it('would report the development tools (the check can fail): the demo and the bench bundles hold training sites and fixtures', () => {
    const demo = foreignSources(join(root, 'dist-dev', 'cli', 'demo.cjs'));
    expect(demo.some((source) => source.startsWith('main/dev-tools/training-sites/'))).toBe(true);
    const bench = foreignSources(join(root, 'dist-dev', 'cli', 'bench.cjs'));
    expect(bench.some((source) => source.startsWith('tests/support/hostile-sites/'))).toBe(true);
    expect(bench.some((source) => source.startsWith('build/scripts/'))).toBe(true);
  });
});

describe('the kiosk UI\'s Content Security Policy, one source (main/core/lockdown/ui-csp.json)', () => {
  const html = readFileSync(join(dist, 'renderer', 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)].map((match) => match[1]);

  it('the built index.html carries the policy the UI\'s file handler sends, less only what a meta tag cannot carry', async () => {
    const response = await createUiRequestHandler(join(dist, 'renderer'), { protocol: 'kiosk:', host: 'app' })({ url: 'kiosk://app/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    const header = response.headers.get('Content-Security-Policy') ?? '';
    expect(header).toBe(UI_CONTENT_SECURITY_POLICY);
    // The page is the one served: its own meta tag is in the body the handler sent.
    expect(await response.text()).toBe(html);
    expect(metas).toHaveLength(1);
    const headerOnly = header.split('; ').filter((directive) => policy.headerOnlyDirectives.includes(directive));
    expect(headerOnly).toEqual(["frame-ancestors 'none'"]);
    expect(metas[0]).toBe(header.split('; ').filter((directive) => !headerOnly.includes(directive)).join('; '));
    expect(html).not.toContain('%KIOSK_UI_CONTENT_SECURITY_POLICY%');
  });

  it('keeps the kiosk UI to its own files (a policy loosened by an edit fails here)', () => {
    expect(UI_CONTENT_SECURITY_POLICY).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  });
});
