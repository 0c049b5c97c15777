/**
 * The printer's character tables as data, and the one way text becomes bytes.
 *
 * A receipt printer prints one byte per character: 0x20–0x7E are ASCII (with
 * ESC R 0, the USA set, so `@` stays `@`) and 0x80–0xFF come from the code
 * table chosen with ESC t n. Only three tables matter for French (ESCPOS.md):
 * WPC1252 has every French character and €; PC858 lacks œ Œ Ÿ and the
 * typographic quotes/dashes; PC850 also lacks €. Characters a table lacks
 * are transliterated (œ → oe, € → EUR…), so the printed text stays readable
 * and nothing but table bytes ever reaches the printer.
 *
 * The tables below were written by hand from the standard charts and are
 * cross-checked against iconv-lite in tests/unit/printer/code-pages.test.ts.
 */
import type { PrinterProfile } from './profiles';

export type CodePageId = 'wpc1252' | 'pc858' | 'pc850';

export interface CodePage {
  id: CodePageId;
  /** As printed on the test page: `WPC1252`. */
  name: string;
  /**
   * The characters of bytes 0x80–0xFF, in order (128 UTF-16 units, all in the
   * BMP). U+FFFD marks a byte the table leaves undefined: it is never produced.
   */
  upper: string;
}

/** Marks an undefined byte in `upper`. */
const UNDEFINED = '\uFFFD';

/** Windows-1252 (Epson "WPC1252"), rows 0x80, 0x90 … 0xF0. */
export const WPC1252: CodePage = {
  id: 'wpc1252',
  name: 'WPC1252',
  upper: [
    '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD', // 0x80
    '\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ', // 0x90
    '\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯', // 0xA0 (A0 no-break space, AD soft hyphen)
    '°±²³´µ¶·¸¹º»¼½¾¿', // 0xB0
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ', // 0xC0
    'ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß', // 0xD0
    'àáâãäåæçèéêëìíîï', // 0xE0
    'ðñòóôõö÷øùúûüýþÿ', // 0xF0
  ].join(''),
};

/** The rows of PC850 (Multilingual Latin 1); PC858 differs only at 0xD5. */
const PC850_ROWS = [
  'ÇüéâäàåçêëèïîìÄÅ', // 0x80
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ', // 0x90
  'áíóúñÑªº¿®¬½¼¡«»', // 0xA0
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐', // 0xB0
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤', // 0xC0
  'ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀', // 0xD0 (D5 dotless i)
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´', // 0xE0
  '\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0', // 0xF0 (F0 soft hyphen, FF no-break space)
];

/** PC850, Multilingual Latin 1 (Epson ESC t 2): no €, œ, Œ, Ÿ. */
export const PC850: CodePage = { id: 'pc850', name: 'PC850', upper: PC850_ROWS.join('') };

/** PC858: PC850 with € at 0xD5 in place of the dotless i (Epson ESC t 19). */
export const PC858: CodePage = {
  id: 'pc858',
  name: 'PC858',
  upper: PC850_ROWS.map((row, index) => (index === 5 ? row.replace('ı', '€') : row)).join(''),
};

export const CODE_PAGES: readonly CodePage[] = [WPC1252, PC858, PC850];

/** Character → byte, for the upper half of each table (built once per table). */
const reverseMaps = new Map<CodePage, ReadonlyMap<string, number>>();

function reverseMap(table: CodePage): ReadonlyMap<string, number> {
  let map = reverseMaps.get(table);
  if (map === undefined) {
    if (table.upper.length !== 128) throw new RangeError(`code page ${table.name} must list 128 characters, not ${table.upper.length}`);
    const built = new Map<string, number>();
    for (let index = 0; index < 128; index += 1) {
      const char = table.upper.charAt(index);
      if (char !== UNDEFINED && !built.has(char)) built.set(char, 0x80 + index);
    }
    map = built;
    reverseMaps.set(table, map);
  }
  return map;
}

const isPrintableAscii = (char: string): boolean => char.length === 1 && char >= ' ' && char <= '~';

/** The byte of `char` in `table`, or undefined (control characters have none). */
export function byteOf(char: string, table: CodePage): number | undefined {
  if (isPrintableAscii(char)) return char.charCodeAt(0);
  return reverseMap(table).get(char);
}

/** Characters dropped everywhere: soft hyphen, zero-width space/joiners, BOM, variation selectors. */
const DROPPED = new Set(['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\uFE0E', '\uFE0F']);

