import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { App, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  guardEverything,
  installAppGuards,
  installDownloadGuard,
  installNavigationGuards,
  installPermissionGuards,
  installSiteHealthReports,
  isBlockedShortcut,
  isKioskUiUrl,
  safeDownloadName,
  type NavigationRules,
  type ShortcutInput,
} from '../../../main/shells/electron/guards';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

const CAF_HOSTS = ['www.caf.fr', 'connexion.caf.fr', '*.franceconnect.gouv.fr'];

beforeEach(() => fake.resetElectronFake());

function contents(partition = 'visitor-1-test'): fake.FakeWebContents {
  return new fake.FakeWebContents(fake.session.fromPartition(partition), {});
}

function siteRules(allowedHosts: readonly string[] = CAF_HOSTS) {
  const refused = vi.fn();
  const openInSameView = vi.fn();
  const rules: NavigationRules = { kind: 'visitor-site', allowedHosts, refused, openInSameView };
  return { rules, refused, openInSameView };
}

function guardedSite(allowedHosts: readonly string[] = CAF_HOSTS) {
  const site = contents();
  const { rules, refused, openInSameView } = siteRules(allowedHosts);
  installNavigationGuards(fake.asElectron<WebContents>(site), () => rules);
  return { site, refused, openInSameView };
}

describe('isBlockedShortcut', () => {
  const key = (input: Partial<ShortcutInput>): ShortcutInput => ({ type: 'keyDown', key: '', code: '', control: false, meta: false, alt: false, shift: false, ...input });

  it.each<[string, ShortcutInput]>([
    ['Alt+F4', key({ alt: true, key: 'F4', code: 'F4' })],
    ...['w', 'q', 'n', 't', 'l', 'o', 's', 'p', 'r'].map((letter): [string, ShortcutInput] => [`Ctrl+${letter.toUpperCase()}`, key({ control: true, key: letter, code: `Key${letter.toUpperCase()}` })]),
    ['Cmd+W', key({ meta: true, key: 'w', code: 'KeyW' })],
    ['Ctrl+Shift+R', key({ control: true, shift: true, key: 'R', code: 'KeyR' })],
    ['Ctrl++', key({ control: true, shift: true, key: '+', code: 'Equal' })],
    ['Ctrl+=', key({ control: true, key: '=', code: 'Equal' })],
    ['Ctrl+-', key({ control: true, key: '-', code: 'Minus' })],
    ['Ctrl+0', key({ control: true, key: '0', code: 'Digit0' })],
    ['Ctrl+numpad +', key({ control: true, key: '+', code: 'NumpadAdd' })],
    ['Ctrl+Shift+I', key({ control: true, shift: true, key: 'I', code: 'KeyI' })],
    ['Ctrl+Shift+J', key({ control: true, shift: true, key: 'J', code: 'KeyJ' })],
    ['Ctrl+Shift+C', key({ control: true, shift: true, key: 'C', code: 'KeyC' })],
    ['F5', key({ key: 'F5', code: 'F5' })],
    ['F11', key({ key: 'F11', code: 'F11' })],
    ['F12', key({ key: 'F12', code: 'F12' })],
    ['Alt+Left', key({ alt: true, key: 'ArrowLeft', code: 'ArrowLeft' })],
    ['Alt+Right', key({ alt: true, key: 'ArrowRight', code: 'ArrowRight' })],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(true);
  });

  it.each<[string, ShortcutInput]>([
    ['Ctrl+C (copy)', key({ control: true, key: 'c', code: 'KeyC' })],
    ['Ctrl+V (paste)', key({ control: true, key: 'v', code: 'KeyV' })],
    ['Ctrl+Z (undo)', key({ control: true, key: 'z', code: 'KeyZ' })],
    ['Ctrl+A (select all)', key({ control: true, key: 'a', code: 'KeyA' })],
    ['a letter', key({ key: 'w', code: 'KeyW' })],
    ['a capital', key({ shift: true, key: 'Q', code: 'KeyQ' })],
    ['a digit', key({ key: '0', code: 'Digit0' })],
    ['Tab', key({ key: 'Tab', code: 'Tab' })],
    ['Left arrow', key({ key: 'ArrowLeft', code: 'ArrowLeft' })],
    ['AltGr+0 (@ on AZERTY)', key({ alt: true, key: '@', code: 'Digit0' })],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(false);
  });

  it('is applied to every webContents created, the kiosk UI and the site alike', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const view = new fake.WebContentsView({ webPreferences: { partition: 'kiosk-ui' } });
    expect(view.webContents.pressKey({ control: true, key: 'w', code: 'KeyW' }).defaultPrevented).toBe(true);
    expect(view.webContents.pressKey({ key: 'F12', code: 'F12' }).defaultPrevented).toBe(true);
    expect(view.webContents.pressKey({ key: 'a', code: 'KeyA' }).defaultPrevented).toBe(false);
  });
});

