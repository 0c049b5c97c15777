import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installNavigationGuards, type NavigationRules } from '../../../main/shells/electron/guards';
import * as fake from '../fakes/electron';
import type { SiteFileRequest } from '../../../main/core/shell';

vi.mock('electron', () => import('../fakes/electron'));

/**
 * The Electron shell gets the same frame rule as the Chromium shell (issue 9,
 * part 2): frames may show the tile's hosts and its frame hosts only, checked
 * before each navigation and redirect and again at commit, in every frame.
 * Reasoned against Electron's documented events (no Electron binary here).
 */
beforeEach(() => fake.resetElectronFake());

const HOSTS = ['www.caf.fr'];
const FRAME_HOSTS = ['www.google.com'];

function guarded() {
  const site = new fake.FakeWebContents(fake.session.fromPartition('visitor-1-test'), {});
  const refused = vi.fn();
  const rules: NavigationRules = {
    kind: 'visitor-site',
    allowedHosts: HOSTS,
    frameHosts: FRAME_HOSTS,
    refused,
    externalLink: vi.fn(),
    openInSameView: vi.fn(),
    isOwnFile: () => false,
  };
  installNavigationGuards(fake.asElectron<WebContents>(site), () => rules);
  const frame = { processId: 7, routingId: 3, executeJavaScript: vi.fn(async () => undefined) };
  (site.mainFrame as unknown as { framesInSubtree: unknown[] }).framesInSubtree = [frame];
  return { site, refused, frame };
}

function navigate(site: fake.FakeWebContents, event: string, url: string, isMainFrame: boolean) {
  const details = fake.fakeEvent({ url, isMainFrame });
  site.emit(event, details);
  return details.defaultPrevented;
}

describe('frames in the Electron shell', () => {
  it('lets a frame go to a frame host, never the page itself', () => {
    const { site } = guarded();
    expect(navigate(site, 'will-frame-navigate', 'https://www.google.com/recaptcha/', false)).toBe(false);
    expect(navigate(site, 'will-frame-navigate', 'https://www.google.com/', true)).toBe(true);
  });

  it('refuses a frame (and a frame\'s redirect) to any other host', () => {
    const { site, refused } = guarded();
    expect(navigate(site, 'will-frame-navigate', 'https://ailleurs.example.net/', false)).toBe(true);
    expect(navigate(site, 'will-redirect', 'https://ailleurs.example.net/', false)).toBe(true);
    expect(refused).not.toHaveBeenCalled(); // a refused frame is not the visitor's doing
  });

  it('empties a frame that committed a forbidden host without a navigation the guards saw', () => {
    const { site, frame } = guarded();
    site.emit('did-frame-navigate', fake.fakeEvent(), 'https://ailleurs.example.net/', 200, 'OK', false, 7, 3);
    expect(frame.executeJavaScript).toHaveBeenCalledWith("location.replace('about:blank')");
  });

  it('leaves an allowed frame alone, and a frame of a frame host', () => {
    const { site, frame } = guarded();
    site.emit('did-frame-navigate', fake.fakeEvent(), 'https://www.google.com/recaptcha/', 200, 'OK', false, 7, 3);
    site.emit('did-frame-navigate', fake.fakeEvent(), 'https://www.caf.fr/cadre', 200, 'OK', false, 7, 3);
    site.emit('did-frame-navigate', fake.fakeEvent(), 'about:srcdoc', 200, 'OK', false, 7, 3);
    expect(frame.executeJavaScript).not.toHaveBeenCalled();
  });

  it('leaves a top page that committed a forbidden host (a prerender activated) and tells the visitor', () => {
    const { site, refused } = guarded();
    site.emit('did-frame-navigate', fake.fakeEvent(), 'https://ailleurs.example.net/', 200, 'OK', true, 1, 1);
    expect(refused).toHaveBeenCalledWith({ reason: 'host', host: 'ailleurs.example.net' });
    expect(site.loadURL).toHaveBeenCalledWith('about:blank');
  });
});

describe('file choosers in the Electron shell', () => {
  it('replaces the native file chooser by the kiosk picker, through the view\'s own DevTools protocol, and hands the checked files over', async () => {
    const { interceptFileChooser } = await import('../../../main/shells/electron/site-surfaces');
    const site = new fake.FakeWebContents(fake.session.fromPartition('visitor-2-test'), {});
    site.debugger.sendCommand.mockImplementation(async (method: string, params?: object) => {
      site.debugger.commands.push(params === undefined ? { method } : { method, params });
      return method === 'DOM.describeNode' ? { node: { attributes: ['type', 'file', 'accept', '.pdf,image/jpeg'] } } : {};
    });
    const requests: SiteFileRequest[] = [];
    const unreadable = vi.fn();
    await expect(interceptFileChooser(fake.asElectron<WebContents>(site), (request) => requests.push(request), unreadable)).resolves.toBeUndefined();
    expect(site.debugger.commands).toContainEqual({ method: 'Page.setInterceptFileChooserDialog', params: { enabled: true } });
    site.debugger.emitMessage('Page.fileChooserOpened', { frameId: 'f', mode: 'selectMultiple', backendNodeId: 42 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(1);
    const [request] = requests as [SiteFileRequest];
    expect(request.multiple).toBe(true);
    expect([...request.accept.extensions]).toEqual(['.pdf']);
    // A type the input does not take never reaches it.
    await expect(request.give([{ path: '/v/attachments/given/1/notes.txt', name: 'notes.txt', size: 10 }])).rejects.toThrow(/wrong-type/);
    expect(site.debugger.commands.some((command) => command.method === 'DOM.setFileInputFiles')).toBe(false);
    await request.give([{ path: '/v/attachments/given/2/avis.pdf', name: 'avis.pdf', size: 1000 }]);
    expect(site.debugger.commands).toContainEqual({ method: 'DOM.setFileInputFiles', params: { files: ['/v/attachments/given/2/avis.pdf'], backendNodeId: 42 } });
    // A chooser with no input element cannot be answered: the "ask a staff member" panel.
    site.debugger.emitMessage('Page.fileChooserOpened', { frameId: 'f', mode: 'selectSingle' });
    expect(unreadable).toHaveBeenCalledOnce();
    expect(requests).toHaveLength(1);
  });

  it('says so when the debugger cannot be attached (the site view then serves nobody)', async () => {
    const { interceptFileChooser } = await import('../../../main/shells/electron/site-surfaces');
    const site = new fake.FakeWebContents(fake.session.fromPartition('visitor-3-test'), {});
    site.debugger.attach.mockImplementation(() => {
      throw new Error('Another debugger is already attached');
    });
    expect(interceptFileChooser(fake.asElectron<WebContents>(site), () => undefined, () => undefined)).toBeNull();
  });
});
