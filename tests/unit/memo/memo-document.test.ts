import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { Tile } from '../../../main/core/config/station-config';
import { buildMemo } from '../../../main/core/memo/memo-document';
import type { PrintBlock, QrMatrix } from '../../../main/core/printer/document';
import { readShippedConfig as readConfigFile } from '../../../main/node/load-config';

const makeQr = (data: string): QrMatrix => {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  return { size: modules.size, modules: [...modules.data].map((bit) => bit === 1) };
};

const config = readConfigFile('default.json');
const tiles = (ids: string[]): Tile[] => ids.map((id) => {
  const tile = config.tiles.find((candidate) => candidate.id === id);
  if (tile === undefined) throw new Error(id);
  return tile;
});
const texts = (blocks: readonly PrintBlock[]) => blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : block.kind === 'write-in' ? [block.label] : []));

describe('the memo', () => {
  const memo = buildMemo({
    stationName: 'Médiathèque Jean-Jaurès',
    helpText: config.station.helpText,
    date: new Date(2026, 10, 23),
    services: tiles(['caf', 'anef', 'ants']),
    language: 'fr',
    makeQr,
  });
  const all = texts(memo.document.blocks);

  it('has the title, the station and the date', () => {
    expect(all[0]).toBe('Mon mémo personnel');
    expect(all).toContain('Borne : Médiathèque Jean-Jaurès — 23/11/2026');
  });

  it('gives each service its address, identifier, a line to write on, its helpline and a QR code to the official address', () => {
    expect(all).toContain('Adresse à taper : www.caf.fr');
    expect(all.some((line) => line.startsWith('Identifiant : numéro de sécurité sociale'))).toBe(true);
    expect(all).toContain('Aide par téléphone : 3230');
    const qrs = memo.document.blocks.filter((block) => block.kind === 'qr');
    expect(qrs.map((block) => block.kind === 'qr' && block.data)).toEqual(['https://www.caf.fr/', 'https://administration-etrangers-en-france.interieur.gouv.fr/', 'https://ants.gouv.fr/']);
    expect(all.filter((line) => line === 'Mon identifiant :')).toHaveLength(3);
  });

  it('captions each QR code with its address in words, and never doubles the colon after "Identifiant"', () => {
    const blocks = memo.document.blocks;
    const qrAt = blocks.flatMap((block, index) => (block.kind === 'qr' ? [index] : []));
    expect(qrAt.map((index) => blocks[index + 1])).toEqual([
      { kind: 'text', text: 'Ce QR code ouvre www.caf.fr', style: { align: 'center' } },
      { kind: 'text', text: 'Ce QR code ouvre administration-etrangers-en-france.interieur.gouv.fr', style: { align: 'center' } },
      { kind: 'text', text: 'Ce QR code ouvre ants.gouv.fr', style: { align: 'center' } },
    ]);
    const identifiers = all.filter((line) => line.startsWith('Identifiant'));
    expect(identifiers).toHaveLength(3);
    for (const line of identifiers) expect(line.split(':'), line).toHaveLength(2);
  });

  it('marks each service, the accounts and the clue part with its cut line as runs a page must not split', () => {
    const runs = memo.document.keepTogether ?? [];
    const blocks = memo.document.blocks;
    expect(runs).toHaveLength(5);
    for (const [first, end] of runs.slice(0, 3)) {
      expect(blocks[first]?.kind).toBe('text');
      expect(blocks.slice(first, end).filter((block) => block.kind === 'qr')).toHaveLength(1);
    }
    const [cutFirst, cutEnd] = runs.at(-1) ?? [0, 0];
    expect(blocks[cutFirst]?.kind).toBe('cut');
    expect(cutEnd).toBe(blocks.length);
  });

  it('keeps the password clues apart, after the cut, and never next to identifiers', () => {
    const cut = memo.document.blocks.findIndex((block) => block.kind === 'cut');
    expect(cut).toBeGreaterThan(0);
    const before = texts(memo.document.blocks.slice(0, cut));
    const after = texts(memo.document.blocks.slice(cut + 1));
    expect(before.some((line) => /indice/i.test(line))).toBe(false);
    expect(after.filter((line) => /— indice :$/.test(line))).toHaveLength(3);
    expect(after.some((line) => line.startsWith('Identifiant'))).toBe(false);
  });

  it('has lines for the accounts\' e-mail, phone and FranceConnect provider, and the safety advice', () => {
    expect(all).toContain('Adresse e-mail de mes comptes (elle reçoit les codes) :');
    expect(all).toContain('Numéro de téléphone de mes comptes (il reçoit les SMS) :');
    expect(all).toContain('Je me connecte avec FranceConnect par :');
    expect(all.some((line) => line.includes('Aucune administration ne demande votre mot de passe'))).toBe(true);
  });

  it('prints in English for an English-speaking visitor, and in French (said so) for Arabic', () => {
    const english = buildMemo({ stationName: 'S', helpText: config.station.helpText, date: new Date(), services: tiles(['caf']), language: 'en', makeQr });
    expect(english.printedIn).toBe('en');
    expect(texts(english.document.blocks)[0]).toBe('My personal memo');
    const arabic = buildMemo({ stationName: 'S', helpText: config.station.helpText, date: new Date(), services: tiles(['caf']), language: 'ar', makeQr });
    expect(arabic).toMatchObject({ printedIn: 'fr', fellBackToFrench: true });
  });
});
