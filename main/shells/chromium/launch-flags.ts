/**
 * Command-line switches for the distribution's Chromium on a closed network:
 * no background traffic, no sign-in, no first-run UI. Every window is an
 * "app" window (`--app=`), which has no address bar, no tabs and no menu.
 */
/** Schemes handed to other applications by a desktop browser; the kiosk launches none. */
const EXTERNAL_SCHEMES = ['mailto', 'tel', 'sms', 'callto', 'intent', 'market', 'ms-settings', 'steam', 'skype', 'zoommtg', 'msteams', 'whatsapp', 'tg', 'sip', 'facetime', 'webcal', 'itms', 'magnet', 'irc', 'xmpp', 'geo', 'maps', 'news', 'nntp', 'ssh', 'ftp', 'smb', 'vnc', 'rdp'];

export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  // Prerender and prefetch (speculation rules) would show a page no request guard saw; the
  // back-forward cache would show one again without a navigation (issue 9, part 2).
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,Prerender2,PrefetchBrowserInitiatedTriggers,SpeculationRulesPrefetchFuture,BackForwardCache',
  '--disable-back-forward-cache',
  '--no-first-run',
  '--no-default-browser-check',
  '--password-store=basic',
  '--disable-session-crashed-bubble',
  '--noerrdialogs',
  // Pinch-to-zoom on a touch screen would enlarge the page past the toolbar's control.
  '--disable-pinch',
];

/**
 * Crash reporting (issue 9, part 5). Chromium 156 on Linux always starts its
 * crashpad handler, which writes a dump naming the page and the profile folder
 * under $XDG_CONFIG_HOME/chromium/Crash Reports whatever --disable-breakpad or
 * --disable-crash-reporter say (checked: a renderer crash still leaves a .dmp);
 * --disable-crashpad-for-testing stops it but makes the headed browser's
 * network service crash in a loop ("FD ownership violation"), so it is not
 * used. What keeps dumps from outliving the visitor is the browser's home,
 * inside its own folder (chromium-profile.ts), checked by the wipe's self-check.
 * These two switches also turn off the upload consent paths they still govern.
 */
export const NO_CRASH_REPORT_FLAGS = ['--disable-breakpad', '--disable-crash-reporter'];

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

/**
 * Switches that keep the browser's own surfaces away (issue 9, part 3). A link or an
 * image dropped on a page is never opened by the browser (in an app window it would
 * open a tabbed window with an address bar). Headed only: headless Chromium gets its own
 * --blink-settings from Playwright, which a second one would replace, and has no
 * drag and drop anyway.
 */
export function surfaceFlags(headless: boolean): string[] {
  return headless ? [] : ['--blink-settings=navigateOnDragDrop=false'];
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
    // 2 = never preload: no prerendered or prefetched page (the station's policy enforces it too).
    net: { network_prediction_options: 2 },
    credentials_enable_service: false,
    profile: {
      password_manager_enabled: false,
      // 2 = block: no prompt for these ever reaches the visitor (the DevTools protocol denies the rest).
      default_content_setting_values: {
        notifications: 2, geolocation: 2, media_stream_camera: 2, media_stream_mic: 2, midi_sysex: 2, clipboard: 2,
        serial_guard: 2, usb_guard: 2, hid_guard: 2, bluetooth_guard: 2, bluetooth_scanning: 2, window_placement: 2,
        storage_access: 2, file_system_write_guard: 2, idle_detection: 2, local_fonts: 2, automatic_downloads: 2, popups: 2,
        protocol_handlers: 2, payment_handler: 2, ar: 2, vr: 2, sensors: 2,
      },
    },
    // Links to other applications (mail, phone…) never launch anything on the station.
    protocol_handler: { excluded_schemes: Object.fromEntries(EXTERNAL_SCHEMES.map((scheme) => [scheme, true])) },
    autofill: { profile_enabled: false, credit_card_enabled: false },
    download: { prompt_for_download: false, ...(downloadsDir === null ? {} : { default_directory: downloadsDir }) },
    browser: { enable_spellchecking: false },
  };
}
