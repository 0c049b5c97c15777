import { z } from 'zod';
import { catalogueSchema } from './catalogue';
import { stationFileSchema } from './station-config';

/**
 * JSON Schemas of the files in kiosk-config/, for editors. Cross-field rules
 * (unique ids, entry host in allowedHosts, catalogue references) exist only in
 * the zod schemas, which is what the kiosk and `npm run config:check` apply.
 */
export function stationConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(stationFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Borne inclusion numérique — fichier de station',
  };
}

export function catalogueJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(catalogueSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Borne inclusion numérique — catalogue des démarches',
  };
}
