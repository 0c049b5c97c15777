import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { KIOSK_ACTIONS, isKioskAction, type KioskAction } from '../../core/contract/kiosk-api';
import type { KioskView } from '../../core/contract/kiosk-view';
import { BLANK_APP_URL, IGNORED_DEFAULT_ARGS, QUIET_FLAGS, sandboxFlags, windowFlags, type WindowBounds } from './launch-flags';
import { createKioskProfile } from './chromium-profile';
import { WindowPlacement } from './window-placement';

/** The kiosk UI's address in the Chromium shell. Nothing listens there: requests are answered from dist/renderer. */
export const KIOSK_UI_ORIGIN = 'http://kiosk.localhost';

/** Same policy as Electron's kiosk:// protocol. */
export const KIOSK_UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export type ActionHandler = (action: KioskAction, args: unknown[]) => Promise<unknown>;

export interface KioskUiWindowOptions {
  executablePath: string;
  headless: boolean;
  rendererDir: string;
  workDir: string;
  bounds: WindowBounds;
  isRoot: boolean;
}

/**
 * The trusted kiosk UI in its own Chromium process and app window. Its pages
 * come only from dist/renderer (every other request is refused), and the only
 * way out of the page is `window.kiosk`, bound to the controller's actions.
 */
export class KioskUiWindow {
  private constructor(
    private readonly folder: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly window: WindowPlacement,
  ) {}

  static async launch(options: KioskUiWindowOptions, handleAction: ActionHandler): Promise<KioskUiWindow> {
    const folder = await mkdtemp(join(options.workDir, 'kiosk-ui-'));
    const context = await chromium.launchPersistentContext(await createKioskProfile(folder, null), {
      executablePath: options.executablePath,
      headless: options.headless,
      viewport: null,
      acceptDownloads: false,
      ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
      args: [...QUIET_FLAGS, ...sandboxFlags(options.isRoot), ...windowFlags(options.bounds), `--app=${BLANK_APP_URL}`],
    });
    try {
      await context.route('**/*', (route) => serveKioskUi(route, options.rendererDir));
      const page = context.pages()[0] ?? (await context.newPage());
      await context.exposeBinding('__kioskInvoke', async (source, action: unknown, args: unknown) => {
        // Only the kiosk page's own top frame may act; a frame or another page may not.
        if (source.page !== page || source.frame !== page.mainFrame() || !isKioskAction(action) || !Array.isArray(args)) {
          throw new Error('refused');
        }
        return handleAction(action, args);
      });
      await context.addInitScript(installKioskBridge, [...KIOSK_ACTIONS]);
      const window = await WindowPlacement.of(context, page);
      await page.goto(`${KIOSK_UI_ORIGIN}/index.html`);
      return new KioskUiWindow(folder, context, page, window);
    } catch (error) {
      await context.close().catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** Pushes a view to the page; a page still loading will ask for it with getView(). */
  publish(view: KioskView): void {
    this.page
      .evaluate((next) => {
        const receive = (globalThis as unknown as { __kioskReceiveView?: (view: unknown) => void }).__kioskReceiveView;
        receive?.(next);
      }, view)
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }
}

async function serveKioskUi(route: Route, rendererDir: string): Promise<void> {
  const url = new URL(route.request().url());
  if (url.origin !== KIOSK_UI_ORIGIN) {
    await route.abort('blockedbyclient');
    return;
  }
  const file = resolveInside(rendererDir, decodeURIComponent(url.pathname));
  if (file === null) {
    await route.fulfill({ status: 404, body: 'Not found' });
    return;
  }
  try {
    const body = await readFile(file);
    await route.fulfill({
      status: 200,
      body,
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': KIOSK_UI_CSP,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    await route.fulfill({ status: 404, body: 'Not found' });
  }
}

/** The file a URL path names inside `root`, or null when the path tries to leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  if (urlPath.includes('\0')) return null;
  const relative = normalize(urlPath === '/' ? '/index.html' : urlPath).replace(/^([/\\])+/, '');
  if (relative.startsWith('..')) return null;
  const file = join(root, relative);
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/**
 * Runs in the kiosk page before its scripts: builds `window.kiosk` (the
 * KioskApi contract) on top of the one binding the shell exposes.
 */
function installKioskBridge(actions: string[]): void {
  type Listener = (view: unknown) => void;
  const page = globalThis as unknown as {
    __kioskInvoke: (action: string, args: unknown[]) => Promise<unknown>;
    __kioskReceiveView?: (view: unknown) => void;
    kiosk?: unknown;
  };
  const listeners = new Set<Listener>();
  const api: Record<string, unknown> = {
    onViewChanged(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const action of actions) {
    api[action] = (...args: unknown[]) => page.__kioskInvoke(action, args);
  }
  page.__kioskReceiveView = (view) => {
    for (const listener of listeners) listener(view);
  };
  page.kiosk = Object.freeze(api);
}
