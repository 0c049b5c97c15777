import type { App, Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GRANTABLE_PERMISSIONS, type GrantablePermission } from '../../../main/core/config/station-config';
import { guardEverything } from '../../../main/shells/electron/guards';
import {
  electronPermissionsFor,
  installPermissionGuards,
  NEVER_GRANTED,
  permissionCheckAllowed,
  permissionRequestAllowed,
  type PermissionGrants,
} from '../../../main/shells/electron/permissions';
import { KioskRegistry } from '../../../main/shells/electron/registry';
import * as fake from '../fakes/electron';

vi.mock('electron', () => import('../fakes/electron'));

beforeEach(() => fake.resetElectronFake());

const HOSTS = ['www.ants.gouv.fr', '*.franceconnect.gouv.fr'];
const ANTS = 'https://www.ants.gouv.fr';

function grant(...permissions: GrantablePermission[]): PermissionGrants {
  return { permissions, allowedHosts: HOSTS };
}

/** Every permission name Electron 45 may ask about (electron.d.ts). */
const ELECTRON_PERMISSIONS = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read', 'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen', 'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid',
  'idle-detection', 'keyboardLock', 'local-fonts', 'local-network', 'local-network-access', 'loopback-network', 'media', 'mediaKeySystem', 'midi',
  'midiSysex', 'nfc', 'notifications', 'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock',
  'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access', 'system-wake-lock', 'top-level-storage-access', 'usb',
  'vr', 'web-app-installation', 'web-printing', 'window-management', 'unknown',
];

const ALWAYS_DENIED = [
  'fullscreen', 'keyboardLock', 'display-capture', 'openExternal', 'pointerLock', 'window-management', 'storage-access', 'top-level-storage-access',
  'serial', 'hid', 'usb', 'midi', 'midiSysex',
];

describe('the mapping of grantable permissions', () => {
  it("maps each to Electron's names", () => {
    expect(electronPermissionsFor('camera')).toEqual(['media']);
    expect(electronPermissionsFor('microphone')).toEqual(['media']);
    expect(electronPermissionsFor('geolocation')).toContain('geolocation');
    expect(electronPermissionsFor('notifications')).toEqual(['notifications']);
    expect(electronPermissionsFor('clipboard-read')).toEqual(['clipboard-read']);
  });

  it('never maps one to a permission that is always denied', () => {
    for (const permission of ALWAYS_DENIED) expect(NEVER_GRANTED.has(permission), permission).toBe(true);
    for (const granted of GRANTABLE_PERMISSIONS) {
      for (const name of electronPermissionsFor(granted)) expect(NEVER_GRANTED.has(name), `${granted} → ${name}`).toBe(false);
    }
  });
});

