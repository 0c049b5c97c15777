import { chromium } from 'playwright-core';
import { QUIET_FLAGS, sandboxFlags } from './launch-flags';

/**
 * The A4 memo as a PDF, made by a short-lived headless Chromium: no network
 * (the page has no outside resource and every request is refused), no
 * profile kept. Used for stations with an ordinary printer.
 */
export function htmlToPdfWithChromium(executablePath: string): (html: string) => Promise<Uint8Array> {
  return async (html) => {
    const browser = await chromium.launch({ executablePath, headless: true, chromiumSandbox: process.getuid?.() !== 0, args: [...QUIET_FLAGS, ...sandboxFlags(process.getuid?.() === 0)] });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true });
    } finally {
      await browser.close();
    }
  };
}
