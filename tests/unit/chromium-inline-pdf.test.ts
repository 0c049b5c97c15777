import { describe, expect, it } from 'vitest';
import { MAX_KEPT_PDF_BYTES, documentKey, inlinePdfVerdict, isKeepablePdf } from '../../main/shells/chromium/inline-pdf';
import { makeTextPdf } from '../support/make-pdf';

const pdfHeaders = (extra: Record<string, string> = {}) => Object.entries({ 'Content-Type': 'application/pdf', ...extra }).map(([name, value]) => ({ name, value }));

describe('a PDF the site shows inline (Chromium shell)', () => {
  it('keeps a 200 declared as PDF and shown inline', () => {
    expect(inlinePdfVerdict(200, pdfHeaders())).toBe('keep');
    expect(inlinePdfVerdict(200, pdfHeaders({ 'Content-Disposition': 'inline; filename="attestation.pdf"', 'Content-Length': '953' }))).toBe('keep');
    expect(inlinePdfVerdict(200, [{ name: 'content-type', value: 'Application/PDF; charset=binary' }])).toBe('keep');
  });

  it('leaves downloads to the download path, and keeps nothing else', () => {
    expect(inlinePdfVerdict(200, pdfHeaders({ 'Content-Disposition': 'attachment; filename="attestation.pdf"' }))).toBe('download');
    expect(inlinePdfVerdict(200, [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }])).toBe('not-pdf');
    expect(inlinePdfVerdict(200, [])).toBe('not-pdf');
    expect(inlinePdfVerdict(302, pdfHeaders({ Location: '/ailleurs.pdf' }))).toBe('not-pdf');
    expect(inlinePdfVerdict(404, pdfHeaders())).toBe('not-pdf');
  });

  it('keeps nothing announced above the cap (or with a length that is no number)', () => {
    expect(inlinePdfVerdict(200, pdfHeaders({ 'Content-Length': String(MAX_KEPT_PDF_BYTES) }))).toBe('keep');
    expect(inlinePdfVerdict(200, pdfHeaders({ 'Content-Length': String(MAX_KEPT_PDF_BYTES + 1) }))).toBe('too-large');
    expect(inlinePdfVerdict(200, pdfHeaders({ 'Content-Length': '12, 12' }))).toBe('too-large');
  });

  it('keeps only bytes that are a PDF, within the cap', () => {
    const pdf = makeTextPdf(['Attestation']);
    expect(isKeepablePdf(pdf)).toBe(true);
    // What the viewer's page is, or a page that says it is a PDF: never kept.
    expect(isKeepablePdf(Buffer.from('<!doctype html><embed type="application/pdf">'))).toBe(false);
    expect(isKeepablePdf(Buffer.from(` ${pdf.toString('latin1')}`, 'latin1'))).toBe(false);
    expect(isKeepablePdf(Buffer.alloc(0))).toBe(false);
    expect(isKeepablePdf(Buffer.from('%PDF-'))).toBe(false);
    const big = Buffer.alloc(MAX_KEPT_PDF_BYTES + 1);
    big.write('%PDF-1.4', 'latin1');
    expect(isKeepablePdf(big)).toBe(false);
  });

  it("names a document by its address without the viewer's fragment", () => {
    expect(documentKey('https://caf.fr/attestation.pdf#page=2')).toBe('https://caf.fr/attestation.pdf');
    expect(documentKey('https://caf.fr/attestation.pdf?id=4')).toBe('https://caf.fr/attestation.pdf?id=4');
    expect(documentKey('pas une adresse')).toBe('pas une adresse');
  });
});
