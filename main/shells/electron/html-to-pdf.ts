import { BrowserWindow } from 'electron';
import type { HtmlToPdf } from '../../printer/system-memo-printer';

/**
 * The A4 memo as a PDF, made by Electron's own Chromium in a hidden window:
 * no script, no preload, an in-memory partition of its own, destroyed after
 * each job. Used for stations with an ordinary printer.
 */
export const htmlToPdfWithElectron: HtmlToPdf = async (html) => {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false, partition: 'memo-pdf' },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return new Uint8Array(await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true }));
  } finally {
    window.destroy();
  }
};