/**
 * Spaces printed as a plain space in every table. They are still
 * non-breaking for the encoder's word wrapping, which happens before this.
 */
const SPACES = new Set(['\u00A0', '\u202F', '\u2007', '\u2009', '\u200A', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2008', '\t']);

/** Replacements for characters a table lacks, tried in order (the first the table can print wins). */
const TRANSLITERATIONS: Readonly<Record<string, readonly string[]>> = {
  œ: ['oe'],
  Œ: ['OE'],
  Ÿ: ['Y'],
  æ: ['ae'],
  Æ: ['AE'],
  '’': ["'"],
  '‘': ["'"],
  '‚': [','],
  '′': ["'"],
  '‹': ['<'],
  '›': ['>'],
  '“': ['"'],
  '”': ['"'],
  '„': ['"'],
  '″': ['"'],
  '«': ['"'],
  '»': ['"'],
  '–': ['-'],
  '—': ['-'],
  '‐': ['-'],
  '‑': ['-'],
  '‒': ['-'],
  '−': ['-'],
  '…': ['...'],
  '€': ['EUR'],
  '•': ['*'],
  '™': ['TM'],
};

/** The letters of `char` without accents (NFKD: ő → o, ﬁ → fi), or undefined if that changes nothing. */
function withoutAccents(char: string): string | undefined {
  const stripped = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return stripped !== '' && stripped !== char ? stripped : undefined;
}

export interface TransliteratedText {
  /** Only characters the table prints, one byte each: `text.length` is the printed width. */
  text: string;
  /** Characters that had no byte and no transliteration, printed as `?` (each listed once). */
  unmappable: string[];
}

/**
 * Rewrites `text` with only characters `table` can print: the character
 * itself where the table has it, else a transliteration (œ → oe, ’ → ', « → "
 * where « is missing, – → -, … → ..., € → EUR), else the letter without its
 * accent (NFKD: ő → o), else `?`. Non-breaking and other special spaces
 * become a plain space; soft hyphens and zero-width characters vanish.
 * Control characters (including line breaks and ESC) become `?`: text can
 * never smuggle a printer command in.
 */
export function transliterate(text: string, table: CodePage): TransliteratedText {
  let out = '';
  const unmappable: string[] = [];
  const printable = (candidate: string): boolean => [...candidate].every((char) => byteOf(char, table) !== undefined);
  for (const char of text.normalize('NFC')) {
    if (DROPPED.has(char)) continue;
    if (SPACES.has(char)) {
      out += ' ';
      continue;
    }
    if (byteOf(char, table) !== undefined) {
      out += char;
      continue;
    }
    const stripped = withoutAccents(char);
    const replacement = (TRANSLITERATIONS[char] ?? []).find(printable) ?? (stripped !== undefined && printable(stripped) ? stripped : undefined);
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    out += '?';
    if (!unmappable.includes(char)) unmappable.push(char);
  }
  return { text: out, unmappable };
}

/** The bytes of `text` in `table`, after transliteration (see `transliterate`). */
export function encodeText(text: string, table: CodePage): { bytes: Uint8Array; unmappable: string[] } {
  const result = transliterate(text, table);
  const bytes = new Uint8Array(result.text.length);
  for (let index = 0; index < result.text.length; index += 1) {
    // transliterate() emits only characters with a byte; '?' is the impossible fallback.
    bytes[index] = byteOf(result.text.charAt(index), table) ?? 0x3f;
  }
  return { bytes, unmappable: result.unmappable };
}

export interface ChosenCodePage {
  codePage: CodePage;
  /** The n of ESC t n for this table on this printer. */
  escT: number;
}

/** WPC1252 where the printer has it (everything French, and €), else PC858 (€), else PC850. */
export function pickCodePage(profile: Pick<PrinterProfile, 'id' | 'codePages'>): ChosenCodePage {
  const { wpc1252, pc858, pc850 } = profile.codePages;
  if (wpc1252 !== undefined) return { codePage: WPC1252, escT: wpc1252 };
  if (pc858 !== undefined) return { codePage: PC858, escT: pc858 };
  if (pc850 !== undefined) return { codePage: PC850, escT: pc850 };
  throw new RangeError(`printer profile "${profile.id}" lists none of WPC1252, PC858, PC850`);
}
