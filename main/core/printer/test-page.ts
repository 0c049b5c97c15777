/**
 * The staff test page: printed from the staff screen to check that a
 * station's printer profile is right (code table, columns, QR, cutter). The
 * explanations of what should appear are in plain ASCII, so they stay
 * readable even when the code table is the wrong one.
 */
import { byteOf, pickCodePage } from './code-pages';
import type { PrintBlock, PrintDocument, QrMatrix } from './document';
import type { PrinterProfile } from './profiles';

export const TEST_PAGE_QR_URL = 'https://www.service-public.gouv.fr/';
export const TEST_PAGE_ACCENTS = 'é è ê à ç œ € « » @';
export const TEST_PAGE_TRANSLITERATED = 'Œ ’ – …';

const FLOW_CONTROL_NAMES: Record<PrinterProfile['serial']['flowControl'], string> = {
  none: 'aucun',
  rtscts: 'RTS/CTS',
  xonxoff: 'XON/XOFF',
};

export function testPageDocument(profile: PrinterProfile, station: string, makeQr: (data: string) => QrMatrix): PrintDocument {
  const { codePage, escT } = pickCodePage(profile);
  const ruler = '1234567890'.repeat(Math.ceil(profile.columns / 10)).slice(0, profile.columns);
  const has = (char: string): boolean => byteOf(char, codePage) !== undefined;
  const accentsExpected = [
    'e aigu, e grave, e circonflexe, a grave, c cedille',
    has('œ') ? 'oe lie' : 'oe',
    has('€') ? 'euro' : 'EUR',
    'guillemets, arobase',
  ].join(', ');
  const transliterationExpected = [has('Œ') ? 'OE lie' : 'OE', has('’') ? 'apostrophe courbe' : "'", has('–') ? 'tiret moyen' : '-', has('…') ? 'points de suspension' : '...'].join(', ');

  const blocks: PrintBlock[] = [
    { kind: 'text', text: 'Page de test', style: { bold: true, size: 2, align: 'center' } },
    { kind: 'text', text: profile.name, style: { align: 'center' } },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: `Station : ${station}` },
    { kind: 'text', text: `Profil : ${profile.id}` },
    { kind: 'text', text: `Table de caractères : ${codePage.name} (ESC t ${escT})` },
    { kind: 'text', text: `Papier : ${profile.paperWidthMm} mm, ${profile.dotsPerLine} points, ${profile.columns} colonnes` },
    { kind: 'text', text: `QR : ${profile.qr === 'native' ? 'natif (GS ( k)' : 'image (GS v 0)'}, module ${profile.qrModuleSize} points` },
    { kind: 'text', text: `Massicot : ${profile.cutter ? 'oui' : 'non'}` },
    { kind: 'text', text: `Série : ${profile.serial.baudRate} bauds, flux ${FLOW_CONTROL_NAMES[profile.serial.flowControl]}` },
    { kind: 'rule', style: 'solid' },
    { kind: 'text', text: TEST_PAGE_ACCENTS },
    { kind: 'text', text: `(attendu : ${accentsExpected})` },
    { kind: 'text', text: TEST_PAGE_TRANSLITERATED },
    { kind: 'text', text: `(attendu : ${transliterationExpected})` },
    { kind: 'text', text: ruler },
    { kind: 'text', text: '(la ligne de chiffres tient sur une seule ligne, sans ligne vide apres)' },
    { kind: 'rule', style: 'dashed' },
    { kind: 'text', text: 'Texte en gras', style: { bold: true } },
    { kind: 'text', text: 'Texte souligné', style: { underline: true } },
    { kind: 'text', text: 'Double taille', style: { size: 2 } },
    { kind: 'feed', lines: 1 },
    { kind: 'qr', data: TEST_PAGE_QR_URL, matrix: makeQr(TEST_PAGE_QR_URL) },
    { kind: 'text', text: 'www.service-public.gouv.fr', style: { align: 'center' } },
    { kind: 'cut', label: 'à découper' },
    { kind: 'text', text: `Fin de la page de test (${station})`, style: { align: 'center' } },
  ];
  return { blocks };
}
