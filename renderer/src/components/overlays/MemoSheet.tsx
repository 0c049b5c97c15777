import { QR_QUIET_ZONE, qrSvgPath, type PrintBlock, type PrintDocument, type QrMatrix } from '../../../../main/core/printer/document';
import type { MemoPreview } from '../../../../main/core/contract/kiosk-api';
import { htmlLangFor } from '../../i18n';

/**
 * The memo as it prints, drawn from the same document the printer receives:
 * the same lines, the same blank places to write on, the same QR codes
 * (drawn module by module from the same matrix).
 */
export function MemoSheet({ document, label, language }: { document: PrintDocument; label: string; language: MemoPreview['printedIn'] }) {
  // The sheet scrolls inside the panel: focusable, so a keyboard can scroll it too.
  return (
    <section className="memo-sheet" aria-label={label} data-memo-sheet="" lang={htmlLangFor(language)} dir="ltr" tabIndex={0}>
      {document.blocks.map((block, index) => (
        <Block key={index} block={block} />
      ))}
    </section>
  );
}

function Block({ block }: { block: PrintBlock }) {
  switch (block.kind) {
    case 'text': {
      const style = block.style ?? {};
      const className = ['memo-text', style.bold ? 'memo-text--bold' : '', style.underline ? 'memo-text--underline' : '', style.size === 2 ? 'memo-text--large' : '', `memo-text--${style.align ?? 'left'}`].join(' ');
      return <p className={className}>{block.text}</p>;
    }
    case 'rule':
      return <hr className={`memo-rule memo-rule--${block.style}`} />;
    case 'write-in':
      return (
        <div className="memo-write-in">
          <p className="memo-text">{block.label}</p>
          {Array.from({ length: block.lines }, (_, line) => (
            <div key={line} className="memo-write-line" aria-hidden="true" />
          ))}
        </div>
      );
    case 'qr':
      return <QrCode matrix={block.matrix} data={block.data} />;
    case 'feed':
      return <div className="memo-feed" style={{ height: `${block.lines * 0.6}em` }} aria-hidden="true" />;
    case 'cut':
      return (
        <p className="memo-cut" data-memo-cut="">
          ✂ {block.label}
        </p>
      );
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

function QrCode({ matrix, data }: { matrix: QrMatrix; data: string }) {
  const size = matrix.size + QR_QUIET_ZONE * 2;
  const path = qrSvgPath(matrix);
  return (
    <svg className="memo-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={data} data-qr={data} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
