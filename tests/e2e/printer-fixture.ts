import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { test } from './kiosk-fixture';

/**
 * The kiosk `test` with a fake ESC/POS receipt printer on a real serial path
 * (tests/support/fake-printer.ts) as the station's printer: plugged in before
 * the kiosk starts, unplugged after it has closed.
 */
export const testWithPrinter = test.extend<{ printer: FakePrinter }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads what a fixture needs from this pattern: nothing.
  printer: async ({}, use) => {
    const printer = await startFakePrinter();
    await use(printer);
    await printer.stop();
  },
  kioskOptions: async ({ printer }, use) => {
    await use({ edit: (config) => ({ ...config, printer: { kind: 'escpos-serial', port: printer.devicePath, profile: 'generic-58mm' } }) });
  },
});
