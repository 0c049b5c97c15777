import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The kiosk UI's catalogs (renderer/src/i18n/catalogs): French is the source of truth,
 * every other catalog has exactly its keys, the same placeholders and tags, and every
 * key the components use exists.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogDir = path.join(repoRoot, 'renderer/src/i18n/catalogs');
const sourceDir = path.join(repoRoot, 'renderer/src');
const TRANSLATIONS = ['en', 'ar'] as const;

type Catalog = { [key: string]: unknown };

function readCatalog(language: string): Catalog {
  return JSON.parse(readFileSync(path.join(catalogDir, `${language}.json`), 'utf8')) as Catalog;
}

/** Flattens nested keys to `a.b.c` → value, leaving out the top-level `_meta`. */
function flatten(catalog: Catalog, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog)) {
    if (prefix === '' && key === '_meta') continue;
    const full = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [childKey, childValue] of flatten(value as Catalog, full)) entries.set(childKey, childValue);
    } else {
      entries.set(full, value);
    }
  }
  return entries;
}

/** `{{host}}` placeholders and `<n>…</n>` component tags, sorted, so order may differ between languages. */
function markers(text: string): string[] {
  const placeholders = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => `{{${match[1]}}}`);
  const tags = [...text.matchAll(/<\/?([\w-]+)\s*\/?>/g)].map((match) => match[0].replace(/\s+/g, ''));
  return [...placeholders, ...tags].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const fr = flatten(readCatalog('fr'));

describe('kiosk UI catalogs', () => {
  it('French has keys, all of them non-empty strings', () => {
    expect(fr.size).toBeGreaterThan(20);
    for (const [key, value] of fr) {
      expect(typeof value, `fr: ${key}`).toBe('string');
      expect((value as string).trim(), `fr: ${key}`).not.toBe('');
    }
  });

  it('French is marked as reviewed, machine-made translations are not', () => {
    expect(readCatalog('fr')['_meta']).toMatchObject({ reviewed: true });
    for (const language of TRANSLATIONS) {
      expect(readCatalog(language)['_meta'], language).toEqual({
        reviewed: false,
        note: 'machine-made, not yet reviewed by a native speaker',
      });
    }
  });

  for (const language of TRANSLATIONS) {
    describe(language, () => {
      const translated = flatten(readCatalog(language));

      it('has every French key', () => {
        const missing = [...fr.keys()].filter((key) => !translated.has(key));
        expect(missing).toEqual([]);
      });

      it('has no key that French lacks', () => {
        const extra = [...translated.keys()].filter((key) => !fr.has(key));
        expect(extra).toEqual([]);
      });

      it('has no empty text', () => {
        for (const [key, value] of translated) {
          expect(typeof value, `${language}: ${key}`).toBe('string');
          expect((value as string).trim(), `${language}: ${key}`).not.toBe('');
        }
      });

      it('keeps the placeholders and tags of the French text', () => {
        for (const [key, value] of fr) {
          const other = translated.get(key);
          if (typeof other !== 'string') continue;
          expect(markers(other), `${language}: ${key}`).toEqual(markers(value as string));
        }
      });
    });
  }

  it('defines every key the components use', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(sourceDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*['"`]([^'"`$]+)['"`]/g)) used.add(match[1] as string);
      for (const match of text.matchAll(/\bi18nKey=\{?\s*['"`]([^'"`$]+)['"`]/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => !fr.has(key));
    expect(missing).toEqual([]);
  });
});
