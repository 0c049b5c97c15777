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
