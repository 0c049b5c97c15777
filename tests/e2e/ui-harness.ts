import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from '@playwright/test';
import type { LanguageCode } from '../../main/core/config/languages';
import type { StationConfig } from '../../main/core/config/station-config';
import { KIOSK_ACTIONS, isKioskAction, type KioskAction, type MemoPreview } from '../../main/core/contract/kiosk-api';
import type { KioskView, StationInfo } from '../../main/core/contract/kiosk-view';
import { layoutRects, type KioskLayout, type ScreenSize } from '../../main/core/contract/layout';
import { MemoDesk } from '../../main/core/memo/memo-desk';
import { stationInfo } from '../../main/core/session/kiosk-controller';
import { readShippedConfig } from '../../main/node/load-config';
import { rendererDir } from '../../main/node/paths';
import { makeQrMatrix } from '../../main/node/qr-matrix';
import { systemClock } from '../../main/node/system-clock';
import { createUiRequestHandler } from '../../main/node/ui-files';
import { installKioskBridge } from '../../main/shells/chromium/kiosk-ui-window';
import { QUIET_FLAGS, sandboxFlags } from '../../main/shells/chromium/launch-flags';

/**
 * The BUILT kiosk UI (dist/renderer, `node build/scripts/build.mjs`) alone in a
 * page of the distribution's Chromium, without the kiosk's main process: the
 * files are served through the shells' own handler (same origin, same strict
 * CSP) and `window.kiosk` is a fake that answers from the test. The page gets
 * exactly the surface the layout gives the UI on a 1280×800 screen.
 */

export const CHROMIUM = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREEN: ScreenSize = { width: 1280, height: 800 };
/** The origin the Chromium shell serves the UI from; nothing listens there, the route answers. */
export const UI_ORIGIN = 'http://kiosk.localhost';

/** The distribution's Chromium, headless, with the kiosk's own quiet flags. */
export function launchUiBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...QUIET_FLAGS, ...sandboxFlags(process.getuid?.() === 0)],
  });
}

/** The demo station (kiosk-config/demo.json) as the UI receives it, with a receipt printer. */
export function demoStation(): { config: StationConfig; station: StationInfo } {
  const config = readShippedConfig('demo.json');
  return { config, station: stationInfo(config, 'receipt') };
}

/** A complete view on the home screen; `patch` changes any part of it. */
export function kioskView(station: StationInfo | null, patch: Partial<KioskView> = {}): KioskView {
  return {
    screen: { name: 'home', notice: null },
    overlay: { name: 'none' },
    station,
    visitorGeneration: 1,
    openedTiles: [],
    layout: 'full',
    guideOpen: false,
    keyboard: null,
    connectivity: 'online',
    staff: null,
    ...patch,
  };
}

/** The size of the UI's own surface in a layout, on the 1280×800 screen unless told. */
export function surfaceOf(layout: KioskLayout, screen: ScreenSize = SCREEN): { width: number; height: number } {
  const { ui } = layoutRects(layout, screen);
  return { width: ui.width, height: ui.height };
}

export interface ActionCall {
  action: KioskAction;
  args: unknown[];
}

/** Answers an action instead of the default; return undefined for "resolved, nothing to say". */
export type ActionResponder = (args: unknown[], ui: KioskUi) => unknown;

export interface OpenKioskUiOptions {
  view: KioskView;
  /** The station file behind the memo preview; the demo station by default. */
  config?: StationConfig;
  /** The screen the layout shares out; 1280×800 by default. */
  screen?: ScreenSize;
}

