import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES, PC850, PC858, WPC1252, encodeText, pickCodePage, transliterate, type CodePage } from '../../../main/core/printer/code-pages';
import { PRINTER_PROFILES } from '../../../main/core/printer/profiles';

/** The hand-written tables against an independent implementation of the same charts. */
const ICONV_NAMES: [string, CodePage, string[]][] = [
  ['WPC1252', WPC1252, ['cp1252', 'windows1252']],
  ['PC858', PC858, ['cp858']],
  ['PC850', PC850, ['cp850']],
];

const hex = (bytes: Uint8Array): string => [...bytes].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const encoded = (text: string, table: CodePage): string => hex(encodeText(text, table).bytes);

describe('code tables, cross-checked with iconv-lite', () => {
  it('lists the three tables', () => {
    expect(CODE_PAGES.map((table) => table.id)).toEqual(['wpc1252', 'pc858', 'pc850']);
  });

  describe.each(ICONV_NAMES)('%s', (_name, table, names) => {
    it('has 128 upper characters', () => {
      expect(table.upper.length).toBe(128);
    });

    it.each(names)('every byte 0x80-0xFF decodes as %s does', (name) => {
      expect(iconv.encodingExists(name)).toBe(true);
      for (let byte = 0x80; byte <= 0xff; byte += 1) {
        const expected = iconv.decode(Buffer.from([byte]), name);
        expect(table.upper.charAt(byte - 0x80), `byte 0x${byte.toString(16)} in ${table.name}`).toBe(expected);
      }
    });

    it.each(names)('every character the table has encodes to the byte %s gives', (name) => {
      for (const char of table.upper) {
        if (char === '\uFFFD') continue;
        const label = `U+${char.codePointAt(0)?.toString(16)} in ${table.name}`;
        if (char === '\u00A0') expect(encoded(char, table), label).toBe('20'); // printed as a plain space (still non-breaking for wrapping)
        else if (char === '\u00AD') expect(encoded(char, table), label).toBe(''); // soft hyphen: dropped
        else expect(encoded(char, table), label).toBe(hex(iconv.encode(char, name)));
      }
    });

    it.each(names)('printable ASCII and a French sentence the table can print encode as %s', (name) => {
      let ascii = '';
      for (let code = 0x20; code <= 0x7e; code += 1) ascii += String.fromCharCode(code);
      expect(encoded(ascii, table)).toBe(hex(iconv.encode(ascii, name)));
      const french = 'À Noël, Ève déjà âgée crût où ça goûtait : « Ô ciel ! » - Ù, Ï, Ë, Ü, ÿ, Ç, É, È, Ê, Î, Ô, Û, æ, Æ.';
      expect(encoded(french, table)).toBe(hex(iconv.encode(french, name)));
    });
  });

  it('the undefined bytes of WPC1252 are never produced', () => {
    const holes = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    for (const byte of holes) expect(WPC1252.upper.charAt(byte - 0x80)).toBe('\uFFFD');
    const { bytes, unmappable } = encodeText('\uFFFD', WPC1252);
    expect(hex(bytes)).toBe('3F');
    expect(unmappable).toEqual(['\uFFFD']);
  });
});

