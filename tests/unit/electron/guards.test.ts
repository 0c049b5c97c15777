import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  guardEverything,
  installAppGuards,
  installNavigationGuards,
  installSiteHealthReports,
  isKioskUiUrl,
  judgeSiteNavigation,
  type NavigationRules,
} from '../../../main/shells/electron/guards';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

const CAF_HOSTS = ['www.caf.fr', 'connexion.caf.fr', '*.franceconnect.gouv.fr'];

beforeEach(() => fake.resetElectronFake());

function contents(partition = 'visitor-1-test'): fake.FakeWebContents {
  return new fake.FakeWebContents(fake.session.fromPartition(partition), {});
}

const OWN_FILE = 'kiosk-file://download/attestation.pdf';

function siteRules(allowedHosts: readonly string[] = CAF_HOSTS) {
  const refused = vi.fn();
  const externalLink = vi.fn();
  const openInSameView = vi.fn();
  const isOwnFile = vi.fn((url: string) => url === OWN_FILE);
  const rules: NavigationRules = { kind: 'visitor-site', allowedHosts, refused, externalLink, openInSameView, isOwnFile };
  return { rules, refused, externalLink, openInSameView };
}

function guardedSite(allowedHosts: readonly string[] = CAF_HOSTS) {
  const site = contents();
  const { rules, refused, externalLink, openInSameView } = siteRules(allowedHosts);
  installNavigationGuards(fake.asElectron<WebContents>(site), () => rules);
  return { site, refused, externalLink, openInSameView };
}

