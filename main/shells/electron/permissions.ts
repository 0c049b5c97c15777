import type { Session } from 'electron';
import type { GrantablePermission } from '../../core/config/station-config';
import { checkNavigation } from '../../core/navigation/policy';

/**
 * Electron grants every permission when no handler is set (ELECTRON.md rule 4).
 * Here everything is denied, except what the current démarche's tile grants
 * (its `permissions`), and only to pages of its own allowed hosts. Every answer
 * is computed from the tile in force at that moment: nothing is remembered, so
 * a grant never outlives the démarche, let alone the visitor.
 */

/** What the démarche on screen grants, and to which hosts. */
export interface PermissionGrants {
  permissions: readonly GrantablePermission[];
  allowedHosts: readonly string[];
}

type MediaType = 'video' | 'audio';

/** Electron's names for each grantable permission; `media` is split by device. */
const ELECTRON_NAMES: Readonly<Record<GrantablePermission, { permission: string; mediaType?: MediaType }[]>> = {
  camera: [{ permission: 'media', mediaType: 'video' }],
  microphone: [{ permission: 'media', mediaType: 'audio' }],
  // Chromium may ask for the approximate position only: less than what was granted.
  geolocation: [{ permission: 'geolocation' }, { permission: 'geolocation-approximate' }],
  notifications: [{ permission: 'notifications' }],
  'clipboard-read': [{ permission: 'clipboard-read' }],
};

/**
 * Never granted, whatever a station file says: leaving the kiosk (other
 * applications, full screen, keyboard lock, pointer lock, other screens), seeing
 * the screen, other sites' storage, and the machine's devices.
 */
export const NEVER_GRANTED: ReadonlySet<string> = new Set([
  'openExternal',
  'fullscreen',
  'automatic-fullscreen',
  'keyboardLock',
  'pointerLock',
  'display-capture',
  'captured-surface-control',
  'window-management',
  'storage-access',
  'top-level-storage-access',
  'serial',
  'hid',
  'usb',
  'bluetooth',
  'midi',
  'midiSysex',
]);

/**
 * Allowed to the démarche's own pages without a grant: writing to the clipboard
 * (a site's "copy this number" button). The wipe empties the clipboard, and
 * reading it stays denied. The same rule holds in the Chromium shell.
 */
export const ALWAYS_GRANTED_TO_DEMARCHE: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Electron permission names a grantable permission maps to (for tests and reviews). */
export function electronPermissionsFor(granted: GrantablePermission): readonly string[] {
  return ELECTRON_NAMES[granted].map((name) => name.permission);
}

function grants(grant: PermissionGrants, permission: string, mediaType?: MediaType): boolean {
  return grant.permissions.some((granted) =>
    ELECTRON_NAMES[granted].some((name) => name.permission === permission && (mediaType === undefined || name.mediaType === mediaType)),
  );
}

/** The page asking is one of the démarche's own: https (or loopback http), an allowed host. */
function originAllowed(origin: string | undefined, allowedHosts: readonly string[]): boolean {
  if (origin === undefined || origin === '') return false;
  return checkNavigation({ url: origin, isMainFrame: true, allowedHosts }).allowed;
}

export interface PermissionRequestFacts {
  /** The origin of the frame asking (media requests), else undefined. */
  securityOrigin?: string | undefined;
  /** The address of the frame asking. */
  requestingUrl?: string | undefined;
  /** For `media`: the devices asked for. */
  mediaTypes?: readonly string[] | undefined;
}

/** A permission request (`navigator.mediaDevices.getUserMedia`, `Notification.requestPermission`…). */
export function permissionRequestAllowed(permission: string, facts: PermissionRequestFacts, grant: PermissionGrants | null): boolean {
  if (grant === null || NEVER_GRANTED.has(permission)) return false;
  if (!originAllowed(facts.securityOrigin ?? facts.requestingUrl, grant.allowedHosts)) return false;
  if (ALWAYS_GRANTED_TO_DEMARCHE.has(permission)) return true;
  if (permission !== 'media') return grants(grant, permission);
  const types = facts.mediaTypes ?? [];
  // Every device asked for must be granted: the camera alone does not bring the microphone.
  return types.length > 0 && types.every((type) => (type === 'video' || type === 'audio') && grants(grant, 'media', type));
}

export interface PermissionCheckFacts {
  requestingOrigin: string;
  securityOrigin?: string | undefined;
  /** Set for a cross-origin sub-frame: the page that embeds it must be allowed too. */
  embeddingOrigin?: string | undefined;
  mediaType?: string | undefined;
}

/** A permission check (`navigator.permissions.query`, device labels…): the same rule as requests. */
export function permissionCheckAllowed(permission: string, facts: PermissionCheckFacts, grant: PermissionGrants | null): boolean {
  if (grant === null || NEVER_GRANTED.has(permission)) return false;
  if (!originAllowed(facts.securityOrigin ?? facts.requestingOrigin, grant.allowedHosts)) return false;
  if (facts.embeddingOrigin !== undefined && !originAllowed(facts.embeddingOrigin, grant.allowedHosts)) return false;
  if (ALWAYS_GRANTED_TO_DEMARCHE.has(permission)) return true;
  if (permission !== 'media') return grants(grant, permission);
  return (facts.mediaType === 'video' || facts.mediaType === 'audio') && grants(grant, 'media', facts.mediaType);
}

/**
 * Installs the handlers on a session. `grantsFor` is asked at every request:
 * null (the kiosk UI, the default session, a leaving visitor) denies everything.
 * Devices (serial, HID, USB, Bluetooth) and screen capture are always refused,
 * and their choosers answered with no device.
 */
export function installPermissionGuards(session: Session, grantsFor: () => PermissionGrants | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const facts: PermissionRequestFacts = {
      requestingUrl: details.requestingUrl,
      securityOrigin: 'securityOrigin' in details ? details.securityOrigin : undefined,
      mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
    };
    callback(permissionRequestAllowed(permission, facts, grantsFor()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionCheckAllowed(
      permission,
      { requestingOrigin, securityOrigin: details.securityOrigin, embeddingOrigin: details.embeddingOrigin, mediaType: details.mediaType },
      grantsFor(),
    ),
  );
  session.setDevicePermissionHandler(() => false);
  // getDisplayMedia: no stream, ever (the screen may show another visitor's traces, or staff screens).
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