describe('French characters, hand-checked against the charts', () => {
  it('é is E9 in WPC1252 and 82 in PC850/PC858', () => {
    expect(encoded('é', WPC1252)).toBe('E9');
    expect(encoded('é', PC850)).toBe('82');
    expect(encoded('é', PC858)).toBe('82');
  });

  it('€ is 80 in WPC1252, D5 in PC858 and "EUR" in PC850', () => {
    expect(encoded('€', WPC1252)).toBe('80');
    expect(encoded('€', PC858)).toBe('D5');
    expect(encoded('€', PC850)).toBe('45 55 52');
    // PC850's D5 is the dotless i, never used for €.
    expect(encoded('ı', PC850)).toBe('D5');
  });

  it('œ is 9C in WPC1252 and "oe" in PC858/PC850; Œ is 8C or "OE"', () => {
    expect(encoded('œ', WPC1252)).toBe('9C');
    expect(encoded('œ', PC858)).toBe('6F 65');
    expect(encoded('œ', PC850)).toBe('6F 65');
    expect(encoded('Œ', WPC1252)).toBe('8C');
    expect(encoded('Œ', PC858)).toBe('4F 45');
    expect(encoded('Ÿ', WPC1252)).toBe('9F');
    expect(encoded('Ÿ', PC850)).toBe('59');
  });

  it('typographic quotes, dashes and ellipsis are native in WPC1252 and transliterated elsewhere', () => {
    expect(encoded('’ ‘ “ ” – — …', WPC1252)).toBe('92 20 91 20 93 20 94 20 96 20 97 20 85');
    expect(encoded('’ ‘ “ ” – — …', PC858)).toBe("27 20 27 20 22 20 22 20 2D 20 2D 20 2E 2E 2E");
  });

  it('« » stay guillemets where the table has them (all three tables)', () => {
    expect(encoded('«»', WPC1252)).toBe('AB BB');
    expect(encoded('«»', PC850)).toBe('AE AF');
    expect(encoded('«»', PC858)).toBe('AE AF');
  });

  it('« » become " in a table without them', () => {
    const withoutGuillemets: CodePage = { id: 'pc850', name: 'test', upper: PC850.upper.replace('«', '\uFFFD').replace('»', '\uFFFD') };
    expect(encoded('«a»', withoutGuillemets)).toBe('22 61 22');
  });

  it('@ is 40 (ESC R 0 keeps it an at sign)', () => {
    expect(encoded('a@b.fr', PC850)).toBe('61 40 62 2E 66 72');
  });

  it('no-break spaces become plain spaces, soft hyphens and zero-width characters vanish', () => {
    expect(encoded('a\u00A0b\u202Fc\u2009d', WPC1252)).toBe('61 20 62 20 63 20 64');
    expect(encoded('a\u00ADb\u200Bc\uFEFF', WPC1252)).toBe('61 62 63');
  });

  it('decomposed accents are composed; letters a table lacks lose their accent', () => {
    expect(encoded('e\u0301', WPC1252)).toBe('E9');
    expect(encoded('ő', WPC1252)).toBe('6F');
    expect(encoded('ę', PC850)).toBe('65');
  });

  it('anything else becomes ? and is reported once', () => {
    const { bytes, unmappable } = encodeText('a😀b😀c北', WPC1252);
    expect(hex(bytes)).toBe('61 3F 62 3F 63 3F');
    expect(unmappable).toEqual(['😀', '北']);
  });

  it('control characters never reach the printer: ESC, line breaks and DEL become ?', () => {
    const { bytes, unmappable } = encodeText('A\u001B@B\nC\u007F\u0090', WPC1252);
    expect(hex(bytes)).toBe('41 3F 40 42 3F 43 3F 3F');
    expect(unmappable).toEqual(['\u001B', '\n', '\u007F', '\u0090']);
  });

  it('transliterate gives one character per printed column', () => {
    expect(transliterate('cœur… 5 €', PC850)).toEqual({ text: 'coeur... 5 EUR', unmappable: [] });
    expect(transliterate('cœur… 5 €', WPC1252)).toEqual({ text: 'cœur… 5 €', unmappable: [] });
  });
});

describe('pickCodePage', () => {
  it('takes WPC1252 where the printer has it, with its ESC t number', () => {
    for (const profile of PRINTER_PROFILES) {
      const chosen = pickCodePage(profile);
      expect(chosen.codePage).toBe(WPC1252);
      expect(chosen.escT).toBe(16);
    }
    expect(pickCodePage({ id: 'yhd', codePages: { wpc1252: 11, pc858: 19 } })).toEqual({ codePage: WPC1252, escT: 11 });
  });

  it('else PC858, else PC850', () => {
    expect(pickCodePage({ id: 'a', codePages: { pc858: 19, pc850: 2 } })).toEqual({ codePage: PC858, escT: 19 });
    expect(pickCodePage({ id: 'b', codePages: { pc850: 2 } })).toEqual({ codePage: PC850, escT: 2 });
  });

  it('refuses a profile with none of the three', () => {
    expect(() => pickCodePage({ id: 'c', codePages: {} })).toThrow(/none of WPC1252, PC858, PC850/);
  });
});