export interface KioskUi {
  page: Page;
  context: BrowserContext;
  /** The view the fake main process holds (what getView() answers). */
  readonly view: KioskView;
  /** Every action the UI called since the page opened or the last visitor change, in order (reportActivity included). */
  readonly calls: readonly ActionCall[];
  /** Uncaught errors and console errors of the page, since it opened or the last visitor change. */
  readonly errors: readonly string[];
  /** The screen the layouts share out (what the page's surface is computed from). */
  readonly screen: ScreenSize;
  /** Publishes a new view, as the main process does; the page is resized first if the layout changes. */
  pushView(view: KioskView): Promise<void>;
  /** Another screen size: the page takes the surface the current layout gives the UI on it. */
  setScreen(screen: ScreenSize): Promise<void>;
  /**
   * The next visitor, as after a wipe: `view` is published with a new visitor
   * generation, so the UI drops all of its own state (language, panels, display);
   * the recorded calls and errors start afresh. Lets one page serve many tests.
   */
  nextVisitor(view: KioskView): Promise<void>;
  /** Replaces the default answer to an action (e.g. move the guide where the UI asks). */
  respond(action: KioskAction, responder: ActionResponder): void;
  /** Resolves with the first call of `action` made after `since` (an index into `calls`). */
  waitForCall(action: KioskAction, since?: number, timeoutMs?: number): Promise<ActionCall>;
  /** Chooses a language as a visitor does: the toolbar's "Langue" button, then the language. */
  chooseLanguage(language: LanguageCode): Promise<void>;
  /** Waits until nothing moves: fonts loaded, finite animations and transitions over, focus settled. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the built UI in a new context of `browser`, on the surface of
 * `options.view.layout`, with a fake `window.kiosk` that answers `getView()`
 * with that view and records every action.
 */
export async function openKioskUi(browser: Browser, options: OpenKioskUiOptions): Promise<KioskUi> {
  if (!existsSync(join(rendererDir(), 'index.html'))) throw new Error(`${rendererDir()} has no index.html: build the UI first (node build/scripts/build.mjs)`);
  const config = options.config ?? readShippedConfig('demo.json');
  const printerKind = options.view.station?.printer ?? 'none';
  const memoDesk = new MemoDesk(
    config,
    printerKind === 'none' ? null : { kind: printerKind, print: () => Promise.resolve({ ok: true }) },
    makeQrMatrix,
    systemClock,
    { info: () => undefined, warn: () => undefined, error: () => undefined },
  );
  let screen = options.screen ?? SCREEN;
  const context = await browser.newContext({ viewport: surfaceOf(options.view.layout, screen), locale: 'fr-FR', acceptDownloads: false });
  const handle = createUiRequestHandler(rendererDir(), { protocol: 'http:', host: new URL(UI_ORIGIN).host });
  // Only the UI's own files are answered; any other request fails, as in the shell.
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    if (!request.url().startsWith(`${UI_ORIGIN}/`)) return route.abort('blockedbyclient');
    const response = await handle({ url: request.url(), method: request.method() });
    return route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers.entries()), body: Buffer.from(await response.arrayBuffer()) });
  });

  let current = options.view;
  let calls: ActionCall[] = [];
  let errors: string[] = [];
  const responders = new Map<KioskAction, ActionResponder>();
  const waiters: { action: KioskAction; since: number; resolve: (call: ActionCall) => void }[] = [];

  const defaults: Partial<Record<KioskAction, (args: unknown[]) => unknown>> = {
    getView: () => current,
    previewMemo: ([tileIds, language]): MemoPreview => memoDesk.preview(tileIds as string[], language as LanguageCode),
    printMemo: () => ({ ok: true }),
  };

  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  const ui: KioskUi = {
    page,
    context,
    get view() {
      return current;
    },
    get calls() {
      return calls;
    },
    get errors() {
      return errors;
    },
    get screen() {
      return screen;
    },
    async setScreen(next) {
      screen = next;
      await page.setViewportSize(surfaceOf(current.layout, screen));
      await settle(page);
    },
    async pushView(view) {
      if (view.layout !== current.layout) await page.setViewportSize(surfaceOf(view.layout, screen));
      current = view;
      await page.evaluate((next) => {
        (globalThis as unknown as { __kioskReceiveView?: (view: unknown) => void }).__kioskReceiveView?.(next);
      }, view);
      await settle(page);
    },
    async nextVisitor(view) {
      calls = [];
      errors = [];
      await ui.pushView({ ...view, visitorGeneration: current.visitorGeneration + 1 });
    },
    respond(action, responder) {
      responders.set(action, responder);
    },
    waitForCall(action, since = 0, timeoutMs = 5_000) {
      const done = calls.slice(since).find((call) => call.action === action);
      if (done !== undefined) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the UI did not call ${action} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          action,
          since,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        });
      });
    },
    async chooseLanguage(language) {
      await page.locator('[data-action="languages"]').click();
      await page.locator(`[data-language="${language}"]`).click();
      // Easy-to-read French is still French for the page (`lang="fr"`).
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language === 'fr-FALC' ? 'fr' : language);
    },
    settle: () => settle(page),
    close: () => context.close(),
  };

  // The one way out of the page, as in the Chromium shell: a binding the fake bridge calls.
  await page.exposeBinding('__kioskInvoke', async (_source, action: unknown, args: unknown) => {
    if (!isKioskAction(action) || !Array.isArray(args)) throw new Error(`refused: ${String(action)}`);
    const call: ActionCall = { action, args };
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.action === action && calls.indexOf(call) >= waiter.since) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    const responder = responders.get(action);
    if (responder !== undefined) return responder(args, ui);
    return defaults[action]?.(args);
  });
  // The shell's own bridge, so the UI is tested over the same `window.kiosk` it gets in the kiosk.
  await page.addInitScript(installKioskBridge, [...KIOSK_ACTIONS]);
  await page.goto(`${UI_ORIGIN}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await settle(page);
  return ui;
}

/**
 * Fonts loaded, every finite animation or transition finished (the spinners turn
 * forever and are left alone), then two frames so focus moves made in effects land.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document.getAnimations().filter((animation) => {
      const iterations = animation.effect?.getComputedTiming().iterations;
      return iterations !== Infinity && animation.playState !== 'finished';
    });
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
    for (let frame = 0; frame < 2; frame += 1) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  });
}
