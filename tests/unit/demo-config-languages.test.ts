import { describe, expect, it } from 'vitest';
import { readShippedConfig } from '../../main/node/load-config';

/**
 * The demo station (kiosk-config/demo.json, used by `npm run demo` and the training
 * sites) is translated like the catalogue: every text a visitor reads on it exists in
 * every language the station offers, so no French tile turns up in Ukrainian or Pashto.
 */
const demo = readShippedConfig('demo.json');

/** Every localized text of the file, with where it is. */
function localizedTexts(value: unknown, path: string): { path: string; text: Record<string, string> }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.fr === 'string' && Object.values(record).every((item) => typeof item === 'string')) return [{ path, text: record as Record<string, string> }];
  return Object.entries(record).flatMap(([key, item]) => localizedTexts(item, `${path}.${key}`));
}

describe('the demo station', () => {
  const texts = localizedTexts(demo, 'demo.json');

  it('has texts to check (tiles, descriptions, memo identifiers, guides)', () => {
    expect(texts.length).toBeGreaterThan(15);
    expect(texts.some((entry) => entry.path.endsWith('.memo.identifier'))).toBe(true);
  });

  it('says every text in every language it offers', () => {
    const missing = texts.flatMap(({ path, text }) => demo.languages.available.filter((language) => typeof text[language] !== 'string' || text[language].trim() === '').map((language) => `${path}: ${language}`));
    expect(missing).toEqual([]);
  });
});
