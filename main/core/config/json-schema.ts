import { z } from 'zod';
import { stationConfigSchema } from './station-config';

/**
 * The station file's JSON Schema, for editors. Cross-field rules (unique tile
 * ids, entry host in allowedHosts) exist only in the zod schema, which is
 * what the kiosk and `npm run config:check` apply.
 */
export function stationConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(stationConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Borne inclusion numérique — fichier de station',
  };
}
