/**
 * A printable document: what the memo is made of, independent of any printer.
 * The same document gives the ESC/POS bytes (encoder.ts), the on-screen
 * preview and the A4 version, so what the visitor sees is what prints.
 */
export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  bold?: boolean;
  underline?: boolean;
  /** 2 = double width and height (titles). */
  size?: 1 | 2;
  align?: Align;
}

/** A QR code's modules, row by row (true = dark), computed once for print and preview alike. */
export interface QrMatrix {
  size: number;
  modules: readonly boolean[];
}

export type PrintBlock =
  | { kind: 'text'; text: string; style?: TextStyle }
  /** A horizontal line across the paper. */
  | { kind: 'rule'; style: 'solid' | 'dashed' }
  /** A label, then `lines` empty lines on which the visitor writes by hand. */
  | { kind: 'write-in'; label: string; lines: number }
  /** A QR code of `data` (an official address), with the matrix already computed. */
  | { kind: 'qr'; data: string; matrix: QrMatrix }
  | { kind: 'feed'; lines: number }
  /**
   * Where the sheet is cut in two (passwords' clues apart from identifiers): a
   * partial cut where the printer has a cutter, else a dashed line with `label`
   * ("à découper").
   */
  | { kind: 'cut'; label: string };

export interface PrintDocument {
  blocks: readonly PrintBlock[];
  /**
   * Runs of blocks, [first, end) by index, that a page must not split (one service;
   * the password-clue part with its cut line). Receipts are one long page and ignore
   * it; the A4 memo moves such a run whole to the next page.
   */
  keepTogether?: readonly (readonly [number, number])[];
}

/** Modules of white border around a QR code, as its standard asks. */
export const QR_QUIET_ZONE = 4;

/**
 * The dark modules of a QR matrix as one SVG path, in module units, the quiet
 * zone included (viewBox `0 0 size+8 size+8`): the preview and the A4 page
 * draw the very matrix the receipt printer gets.
 */
export function qrSvgPath(matrix: QrMatrix): string {
  let path = '';
  matrix.modules.forEach((dark, index) => {
    if (dark) path += `M${(index % matrix.size) + QR_QUIET_ZONE} ${Math.floor(index / matrix.size) + QR_QUIET_ZONE}h1v1h-1z`;
  });
  return path;
}