describe('permission requests', () => {
  it('denies everything when nothing is granted (but clipboard writes by the démarche itself)', () => {
    for (const permission of ELECTRON_PERMISSIONS.filter((name) => name !== 'clipboard-sanitized-write')) {
      expect(permissionRequestAllowed(permission, { requestingUrl: `${ANTS}/photo`, mediaTypes: ['video', 'audio'] }, null), permission).toBe(false);
      expect(permissionRequestAllowed(permission, { requestingUrl: `${ANTS}/photo`, mediaTypes: ['video', 'audio'] }, grant()), permission).toBe(false);
    }
  });

  it('denies the always-denied ones even with every grant', () => {
    const everything = grant(...GRANTABLE_PERMISSIONS);
    for (const permission of ALWAYS_DENIED) {
      expect(permissionRequestAllowed(permission, { requestingUrl: `${ANTS}/`, mediaTypes: ['video'] }, everything), permission).toBe(false);
    }
  });

  it('grants the camera as video only', () => {
    const camera = grant('camera');
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, requestingUrl: `${ANTS}/photo`, mediaTypes: ['video'] }, camera)).toBe(true);
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, mediaTypes: ['audio'] }, camera)).toBe(false);
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, mediaTypes: ['video', 'audio'] }, camera)).toBe(false);
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, mediaTypes: [] }, camera)).toBe(false);
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS }, camera)).toBe(false);
  });

  it('grants the microphone as audio only, and both when both are granted', () => {
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, mediaTypes: ['audio'] }, grant('microphone'))).toBe(true);
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, mediaTypes: ['video'] }, grant('microphone'))).toBe(false);
    expect(permissionRequestAllowed('media', { securityOrigin: ANTS, mediaTypes: ['video', 'audio'] }, grant('camera', 'microphone'))).toBe(true);
  });

  it('grants geolocation, notifications and clipboard reading by name', () => {
    const all = grant('geolocation', 'notifications', 'clipboard-read');
    for (const permission of ['geolocation', 'notifications', 'clipboard-read']) {
      expect(permissionRequestAllowed(permission, { requestingUrl: `${ANTS}/` }, all), permission).toBe(true);
      expect(permissionRequestAllowed(permission, { requestingUrl: `${ANTS}/` }, grant('camera')), permission).toBe(false);
    }
  });

  it("grants only to the démarche's own hosts, over https", () => {
    const camera = grant('camera');
    const ask = (origin: string) => permissionRequestAllowed('media', { securityOrigin: origin, mediaTypes: ['video'] }, camera);
    expect(ask('https://app.franceconnect.gouv.fr')).toBe(true);
    expect(ask('https://www.ants.gouv.fr.example.net')).toBe(false);
    expect(ask('https://tracker.example.com')).toBe(false);
    expect(ask('http://www.ants.gouv.fr')).toBe(false);
    expect(ask('https://user@www.ants.gouv.fr')).toBe(false);
    expect(ask('')).toBe(false);
    expect(ask('null')).toBe(false);
    expect(permissionRequestAllowed('media', { mediaTypes: ['video'] }, camera)).toBe(false);
  });
});

describe('permission checks', () => {
  it('follow the same rule', () => {
    const camera = grant('camera');
    expect(permissionCheckAllowed('media', { requestingOrigin: ANTS, mediaType: 'video' }, camera)).toBe(true);
    expect(permissionCheckAllowed('media', { requestingOrigin: ANTS, mediaType: 'audio' }, camera)).toBe(false);
    expect(permissionCheckAllowed('media', { requestingOrigin: ANTS, mediaType: 'unknown' }, camera)).toBe(false);
    expect(permissionCheckAllowed('media', { requestingOrigin: 'https://www.example.com', mediaType: 'video' }, camera)).toBe(false);
    expect(permissionCheckAllowed('geolocation', { requestingOrigin: ANTS }, camera)).toBe(false);
    expect(permissionCheckAllowed('media', { requestingOrigin: ANTS, mediaType: 'video' }, null)).toBe(false);
  });

  it('refuse an allowed frame embedded by a page that is not', () => {
    const camera = grant('camera');
    expect(permissionCheckAllowed('media', { requestingOrigin: ANTS, embeddingOrigin: 'https://www.example.com', mediaType: 'video' }, camera)).toBe(false);
    expect(permissionCheckAllowed('media', { requestingOrigin: ANTS, embeddingOrigin: 'https://app.franceconnect.gouv.fr', mediaType: 'video' }, camera)).toBe(true);
  });

  it('deny the always-denied ones', () => {
    const everything = grant(...GRANTABLE_PERMISSIONS);
    for (const permission of ALWAYS_DENIED) expect(permissionCheckAllowed(permission, { requestingOrigin: ANTS }, everything), permission).toBe(false);
  });
});

