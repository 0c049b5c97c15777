import { localize, type LanguageCode, type LocalizedText } from '../config/languages';
import type { Tile } from '../config/station-config';
import type { PrintBlock, PrintDocument, QrMatrix } from '../printer/document';
import { withoutInnerColon } from '../contract/identifier-text';
import { addressInWords, fill, MEMO_TEXTS, printLanguageFor, type PrintableLanguage } from './memo-texts';

export interface MemoInput {
  stationName: string;
  helpText: LocalizedText;
  date: Date;
  /** The services the visitor chose, in order; tiles without memo information are left out. */
  services: readonly Tile[];
  /** The visitor's language: the memo prints in it when a receipt printer can. */
  language: LanguageCode;
  makeQr: (data: string) => QrMatrix;
}

export interface Memo {
  document: PrintDocument;
  printedIn: PrintableLanguage;
  /** True when the visitor's language cannot be printed and the memo is in French. */
  fellBackToFrench: boolean;
}

/**
 * "Mon mémo personnel" (FIELD.md): for each service, the address to type, what
 * its identifier is, a line to write it by hand, the helpline and a QR code to
 * the official address; the accounts' e-mail and phone; then, cut apart, the
 * password clues; then the safety advice. Nothing of the visitor is in it: the
 * lines are blank, to be filled in by hand.
 */
export function buildMemo(input: MemoInput): Memo {
  const printedIn = printLanguageFor(input.language);
  const t = MEMO_TEXTS[printedIn];
  const services = input.services.filter((tile) => tile.memo !== undefined);
  const blocks: PrintBlock[] = [
    { kind: 'text', text: t.title, style: { bold: true, size: 2, align: 'center' } },
    { kind: 'text', text: fill(t.station, { station: input.stationName, date: formatDate(input.date) }), style: { align: 'center' } },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: t.intro },
    { kind: 'rule', style: 'solid' },
  ];
  const keepTogether: [number, number][] = [];
  for (const tile of services) {
    const memo = tile.memo;
    if (memo === undefined) continue;
    const first = blocks.length;
    blocks.push(
      { kind: 'text', text: localize(tile.label, printedIn), style: { bold: true } },
      { kind: 'text', text: fill(t.addressToType, { address: memo.address }) },
      { kind: 'text', text: fill(t.identifierIs, { identifier: withoutInnerColon(localize(memo.identifier, printedIn)) }) },
      { kind: 'write-in', label: t.myIdentifier, lines: 1 },
    );
    if (memo.helpline !== undefined) blocks.push({ kind: 'text', text: fill(t.helpline, { helpline: memo.helpline }) });
    blocks.push(
      { kind: 'qr', data: tile.entry, matrix: input.makeQr(tile.entry) },
      { kind: 'text', text: fill(t.qrCaption, { address: addressInWords(tile.entry) }), style: { align: 'center' } },
    );
    keepTogether.push([first, blocks.length]);
    blocks.push({ kind: 'rule', style: 'dashed' });
  }
  const accounts = blocks.length;
  blocks.push(
    { kind: 'text', text: t.accountsTitle, style: { bold: true } },
    { kind: 'write-in', label: t.email, lines: 1 },
    { kind: 'write-in', label: t.phone, lines: 1 },
    { kind: 'write-in', label: t.franceConnect, lines: 1 },
  );
  keepTogether.push([accounts, blocks.length]);
  blocks.push(
    { kind: 'rule', style: 'solid' },
    { kind: 'text', text: t.adviceTitle, style: { bold: true } },
    ...t.advice.map((line): PrintBlock => ({ kind: 'text', text: `- ${line}` })),
    { kind: 'text', text: fill(t.help, { help: localize(input.helpText, printedIn) }) },
  );
  // Password clues never travel with the identifiers: a separate part of the sheet,
  // kept whole with its cut line (on the same page, or on a page of its own).
  const cut = blocks.length;
  blocks.push(
    { kind: 'cut', label: t.cutHere },
    { kind: 'text', text: t.cluesTitle, style: { bold: true, align: 'center' } },
    { kind: 'text', text: t.cluesIntro },
    ...services.map((tile): PrintBlock => ({ kind: 'write-in', label: fill(t.clueFor, { service: localize(tile.label, printedIn) }), lines: 1 })),
  );
  keepTogether.push([cut, blocks.length]);
  return { document: { blocks, keepTogether }, printedIn, fellBackToFrench: printedIn === 'fr' && input.language !== 'fr' };
}

function formatDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
}
