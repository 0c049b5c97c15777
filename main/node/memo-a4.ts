import { QR_QUIET_ZONE, qrSvgPath, type PrintBlock, type PrintDocument, type QrMatrix } from '../core/printer/document';

/**
 * The memo for an ordinary printer: the same document as the receipt, laid
 * out on an A4 page (two columns of text would cut the write-in lines short:
 * one column, large print, real lines to write on). Self-contained HTML, no
 * script, no outside resource.
 */
export function memoToA4Html(document: PrintDocument): string {
  // A run that a page must not split is one section the printer moves whole to the next page.
  const starts = new Map((document.keepTogether ?? []).map(([first, end]) => [first, end]));
  const parts: string[] = [];
  let open = -1;
  document.blocks.forEach((block, index) => {
    if (index === open) {
      parts.push('</section>');
      open = -1;
    }
    const end = starts.get(index);
    if (open === -1 && end !== undefined && end > index) {
      parts.push(block.kind === 'cut' ? '<section class="keep clues">' : '<section class="keep">');
      open = end;
    }
    parts.push(blockHtml(block));
  });
  if (open !== -1) parts.push('</section>');
  const body = parts.join('\n');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mon mémo personnel</title>
<style>
@page { size: A4; margin: 18mm 20mm; }
body { font: 13pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; }
p { margin: 0.2em 0; }
.bold { font-weight: 700; } .underline { text-decoration: underline; } .large { font-size: 20pt; }
.center { text-align: center; } .right { text-align: right; }
hr { border: none; border-top: 1.5pt solid #000; margin: 0.8em 0; } hr.dashed { border-top-style: dashed; }
.line { border-bottom: 1pt solid #000; height: 1.4cm; }
svg { display: block; width: 3cm; height: 3cm; margin: 0.3em auto 0; }
.cut { border-top: 1.5pt dashed #000; text-align: center; margin: 1.2em 0; padding-top: 0.3em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
svg + p { text-align: center; font-size: 11pt; }
</style></head>
<body>
${body}
</body></html>`;
}

function blockHtml(block: PrintBlock): string {
  switch (block.kind) {
    case 'text': {
      const style = block.style ?? {};
      const classes = [style.bold ? 'bold' : '', style.underline ? 'underline' : '', style.size === 2 ? 'large' : '', style.align === 'center' ? 'center' : style.align === 'right' ? 'right' : ''].filter(Boolean);
      return `<p${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(block.text)}</p>`;
    }
    case 'rule':
      return block.style === 'dashed' ? '<hr class="dashed">' : '<hr>';
    case 'write-in':
      return `<p>${escapeHtml(block.label)}</p>${'<div class="line"></div>'.repeat(block.lines)}`;
    case 'qr':
      return qrSvg(block.matrix);
    case 'feed':
      return `<div style="height:${block.lines * 0.5}em"></div>`;
    case 'cut':
      return `<p class="cut">✂ ${escapeHtml(block.label)}</p>`;
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

function qrSvg(matrix: QrMatrix): string {
  const size = matrix.size + QR_QUIET_ZONE * 2;
  const path = qrSvgPath(matrix);
  return `<svg viewBox="0 0 ${size} ${size}" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
