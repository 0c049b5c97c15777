import type { CDPSession, Page } from 'playwright-core';
import { MANAGED_PREFS_PAGE, missingPolicies } from '../../core/lockdown/browser-policies';
import { BLANK_APP_URL } from './launch-flags';

/**
 * Reads the browser's managed preferences on its own blank window, before the
 * kiosk shows anything in it, and returns the required policies that are not
 * in force (core/lockdown/browser-policies.ts). The page's history is reset
 * afterwards, so "back" can never lead to the preferences page.
 */
export async function browserPolicyProblems(page: Page, cdp: CDPSession): Promise<string[]> {
  let prefs: unknown;
  try {
    await page.goto(MANAGED_PREFS_PAGE, { timeout: 15_000 });
    prefs = JSON.parse(await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText));
  } catch (error) {
    return [`${MANAGED_PREFS_PAGE} could not be read (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`];
  } finally {
    await page.goto(BLANK_APP_URL).catch(() => undefined);
    await cdp.send('Page.resetNavigationHistory').catch(() => undefined);
  }
  return missingPolicies(prefs);
}

/** Thrown when a browser starts without the station's policies: it must serve nobody. */
export class BrowserPolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`the station's Chromium policies are not in force: ${problems.join('; ')}`);
  }
}
