import QRCode from 'qrcode';
import type { QrMatrix } from '../core/printer/document';

/**
 * The QR matrix of an address, from the `qrcode` library, computed once and
 * used for both the printed memo (native or raster) and its preview.
 * Error correction M: readable on thermal paper, small enough for 58 mm.
 */
export function makeQrMatrix(data: string): QrMatrix {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  return { size: modules.size, modules: Array.from(modules.data, (bit) => bit === 1) };
}
