import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from './languages';
import { isLoopbackHost, hostMatchesPattern } from '../navigation/hosts';
import { findProfile, PRINTER_PROFILES } from '../printer/profiles';
import { staffSettingsSchema } from './staff-config';
import { hostPatternProblem } from './host-pattern';
import { STATION_LIMITS } from './station-limits';

/**
 * The station configuration: one JSON file per station in kiosk-config/.
 * Every object is strict, so a misspelt key is an error rather than a silently
 * ignored setting: a station must never start half-configured.
 */

export { STATION_LIMITS };

const tooLong = (max: number) => `must be at most ${max} characters long`;
const tooMany = (max: number, what: string) => `must list at most ${max} ${what}`;

const nonEmptyText = z.string().trim().min(1, 'must not be empty').max(STATION_LIMITS.textCharacters, tooLong(STATION_LIMITS.textCharacters));

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
export const hostPatternSchema = z.string().superRefine((pattern, ctx) => {
  // The grammar and its reasons are in host-pattern.ts (public suffixes from tldts).
  const problem = hostPatternProblem(pattern);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * An address the kiosk opens. Government sites are https only; plain http is
 * accepted for loopback hosts alone, which is where the training sites run.
 */
export const secureAddressSchema = z.string().superRefine((value, ctx) => {
  if (value.length > STATION_LIMITS.addressCharacters) {
    ctx.addIssue({ code: 'custom', message: `${tooLong(STATION_LIMITS.addressCharacters)} (got ${value.length})` });
    return;
  }
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
  steps: z.array(guideStepSchema).min(1, 'must have at least one step').max(STATION_LIMITS.steps, tooMany(STATION_LIMITS.steps, 'steps')),
});

export const tileSchema = z.strictObject({
  /** Stable identifier, used in logs, counters and the memo (`caf`, `anef`…). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "caf"'),
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** The official address the tile opens. */
  entry: secureAddressSchema,
  /** Every host the démarche passes through, its login hosts included (FIELD.md). */
  allowedHosts: z
    .array(hostPatternSchema)
    .min(1, 'must list at least one host')
    .max(STATION_LIMITS.allowedHosts, tooMany(STATION_LIMITS.allowedHosts, 'hosts')),
  /**
   * Hosts the démarche's pages may show in a frame only (captcha, identity button,
   * video), never as the page itself; any other host is refused in frames too.
   */
  frameHosts: z.array(hostPatternSchema).max(STATION_LIMITS.allowedHosts, tooMany(STATION_LIMITS.allowedHosts, 'hosts')).optional(),
  theme: z.enum(COOP_THEMES).optional(),
  /** True for sites that only exist on this machine (training): they work offline. */
  worksOffline: z.boolean().optional(),
  /** Overrides idle.timeoutSeconds on this démarche (longer where visitors wait for an SMS code). */
  idleTimeoutSeconds: z.number().int().min(1).max(3600).optional(),
  /** What the printed memo says of this service (FIELD.md, "Mon mémo personnel"). */
  memo: z
    .strictObject({
      /** The address to type, as the visitor should write it: "www.caf.fr". */
      address: nonEmptyText.max(253, tooLong(253)),
      /** What the site's identifier is, with its format: "numéro de sécurité sociale, 13 chiffres". */
      identifier: localizedTextSchema,
      /** The helpline, as dialled: "3230". */
      helpline: nonEmptyText.max(STATION_LIMITS.helplineCharacters, tooLong(STATION_LIMITS.helplineCharacters)).optional(),
    })
    .optional(),
  /** Permissions granted to this démarche's hosts, each with the reason, for whoever reviews the file. */
  permissions: z.array(z.strictObject({ name: z.enum(GRANTABLE_PERMISSIONS), why: nonEmptyText })).optional(),
  /** The site's own "mot de passe oublié" page: the guide's "J'ai perdu mon mot de passe" opens it. */
  forgottenPassword: secureAddressSchema.optional(),
  /** When the helpline answers and what a call costs: "du lundi au vendredi, 9 h – 16 h, appel gratuit". */
  helplineHours: localizedTextSchema.optional(),
  /** "Avant de commencer": what to have at hand (identifiers, papers, a phone for the SMS code…). */
  documents: z.array(localizedTextSchema).max(STATION_LIMITS.documents, tooMany(STATION_LIMITS.documents, 'documents')).optional(),
  /** Step-by-step guides for the service's most common procedures. */
  guides: z.array(guideSchema).max(STATION_LIMITS.guides, tooMany(STATION_LIMITS.guides, 'guides')).optional(),
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

const absolutePath = z.string().startsWith('/', 'must be an absolute path such as "/media/borne"');

export const documentsSchema = z.strictObject({
  /** The station's A4 printer for documents (attestations): a CUPS queue. Absent: "Pas d'imprimante ici". */
  a4Printer: z
    .strictObject({
      /** The CUPS queue name (`lpstat -p`). */
      queue: z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/, 'must be a CUPS queue name: letters, digits, "-", "_" or "." (see lpstat -p)'),
      /** The printer's name as visitors see it: "Imprimante de l'accueil". */
      label: localizedTextSchema.optional(),
    })
    .optional(),
  /** Where USB keys appear (mounted by the session, e.g. udisks under /media/borne): the picker's "Clé USB". */
  removableMediaFolder: absolutePath.optional(),
  /** The station's scanner through SANE (`scanimage -L` gives the device name). */
  scanner: z
    .strictObject({
      device: nonEmptyText,
      /** Dots per inch (150 by default: readable and small). */
      resolution: z.number().int().min(75).max(600).optional(),
      /** Colour scans (grey by default: smaller files). */
      color: z.boolean().optional(),
    })
    .optional(),
  /** The largest file a scan may make, in kilobytes (2048 by default). */
  scanMaxKilobytes: z.number().int().min(100).max(20_480).optional(),
});

const stationShape = {
    /** Lets editors offer completion; ignored by the kiosk. */
    $schema: z.string().optional(),
    station: z.strictObject({
      name: nonEmptyText.max(STATION_LIMITS.nameCharacters, tooLong(STATION_LIMITS.nameCharacters)),
      /** Where to find a person who can help, shown on "Demander de l'aide" and error screens. */
      helpText: localizedTextSchema,
    }),
    languages: z.strictObject({
      default: languageSchema,
      available: z.array(languageSchema).min(1, 'must list at least one language').max(LANGUAGE_CODES.length, tooMany(LANGUAGE_CODES.length, 'languages')),
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
        probeUrls: z.array(secureAddressSchema).min(1).max(STATION_LIMITS.probeUrls, tooMany(STATION_LIMITS.probeUrls, 'addresses')).optional(),
        /** Seconds between two checks while online (while offline the kiosk retries every 3 s). */
        checkSeconds: z.number().int().min(2).max(600).optional(),
      })
      .optional(),
    /** Documents of a démarche (issue 13): printing what a site gives on A4, attaching files from a USB key or the scanner. */
    documents: documentsSchema.optional(),
    tiles: z.array(tileSchema).min(1, 'must list at least one démarche tile').max(STATION_LIMITS.tiles, tooMany(STATION_LIMITS.tiles, 'tiles')),
    /** Staff mode's PIN file, the state folder, the fleet's metrics and the log file (staff-config.ts). */
    staff: staffSettingsSchema.optional(),
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
  tiles: z
    .array(z.union([tileReferenceSchema, tileSchema]))
    .min(1, 'must list at least one démarche tile')
    .max(STATION_LIMITS.tiles, tooMany(STATION_LIMITS.tiles, 'tiles')),
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
    checkValuesWorkTogether(config, ctx);
  });

/** Standard serial speeds: a port opened at any other rate talks to nothing. */
export const STANDARD_BAUD_RATES = [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200, 230_400, 460_800, 921_600] as const;

/**
 * Values that are each valid but cannot work together: refused naming both keys,
 * because the kiosk would run but not as the file says.
 */
function checkValuesWorkTogether(config: z.infer<z.ZodObject<typeof stationShape>>, ctx: z.RefinementCtx): void {
  const { timeoutSeconds, warningSeconds } = config.idle;
  if (warningSeconds >= timeoutSeconds) {
    ctx.addIssue({
      code: 'custom',
      path: ['idle', 'warningSeconds'],
      message: `${warningSeconds} s must be shorter than idle.timeoutSeconds (${timeoutSeconds} s): the countdown warns of an end that comes after the idle time`,
    });
  }
  config.tiles.forEach((tile, index) => {
    if (tile.idleTimeoutSeconds !== undefined && tile.idleTimeoutSeconds <= warningSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiles', index, 'idleTimeoutSeconds'],
        message: `${tile.idleTimeoutSeconds} s must be longer than idle.warningSeconds (${warningSeconds} s)`,
      });
    }
    if (tile.worksOffline === true) {
      let host: string;
      try {
        host = new URL(tile.entry).hostname;
      } catch {
        return; // already reported by secureAddressSchema
      }
      if (!isLoopbackHost(host)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiles', index, 'worksOffline'],
          message: `true only for sites on this machine (*.localhost), but tiles[${index}].entry is on "${host}"`,
        });
      }
    }
    const permissions = (tile.permissions ?? []).map((permission) => permission.name);
    permissions.forEach((name, permissionIndex) => {
      if (permissions.indexOf(name) !== permissionIndex) {
        ctx.addIssue({ code: 'custom', path: ['tiles', index, 'permissions', permissionIndex, 'name'], message: `"${name}" is listed twice` });
      }
    });
  });
  config.languages.available.forEach((code, index) => {
    if (config.languages.available.indexOf(code) !== index) {
      ctx.addIssue({ code: 'custom', path: ['languages', 'available', index], message: `"${code}" is listed twice` });
    }
  });
  const printer = config.printer;
  if (printer?.kind === 'escpos-serial' && printer.baudRate !== undefined && !(STANDARD_BAUD_RATES as readonly number[]).includes(printer.baudRate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['printer', 'baudRate'],
      message: `${printer.baudRate} is not a serial speed (use one of ${STANDARD_BAUD_RATES.join(', ')}; the printer's self-test slip says which)`,
    });
  }
}

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
