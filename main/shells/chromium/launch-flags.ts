/**
 * Command-line switches for the distribution's Chromium on a closed network:
 * no background traffic, no sign-in, no first-run UI. Every window is an
 * "app" window (`--app=`), which has no address bar, no tabs and no menu.
 */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
  '--no-first-run',
  '--no-default-browser-check',
  '--password-store=basic',
  '--disable-session-crashed-bubble',
  '--noerrdialogs',
];

/**
 * Chromium's own sandbox cannot run as root. Stations run as an unprivileged
 * kiosk user and keep it; only root (a test machine) turns it off, and then
 * `--test-type` hides the warning bar Chromium would show the visitor.
 */
export function sandboxFlags(isRoot: boolean): string[] {
  return isRoot ? ['--no-sandbox', '--test-type'] : [];
}

/** The blank document an app window starts on, before the kiosk takes it over. */
export const BLANK_APP_URL = 'data:text/html,<meta charset="utf-8"><title>Borne</title>';

/** Playwright's default `--enable-automation` shows a banner to the visitor. */
export const IGNORED_DEFAULT_ARGS = ['--enable-automation'];

export interface WindowBounds {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function windowFlags(bounds: WindowBounds): string[] {
  return [`--window-position=${bounds.left},${bounds.top}`, `--window-size=${bounds.width},${bounds.height}`];
}

/**
 * Chromium preferences for a kiosk profile, written before the first launch:
 * no translation bubble, no "save this password?" prompt, no autofill of what
 * a visitor typed, downloads without a dialog. (Playwright passes its own
 * --disable-features list, which a second one would replace rather than extend.)
 */
export function kioskPreferences(downloadsDir: string | null): Record<string, unknown> {
  return {
    translate: { enabled: false },
    credentials_enable_service: false,
    profile: { password_manager_enabled: false, default_content_setting_values: { notifications: 2, geolocation: 2 } },
    autofill: { profile_enabled: false, credit_card_enabled: false },
    download: { prompt_for_download: false, ...(downloadsDir === null ? {} : { default_directory: downloadsDir }) },
    browser: { enable_spellchecking: false },
  };
}
