import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../main/core/config/languages';
import type { Tile } from '../../main/core/config/station-config';
import { readShippedCatalogue, readShippedConfig } from '../../main/node/load-config';

/**
 * What the shipped service catalogue (kiosk-config/catalogue.json) must contain, beyond
 * what its schema checks: the services and guides the stations rely on, every text in
 * all seven languages (and really translated), FranceConnect's hosts complete, and the
 * default station showing the services in the agreed order.
 */

const { catalogue } = readShippedCatalogue();
const byId = new Map(catalogue.services.map((service) => [service.id, service]));

const REQUIRED_SERVICES = ['caf', 'anef', 'ants', 'france-travail', 'ameli', 'impots', 'retraite', 'service-public'];

/** Guides each service must have (every other service: at least one guide). */
const REQUIRED_GUIDES: Record<string, string[]> = {
  caf: ['attestation', 'declaration-trimestrielle', 'changement-situation'],
  anef: ['renouvellement-titre', 'suivre-demande'],
  ants: ['pre-demande-cni-passeport', 'permis', 'carte-grise'],
};

const FRANCECONNECT_HOSTS = ['franceconnect.gouv.fr', 'app.franceconnect.gouv.fr', 'oidc.franceconnect.gouv.fr', 'auth.franceconnect.gouv.fr'];

/** Login hosts of FranceConnect's identity providers a visitor may be sent to (README, "Le catalogue des démarches"). */
const IDENTITY_PROVIDER_HOSTS = [
  'cfspart-idp.impots.gouv.fr', // impots.gouv.fr
  'fc.assure.ameli.fr', // ameli
  'authent.lidentitenumerique.laposte.fr', // L'Identité Numérique La Poste
  'idp.msa.fr', // MSA
  'idp.france-identite.gouv.fr', // France Identité
];

type Found = { path: string; text: Record<string, unknown> };

/** Every LocalizedText below `value`, found by shape (an object with a French string), with its path. */
function localizedTexts(value: unknown, path: string): Found[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.fr === 'string') return [{ path, text: record }];
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${path}.${key}`));
}

/** Problems of one LocalizedText: a missing language, or an empty string. */
function languageProblems({ path, text }: Found): string[] {
  return LANGUAGE_CODES.flatMap((code) => {
    const value = text[code];
    if (typeof value !== 'string') return [`${path}: no "${code}"`];
    if (value.trim() === '') return [`${path}: "${code}" is empty`];
    return [];
  });
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CYRILLIC = /[\u0400-\u04FF]/u;
const SCRIPT_OF: Record<string, RegExp> = { ar: ARABIC_SCRIPT, fa: ARABIC_SCRIPT, ps: ARABIC_SCRIPT, uk: CYRILLIC };

/**
 * True for a text made only of acronyms, numbers and addresses ("CAF — 3230", "www.caf.fr"):
 * such a text may rightly stay the same in every script. A capitalised French word is not
 * exempt ("Impôts" must be translated).
 */
function isOnlyNamesAndNumbers(text: string): boolean {
  const words = text
    .replace(/\b[\w-]+(\.[\w-]+)+\b/gu, ' ') // addresses and hosts
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== '');
  return words.every((word) => /^\p{Lu}{2,}$/u.test(word));
}

/** Problems of one LocalizedText: an Arabic-script or Ukrainian text written without its script (an untranslated copy). */
function scriptProblems({ path, text }: Found): string[] {
  return Object.entries(SCRIPT_OF).flatMap(([code, script]) => {
    const value = text[code];
    if (typeof value !== 'string' || script.test(value)) return [];
    if (value === text.fr && isOnlyNamesAndNumbers(value)) return [];
    return [`${path}: "${code}" has no letter of its script: ${JSON.stringify(value)}`];
  });
}

/** A step that tells the visitor to give an identifier, a password or a code to someone. */
function asksToGiveSecrets(text: string): boolean {
  return /\b(donne[zr]?|communique[zr]?|dicte[zr]?|envoye[zr])\b[^.]{0,60}\b(mot de passe|code|identifiant)/iu.test(text) && !/\bjamais\b/iu.test(text);
}

const serviceTexts = catalogue.services.flatMap((service) => localizedTexts(service, service.id));

describe('the shipped service catalogue', () => {
  it('has the eight services the stations rely on', () => {
    expect([...byId.keys()]).toEqual(expect.arrayContaining(REQUIRED_SERVICES));
  });

  it('has the required guides, and at least one guide for every service', () => {
    for (const id of REQUIRED_SERVICES) {
      const guides = (byId.get(id)?.guides ?? []).map((guide) => guide.id);
      expect(guides.length, `${id} has no guide`).toBeGreaterThan(0);
      expect(guides, `${id}'s guides`).toEqual(expect.arrayContaining(REQUIRED_GUIDES[id] ?? []));
    }
  });

  it('gives every guide 4 to 8 short steps, none asking the visitor to give a secret away', () => {
    for (const service of catalogue.services) {
      for (const guide of service.guides ?? []) {
        const where = `${service.id}/${guide.id}`;
        expect(guide.steps.length, `${where}: number of steps`).toBeGreaterThanOrEqual(4);
        expect(guide.steps.length, `${where}: number of steps`).toBeLessThanOrEqual(8);
        guide.steps.forEach((step, index) => {
          for (const [code, text] of Object.entries(step.text)) {
            expect(text?.length ?? 0, `${where} step ${index + 1} (${code}) is longer than 120 characters`).toBeLessThanOrEqual(120);
          }
          expect(asksToGiveSecrets(step.text.fr), `${where} step ${index + 1}: ${step.text.fr}`).toBe(false);
        });
      }
    }
  });

  it('has every text in all seven languages, none empty', () => {
    expect(serviceTexts.length).toBeGreaterThan(100); // the walk really finds the texts
    expect(serviceTexts.flatMap(languageProblems)).toEqual([]);
  });

  it('writes Arabic, Dari and Pashto in Arabic script and Ukrainian in Cyrillic (no untranslated copies)', () => {
    expect(serviceTexts.flatMap(scriptProblems)).toEqual([]);
  });

  it('allows all four FranceConnect hosts, and its identity providers, wherever FranceConnect is used', () => {
    const usingFranceConnect = catalogue.services.filter((service) => service.allowedHosts.some((host) => FRANCECONNECT_HOSTS.includes(host)));
    expect(usingFranceConnect.length).toBeGreaterThan(0);
    for (const service of usingFranceConnect) {
      expect(service.allowedHosts, `${service.id}: FranceConnect hosts`).toEqual(expect.arrayContaining(FRANCECONNECT_HOSTS));
      expect(service.allowedHosts, `${service.id}: identity providers' hosts`).toEqual(expect.arrayContaining(IDENTITY_PROVIDER_HOSTS));
    }
  });

  it('gives every service its forgotten-password page, memo and helpline hours', () => {
    for (const service of catalogue.services) {
      expect(service.forgottenPassword, `${service.id}: forgottenPassword`).toMatch(/^https:\/\//);
      expect(service.memo?.helpline, `${service.id}: helpline`).toBeTruthy();
      expect(service.helplineHours, `${service.id}: helplineHours`).toBeDefined();
      expect(service.documents?.length ?? 0, `${service.id}: documents`).toBeGreaterThan(0);
    }
  });

  it('says of every translation whether it was reviewed, with a note when it was not', () => {
    const codes = LANGUAGE_CODES.filter((code) => code !== 'fr');
    expect(Object.keys(catalogue.translations).sort()).toEqual([...codes].sort());
    for (const [code, status] of Object.entries(catalogue.translations)) {
      expect(status !== undefined && (status.reviewed || (status.note ?? '').trim() !== ''), `translations.${code}`).toBe(true);
    }
  });
});

