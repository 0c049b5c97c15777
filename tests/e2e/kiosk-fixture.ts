import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import type { StationConfig } from '../../main/core/config/station-config';
import type { KioskLog } from '../../main/core/log';
import { rendererDir } from '../../main/node/paths';
import { startChromiumKiosk, type RunningChromiumKiosk } from '../../main/shells/chromium/start-chromium-kiosk';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';
import { demoStationConfig } from '../../main/dev-tools/training-sites/demo-config';
import { startVirtualDisplay, type VirtualDisplay } from '../support/x-display';
import { confinedChromium, confinementUnavailable } from '../support/confined-chromium';

export const DISPLAY = { width: 1280, height: 800 };
export const CHROMIUM = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The station's Chromium policies (build/linux/chromium-policies/) are in force in
 * the test kiosk's browsers, confined to them (tests/support/confined-chromium.ts).
 * Where that is impossible the kiosk runs without them, checks off, and says so once.
 */
const CONFINEMENT_PROBLEM = confinementUnavailable();
if (CONFINEMENT_PROBLEM !== null) process.stdout.write(`kiosk-fixture: station Chromium policies not applied (${CONFINEMENT_PROBLEM})\n`);
let confined: string | null = null;
/** The Chromium the test kiosks use: with the station policies, confined (see above). */
export function kioskChromium(): string {
  confined ??= confinedChromium(CHROMIUM).executablePath;
  return confined;
}
export const POLICIES_CONFINED = CONFINEMENT_PROBLEM === null;

export interface TestKiosk {
  kiosk: RunningChromiumKiosk;
  training: TrainingServer;
  config: StationConfig;
  ui: Page;
  /** The current visitor's site page (a new one after every wipe). */
  site(): Page;
  /** The site page once the wipe has taken the next visitor's browser (after a short visit it may still be starting). */
  siteReady(): Promise<Page>;
  /** Taps a tile on the home screen and returns the démarche's page once its heading shows. */
  openTile(id: string): Promise<Page>;
  logLines: string[];
  close(): Promise<void>;
}

export interface TestKioskOptions {
  idle?: StationConfig['idle'];
  edit?: (config: StationConfig) => StationConfig;
  /** Tiles added after the demo station's own (after `edit`), e.g. the hostile training site's. */
  extraTiles?: (config: StationConfig) => StationConfig['tiles'];
  display?: VirtualDisplay;
  executablePath?: string;
  /** The file picker's test tools: SANE's test backend options, a fast USB folder poll. */
  attachmentTools?: { scannerExtraArgs?: readonly string[]; pollMs?: number };
  /** The station's CUPS (`CUPS_SERVER`), e.g. a private one (tests/support/private-cups.ts). */
  cupsEnv?: NodeJS.ProcessEnv;
  /** The station file's path (it need not exist): with it the kiosk keeps its records and opens staff mode (its `staff` keys are relative to it). */
  stationFile?: string;
}

/** The real kiosk on headless Chromium, on the demo station pointed at a fresh training server. */
export async function startTestKiosk(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const training = await startTrainingServer();
  const base = demoStationConfig(training.port, options.idle);
  const edited = options.edit ? options.edit(base) : base;
  const config = options.extraTiles ? { ...edited, tiles: [...edited.tiles, ...options.extraTiles(edited)] } : edited;
  const logLines: string[] = [];
  // Headed on a virtual display when one is given (real windows, real keys), else headless.
  const kiosk = await startChromiumKiosk({
    config,
    executablePath: options.executablePath ?? (POLICIES_CONFINED ? kioskChromium() : CHROMIUM),
    requireBrowserPolicies: options.executablePath !== undefined || POLICIES_CONFINED,
    headless: options.display === undefined,
    rendererDir: rendererDir(),
    display: options.display === undefined ? DISPLAY : { width: options.display.width, height: options.display.height },
    log: memoryLog(logLines),
    ...(options.display === undefined ? {} : { xDisplay: options.display.name }),
    ...(options.attachmentTools === undefined ? {} : { attachmentTools: options.attachmentTools }),
    ...(options.cupsEnv === undefined ? {} : { cupsEnv: options.cupsEnv }),
    ...(options.stationFile === undefined ? {} : { stationFile: options.stationFile }),
  });
  const ui = kiosk.shell.uiPage;
  await ui.waitForSelector('body[data-ready="true"]');
  const site = (): Page => {
    const visitor = kiosk.shell.visitor;
    if (visitor === null) throw new Error('no visitor browser');
    return visitor.page;
  };
  // After a short visit the next browser may still be starting: the démarche waits for it.
  const siteReady = async (): Promise<Page> => {
    await kiosk.shell.visitorReady();
    return site();
  };
  return {
    kiosk,
    training,
    config,
    ui,
    site,
    siteReady,
    openTile: async (id) => {
      await ui.click(`button[data-tile="${id}"]`);
      const page = await siteReady();
      await expect(page.locator('h1')).toBeVisible();
      return page;
    },
    logLines,
    close: async () => {
      await kiosk.close();
      await training.close();
    },
  };
}

export interface HeadedTestKiosk extends TestKiosk {
  display: VirtualDisplay;
}

/** The kiosk headed on a virtual display of its own (real windows, real keys); `close` closes both. */
export async function startHeadedKiosk(options: Omit<TestKioskOptions, 'display'> = {}): Promise<HeadedTestKiosk> {
  const display = await startVirtualDisplay(DISPLAY.width, DISPLAY.height);
  let station: TestKiosk;
  try {
    station = await startTestKiosk({ ...options, display });
    // The next visitor's browser starts in the background, and its window takes the keyboard
    // as it appears (the kiosk gives it back at once: x-keyboard-keeper.ts). Tests that type
    // start once it is up; tests/e2e/keyboard-on-screen.spec.ts is about that moment itself.
    await station.kiosk.shell.nextVisitorSettled();
  } catch (error) {
    display.close();
    throw error;
  }
  return {
    ...station,
    display,
    close: async () => {
      await station.close();
      display.close();
    },
  };
}

/**
 * Playwright's `test` with a fresh kiosk for each test that asks for `station`:
 * started before the test, closed after it whatever happened. A file says how
 * it starts with `test.use({ kioskOptions: … })`.
 */
export const test = base.extend<{ kioskOptions: TestKioskOptions; station: TestKiosk }>({
  kioskOptions: [{}, { option: true }],
  station: async ({ kioskOptions }, use) => {
    const station = await startTestKiosk(kioskOptions);
    await use(station);
    await station.close();
  },
});
export { expect } from '@playwright/test';

export function memoryLog(lines: string[]): KioskLog {
  const record = (level: string) => (event: string, fields?: object) => void lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  return { info: record('info'), warn: record('warn'), error: record('error') };
}

/** Writes a station file to a temporary folder and returns its path. */
export function writeTempConfig(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The bounds of a page's window, through the DevTools protocol. */
export async function windowBounds(page: Page): Promise<{ left: number; top: number; width: number; height: number }> {
  const cdp = await page.context().newCDPSession(page);
  const { windowId } = await cdp.send('Browser.getWindowForTarget');
  const { bounds } = await cdp.send('Browser.getWindowBounds', { windowId });
  await cdp.detach();
  return { left: bounds.left ?? 0, top: bounds.top ?? 0, width: bounds.width ?? 0, height: bounds.height ?? 0 };
}

export { logInOnCaf } from '../support/training-login';
