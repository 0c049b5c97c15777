import type { CDPSession } from 'playwright-core';
import type { GrantablePermission } from '../../core/config/station-config';
import { isLoopbackHost } from '../../core/navigation/hosts';

/**
 * Every permission a site may ask for, by the DevTools protocol's names: all
 * denied for every origin as soon as the visitor's browser starts, so no
 * prompt ever reaches the visitor (devices, full screen, capture included).
 * Writing to the clipboard stays allowed (a site's "copy this number" button):
 * the wipe empties the clipboard, reading it is denied.
 */
const ALL_PERMISSIONS = [
  'ar', 'audioCapture', 'automaticFullscreen', 'backgroundFetch', 'backgroundSync', 'cameraPanTiltZoom', 'capturedSurfaceControl',
  'clipboardReadWrite', 'displayCapture', 'durableStorage', 'geolocation', 'handTracking', 'idleDetection',
  'keyboardLock', 'localFonts', 'localNetworkAccess', 'midi', 'midiSysex', 'nfc', 'notifications', 'paymentHandler',
  'periodicBackgroundSync', 'pointerLock', 'protectedMediaIdentifier', 'sensors', 'smartCard', 'speakerSelection', 'storageAccess',
  'topLevelStorageAccess', 'videoCapture', 'vr', 'wakeLockScreen', 'wakeLockSystem', 'webAppInstallation', 'webPrinting', 'windowManagement',
] as const;

/** The protocol's names for the permissions a tile may grant. */
const GRANTABLE: Record<GrantablePermission, readonly string[]> = {
  camera: ['videoCapture'],
  microphone: ['audioCapture'],
  geolocation: ['geolocation'],
  notifications: ['notifications'],
  'clipboard-read': ['clipboardReadWrite'],
};

export async function denyAllPermissions(cdp: CDPSession): Promise<void> {
  await Promise.all(
    ALL_PERMISSIONS.map((name) =>
      // A name this Chromium does not know is a permission it does not have.
      cdp.send('Browser.setPermission', { permission: { name }, setting: 'denied' }).catch(() => undefined),
    ),
  );
}

/** Grants a tile's permissions to its own hosts only (exact hosts; wildcard patterns get none). */
export async function grantTilePermissions(
  cdp: CDPSession,
  entry: string,
  allowedHosts: readonly string[],
  permissions: readonly GrantablePermission[],
): Promise<void> {
  if (permissions.length === 0) return;
  const entryUrl = new URL(entry);
  const origins = allowedHosts
    .filter((host) => !host.startsWith('*.'))
    .map((host) => (isLoopbackHost(host) ? `${entryUrl.protocol}//${host}${entryUrl.port === '' ? '' : `:${entryUrl.port}`}` : `https://${host}`));
  await Promise.all(
    origins.flatMap((origin) =>
      permissions.flatMap((permission) =>
        GRANTABLE[permission].map((name) => cdp.send('Browser.setPermission', { permission: { name }, setting: 'granted', origin })),
      ),
    ),
  );
}
