import { expect, test } from '@playwright/test';
import { KIOSK_ACTION_TABLE } from '../../main/core/contract/actions';
import { KIOSK_ACTIONS } from '../../main/core/contract/kiosk-api';
import { startTestKiosk } from './kiosk-fixture';
import { demoStation, kioskView, launchUiBrowser, openKioskUi } from './ui-harness';

/**
 * The action table (main/core/contract/actions.ts) in the Chromium shell, in a
 * real page of the distribution's Chromium: `window.kiosk` has exactly the
 * table's actions, a call with bad arguments is refused with the action's name
 * and changes nothing, and the UI's buttons send exactly an action's arguments.
 */

test('the Chromium kiosk refuses bad arguments for every action, naming it, and keeps serving the visitor', async () => {
  const kiosk = await startTestKiosk();
  try {
    const { ui } = kiosk;
    const exposed = await ui.evaluate(() => Object.keys((window as unknown as { kiosk: object }).kiosk).sort());
    expect(exposed).toEqual([...KIOSK_ACTIONS, 'onViewChanged'].sort());

    const calls = KIOSK_ACTIONS.map((action) => ({ action, args: [...KIOSK_ACTION_TABLE[action].args.map(() => 'x'), 'extra'] }));
    const outcomes = await ui.evaluate(async (bad) => {
      const api = (window as unknown as { kiosk: Record<string, (...args: unknown[]) => Promise<unknown>> }).kiosk;
      const results: string[] = [];
      for (const { action, args } of bad) {
        results.push(await api[action]!(...args).then(() => `${action}: accepted`, (error: unknown) => (error instanceof Error ? error.message : String(error))));
      }
      return results;
    }, calls);
    // A staff action is refused before its arguments are read: no staff session is open (issue 14).
    for (const [index, { action }] of calls.entries()) expect(outcomes[index], action).toContain(KIOSK_ACTION_TABLE[action].caller === 'staff' ? `${action}: staff only` : `${action}: wrong arguments`);

    // Typed wrong, one by one: nothing opened, the home screen is still there.
    const wrongTypes = await ui.evaluate(async () => {
      const api = (window as unknown as { kiosk: Record<string, (...args: unknown[]) => Promise<unknown>> }).kiosk;
      const refused = async (call: () => Promise<unknown>): Promise<string> => call().then(() => 'accepted', (error: unknown) => (error instanceof Error ? error.message : String(error)));
      return [
        await refused(() => api['openTile']!(42)),
        await refused(() => api['openTile']!('../caf')),
        await refused(() => api['setTextSize']!('huge')),
        await refused(() => api['setGuidePanel']!(true, 'up')),
        await refused(() => api['printMemo']!(['caf', 'caf'], 'fr')),
      ];
    });
    expect(wrongTypes).toEqual([
      expect.stringContaining('openTile: wrong arguments'),
      expect.stringContaining('openTile: wrong arguments'),
      expect.stringContaining('setTextSize: wrong arguments'),
      expect.stringContaining('setGuidePanel: wrong arguments'),
      expect.stringContaining('printMemo: wrong arguments'),
    ]);
    await expect(ui.locator('main[data-screen="home"]')).toBeVisible();

    // The same bridge still serves a good call.
    await ui.click('button[data-tile="caf"]');
    await expect(ui.locator('header[data-toolbar]')).toBeVisible();
  } finally {
    await kiosk.close();
  }
});

test("the UI's buttons send an action's own arguments, never the click event", async () => {
  const browser = await launchUiBrowser();
  try {
    const { station } = demoStation();
    const ui = await openKioskUi(browser, { view: kioskView(station) });
    await ui.page.click('[data-action="memo"]');
    expect((await ui.waitForCall('openMemo')).args).toEqual([]);
    await ui.page.click('button[data-tile="caf"]');
    expect((await ui.waitForCall('openTile')).args).toEqual(['caf']);
    await ui.pushView(kioskView(station, { screen: { name: 'site', tileId: 'caf', loading: false }, openedTiles: ['caf'] }));
    const since = ui.calls.length;
    await ui.page.click('[data-action="home"]');
    expect((await ui.waitForCall('goHome', since)).args).toEqual([]);
    await ui.page.click('[data-action="end-session"]');
    expect((await ui.waitForCall('requestEndSession', since)).args).toEqual([]);
    expect(ui.errors).toEqual([]);
    await ui.close();
  } finally {
    await browser.close();
  }
});
