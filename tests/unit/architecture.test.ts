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
