import { describe, expect, it } from 'vitest';
import { hasControlCharacter, isC0OrC1Control, isC1Control, isControlCharacter } from '../../../main/core/text/control-characters';

/** The one control-character rule (main/core/text/control-characters.ts), checked on every code point around its edges. */
const at = (code: number) => String.fromCodePoint(code);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('control characters', () => {
  it('C0 and DEL are controls; space, printable ASCII and the C1 block are not', () => {
    for (const code of [...range(0x00, 0x1f), 0x7f]) expect(isControlCharacter(at(code)), code.toString(16)).toBe(true);
    for (const code of [...range(0x20, 0x7e), ...range(0x80, 0x9f), 0xa0, 0xe9, 0x202e, 0x1f600]) expect(isControlCharacter(at(code)), code.toString(16)).toBe(false);
  });

  it('C1 is U+0080–U+009F exactly', () => {
    for (const code of range(0x80, 0x9f)) expect(isC1Control(at(code)), code.toString(16)).toBe(true);
    for (const code of [0x00, 0x1f, 0x7f, 0x7e, 0xa0, 0xff]) expect(isC1Control(at(code)), code.toString(16)).toBe(false);
  });

  it('the variant for shown texts is C0, DEL and C1, nothing else', () => {
    for (const code of [...range(0x00, 0x1f), ...range(0x7f, 0x9f)]) expect(isC0OrC1Control(at(code)), code.toString(16)).toBe(true);
    for (const code of [...range(0x20, 0x7e), 0xa0, 0xe9, 0x202e]) expect(isC0OrC1Control(at(code)), code.toString(16)).toBe(false);
  });

  it('finds a control anywhere in a name, by code point (an emoji is not mistaken for one)', () => {
    expect(hasControlCharacter('attestation.pdf')).toBe(false);
    expect(hasControlCharacter('relevé 😀 été.pdf')).toBe(false);
    expect(hasControlCharacter('a\nb.pdf')).toBe(true);
    expect(hasControlCharacter('\u0000.pdf')).toBe(true);
    expect(hasControlCharacter('fin\u007f')).toBe(true);
    // C1 is allowed in file names, as before (only shown texts lose it).
    expect(hasControlCharacter('a\u009bb.pdf')).toBe(false);
    expect(hasControlCharacter('')).toBe(false);
  });
});