describe('site navigation guards', () => {
  it('refuses a look-alike host and reports it', () => {
    const { site, refused } = guardedSite();
    const event = site.emitNavigation('will-navigate', 'https://www.caf.fr.example.net/');
    expect(event.defaultPrevented).toBe(true);
    expect(refused).toHaveBeenCalledWith({ reason: 'host', host: 'www.caf.fr.example.net' });
  });

  it('refuses an address with a user name before the host', () => {
    const { site, refused } = guardedSite();
    const event = site.emitNavigation('will-navigate', 'https://user@www.caf.fr/');
    expect(event.defaultPrevented).toBe(true);
    expect(refused).toHaveBeenCalledWith({ reason: 'credentials', host: 'www.caf.fr' });
  });

  it('lets an allowed host through, wildcards included', () => {
    const { site, refused } = guardedSite();
    expect(site.emitNavigation('will-navigate', 'https://www.caf.fr/mon-compte').defaultPrevented).toBe(false);
    expect(site.emitNavigation('will-frame-navigate', 'https://app.franceconnect.gouv.fr/login').defaultPrevented).toBe(false);
    expect(refused).not.toHaveBeenCalled();
  });

  it('refuses a redirect out of the list', () => {
    const { site, refused } = guardedSite();
    const event = site.emitNavigation('will-redirect', 'https://www.example.org/');
    expect(event.defaultPrevented).toBe(true);
    expect(refused).toHaveBeenCalledWith({ reason: 'host', host: 'www.example.org' });
  });

  it('refuses plain http and other schemes', () => {
    const { site, refused } = guardedSite();
    expect(site.emitNavigation('will-navigate', 'http://www.caf.fr/').defaultPrevented).toBe(true);
    expect(site.emitNavigation('will-frame-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(refused.mock.calls.map(([refusal]) => (refusal as { reason: string }).reason)).toEqual(['insecure', 'scheme']);
  });

  it('prevents a refused sub-frame quietly, and lets blank frames be', () => {
    const { site, refused } = guardedSite();
    expect(site.emitNavigation('will-frame-navigate', 'https://tracker.example.com/', false).defaultPrevented).toBe(true);
    expect(site.emitNavigation('will-redirect', 'https://ads.example.com/', false).defaultPrevented).toBe(true);
    expect(site.emitNavigation('will-frame-navigate', 'about:blank', false).defaultPrevented).toBe(false);
    expect(refused).not.toHaveBeenCalled();
  });

  it('denies every pop-up, loading an allowed one in the same view', () => {
    const { site, refused, openInSameView } = guardedSite();
    expect(site.openWindow('https://connexion.caf.fr/login')).toEqual({ action: 'deny' });
    expect(openInSameView).toHaveBeenCalledWith('https://connexion.caf.fr/login');
    expect(site.openWindow('https://www.example.com/')).toEqual({ action: 'deny' });
    expect(openInSameView).toHaveBeenCalledTimes(1);
    expect(refused).toHaveBeenCalledWith({ reason: 'host', host: 'www.example.com' });
    expect(site.openWindow('about:blank')).toEqual({ action: 'deny' });
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('looks the allow-list up at each navigation (the tile may change)', () => {
    const site = contents();
    let rules = siteRules(['www.caf.fr']).rules;
    installNavigationGuards(fake.asElectron<WebContents>(site), () => rules);
    expect(site.emitNavigation('will-navigate', 'https://ants.gouv.fr/').defaultPrevented).toBe(true);
    rules = siteRules(['ants.gouv.fr']).rules;
    expect(site.emitNavigation('will-navigate', 'https://ants.gouv.fr/').defaultPrevented).toBe(false);
  });

  it('never attaches a <webview>', () => {
    const { site } = guardedSite();
    const event = fake.fakeEvent();
    site.emit('will-attach-webview', event, {}, { src: 'https://www.caf.fr/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('external links in the site view', () => {
  const LINKS: [string, { kind: string; target: string }][] = [
    ['mailto:aide@caf.fr', { kind: 'mailto', target: 'aide@caf.fr' }],
    ['tel:3230', { kind: 'tel', target: '3230' }],
    ['sms:+33600000000', { kind: 'sms', target: '+33600000000' }],
    ['intent://scan/#Intent;scheme=zxing;end', { kind: 'other', target: '' }],
    ['ms-settings:privacy', { kind: 'other', target: '' }],
  ];

  it.each(LINKS)('prevents %s and shows it instead of refusing it (will-frame-navigate, main frame)', (url, link) => {
    const { site, refused, externalLink } = guardedSite();
    expect(site.emitNavigation('will-frame-navigate', url).defaultPrevented).toBe(true);
    expect(externalLink).toHaveBeenCalledWith(link);
    expect(refused).not.toHaveBeenCalled();
  });

  it('does the same on will-navigate and on a redirect', () => {
    const { site, externalLink } = guardedSite();
    expect(site.emitNavigation('will-navigate', 'tel:3230').defaultPrevented).toBe(true);
    expect(site.emitNavigation('will-redirect', 'mailto:aide@caf.fr').defaultPrevented).toBe(true);
    expect(externalLink.mock.calls.map(([link]) => (link as { kind: string }).kind)).toEqual(['tel', 'mailto']);
  });

  it('prevents one in a sub-frame quietly', () => {
    const { site, refused, externalLink } = guardedSite();
    expect(site.emitNavigation('will-frame-navigate', 'tel:3230', false).defaultPrevented).toBe(true);
    expect(externalLink).not.toHaveBeenCalled();
    expect(refused).not.toHaveBeenCalled();
  });

  it('shows one opened by window.open or a target=_blank link, and opens no window', () => {
    const { site, externalLink, openInSameView } = guardedSite();
    expect(site.openWindow('mailto:aide@caf.fr')).toEqual({ action: 'deny' });
    const blankLink = site.windowOpenHandler?.({ url: 'tel:3230', frameName: '_blank', features: '', disposition: 'foreground-tab', referrer: { url: 'https://www.caf.fr/', policy: 'default' } });
    expect(blankLink).toEqual({ action: 'deny' });
    expect(externalLink.mock.calls.map(([link]) => link)).toEqual([
      { kind: 'mailto', target: 'aide@caf.fr' },
      { kind: 'tel', target: '3230' },
    ]);
    expect(openInSameView).not.toHaveBeenCalled();
  });

  it('still refuses internal schemes as refusals, not as links', () => {
    const { site, refused, externalLink } = guardedSite();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'chrome://settings', 'data:text/html,x', 'view-source:https://www.caf.fr/']) {
      expect(site.emitNavigation('will-frame-navigate', url).defaultPrevented, url).toBe(true);
    }
    expect(externalLink).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledTimes(5);
    expect(refused.mock.calls.every(([refusal]) => (refusal as { reason: string }).reason === 'scheme')).toBe(true);
  });

  it('never calls shell.openExternal', () => {
    const { site } = guardedSite();
    site.emitNavigation('will-navigate', 'mailto:aide@caf.fr');
    site.openWindow('tel:3230');
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('has no code that could hand anything to another application', () => {
    const dir = join(__dirname, '..', '..', '..', 'main', 'shells', 'electron');
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
      const code = readFileSync(join(dir, name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, name).not.toMatch(/\b(openExternal|openPath|showItemInFolder)\s*\(/);
      expect(code, name).not.toMatch(/import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*'electron'/);
    }
  });
});

describe("the visitor's own files and the PDF viewer", () => {
  const judge = (url: string, isMainFrame = true) => judgeSiteNavigation({ url, isMainFrame, allowedHosts: CAF_HOSTS, isOwnFile: (candidate) => candidate === OWN_FILE });

  it("lets the main frame open the visitor's own downloaded PDF", () => {
    expect(judge(OWN_FILE)).toEqual({ action: 'allow' });
    const { site, refused } = guardedSite();
    expect(site.emitNavigation('will-navigate', OWN_FILE).defaultPrevented).toBe(false);
    expect(refused).not.toHaveBeenCalled();
  });

  it('refuses any other kiosk-file address, and the scheme in a sub-frame', () => {
    expect(judge('kiosk-file://download/autre.pdf')).toEqual({ action: 'refuse', refusal: { reason: 'scheme', host: null } });
    expect(judge('kiosk-file://download/..%2F..%2Fetc%2Fpasswd')).toMatchObject({ action: 'refuse' });
    expect(judge(OWN_FILE, false)).toMatchObject({ action: 'refuse' });
  });

  it("lets Chromium's PDF viewer in a sub-frame only", () => {
    const viewer = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html';
    expect(judge(viewer, false)).toEqual({ action: 'allow' });
    expect(judge(viewer, true)).toMatchObject({ action: 'refuse' });
    expect(judge('chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/index.html', false)).toMatchObject({ action: 'refuse' });
  });

  it('defers to the core policy for web addresses', () => {
    expect(judge('https://www.caf.fr/')).toEqual({ action: 'allow' });
    expect(judge('https://www.caf.fr.example.net/')).toEqual({ action: 'refuse', refusal: { reason: 'host', host: 'www.caf.fr.example.net' } });
  });
});

describe('kiosk UI and unknown webContents', () => {
  it('keeps the kiosk UI on kiosk://app/', () => {
    const ui = contents('kiosk-ui');
    installNavigationGuards(fake.asElectron<WebContents>(ui), () => ({ kind: 'kiosk-ui' }));
    expect(ui.emitNavigation('will-navigate', 'https://www.caf.fr/').defaultPrevented).toBe(true);
    expect(ui.emitNavigation('will-navigate', 'kiosk://evil/index.html').defaultPrevented).toBe(true);
    expect(ui.emitNavigation('will-frame-navigate', 'file:///etc/passwd', false).defaultPrevented).toBe(true);
    expect(ui.emitNavigation('will-redirect', 'http://127.0.0.1/').defaultPrevented).toBe(true);
    expect(ui.emitNavigation('will-navigate', 'kiosk://app/index.html').defaultPrevented).toBe(false);
    expect(ui.openWindow('kiosk://app/index.html')).toEqual({ action: 'deny' });
  });

  it('locks a webContents nobody registered', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const stray = new fake.WebContentsView();
    expect(stray.webContents.emitNavigation('will-navigate', 'https://www.caf.fr/').defaultPrevented).toBe(true);
    expect(stray.webContents.emitNavigation('will-frame-navigate', 'kiosk-file://download/x.pdf').defaultPrevented).toBe(true);
    expect(stray.webContents.emitNavigation('will-navigate', 'mailto:aide@caf.fr').defaultPrevented).toBe(true);
    expect(stray.webContents.openWindow('https://www.caf.fr/')).toEqual({ action: 'deny' });
  });

  it("lets a locked webContents show Chromium's PDF viewer, and nothing else", () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const guest = new fake.WebContentsView();
    expect(guest.webContents.emitNavigation('will-navigate', 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html').defaultPrevented).toBe(false);
    expect(guest.webContents.emitNavigation('will-navigate', 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai.evil.example/').defaultPrevented).toBe(true);
  });

  it('recognises the kiosk UI address exactly', () => {
    expect(isKioskUiUrl('kiosk://app/index.html')).toBe(true);
    expect(isKioskUiUrl('kiosk://app/')).toBe(true);
    expect(isKioskUiUrl('kiosk://app.evil/index.html')).toBe(false);
    expect(isKioskUiUrl('kiosk://user@app/index.html')).toBe(false);
    expect(isKioskUiUrl('https://app/index.html')).toBe(false);
    expect(isKioskUiUrl('not a url')).toBe(false);
  });
});

describe('app guards', () => {
  function setup() {
    const site = contents('visitor-1-a');
    const ui = contents('kiosk-ui');
    const { rules, refused } = siteRules();
    const lookup = { navigationRulesFor: (of: WebContents): NavigationRules => (of === fake.asElectron<WebContents>(site) ? rules : { kind: 'kiosk-ui' }) };
    installAppGuards(fake.asElectron<App>(fake.app), lookup);
    return { site, ui, refused };
  }

  const auth = (url: string, isProxy = false, isRequestForNavigation = true) =>
    [{ url, pid: 1, isRequestForNavigation }, { isProxy, scheme: 'basic', host: new URL(url).hostname, port: 443, realm: 'x' }] as const;

  it('answers HTTP authentication with no credentials, and tells the visitor', () => {
    const { site, refused } = setup();
    const event = fake.fakeEvent();
    const callback = vi.fn();
    fake.app.emit('login', event, site, ...auth('https://www.caf.fr/prive'), callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
    expect(refused).toHaveBeenCalledWith({ reason: 'login-prompt', host: 'www.caf.fr' });
  });

  it('says nothing for a proxy, a sub-resource, or a page that is not the visitor’s', () => {
    const { site, ui, refused } = setup();
    const callback = vi.fn();
    fake.app.emit('login', fake.fakeEvent(), site, ...auth('https://proxy.example/', true), callback);
    fake.app.emit('login', fake.fakeEvent(), site, ...auth('https://www.caf.fr/image.png', false, false), callback);
    fake.app.emit('login', fake.fakeEvent(), ui, ...auth('https://www.caf.fr/'), callback);
    fake.app.emit('login', fake.fakeEvent(), null, ...auth('https://www.caf.fr/'), callback);
    expect(callback).toHaveBeenCalledTimes(4);
    expect(refused).not.toHaveBeenCalled();
  });

  it('never trusts a bad certificate, and tells the visitor when it is their page', () => {
    const { site, refused } = setup();
    const event = fake.fakeEvent();
    const callback = vi.fn();
    fake.app.emit('certificate-error', event, site, 'https://www.caf.fr/', 'net::ERR_CERT_AUTHORITY_INVALID', {}, callback, true);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith(false);
    expect(refused).toHaveBeenCalledWith({ reason: 'certificate', host: 'www.caf.fr' });
  });

  it('refuses a bad certificate in a sub-frame quietly', () => {
    const { site, refused } = setup();
    const callback = vi.fn();
    fake.app.emit('certificate-error', fake.fakeEvent(), site, 'https://tracker.example/', 'net::ERR_CERT_DATE_INVALID', {}, callback, false);
    expect(callback).toHaveBeenCalledWith(false);
    expect(refused).not.toHaveBeenCalled();
  });

  it('sends no client certificate', () => {
    const { site } = setup();
    const event = fake.fakeEvent();
    const callback = vi.fn();
    fake.app.emit('select-client-certificate', event, site, 'https://www.caf.fr/', [{ subjectName: 'machine' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
  });
});

describe('devices', () => {
  it('closes the Bluetooth chooser of any webContents', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const view = new fake.WebContentsView({ webPreferences: { partition: 'visitor-1-a' } });
    const event = fake.fakeEvent();
    const callback = vi.fn();
    view.webContents.emit('select-bluetooth-device', event, [{ deviceId: 'x', deviceName: 'Casque' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });
});

describe('site health reports', () => {
  it('passes on the input the system delivered, with the pointer\'s place on the screen', () => {
    const site = contents();
    const reports = { input: vi.fn(), crashed: vi.fn() };
    installSiteHealthReports(fake.asElectron<WebContents>(site), reports);
    site.emit('input-event', fake.fakeEvent(), { type: 'mouseMove', x: 3, y: 4, globalX: 30, globalY: 40 });
    site.emit('input-event', fake.fakeEvent(), { type: 'keyDown', keyCode: 'a' });
    expect(reports.input.mock.calls).toEqual([[{ type: 'mouseMove', globalX: 30, globalY: 40 }], [{ type: 'keyDown' }]]);
  });

  it('reports a crashed or hung renderer', () => {
    const site = contents();
    const reports = { input: vi.fn(), crashed: vi.fn() };
    installSiteHealthReports(fake.asElectron<WebContents>(site), reports);
    site.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 1 });
    site.emit('unresponsive');
    expect(reports.crashed).toHaveBeenCalledTimes(2);
  });
});
