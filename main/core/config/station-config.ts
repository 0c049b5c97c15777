import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from './languages';
import { isLoopbackHost, hostMatchesPattern } from '../navigation/hosts';
import { findProfile, PRINTER_PROFILES } from '../printer/profiles';

/**
 * The station configuration: one JSON file per station in kiosk-config/.
 * Every object is strict, so a misspelt key is an error rather than a silently
 * ignored setting: a station must never start half-configured.
 */

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

const localizedTextShape = Object.fromEntries(
  LANGUAGE_CODES.map((code) => [code, code === 'fr' ? nonEmptyText : nonEmptyText.optional()]),
) as { fr: typeof nonEmptyText } & Record<Exclude<LanguageCode, 'fr'>, z.ZodOptional<typeof nonEmptyText>>;

/** `{ "fr": "…", "en": "…" }`: French is required, other languages optional. */
export const localizedTextSchema = z.strictObject(localizedTextShape);

const languageSchema = z.enum(LANGUAGE_CODES);

/**
 * A host name the visitor may reach, exactly (`www.caf.fr`) or any sub-domain
 * below a domain (`*.ants.gouv.fr`, which does not match `ants.gouv.fr` itself).
 */
export const hostPatternSchema = z
  .string()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    'must be a lower-case host name such as "www.caf.fr" or "*.ants.gouv.fr" (no scheme, path or port)',
  );

/**
 * An address the kiosk opens. Government sites are https only; plain http is
 * accepted for loopback hosts alone, which is where the training sites run.
 */
export const secureAddressSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `must be a full address such as "https://www.caf.fr/" (got "${value}")` });
    return;
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    ctx.addIssue({ code: 'custom', message: `must be an https:// address (got "${value}")` });
  } else if (url.username !== '' || url.password !== '') {
    ctx.addIssue({ code: 'custom', message: `must not contain a user name or password (got "${value}")` });
  }
});

/** Administrative themes of La Coop de la médiation numérique, for anonymous activity counts. */
export const COOP_THEMES = [
  'Papiers-Élections-Citoyenneté',
  'Famille-Scolarité',
  'Social-Santé',
  'Travail-Formation',
  'Logement',
  'Transports-Mobilité',
  'Argent-Impôts',
  'Justice',
  'Étrangers-Europe',
  'Loisirs',
  'Associations',
] as const;

/**
 * Permissions a tile may grant to its own sites (everything else is denied):
 * e.g. the camera for a démarche that takes an identity photo.
 */
export const GRANTABLE_PERMISSIONS = ['camera', 'microphone', 'geolocation', 'notifications', 'clipboard-read'] as const;
export type GrantablePermission = (typeof GRANTABLE_PERMISSIONS)[number];

export const tileSchema = z.strictObject({
  /** Stable identifier, used in logs, counters and the memo (`caf`, `anef`…). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "caf"'),
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** The official address the tile opens. */
  entry: secureAddressSchema,
  /** Every host the démarche passes through, its login hosts included (FIELD.md). */
  allowedHosts: z.array(hostPatternSchema).min(1, 'must list at least one host'),
  theme: z.enum(COOP_THEMES).optional(),
  /** True for sites that only exist on this machine (training): they work offline. */
  worksOffline: z.boolean().optional(),
  /** Overrides idle.timeoutSeconds on this démarche (longer where visitors wait for an SMS code). */
  idleTimeoutSeconds: z.number().int().min(1).max(3600).optional(),
  /** What the printed memo says of this service (FIELD.md, "Mon mémo personnel"). */
  memo: z
    .strictObject({
      /** The address to type, as the visitor should write it: "www.caf.fr". */
      address: nonEmptyText,
      /** What the site's identifier is, with its format: "numéro de sécurité sociale, 13 chiffres". */
      identifier: localizedTextSchema,
      /** The helpline, as dialled: "3230". */
      helpline: nonEmptyText.optional(),
    })
    .optional(),
  /** Permissions granted to this démarche's hosts, each with the reason, for whoever reviews the file. */
  permissions: z.array(z.strictObject({ name: z.enum(GRANTABLE_PERMISSIONS), why: nonEmptyText })).optional(),
});

