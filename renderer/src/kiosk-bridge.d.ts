import type { KioskApi } from '../../main/core/contract/kiosk-api';

/**
 * The bridge the shell exposes to the kiosk UI (Electron preload or Chromium bridge).
 * Typed as always present, but the UI checks for it at start-up: a page opened
 * outside the shell must show the out-of-order screen rather than crash.
 */
declare global {
  interface Window {
    kiosk: KioskApi;
  }
}

export {};
