import { describe, expect, it } from 'vitest';
import { accepts, checkChoice, extensionOf, parseAccept, readableSize, scanFormatFor } from '../../../main/core/attachments/accept';

describe("the site's accept attribute", () => {
  it('parses MIME types, wildcards and extensions, case and spaces aside; bad tokens are ignored', () => {
    const rule = parseAccept(' Application/PDF , image/* ,.JPG, .heic, nonsense, */*, video/');
    expect([...rule.mimeTypes]).toEqual(['application/pdf']);
    expect([...rule.mimeMajors]).toEqual(['image']);
    expect([...rule.extensions]).toEqual(['.jpg', '.heic']);
    expect(rule.any).toBe(false);
  });

  it('no accept, or only invalid tokens, takes any document (as in HTML), but never a non-document', () => {
    for (const accept of [undefined, null, '', ' , ', 'nonsense']) {
      const rule = parseAccept(accept);
      expect(rule.any).toBe(true);
      expect(accepts(rule, 'avis.pdf')).toBe(true);
      expect(accepts(rule, 'setup.exe')).toBe(false);
      expect(accepts(rule, 'sans-extension')).toBe(false);
    }
  });

  it('matches by extension, exact type or wildcard', () => {
    expect(accepts(parseAccept('.pdf'), 'AVIS.PDF')).toBe(true);
    expect(accepts(parseAccept('application/pdf'), 'avis.pdf')).toBe(true);
    expect(accepts(parseAccept('image/*'), 'photo.jpeg')).toBe(true);
    expect(accepts(parseAccept('image/*'), 'avis.pdf')).toBe(false);
    expect(accepts(parseAccept('image/png'), 'photo.jpg')).toBe(false);
    expect(accepts(parseAccept('.docx'), 'cv.docx')).toBe(true);
  });

  it('extensions: the last dot, not a leading one', () => {
    expect([extensionOf('a.tar.PDF'), extensionOf('.pdf'), extensionOf('x.'), extensionOf('x')]).toEqual(['.pdf', '', '', '']);
  });

  it('the scanner makes a PDF when the site takes one, else a JPEG, else nothing', () => {
    expect(scanFormatFor(parseAccept('application/pdf,image/jpeg'))).toBe('pdf');
    expect(scanFormatFor(parseAccept('application/pdf,image/jpeg'), false)).toBe('jpeg');
    expect(scanFormatFor(parseAccept('image/*'))).toBe('jpeg');
    expect(scanFormatFor(parseAccept('.docx'))).toBeNull();
  });
});

describe('checking a choice before handing it over', () => {
  const accept = parseAccept('.pdf,image/*');
  const limits = { maxFileBytes: 1000, maxTotalBytes: 1500, maxFiles: 2 };
  it('passes a good choice', () => {
    expect(checkChoice([{ name: 'a.pdf', size: 900 }, { name: 'b.png', size: 500 }], accept, true, limits)).toEqual([]);
  });
  it('names each problem', () => {
    expect(checkChoice([{ name: 'a.pdf', size: 1200 }, { name: 'b.doc', size: 10 }, { name: 'c.png', size: 0 }], accept, true, limits)).toEqual([
      { code: 'too-many', chosen: 3, max: 2 },
      { code: 'too-large', name: 'a.pdf', size: 1200, max: 1000 },
      { code: 'wrong-type', name: 'b.doc' },
      { code: 'empty-file', name: 'c.png' },
    ]);
    expect(checkChoice([{ name: 'a.pdf', size: 900 }, { name: 'b.pdf', size: 900 }], accept, true, limits)).toEqual([{ code: 'total-too-large', total: 1800, max: 1500 }]);
  });
  it('sizes read in French units', () => {
    expect([readableSize(900), readableSize(850 * 1024), readableSize(1.44 * 1024 * 1024)]).toEqual(['900 o', '850 ko', '1,4 Mo']);
  });
});