describe('permission guards', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'keyboardLock', 'display-capture', 'clipboard-read', 'midi', 'hid', 'serial', 'usb'];

  it('denies every permission request', () => {
    const ses = fake.session.fromPartition('visitor-1-test');
    installPermissionGuards(fake.asElectron<Session>(ses));
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(null, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission check and device check with false', () => {
    const ses = fake.session.fromPartition('visitor-1-test');
    installPermissionGuards(fake.asElectron<Session>(ses));
    for (const permission of PERMISSIONS) {
      expect(ses.permissionCheckHandler?.(null, permission, 'https://www.caf.fr', {}), permission).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'https://www.caf.fr' })).toBe(false);
  });

  it('closes the serial, HID and USB choosers with no device', () => {
    const ses = fake.session.fromPartition('visitor-1-test');
    installPermissionGuards(fake.asElectron<Session>(ses));
    const serial = fake.fakeEvent();
    const serialCallback = vi.fn();
    ses.emit('select-serial-port', serial, [{ portId: 'COM1' }], null, serialCallback);
    expect(serial.defaultPrevented).toBe(true);
    expect(serialCallback).toHaveBeenCalledWith('');
    for (const name of ['select-hid-device', 'select-usb-device']) {
      const event = fake.fakeEvent();
      const callback = vi.fn();
      ses.emit(name, event, { deviceList: [{ deviceId: '1' }] }, callback);
      expect(event.defaultPrevented, name).toBe(true);
      expect(callback, name).toHaveBeenCalledWith();
    }
  });

  it('is installed on every session: default, kiosk UI, and each visitor partition', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const sessions = [fake.session.defaultSession, fake.session.fromPartition('kiosk-ui'), fake.session.fromPartition('visitor-1-a'), fake.session.fromPartition('visitor-2-b')];
    for (const ses of sessions) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(null, 'media', callback, {});
      expect(callback, ses.partition).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.(null, 'geolocation', 'https://x', {}), ses.partition).toBe(false);
      expect(ses.devicePermissionHandler, ses.partition).not.toBeNull();
    }
  });

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
    expect(stray.webContents.openWindow('https://www.caf.fr/')).toEqual({ action: 'deny' });
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
  beforeEach(() => installAppGuards(fake.asElectron<App>(fake.app)));

  it('answers HTTP authentication with no credentials', () => {
    const event = fake.fakeEvent();
    const callback = vi.fn();
    fake.app.emit('login', event, null, { url: 'https://www.caf.fr/' }, { realm: 'x' }, callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
  });

  it('never trusts a bad certificate', () => {
    const event = fake.fakeEvent();
    const callback = vi.fn();
    fake.app.emit('certificate-error', event, null, 'https://www.caf.fr/', 'net::ERR_CERT_AUTHORITY_INVALID', {}, callback, false);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('sends no client certificate', () => {
    const event = fake.fakeEvent();
    const callback = vi.fn();
    fake.app.emit('select-client-certificate', event, null, 'https://www.caf.fr/', [{ subjectName: 'machine' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
  });
});

describe('downloads', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kiosk-downloads-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const item = (name: string) => ({ getFilename: () => name, setSavePath: vi.fn() });

  it("saves straight into the visitor's folder, never through a dialog", () => {
    const ses = fake.session.fromPartition('visitor-1-a');
    const dir = join(root, 'visitor-1-a', 'downloads');
    installDownloadGuard(fake.asElectron<Session>(ses), () => dir);
    const download = item('attestation.pdf');
    const event = fake.fakeEvent();
    ses.emit('will-download', event, download, null);
    expect(event.defaultPrevented).toBe(false);
    expect(download.setSavePath).toHaveBeenCalledWith(join(dir, 'attestation.pdf'));
  });

  it('keeps a hostile file name inside the folder', () => {
    const ses = fake.session.fromPartition('visitor-1-a');
    const dir = join(root, 'downloads');
    installDownloadGuard(fake.asElectron<Session>(ses), () => dir);
    const download = item('../../.bashrc');
    ses.emit('will-download', fake.fakeEvent(), download, null);
    const saved = download.setSavePath.mock.calls[0]?.[0] as string;
    expect(dirname(saved)).toBe(dir);
  });

  it('cancels downloads in sessions that are not a visitor’s', () => {
    const ses = fake.session.fromPartition('kiosk-ui');
    installDownloadGuard(fake.asElectron<Session>(ses), () => null);
    const download = item('x.pdf');
    const event = fake.fakeEvent();
    ses.emit('will-download', event, download, null);
    expect(event.defaultPrevented).toBe(true);
    expect(download.setSavePath).not.toHaveBeenCalled();
  });

  it.each([
    ['attestation.pdf', 'attestation.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['.bashrc', 'bashrc'],
    ['', 'telechargement'],
    ['..', 'telechargement'],
    ['a\u0000b.pdf', 'a_b.pdf'],
  ])('names %j as %j', (suggested, expected) => {
    expect(safeDownloadName(suggested)).toBe(expected);
  });
});

describe('site health reports', () => {
  it('reports activity at most once a second', () => {
    const site = contents();
    let now = 0;
    const reports = { activity: vi.fn(), crashed: vi.fn() };
    installSiteHealthReports(fake.asElectron<WebContents>(site), reports, () => now);
    site.emit('input-event', fake.fakeEvent(), { type: 'mouseMove' });
    now = 400;
    site.emit('input-event', fake.fakeEvent(), { type: 'mouseMove' });
    now = 1000;
    site.emit('input-event', fake.fakeEvent(), { type: 'keyDown' });
    expect(reports.activity).toHaveBeenCalledTimes(2);
  });

  it('reports a crashed or hung renderer', () => {
    const site = contents();
    const reports = { activity: vi.fn(), crashed: vi.fn() };
    installSiteHealthReports(fake.asElectron<WebContents>(site), reports);
    site.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 1 });
    site.emit('unresponsive');
    expect(reports.crashed).toHaveBeenCalledTimes(2);
  });
});