describe('installPermissionGuards', () => {
  function guarded(grants: () => PermissionGrants | null) {
    const ses = fake.session.fromPartition('visitor-1-test');
    installPermissionGuards(fake.asElectron<Session>(ses), grants);
    const request = (permission: string, details: object): boolean => {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(null, permission, callback, { isMainFrame: true, requestingUrl: `${ANTS}/photo`, ...details });
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]?.[0] as boolean;
    };
    return { ses, request };
  }

  it("asks for the démarche's grants at every request, and remembers no decision", () => {
    let current: PermissionGrants | null = grant('camera');
    const { ses, request } = guarded(() => current);
    expect(request('media', { mediaTypes: ['video'], securityOrigin: ANTS })).toBe(true);
    expect(ses.permissionCheckHandler?.(null, 'media', ANTS, { isMainFrame: true, mediaType: 'video' })).toBe(true);
    // Another démarche: the same page asking again gets the new answer, not the old one.
    current = grant();
    expect(request('media', { mediaTypes: ['video'], securityOrigin: ANTS })).toBe(false);
    expect(ses.permissionCheckHandler?.(null, 'media', ANTS, { isMainFrame: true, mediaType: 'video' })).toBe(false);
    current = null;
    expect(request('media', { mediaTypes: ['video'], securityOrigin: ANTS })).toBe(false);
    // Back to the first démarche: granted again, from the tile, not from a memory.
    current = grant('camera');
    expect(request('media', { mediaTypes: ['video'], securityOrigin: ANTS })).toBe(true);
  });

  it('denies openExternal, full screen, pointer lock and the rest, even to a granted démarche', () => {
    const { request } = guarded(() => grant(...GRANTABLE_PERMISSIONS));
    expect(request('openExternal', { externalURL: 'mailto:aide@ants.gouv.fr' })).toBe(false);
    for (const permission of ALWAYS_DENIED) expect(request(permission, {}), permission).toBe(false);
  });

  it('never captures the screen', () => {
    const { ses } = guarded(() => grant(...GRANTABLE_PERMISSIONS));
    const callback = vi.fn();
    ses.displayMediaRequestHandler?.({ frame: null, securityOrigin: ANTS, videoRequested: true, audioRequested: false, userGesture: true }, callback);
    expect(callback).toHaveBeenCalledWith(null);
  });

  it('refuses every device, and closes the serial, HID and USB choosers with no device', () => {
    const { ses } = guarded(() => grant(...GRANTABLE_PERMISSIONS));
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: ANTS })).toBe(false);
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

  it('is on every session: default, kiosk UI and visitors, all denying without grants', () => {
    guardEverything(fake.asElectron<App>(fake.app), new KioskRegistry());
    const sessions = [fake.session.defaultSession, fake.session.fromPartition('kiosk-ui'), fake.session.fromPartition('visitor-1-a'), fake.session.fromPartition('visitor-2-b')];
    for (const ses of sessions) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(null, 'media', callback, { isMainFrame: true, requestingUrl: `${ANTS}/`, mediaTypes: ['video'] });
      expect(callback, ses.partition).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.(null, 'geolocation', ANTS, { isMainFrame: true }), ses.partition).toBe(false);
      expect(ses.devicePermissionHandler, ses.partition).not.toBeNull();
      expect(ses.displayMediaRequestHandler, ses.partition).not.toBeNull();
    }
  });
});

describe('clipboard writes', () => {
  it('are allowed to the démarche\'s own pages only, and reading stays denied', async () => {
    const { permissionRequestAllowed } = await import('../../../main/shells/electron/permissions');
    const grant = { permissions: [], allowedHosts: ['www.caf.fr'] };
    expect(permissionRequestAllowed('clipboard-sanitized-write', { requestingUrl: 'https://www.caf.fr/' }, grant)).toBe(true);
    expect(permissionRequestAllowed('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/' }, grant)).toBe(false);
    expect(permissionRequestAllowed('clipboard-sanitized-write', { requestingUrl: 'https://www.caf.fr/' }, null)).toBe(false);
    expect(permissionRequestAllowed('clipboard-read', { requestingUrl: 'https://www.caf.fr/' }, grant)).toBe(false);
  });
});
