import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { TOOLBAR_HEIGHT_PX } from '../../main/core/contract/layout';
import { rendererDir } from '../../main/node/paths';
import { startChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { demoStationConfig } from '../../main/training-server/demo-config';
import { startTrainingServer } from '../../main/training-server/server';
import { CHROMIUM, memoryLog, windowBounds } from './kiosk-fixture';

/**
 * The kiosk as a station runs it: headed, on an X display (here a virtual one,
 * Xvfb, 1024×768), reading the screen size itself, with the two app windows
 * placed by the window system.
 */
const xvfb = spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' }).stdout.trim();
test.skip(xvfb === '', 'Xvfb is not installed (apt-get install xvfb): the headed test needs a virtual display');

let server: ChildProcess | null = null;
const display = `:${90 + Math.floor(Math.random() * 9)}`;

test.beforeAll(async () => {
  server = spawn(xvfb, [display, '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await expect.poll(() => existsSync(`/tmp/.X11-unix/X${display.slice(1)}`), { timeout: 10_000 }).toBe(true);
});
test.afterAll(() => {
  server?.kill();
});

test('headed on an X display: full-screen home, then the toolbar strip above the site', async () => {
  const previous = process.env.DISPLAY;
  process.env.DISPLAY = display;
  const training = await startTrainingServer();
  const kiosk = await startChromiumKiosk({
    config: demoStationConfig(training.port),
    executablePath: CHROMIUM,
    headless: false,
    rendererDir: rendererDir(),
    log: memoryLog([]),
  });
  try {
    const ui = kiosk.shell.uiPage;
    await ui.waitForSelector('body[data-ready="true"]');
    const home = await windowBounds(ui);
    expect(home).toMatchObject({ left: 0, top: 0 });
    expect(Math.abs(home.width - 1024)).toBeLessThanOrEqual(2);
    expect(Math.abs(home.height - 768)).toBeLessThanOrEqual(2);

    await ui.click('button[data-tile="caf"]');
    const site = kiosk.shell.visitor?.page;
    if (site === undefined) throw new Error('no visitor browser');
    await expect(site.locator('h1')).toBeVisible();
    expect(await windowBounds(ui)).toEqual({ left: 0, top: 0, width: 1024, height: TOOLBAR_HEIGHT_PX });
    expect(await windowBounds(site)).toEqual({ left: 0, top: TOOLBAR_HEIGHT_PX, width: 1024, height: 768 - TOOLBAR_HEIGHT_PX });
    expect(await site.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([1024, 768 - TOOLBAR_HEIGHT_PX]);
  } finally {
    await kiosk.close();
    await training.close();
    if (previous === undefined) delete process.env.DISPLAY;
    else process.env.DISPLAY = previous;
  }
});
