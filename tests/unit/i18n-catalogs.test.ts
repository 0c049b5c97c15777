import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGE_CODES } from '../../main/core/config/languages';
import {
  catalogLanguageFor,
  hasCatalog,
  htmlLangFor,
  i18n,
  i18nextLanguageFor,
  isRtl,
} from '../../renderer/src/i18n/instance';

/**
 * The kiosk UI's catalogs (renderer/src/i18n/catalogs): French is the source of truth,
 * every other catalog has exactly its keys, the same placeholders and tags, is written
 * in its own script (an untranslated copy fails), says whether a person has reviewed
 * it, and every key the components use exists. Then the i18next set-up: each language
 * really shows its own catalog, easy-to-read French included.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogDir = path.join(repoRoot, 'renderer/src/i18n/catalogs');
const sourceDir = path.join(repoRoot, 'renderer/src');
const TRANSLATIONS = ['fr-FALC', 'en', 'ar', 'fa', 'ps', 'uk'] as const;

/** Letters each catalog must be written in (besides tokens kept as in French). */
const SCRIPTS: Partial<Record<(typeof TRANSLATIONS)[number], { name: string; letters: RegExp }>> = {
  ar: { name: 'Arabic script', letters: /\p{Script=Arabic}/u },
  fa: { name: 'Arabic script', letters: /\p{Script=Arabic}/u },
  ps: { name: 'Arabic script', letters: /\p{Script=Arabic}/u },
  uk: { name: 'Cyrillic', letters: /\p{Script=Cyrillic}/u },
};

/**
 * Names and technical tokens that stay as in French in every language: a text made of
 * nothing else (a keyboard key "123", "ABC", "é à ç") needs no letters of the target script.
 */
const KEPT_TOKENS = ['CAF', 'https', 'PDF', 'SMS', 'ABC', 'é à ç'];

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

