import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteDialogBridge } from '../../../main/core/dialogs/site-dialog-bridge';
import { SiteDialogDesk, type SiteDialogPanel } from '../../../main/core/dialogs/site-dialogs';
import type { CdpPort } from '../../../main/node/cdp/file-chooser';
import { fromPlaywrightDialog, interceptCdpDialogs } from '../../../main/node/dialogs/intercepted-dialogs';

/**
 * A site's alert/confirm/prompt/"leave this page?" in the distribution's real
 * Chromium, answered through the desk: what the page's script gets back is
 * what the visitor chose on the kiosk's panel. Both interception paths: the
 * Chromium shell's (Playwright's dialog event) and Electron's (the DevTools
 * protocol, as webContents.debugger gives it).
 */
const CHROMIUM = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';
const unavailable = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`;
if (unavailable !== null) console.warn(`[skipped] site dialogs in Chromium: ${unavailable}`);

const PAGE_A = `<!doctype html><meta charset="utf-8"><title>Envoi</title><script>window.results = [];</script>
<button id="confirm" onclick="results.push(['confirm', confirm('Voulez-vous vraiment envoyer ?')])">Envoyer</button>
<button id="prompt" onclick="results.push(['prompt', prompt('Votre nom ?', 'Dupont')])">Nom</button>
<button id="storm" onclick="for (let i = 0; i < 5; i++) { alert('Message ' + i); results.push(['alert', i]); }">Tempête</button>
<button id="guard" onclick="window.onbeforeunload = (event) => { event.preventDefault(); event.returnValue = ''; }; results.push(['guard'])">Garder</button>
<a id="leave" href="/b">Autre page</a>`;

let server: Server;
let origin: string;
let browser: Browser;

interface Harness {
  page: Page;
  bridge: SiteDialogBridge;
  panels: Array<SiteDialogPanel | null>;
}

async function open(via: 'playwright' | 'cdp'): Promise<Harness> {
  const page = await browser.newPage();
  const panels: Array<SiteDialogPanel | null> = [];
  const bridge = new SiteDialogBridge(new SiteDialogDesk(), (panel) => panels.push(panel), Date.now);
  if (via === 'playwright') {
    page.on('dialog', (dialog) => {
      const opened = fromPlaywrightDialog(dialog, page.url());
      if (opened !== null) bridge.opened(opened);
    });
  } else {
    page.on('dialog', () => undefined); // a listener, so Playwright leaves the answer to the DevTools session
    const cdp = await page.context().newCDPSession(page);
    await interceptCdpDialogs(cdp as unknown as CdpPort, (opened) => bridge.opened(opened));
  }
  await page.goto(`${origin}/a`);
  return { page, bridge, panels };
}

async function panel(harness: Harness, count: number): Promise<SiteDialogPanel> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const shown = harness.panels.filter((entry): entry is SiteDialogPanel => entry !== null);
    if (shown.length >= count) return shown[count - 1] as SiteDialogPanel;
    if (Date.now() > deadline) throw new Error(`panel ${count} never shown`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

const results = (page: Page) => page.evaluate('window.results') as Promise<unknown[]>;

describe.skipIf(unavailable !== null)('site dialogs answered from the kiosk panel (real Chromium)', () => {
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(request.url === '/b' ? '<!doctype html><title>B</title><p>Page B</p>' : PAGE_A);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  for (const via of ['playwright', 'cdp'] as const) {
    it(`${via}: "OK" confirms, "Annuler" refuses, a prompt gets the typed text — the page sees exactly that`, async () => {
      const harness = await open(via);
      const first = harness.page.click('#confirm');
      const confirmPanel = await panel(harness, 1);
      expect(confirmPanel).toMatchObject({ kind: 'confirm', host: '127.0.0.1', siteText: 'Voulez-vous vraiment envoyer ?', choices: ['ok', 'cancel'] });
      await harness.bridge.choose(confirmPanel.id, 'ok');
      await first;
      const second = harness.page.click('#confirm');
      await harness.bridge.choose((await panel(harness, 2)).id, 'cancel');
      await second;
      const third = harness.page.click('#prompt');
      const promptPanel = await panel(harness, 3);
      expect(promptPanel).toMatchObject({ kind: 'prompt', promptDefault: 'Dupont' });
      await harness.bridge.choose(promptPanel.id, 'ok', 'Zoé Müller-أحمد');
      await third;
      expect(await results(harness.page)).toEqual([
        ['confirm', true],
        ['confirm', false],
        ['prompt', 'Zoé Müller-أحمد'],
      ]);
      await harness.page.close();
    });
  }

  it('a storm of alerts: the third panel offers to stop them, and then the page runs on without panels', async () => {
    const harness = await open('playwright');
    const storm = harness.page.click('#storm');
    await harness.bridge.choose((await panel(harness, 1)).id, 'ok');
    await harness.bridge.choose((await panel(harness, 2)).id, 'ok');
    const third = await panel(harness, 3);
    expect(third.choices).toEqual(['ok', 'stop']);
    await harness.bridge.choose(third.id, 'stop');
    await storm;
    await harness.page.waitForFunction('window.results.length === 5');
    expect(harness.panels.filter((entry) => entry !== null)).toHaveLength(3);
    // The site's next confirm is refused without asking: nothing is sent in the visitor's name.
    await harness.page.click('#confirm');
    expect((await results(harness.page)).at(-1)).toEqual(['confirm', false]);
    await harness.page.close();
  });

  it('"leave this page?": the visitor can stay; the kiosk\'s own navigation is never held', async () => {
    const harness = await open('playwright');
    await harness.page.click('#guard'); // also the user activation Chromium requires for the question
    const leaving = harness.page.click('#leave');
    const question = await panel(harness, 1);
    expect(question).toMatchObject({ kind: 'beforeunload', choices: ['leave', 'stay'] });
    await harness.bridge.choose(question.id, 'stay');
    await leaving;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(new URL(harness.page.url()).pathname).toBe('/a');

    await harness.bridge.kioskNavigationStarted();
    const navigated = harness.page.waitForURL(`${origin}/b`);
    void harness.page.evaluate("location.href = '/b'").catch(() => undefined);
    await navigated;
    harness.bridge.kioskNavigationDone();
    expect(harness.panels.filter((entry) => entry !== null)).toHaveLength(1); // no panel for the kiosk's navigation
    await harness.page.close();
  });
});
