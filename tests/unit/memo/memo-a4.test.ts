import { describe, expect, it } from 'vitest';
import { memoToA4Html } from '../../../main/node/memo-a4';

describe('the A4 memo', () => {
  const html = memoToA4Html({
    blocks: [
      { kind: 'text', text: 'Mon mémo <b>personnel</b>', style: { bold: true, size: 2, align: 'center' } },
      { kind: 'write-in', label: 'Mon identifiant :', lines: 2 },
      { kind: 'qr', data: 'https://www.caf.fr/', matrix: { size: 2, modules: [true, false, false, true] } },
      { kind: 'cut', label: 'à découper' },
    ],
  });

  it('escapes text, so a station file cannot inject markup', () => {
    expect(html).toContain('Mon mémo &#60;b&#62;personnel&#60;/b&#62;');
    expect(html).not.toContain('<b>');
  });

  it('has real lines to write on, the QR modules, and the cut between the parts', () => {
    expect(html.match(/class="line"/g)).toHaveLength(2);
    expect(html).toContain('M4 4h1v1h-1zM5 5h1v1h-1z');
    expect(html).toContain('<p class="cut">✂ à découper</p>');
    expect(html).toContain('@page { size: A4;');
  });

  it('has no script and loads nothing from outside', () => {
    expect(html).not.toMatch(/<script|src=|href=|url\(/i);
  });
});

describe('the A4 memo, runs a page must not split', () => {
  const html = memoToA4Html({
    blocks: [
      { kind: 'text', text: 'Intro' },
      { kind: 'text', text: 'CAF' },
      { kind: 'text', text: 'Ce QR code ouvre www.caf.fr' },
      { kind: 'rule', style: 'dashed' },
      { kind: 'cut', label: 'à découper' },
      { kind: 'write-in', label: 'CAF — indice :', lines: 1 },
    ],
    keepTogether: [
      [1, 3],
      [4, 6],
    ],
  });

  it('wraps each run in a section the printer keeps on one page, the clue part with its cut line', () => {
    expect(html).toContain('.keep { break-inside: avoid;');
    expect(html).toContain('<p>Intro</p>\n<section class="keep">\n<p>CAF</p>\n<p>Ce QR code ouvre www.caf.fr</p>\n</section>\n<hr class="dashed">');
    expect(html).toContain('<section class="keep clues">\n<p class="cut">✂ à découper</p>\n<p>CAF — indice :</p><div class="line"></div>\n</section>');
  });
});
