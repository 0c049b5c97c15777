import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAccept } from '../../../main/core/attachments/accept';
import { copyIntoVisit } from '../../../main/node/attachments/file-sources';
import { ScanSession } from '../../../main/node/attachments/scanner';
import { electronDebuggerPort, handOver, interceptFileChoosers, type CdpPort, type ElectronDebuggerLike, type FileChooserRequest } from '../../../main/node/cdp/file-chooser';
import { makeTextPdf } from '../../support/make-pdf';

/**
 * The kiosk's own picker answering a site's <input type=file> through the
 * DevTools protocol, in the distribution's real Chromium: the native chooser
 * never opens, the input's accept and multiple are read, and the files the
 * page receives are the visitor's, byte for byte (SHA-256 compared).
 */
const CHROMIUM = process.env.KIOSK_CHROMIUM_PATH ?? '/usr/bin/chromium';
const unavailable = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`;
if (unavailable !== null) console.warn(`[skipped] file chooser through the DevTools protocol: ${unavailable}`);

const FORM = `<!doctype html><meta charset="utf-8"><title>Justificatifs</title>
<input type="file" id="one" accept="application/pdf, image/*" style="width:300px;height:60px">
<input type="file" id="many" accept=".pdf" multiple style="width:300px;height:60px">
<script>
window.received = {};
function base64(bytes) { let text = ''; for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)); return btoa(text); }
for (const input of document.querySelectorAll('input')) input.addEventListener('change', async () => {
  window.received[input.id] = await Promise.all([...input.files].map(async (file) => ({ name: file.name, size: file.size, type: file.type, base64: base64(new Uint8Array(await file.arrayBuffer())) })));
});
</script>`;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
type Received = Array<{ name: string; size: number; type: string; base64: string }>;

let browser: Browser;
let page: Page;
let cdp: CDPSession;
let base: string;
const requests: FileChooserRequest[] = [];

async function nextRequest(count: number): Promise<FileChooserRequest> {
  const deadline = Date.now() + 10_000;
  while (requests.length < count) {
    if (Date.now() > deadline) throw new Error('no file chooser intercepted');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return requests[count - 1] as FileChooserRequest;
}

async function received(id: string): Promise<Received> {
  // Page code as text: the unit tests' TypeScript has no DOM types.
  await page.waitForFunction(`window.received[${JSON.stringify(id)}] !== undefined`);
  return (await page.evaluate(`window.received[${JSON.stringify(id)}]`)) as Received;
}

describe.skipIf(unavailable !== null)("the kiosk's picker answers the site's file input (real Chromium, DevTools protocol)", () => {
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'file-chooser-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await browser.newPage();
    await page.setContent(FORM);
    cdp = await page.context().newCDPSession(page);
    await interceptFileChoosers(cdp as unknown as CdpPort, (request) => requests.push(request));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (base !== undefined) rmSync(base, { recursive: true, force: true });
  });

  it('reads accept and multiple; a file from the USB key arrives intact (same SHA-256)', async () => {
    const usb = join(base, 'media', 'CLE');
    mkdirSync(usb, { recursive: true });
    const original = makeTextPdf(['Justificatif de domicile']);
    writeFileSync(join(usb, 'justificatif.pdf'), original);
    await page.click('#one');
    const request = await nextRequest(1);
    expect(request.multiple).toBe(false);
    expect(request.acceptText).toBe('application/pdf, image/*');
    const copy = await copyIntoVisit(join(base, 'media'), 'CLE/justificatif.pdf', join(base, 'visit', 'attachments'), request.accept);
    if (!copy.ok) throw new Error(copy.detail);
    expect(await handOver(cdp as unknown as CdpPort, request, [copy.file])).toEqual({ ok: true });
    const [file] = await received('one');
    expect(file).toMatchObject({ name: 'justificatif.pdf', size: original.length, type: 'application/pdf' });
    expect(sha256(Buffer.from(file?.base64 ?? '', 'base64'))).toBe(sha256(original));
  });

  it('several files for a multiple input; a refused choice never reaches the page', async () => {
    await page.click('#many');
    const request = await nextRequest(2);
    expect(request.multiple).toBe(true);
    const folder = join(base, 'visit', 'downloads');
    mkdirSync(folder, { recursive: true });
    const files = ['a.pdf', 'b.pdf'].map((name, index) => {
      const bytes = makeTextPdf([`Document ${index}`]);
      writeFileSync(join(folder, name), bytes);
      return { path: join(folder, name), name, size: bytes.length, bytes };
    });
    const photo = { path: join(folder, 'photo.jpg'), name: 'photo.jpg', size: 10 };
    expect(await handOver(cdp as unknown as CdpPort, request, [files[0] as (typeof files)[0], photo])).toEqual({ ok: false, problems: [{ code: 'wrong-type', name: 'photo.jpg' }] });
    expect(await page.evaluate("document.querySelector('#many').files.length")).toBe(0);
    expect(await handOver(cdp as unknown as CdpPort, request, files)).toEqual({ ok: true });
    const got = await received('many');
    expect(got.map((file) => file.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(got.map((file) => sha256(Buffer.from(file.base64, 'base64')))).toEqual(files.map((file) => sha256(file.bytes)));
  });

  const scannerMissing = ['scanimage', 'cjpeg', 'djpeg', 'img2pdf'].find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (scannerMissing !== undefined) console.warn(`[skipped] a scanned page handed to the site: ${scannerMissing} is not installed`);
  it.skipIf(scannerMissing !== undefined)("a page scanned through SANE's test backend is what the site's input receives", async () => {
    await page.setContent(FORM);
    const session = await ScanSession.open({ device: 'test', resolution: 150, color: false, extraArgs: ['--test-picture', 'Grid'] }, join(base, 'visit'));
    const scanned = await session.scanPage();
    if (!scanned.ok) throw new Error(scanned.staffMessage);
    const made = await session.finish('pdf', 2 * 1024 * 1024);
    await session.close();
    if (!made.ok) throw new Error(made.staffMessage);
    const before = requests.length;
    await page.click('#one');
    const request = await nextRequest(before + 1);
    expect(await handOver(cdp as unknown as CdpPort, request, [{ path: made.path, name: 'document-scanne.pdf', size: made.size }])).toEqual({ ok: true });
    const [file] = await received('one');
    expect(file).toMatchObject({ name: 'document-scanne.pdf', size: made.size, type: 'application/pdf' });
    expect(sha256(Buffer.from(file?.base64 ?? '', 'base64'))).toBe(made.sha256);
    expect(made.sha256).toBe(sha256(readFileSync(made.path)));
  });

  it('a single input refuses two files', async () => {
    const request: FileChooserRequest = { backendNodeId: 1, multiple: false, accept: parseAccept('.pdf'), acceptText: '.pdf' };
    const result = await handOver(cdp as unknown as CdpPort, request, [
      { path: '/x/a.pdf', name: 'a.pdf', size: 1 },
      { path: '/x/b.pdf', name: 'b.pdf', size: 1 },
    ]);
    expect(result).toEqual({ ok: false, problems: [{ code: 'only-one', chosen: 2 }] });
  });
});

describe("Electron's debugger as a DevTools port", () => {
  it('attaches once, sends commands, routes events by method and lets go of the listener', async () => {
    const sent: Array<[string, unknown]> = [];
    let attachedWith: string | undefined;
    let listener: ((event: unknown, method: string, params: Record<string, unknown>) => void) | null = null;
    const fake: ElectronDebuggerLike = {
      isAttached: () => attachedWith !== undefined,
      attach: (version) => {
        attachedWith = version;
      },
      sendCommand: async (method, params) => {
        sent.push([method, params]);
        return method === 'DOM.describeNode' ? { node: { attributes: ['type', 'file', 'ACCEPT', 'image/*'] } } : {};
      },
      on: (_event, handler) => {
        listener = handler;
      },
      removeListener: () => {
        listener = null;
      },
    };
    const port = electronDebuggerPort(fake);
    expect(attachedWith).toBe('1.3');
    const seen: FileChooserRequest[] = [];
    const stop = await interceptFileChoosers(port, (request) => seen.push(request));
    expect(sent.map(([method]) => method)).toEqual(['Page.enable', 'DOM.enable', 'Page.setInterceptFileChooserDialog']);
    (listener as unknown as (event: unknown, method: string, params: Record<string, unknown>) => void)({}, 'Page.fileChooserOpened', { frameId: 'f', mode: 'selectMultiple', backendNodeId: 42 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ backendNodeId: 42, multiple: true, acceptText: 'image/*' });
    await stop();
    expect(sent.at(-1)).toEqual(['Page.setInterceptFileChooserDialog', { enabled: false }]);
    expect(listener).toBeNull();
  });
});