export const idleSchema = z.strictObject({
  /** Seconds without any tap, key or pointer move before the warning appears. */
  timeoutSeconds: z.number().int().min(1).max(3600),
  /** Length of the visible countdown ("Je suis encore là") before the session is wiped. */
  warningSeconds: z.number().int().min(1).max(600),
});

export const SHELL_KINDS = ['auto', 'electron', 'chromium'] as const;
export type ShellKind = (typeof SHELL_KINDS)[number];

export const shellSchema = z.strictObject({
  /** `auto`: Electron when its binary is installed, else the distribution's Chromium. */
  preferred: z.enum(SHELL_KINDS),
  /** Chromium executable for the Chromium shell (overridden by KIOSK_CHROMIUM_PATH). */
  chromiumPath: z.string().startsWith('/', 'must be an absolute path such as "/usr/bin/chromium"').optional(),
});

export const stationConfigSchema = z
  .strictObject({
    /** Lets editors offer completion; ignored by the kiosk. */
    $schema: z.string().optional(),
    station: z.strictObject({
      name: nonEmptyText,
      /** Where to find a person who can help, shown on "Demander de l'aide" and error screens. */
      helpText: localizedTextSchema,
    }),
    languages: z.strictObject({
      default: languageSchema,
      available: z.array(languageSchema).min(1, 'must list at least one language'),
    }),
    idle: idleSchema,
    shell: shellSchema,
    /** The memo printer: a serial ESC/POS receipt printer, the system's ordinary printer, or none. */
    printer: z
      .discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('escpos-serial'),
          /** The serial device: /dev/ttyUSB0, /dev/serial/by-id/…, COM3. */
          port: nonEmptyText,
          /** A profile of main/core/printer/profiles.ts: epson-tm-t20, epson-tm-t88, generic-58mm. */
          profile: nonEmptyText,
          baudRate: z.number().int().min(1200).max(921_600).optional(),
          flowControl: z.enum(['none', 'rtscts', 'xonxoff']).optional(),
        }),
        z.strictObject({ kind: z.literal('system'), /** CUPS queue name; the default printer when absent. */ queue: nonEmptyText.optional() }),
        z.strictObject({ kind: z.literal('none') }),
      ])
      .optional(),
    maintenance: z
      .strictObject({
        /** Relaunch the kiosk, between two visitors, after this many visitors (memory is freed). */
        relaunchAfterVisitors: z.number().int().min(1).max(100_000).optional(),
        /** Relaunch the kiosk at this local hour (0–23) when nobody is using it. */
        relaunchAtHour: z.number().int().min(0).max(23).optional(),
      })
      .optional(),
    tiles: z.array(tileSchema).min(1, 'must list at least one démarche tile'),
  })
  .superRefine((config, ctx) => {
    if (!config.languages.available.includes(config.languages.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['languages', 'default'],
        message: `"${config.languages.default}" must also be listed in languages.available`,
      });
    }
    if (config.printer?.kind === 'escpos-serial' && findProfile(config.printer.profile) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['printer', 'profile'],
        message: `unknown printer profile "${config.printer.profile}" (known: ${PRINTER_PROFILES.map((profile) => profile.id).join(', ')})`,
      });
    }
    const seen = new Set<string>();
    config.tiles.forEach((tile, index) => {
      if (seen.has(tile.id)) {
        ctx.addIssue({ code: 'custom', path: ['tiles', index, 'id'], message: `"${tile.id}" is used by another tile` });
      }
      seen.add(tile.id);
      let entryHost: string;
      try {
        entryHost = new URL(tile.entry).hostname;
      } catch {
        return; // already reported by secureAddressSchema
      }
      if (!tile.allowedHosts.some((pattern) => hostMatchesPattern(entryHost, pattern))) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiles', index, 'allowedHosts'],
          message: `must include the entry's host "${entryHost}"`,
        });
      }
    });
  });

export type StationConfig = z.infer<typeof stationConfigSchema>;
export type Tile = z.infer<typeof tileSchema>;
