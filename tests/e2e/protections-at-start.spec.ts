import { expect, test } from '@playwright/test';
import { startXInputFilter } from '../../main/node/x-input-filter';
import { confinedChromium, confinementUnavailable } from '../support/confined-chromium';
import { missingXTools, startVirtualDisplay } from '../support/x-display';
import { CHROMIUM, POLICIES_CONFINED, startTestKiosk } from './kiosk-fixture';

/**
 * Fail closed (issue 9, part 3): a kiosk whose browser-level protections are not
 * in force serves no visitor. "Hors service" on screen, the reason in the log.
 */
test('without the station\'s Chromium policies the kiosk is out of order and says why in the log', async () => {
  const problem = confinementUnavailable();
  test.skip(problem !== null, `policy confinement unavailable: ${problem}`);
  // The same confinement as every other test kiosk, with an empty policy folder.
  const station = await startTestKiosk({ executablePath: confinedChromium(CHROMIUM, []).executablePath });
  try {
    await expect(station.ui.locator('main[data-screen="out-of-order"]')).toBeVisible();
    await expect(station.ui.locator('button[data-tile]')).toHaveCount(0);
    const line = station.logLines.find((entry) => entry.includes('chromium-policies-missing'));
    expect(line, station.logLines.join('\n')).toBeDefined();
    expect(line).toContain('PrintingEnabled (printing.enabled): not managed by a policy');
    expect(station.kiosk.shell.visitor).toBeNull();
  } finally {
    await station.close();
  }
});

test('with a policy of the wrong value the kiosk is out of order too', async () => {
  const problem = confinementUnavailable();
  test.skip(problem !== null, `policy confinement unavailable: ${problem}`);
  const station = await startTestKiosk({ executablePath: confinedChromium(CHROMIUM, [{ PrintingEnabled: true }]).executablePath });
  try {
    await expect(station.ui.locator('main[data-screen="out-of-order"]')).toBeVisible();
    expect(station.logLines.find((entry) => entry.includes('chromium-policies-missing'))).toContain('PrintingEnabled (printing.enabled): true instead of false');
  } finally {
    await station.close();
  }
});

test('when the input filter cannot take its keys (another program holds them) the headed kiosk is out of order', async () => {
  const missing = missingXTools();
  test.skip(missing !== null, `no virtual display: ${missing}`);
  test.skip(!POLICIES_CONFINED, 'the station policies cannot be confined here (the kiosk would be out of order for that reason first)');
  const display = await startVirtualDisplay(1280, 800);
  const squatter = await startXInputFilter(display.name);
  try {
    const station = await startTestKiosk({ display });
    try {
      await expect(station.ui.locator('main[data-screen="out-of-order"]')).toBeVisible();
      expect(station.logLines.some((entry) => entry.includes('input-filter-failed')), station.logLines.join('\n')).toBe(true);
    } finally {
      await station.close();
    }
  } finally {
    squatter.close();
    display.close();
  }
});
