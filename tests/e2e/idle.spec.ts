import { expect, test, logInOnCaf } from './kiosk-fixture';

/** The idle timeout, with short timings from the station file: warning, "Je suis encore là", then the wipe. */
test.use({ kioskOptions: { idle: { timeoutSeconds: 2, warningSeconds: 4 } } });

test('the warning counts down visibly and "Je suis encore là" keeps the session', async ({ station }) => {
  const { ui } = station;
  await ui.click('button[data-tile="caf"]');
  const warning = ui.locator('[data-overlay="idle-warning"]');
  await expect(warning).toBeVisible({ timeout: 5_000 });
  const first = Number(await warning.locator('[data-countdown]').textContent());
  expect(first).toBeGreaterThanOrEqual(1);
  expect(first).toBeLessThanOrEqual(4);
  await expect.poll(async () => Number(await warning.locator('[data-countdown]').textContent())).toBeLessThan(first);

  await warning.locator('[data-action="still-here"]').click();
  await expect(warning).toBeHidden();
  await expect(ui.locator('header[data-toolbar]')).toBeVisible();
  expect(station.kiosk.controller?.view().screen).toMatchObject({ name: 'site', tileId: 'caf' });
});

test('nobody answers: the visit is wiped and the home screen says so', async ({ station }) => {
  const { ui } = station;
  await ui.click('button[data-tile="caf"]');
  await logInOnCaf(station.site());
  const firstVisitor = station.kiosk.shell.visitor;
  await expect(ui.locator('[data-overlay="idle-warning"]')).toBeVisible({ timeout: 5_000 });
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped-after-idle"]')).toBeVisible({ timeout: 8_000 });
  const next = await station.kiosk.shell.visitorReady();
  expect(next).not.toBe(firstVisitor);
  expect(await next?.context.cookies()).toEqual([]);
  expect(station.logLines.some((line) => line.startsWith('info session-ended {"cause":"idle"'))).toBe(true);
});

test('headless, input sent through the DevTools protocol is nobody\'s: it does not keep the visit alive', async ({ station }) => {
  // A headless browser has no input device; only the kiosk UI's own actions (a tap on a
  // kiosk button) count there. Real input is tested headed (idle-real-input.spec.ts).
  const { ui } = station;
  const site = await station.openTile('caf');
  const start = Date.now();
  while (Date.now() - start < 4_000 && (await ui.locator('[data-overlay="idle-warning"]').count()) === 0) {
    await site.mouse.move(100 + (Date.now() % 50), 200);
    await site.keyboard.press('Tab');
    await ui.waitForTimeout(200);
  }
  await expect(ui.locator('[data-overlay="idle-warning"]')).toBeVisible({ timeout: 5_000 });
});
