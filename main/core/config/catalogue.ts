import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from './languages';
import { checkTileList, COOP_THEMES, tileReferenceSchema, tileSchema, type Tile, type TileReference } from './station-config';

/**
 * The service catalogue (kiosk-config/catalogue.json): every démarche the project
 * knows, with its official addresses, login hosts, helpline and guides. A station
 * file lists the ones it shows, in its own order, and may correct any of them.
 */

const translatedLanguage = z.enum(LANGUAGE_CODES.filter((code) => code !== 'fr') as [Exclude<LanguageCode, 'fr'>, ...Exclude<LanguageCode, 'fr'>[]]);

export const catalogueSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /**
     * Per language: has a native speaker reviewed the catalogue's texts in it? Structures
     * see at a glance what to have checked before relying on a translation.
     */
    translations: z.partialRecord(
      translatedLanguage,
      z.strictObject({ reviewed: z.boolean(), note: z.string().optional() }),
    ),
    services: z.array(tileSchema).min(1, 'must list at least one service'),
  })
  .superRefine((catalogue, ctx) => {
    checkTileList(catalogue.services, 'services', ctx);
    // Activity counters are reported by theme (FIELD.md, "Reporting vocabulary"): every service names one.
    catalogue.services.forEach((service, index) => {
      if (service.theme === undefined) {
        ctx.addIssue({ code: 'custom', path: ['services', index, 'theme'], message: `must name its La Coop theme, one of: ${COOP_THEMES.join(', ')}` });
      }
    });
  });

export type Catalogue = z.infer<typeof catalogueSchema>;

export function findService(catalogue: Catalogue, id: string): Tile | undefined {
  return catalogue.services.find((service) => service.id === id);
}

/** A catalogue service with a station's corrections: each key given replaces the catalogue's. */
export function applyTileReference(service: Tile, reference: TileReference): Tile {
  const { service: id, ...corrections } = reference;
  const tile: Record<string, unknown> = { ...service, id };
  for (const [key, value] of Object.entries(corrections)) if (value !== undefined) tile[key] = value;
  return tile as Tile;
}

export { tileReferenceSchema };
