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

/** One step of a guide: a short card the visitor can tick. */
export const guideStepSchema = z.strictObject({
  text: localizedTextSchema,
  /** A second, smaller line: where to click, what the screen looks like. */
  detail: localizedTextSchema.optional(),
});

/** A procedure of a service ("Obtenir une attestation de paiement"), as short cards. */
export const guideSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "attestation"'),
  title: localizedTextSchema,
  steps: z.array(guideStepSchema).min(1, 'must have at least one step'),
});

export const tileSchema = z.strictObject({
  /** Stable identifier, used in logs, counters and the memo (`caf`, `anef`…). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "caf"'),
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** The official address the tile opens. */
  entry: secureAddressSchema,
  /** Every host the démarche passes through, its login hosts included (FIELD.md). */
  allowedHosts: z.array(hostPatternSchema).min(1, 'must list at least one host'),
  /**
   * Hosts the démarche's pages may show in a frame only (captcha, identity button,
   * video), never as the page itself; any other host is refused in frames too.
   */
  frameHosts: z.array(hostPatternSchema).optional(),
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
  /** The site's own "mot de passe oublié" page: the guide's "J'ai perdu mon mot de passe" opens it. */
  forgottenPassword: secureAddressSchema.optional(),
  /** When the helpline answers and what a call costs: "du lundi au vendredi, 9 h – 16 h, appel gratuit". */
  helplineHours: localizedTextSchema.optional(),
  /** "Avant de commencer": what to have at hand (identifiers, papers, a phone for the SMS code…). */
  documents: z.array(localizedTextSchema).optional(),
  /** Step-by-step guides for the service's most common procedures. */
  guides: z.array(guideSchema).optional(),
});

export const keyboardSettingSchema = z.enum(['touch', 'always', 'off']);

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

const stationShape = {
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
    /**
     * The on-screen keyboard for stations without a physical one: `touch` shows it when a
     * field of the site is touched, `always` whenever a field gets the focus, `off` never.
     */
    keyboard: keyboardSettingSchema.optional(),
    /** How the kiosk notices that the Internet link is down (a bus losing 4G). */
    connectivity: z
      .strictObject({
        /** Addresses asked "are you there?" (any answer proves the link); default: the tiles' entries. */
        probeUrls: z.array(secureAddressSchema).min(1).optional(),
        /** Seconds between two checks while online (while offline the kiosk retries every 3 s). */
        checkSeconds: z.number().int().min(2).max(600).optional(),
      })
      .optional(),
    tiles: z.array(tileSchema).min(1, 'must list at least one démarche tile'),
};

/**
 * A tile taken from the service catalogue (kiosk-config/catalogue.json): `service` names
 * the entry; any other key given here replaces the catalogue's value for this station.
 */
export const tileReferenceSchema = z.strictObject({
  service: tileSchema.shape.id,
  ...tileSchema.omit({ id: true }).partial().shape,
});
export type TileReference = z.infer<typeof tileReferenceSchema>;

/** The station file as written: tiles are catalogue references or whole tiles (for editors' JSON Schema). */
export const stationFileSchema = z.strictObject({
  ...stationShape,
  tiles: z.array(z.union([tileReferenceSchema, tileSchema])).min(1, 'must list at least one démarche tile'),
});

/** The station file once its catalogue references are resolved: what the kiosk runs on. */
export const stationConfigSchema = z
  .strictObject(stationShape)
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
    checkTileList(config.tiles, 'tiles', ctx);
  });

/** Rules across a tile's fields, for the station's tiles and the catalogue's services alike. */
export function checkTileList(tiles: readonly Tile[], listKey: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  tiles.forEach((tile, index) => {
    if (seen.has(tile.id)) {
      ctx.addIssue({ code: 'custom', path: [listKey, index, 'id'], message: `"${tile.id}" is used by another entry` });
    }
    seen.add(tile.id);
    const mustBeAllowed = (address: string | undefined, key: string, what: string) => {
      if (address === undefined) return;
      let host: string;
      try {
        host = new URL(address).hostname;
      } catch {
        return; // already reported by secureAddressSchema
      }
      if (!tile.allowedHosts.some((pattern) => hostMatchesPattern(host, pattern))) {
        ctx.addIssue({ code: 'custom', path: [listKey, index, key], message: `must include ${what} host "${host}"` });
      }
    };
    mustBeAllowed(tile.entry, 'allowedHosts', "the entry's");
    mustBeAllowed(tile.forgottenPassword, 'allowedHosts', 'the forgotten-password page\'s');
    const guideIds = new Set<string>();
    (tile.guides ?? []).forEach((guide, guideIndex) => {
      if (guideIds.has(guide.id)) {
        ctx.addIssue({ code: 'custom', path: [listKey, index, 'guides', guideIndex, 'id'], message: `"${guide.id}" is used by another guide of this service` });
      }
      guideIds.add(guide.id);
    });
  });
}

export type StationConfig = z.infer<typeof stationConfigSchema>;
export type Tile = z.infer<typeof tileSchema>;
export type Guide = z.infer<typeof guideSchema>;
export type KeyboardSetting = z.infer<typeof keyboardSettingSchema>;
