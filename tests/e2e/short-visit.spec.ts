import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, kioskChromium, POLICIES_CONFINED, startTestKiosk, type TestKiosk } from './kiosk-fixture';
import { test } from '@playwright/test';

/**
 * A visit shorter than a browser's start (a visitor who taps a tile and leaves at
 * once, a site that crashes on arrival): the spare browser for the next visitor,
 * started after the last wipe, is still starting when this visit's wipe begins.
 * The home screen must not wait for it ("Effacement en cours…" once stayed on for
 * more than 10 s under load): the next visitor's browser is taken and proved clean
 * by a deferred step, and a démarche opened meanwhile waits for it.
 *
 * The browser's start is made slow for real: the kiosk runs Chromium through a
 * wrapper that waits before starting it for as long as a switch file exists (the
 * test removes it; at most 30 s), and marks the wait with a file of its own.
 */

let station: TestKiosk;
let control: string;

test.beforeAll(async () => {
  test.skip(!POLICIES_CONFINED, 'the wrapper needs the confined station Chromium (see kiosk-fixture: policies not applied)');
  control = mkdtempSync(join(tmpdir(), 'slow-start-'));
  const wrapper = join(control, 'chromium');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `if [ -e '${control}/slow' ]; then`,
      `  touch '${control}/waiting.$$'`,
      '  tries=0',
      `  while [ -e '${control}/slow' ] && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done`,
      `  rm -f '${control}/waiting.$$'`,
      'fi',
      `exec '${kioskChromium()}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  station = await startTestKiosk({ executablePath: wrapper });
});

test.afterAll(async () => {
  await station?.close();
  if (control !== undefined) rmSync(control, { recursive: true, force: true });
});

const waiting = () => readdirSync(control).filter((name) => name.startsWith('waiting.'));

test('after a visit shorter than a browser start, the home screen does not wait; the next démarche gets a fresh browser', async () => {
  test.setTimeout(90_000);
  const { ui } = station;
  // Visitor 1 leaves normally; from now on browsers start slowly, so the spare
  // started after this wipe is still starting when visitor 2 leaves.
  const first = await station.openTile('caf');
  await first.context().addCookies([{ name: 'visitor', value: '1', url: first.url() }]);
  writeFileSync(join(control, 'slow'), '');
  await ui.click('[data-action="end-session"]');
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  await expect.poll(waiting, { timeout: 10_000 }).toHaveLength(1); // the spare's start has begun, and waits

  // Visitor 2: a very short visit.
  const second = await station.openTile('caf');
  await second.context().addCookies([{ name: 'visitor', value: '2', url: second.url() }]);
  const secondFolder = station.kiosk.shell.visitor?.folder ?? '';
  const spareStarting = waiting();
  await ui.click('[data-action="end-session"]');
  await ui.click('[data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  // The home screen is back while the next visitor's browser is still starting (the same start, not a later one).
  expect(waiting()).toEqual(spareStarting);
  expect(station.kiosk.shell.visitor).toBeNull(); // no browser for sites until it is proved clean
  rmSync(join(control, 'slow'));

  // Visitor 3 taps a tile at once: the démarche waits for the new browser, which holds nothing.
  await ui.click('button[data-tile="caf"]');
  const third = await station.siteReady();
  await expect(third.locator('h1')).toBeVisible();
  expect(await third.context().cookies()).toEqual([]);
  expect(station.kiosk.shell.visitor?.folder).not.toBe(secondFolder);

  const report = await station.kiosk.controller?.wipeSettled();
  expect(report?.steps.filter((step) => !step.ok)).toEqual([]);
  expect(report?.ok).toBe(true);
  expect(report?.steps.map((step) => step.name)).toContain('verify-next-site');
  expect(existsSync(secondFolder)).toBe(false);
});
