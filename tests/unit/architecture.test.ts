import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