describe('the checks above', () => {
  const text = (values: Record<string, string>): Found => ({ path: 'x', text: values });
  const complete = { fr: 'Ouvrez', 'fr-FALC': 'Ouvrez', en: 'Open', ar: 'افتح', fa: 'باز کنید', ps: 'پرانیزئ', uk: 'Відкрийте' };

  it('find nested texts and flag a missing or empty language', () => {
    expect(localizedTexts({ a: [{ b: complete }], c: 'no' }, 's').map((found) => found.path)).toEqual(['s.a[0].b']);
    expect(languageProblems(text({ ...complete, ps: ' ' }))).toEqual(['x: "ps" is empty']);
    const { uk: _uk, ...withoutUkrainian } = complete;
    expect(languageProblems(text(withoutUkrainian))).toEqual(['x: no "uk"']);
  });

  it('flag a French copy in Arabic script or Ukrainian, but not a bare name, number or address', () => {
    expect(scriptProblems(text({ ...complete, fa: 'Ouvrez', uk: 'Ouvrez' }))).toHaveLength(2);
    expect(scriptProblems(text({ fr: 'CAF — 3230, www.caf.fr', ar: 'CAF — 3230, www.caf.fr', uk: 'CAF — 3230, www.caf.fr' }))).toEqual([]);
    expect(scriptProblems(text({ fr: 'Impôts', ar: 'Impôts' }))).toHaveLength(1);
    expect(scriptProblems(text({ fr: 'Les impôts', ar: 'Les impôts' }))).toHaveLength(1);
  });

  it('flag a step asking to give a code away, but not a warning never to', () => {
    expect(asksToGiveSecrets('Donnez votre mot de passe au conseiller.')).toBe(true);
    expect(asksToGiveSecrets('Ne donnez jamais ce code à personne.')).toBe(false);
  });
});

describe('the default station', () => {
  it('shows the eight catalogue services in the agreed order', () => {
    const config = readShippedConfig('default.json');
    expect(config.tiles.map((tile: Tile) => tile.id)).toEqual(REQUIRED_SERVICES);
    expect(config.tiles[0]).toEqual(byId.get('caf')); // taken whole from the catalogue
  });
});
