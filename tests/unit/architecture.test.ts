import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The folder tree is the architecture: main/core holds the kiosk's rules as
 * plain TypeScript (no Electron, DOM, Node, serial port or browser driver),
 * and the UI reaches the main process only through the shared contract.
 * ESLint enforces the same rules while editing; this test makes them part of
 * the suite, from the import statements themselves.
 */
const root = resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
  const dynamic = [...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? '');
  return [...found, ...dynamic];
}

const CORE_PACKAGES = new Set(['zod', 'tldts', 'jsonc-parser']);

describe('architecture boundaries', () => {
  const coreDir = join(root, 'main', 'core');
  const coreFiles = sourceFiles(coreDir);

  it('finds the core', () => {
    expect(coreFiles.length).toBeGreaterThan(8);
  });

  it.each(coreFiles.map((file) => [relative(root, file), file]))('%s imports only core modules and zod', (_name, file) => {
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        expect(relative(coreDir, target).startsWith('..'), `${specifier} leaves main/core`).toBe(false);
      } else {
        expect(CORE_PACKAGES.has(specifier), `main/core must not import "${specifier}"`).toBe(true);
      }
    }
  });

  it('the core uses no DOM, Node or Electron globals', () => {
    for (const file of coreFiles) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, relative(root, file)).not.toMatch(/\b(window|document|navigator|localStorage|process|require|Buffer)\s*[.([]/);
    }
  });

  it('the UI imports from the main process only the contract, the language list and the printable document model', () => {
    const allowed = [join(root, 'main', 'core', 'contract'), join(root, 'main', 'core', 'config', 'languages'), join(root, 'main', 'core', 'printer', 'document')];
    for (const file of sourceFiles(join(root, 'renderer', 'src'))) {
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) {
          expect(['electron', 'serialport', 'playwright-core'], `${relative(root, file)} imports ${specifier}`).not.toContain(specifier);
          expect(specifier.startsWith('node:'), `${relative(root, file)} imports ${specifier}`).toBe(false);
          continue;
        }
        const target = resolve(dirname(file), specifier);
        const insideRenderer = !relative(join(root, 'renderer'), target).startsWith('..');
        expect(insideRenderer || allowed.some((prefix) => target.startsWith(prefix)), `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });
});

/** The files `file` imports (type-only imports too: an arrow is an arrow), among `known`. */
function importedFiles(file: string, known: ReadonlySet<string>): string[] {
  const { importedFiles: specifiers } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return specifiers.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const base = resolve(dirname(file), fileName);
    const target = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
    return target === undefined ? [] : [target];
  });
}

/** Every import cycle of the graph, each as the path that closes it (depth-first, one report per cycle found). */
function importCycles(files: readonly string[]): string[][] {
  const known = new Set(files);
  const graph = new Map(files.map((file) => [file, importedFiles(file, known)]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (state.get(file) === undefined) visit(file);
  return cycles;
}

describe('the dependency arrows go one way', () => {
  const files = [...sourceFiles(join(root, 'main')), ...sourceFiles(join(root, 'renderer', 'src'))];

  it('finds the imports', () => {
    const known = new Set(files);
    expect(files.length).toBeGreaterThan(100);
    expect(importedFiles(join(root, 'main', 'core', 'session', 'dispatch-action.ts'), known)).toContain(join(root, 'main', 'core', 'contract', 'actions.ts'));
    // The walk sees a cycle when there is one, type-only imports included (a scratch graph).
    const scratch = mkdtempSync(join(tmpdir(), 'import-cycle-'));
    try {
      writeFileSync(join(scratch, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      writeFileSync(join(scratch, 'b.ts'), "import type { C } from './c';\nexport const b: C = 1;\n");
      writeFileSync(join(scratch, 'c.ts'), "export type { A as C } from './a';\ntype A = number;\n");
      const cycles = importCycles(['a.ts', 'b.ts', 'c.ts'].map((name) => join(scratch, name)));
      expect(cycles.map((cycle) => cycle.map((file) => relative(scratch, file)))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('no module of main/ or renderer/src imports itself back, directly or through others', () => {
    const cycles = importCycles(files).map((cycle) => cycle.map((file) => relative(root, file)).join(' → '));
    expect(cycles).toEqual([]);
  });
});

describe('the sandboxed preloads', () => {
  const preloads = join(root, 'main', 'shells', 'electron', 'preloads');
  const entries = ['kiosk-ui.ts', 'site.ts'];

  it('are the entries of their folder', () => {
    for (const entry of entries) expect(statSync(join(preloads, entry)).isFile(), entry).toBe(true);
  });

  it.each(entries)('%s bundles only its own folder and the pure core, and requires only electron', async (entry) => {
    const bundle = await build({
      entryPoints: [join(preloads, entry)],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs).map((input) => resolve(root, input));
    expect(inputs).toContain(join(preloads, entry));
    const core = join(root, 'main', 'core');
    for (const input of inputs) expect(input.startsWith(`${preloads}/`) || input.startsWith(`${core}/`), relative(root, input)).toBe(true);
    const required = Object.values(bundle.metafile.outputs).flatMap((output) => output.imports.map((imported) => imported.path));
    expect(new Set(required)).toEqual(new Set(['electron']));
  });
});

/** The product: what `npm start` and the packages run. main/dev-tools (the demo, the training sites) and tests/ are not. */
const PRODUCT_DIRS = ['main/cli', 'main/core', 'main/node', 'main/printer', 'main/shells', 'renderer/src'];
const DEVELOPMENT_DIRS = ['main/dev-tools', 'tests', 'build', 'dist-dev'];

/** The development folders a file's relative imports reach. */
function developmentImportsOf(file: string): string[] {
  return importsOf(file)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = relative(root, resolve(dirname(file), specifier));
      return DEVELOPMENT_DIRS.some((dir) => target === dir || target.startsWith(`${dir}/`));
    });
}

describe('the product imports no development code', () => {
  const productFiles = PRODUCT_DIRS.flatMap((dir) => sourceFiles(join(root, dir)));

  it('finds the product and the development tools', () => {
    expect(productFiles.length).toBeGreaterThan(100);
    expect(sourceFiles(join(root, 'main', 'dev-tools')).length).toBeGreaterThan(2);
  });

  it.each(productFiles.map((file) => [relative(root, file), file]))('%s imports nothing from main/dev-tools, tests/ or build/', (_name, file) => {
    expect(developmentImportsOf(file)).toEqual([]);
  });

  it('would report such an import (the check can fail): the tests\' hostile sites import the training sites', () => {
    expect(developmentImportsOf(join(root, 'tests', 'support', 'hostile-sites', 'training-server.ts'))).toContain('../../../main/dev-tools/training-sites/server');
  });
});