/** True when a text holds nothing to translate: placeholders, tags, URLs, e-mail addresses, kept tokens, digits. */
function onlyTokens(text: string): boolean {
  let rest = text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/<\/?[\w-]+\s*\/?>/g, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ');
  for (const token of KEPT_TOKENS) rest = rest.split(token).join(' ');
  return !/\p{L}/u.test(rest);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function textsOf(catalog: Map<string, unknown>): string[] {
  return [...catalog.values()].filter((value): value is string => typeof value === 'string');
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

  it('French is marked as reviewed', () => {
    expect(readCatalog('fr')['_meta']).toMatchObject({ reviewed: true });
  });

  it('the token filter lets through only texts with nothing to translate', () => {
    for (const text of ['123', 'ABC', 'é à ç', '{{host}}', '<host>{{host}}</host>', 'https://www.caf.fr', 'PDF']) {
      expect(onlyTokens(text), text).toBe(true);
    }
    for (const text of ['Fermer', 'Site officiel : <host>{{host}}</host>', 'Étape {{number}}', 'Normal']) {
      expect(onlyTokens(text), text).toBe(false);
    }
  });

  for (const language of TRANSLATIONS) {
    describe(language, () => {
      const raw = readCatalog(language);
      const translated = flatten(raw);

      it('says whether a person has reviewed it, and why not when not', () => {
        const meta = raw['_meta'] as { reviewed?: unknown; note?: unknown } | undefined;
        expect(meta, `${language}: _meta`).toBeTypeOf('object');
        expect(meta?.reviewed, `${language}: _meta.reviewed`).toBeTypeOf('boolean');
        if (meta?.reviewed === false) {
          expect(meta.note, `${language}: _meta.note`).toBeTypeOf('string');
          expect((meta.note as string).trim(), `${language}: _meta.note`).not.toBe('');
        }
      });

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

      it('keeps the keyboard key labels as in French', () => {
        for (const key of ['keyboard.numbers', 'keyboard.letters', 'keyboard.accents']) {
          expect(translated.get(key), `${language}: ${key}`).toBe(fr.get(key));
        }
      });

      // Key prefixes a catalog declares kept in French (`_meta.frenchOnly`, with a note saying why): staff screens only, copied exactly.
      const frenchOnly = ((raw['_meta'] as { frenchOnly?: unknown } | undefined)?.frenchOnly ?? []) as string[];
      const keptInFrench = (key: string) => frenchOnly.some((prefix) => key === prefix || key.startsWith(`${prefix}.`));

      it('keeps in French only what it says, only staff texts, word for word, with a note', () => {
        expect(frenchOnly.every((prefix) => prefix === 'staff' || prefix.startsWith('staff.')), `${language}: _meta.frenchOnly`).toBe(true);
        if (frenchOnly.length > 0) expect(String((raw['_meta'] as { frenchOnlyNote?: unknown }).frenchOnlyNote ?? '').trim(), `${language}: _meta.frenchOnlyNote`).not.toBe('');
        for (const [key, value] of translated) if (keptInFrench(key)) expect(value, `${language}: ${key}`).toBe(fr.get(key));
      });

      const script = SCRIPTS[language];
      if (script !== undefined) {
        it(`is written in ${script.name} (no untranslated copy)`, () => {
          const untranslated = [...translated]
            .filter(([key]) => !keptInFrench(key))
            .filter(([, value]) => typeof value === 'string' && !onlyTokens(value) && !script.letters.test(value))
            .map(([key, value]) => `${key}: ${String(value)}`);
          expect(untranslated).toEqual([]);
        });
      }
    });
  }

  it('Arabic, Dari/Persian and Pashto are not swapped or copied from one another', () => {
    const persianLetters = /[پچژگ]/u;
    const pashtoLetters = /[ټډړښږځڅګڼۍې]/u;
    const ar = flatten(readCatalog('ar'));
    const fa = flatten(readCatalog('fa'));
    const ps = flatten(readCatalog('ps'));
    expect(textsOf(ar).some((text) => persianLetters.test(text) || pashtoLetters.test(text)), 'ar has Persian or Pashto letters').toBe(false);
    expect(textsOf(fa).some((text) => persianLetters.test(text)), 'fa has no Persian letter').toBe(true);
    expect(textsOf(fa).some((text) => pashtoLetters.test(text)), 'fa has Pashto letters').toBe(false);
    expect(textsOf(ps).some((text) => pashtoLetters.test(text)), 'ps has no Pashto letter').toBe(true);
    const translatable = [...fr].filter(([, value]) => !onlyTokens(value as string)).map(([key]) => key);
    for (const [name, catalog] of [['fa', fa], ['ps', ps]] as const) {
      // A few short words are shared (Pashto "عادي", normal); a copied catalog shares most.
      const sameAsArabic = translatable.filter((key) => catalog.get(key) === ar.get(key));
      expect(sameAsArabic.length, `${name}: texts identical to Arabic: ${sameAsArabic.join(', ')}`).toBeLessThanOrEqual(translatable.length / 10);
    }
  });

  it('easy-to-read French is rewritten, not a copy of French, and says who must check it', () => {
    const falc = flatten(readCatalog('fr-FALC'));
    const rewritten = [...fr].filter(([key, value]) => falc.get(key) !== value);
    expect(rewritten.length, `${rewritten.length} of ${fr.size} keys differ from French`).toBeGreaterThanOrEqual(fr.size / 2);
    const meta = readCatalog('fr-FALC')['_meta'] as { reviewed?: unknown; note?: unknown };
    if (meta.reviewed === false) expect(String(meta.note)).toMatch(/handicap intellectuel|déficience intellectuelle/i);
  });

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

describe('i18next set-up', () => {
  afterAll(async () => {
    await i18n.changeLanguage('fr');
  });

  it('every language of the kiosk has a catalog, shown under its own code', () => {
    for (const language of LANGUAGE_CODES) {
      expect(hasCatalog(language), language).toBe(true);
      expect(catalogLanguageFor(language), language).toBe(language);
    }
  });

  it('shows each catalog in its own language, easy-to-read French included', async () => {
    for (const language of LANGUAGE_CODES) {
      const catalog = flatten(readCatalog(language));
      await i18n.changeLanguage(i18nextLanguageFor(language));
      expect(i18n.language, language).toBe(i18nextLanguageFor(language));
      for (const key of ['app.title', 'home.welcome', 'guide.progress', 'memo.result.paper-end']) {
        const options = key === 'guide.progress' ? { done: 1, total: 3 } : {};
        const expected = (catalog.get(key) as string).replace('{{done}}', '1').replace('{{total}}', '3');
        expect(i18n.t(key, options), `${language}: ${key}`).toBe(expected);
      }
    }
  });

  it("changing to 'fr-FALC' as written shows the FALC texts, not French", async () => {
    await i18n.changeLanguage('fr-FALC');
    expect(i18n.language).toBe(i18nextLanguageFor('fr-FALC'));
    const falcTitle = flatten(readCatalog('fr-FALC')).get('app.title');
    expect(falcTitle).not.toBe(fr.get('app.title'));
    expect(i18n.t('app.title')).toBe(falcTitle);
  });

  it('the code it registers catalogs under is the code i18next itself uses', () => {
    const languageUtils = i18n.services.languageUtils as { formatLanguageCode(code: string): string };
    for (const language of LANGUAGE_CODES) {
      expect(languageUtils.formatLanguageCode(language), language).toBe(i18nextLanguageFor(language));
    }
  });

  it('falls back to French for a key a catalog lacks, and to French for an unknown language', async () => {
    i18n.addResourceBundle('fr', 'fallback-probe', { only: 'seulement en français' });
    try {
      for (const language of LANGUAGE_CODES) {
        await i18n.changeLanguage(i18nextLanguageFor(language));
        expect(i18n.t('only', { ns: 'fallback-probe' }), language).toBe('seulement en français');
      }
    } finally {
      i18n.removeResourceBundle('fr', 'fallback-probe');
    }
    await i18n.changeLanguage('tr');
    expect(i18n.resolvedLanguage).toBe('fr');
    expect(i18n.t('app.title')).toBe(fr.get('app.title'));
  });

  it('gives <html> a valid lang, and mirrors Arabic, Dari/Persian and Pashto', () => {
    expect(htmlLangFor('fr-FALC')).toBe('fr');
    for (const language of LANGUAGE_CODES) {
      if (language !== 'fr-FALC') expect(htmlLangFor(language), language).toBe(language);
      expect(isRtl(language), language).toBe(['ar', 'fa', 'ps'].includes(language));
    }
  });
});
