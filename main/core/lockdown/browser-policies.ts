/**
 * The Chromium enterprise policies the station's package installs
 * (build/linux/chromium-policies/borne-kiosk.json → /etc/chromium/policies/managed/).
 * They close what no page script and no DevTools command can: the print preview
 * and its "Save as PDF" dialog, the native file and save dialogs, prerendering,
 * the browser's own pages (chrome://, view-source:, devtools://), bookmarks,
 * guest and incognito windows, full screen.
 *
 * A policy in force shows as a *managed* preference of the browser's profile
 * (chrome://prefs-internals, which the policy file leaves reachable): the shell
 * reads them at each browser's start and the station serves no visitor when one
 * is missing. Each entry says which preference proves which policy.
 */
export interface RequiredPolicy {
  /** The policy's name in the JSON file. */
  policy: string;
  value: unknown;
  /** The profile preference it sets (dotted path in chrome://prefs-internals). */
  pref: string;
  /** The value the preference must have (the policy's own value unless said). */
  prefValue?: unknown;
}

export const REQUIRED_POLICIES: readonly RequiredPolicy[] = [
  { policy: 'PrintingEnabled', value: false, pref: 'printing.enabled' },
  { policy: 'NetworkPredictionOptions', value: 2, pref: 'net.network_prediction_options' },
  { policy: 'PasswordManagerEnabled', value: false, pref: 'credentials_enable_service' },
  { policy: 'TranslateEnabled', value: false, pref: 'translate.enabled' },
  { policy: 'AutofillAddressEnabled', value: false, pref: 'autofill.profile_enabled' },
  { policy: 'AutofillCreditCardEnabled', value: false, pref: 'autofill.credit_card_enabled' },
  { policy: 'PromptForDownloadLocation', value: false, pref: 'download.prompt_for_download' },
  { policy: 'SavingBrowserHistoryDisabled', value: true, pref: 'history.saving_disabled' },
  { policy: 'EditBookmarksEnabled', value: false, pref: 'bookmarks.editing_enabled' },
  { policy: 'IncognitoModeAvailability', value: 1, pref: 'incognito.mode_availability' },
  { policy: 'FullscreenAllowed', value: false, pref: 'fullscreen.allowed' },
  { policy: 'DefaultPopupsSetting', value: 2, pref: 'profile.managed_default_content_settings.popups' },
  { policy: 'DefaultFileSystemReadGuardSetting', value: 2, pref: 'profile.managed_default_content_settings.file_system_read_guard' },
  { policy: 'DefaultFileSystemWriteGuardSetting', value: 2, pref: 'profile.managed_default_content_settings.file_system_write_guard' },
  {
    policy: 'URLBlocklist',
    value: ['chrome://*', 'chrome-untrusted://*', 'devtools://*', 'view-source:*', 'chrome-search://*'],
    pref: 'policy.url_blocklist',
  },
  { policy: 'URLAllowlist', value: ['chrome://prefs-internals'], pref: 'policy.url_allowlist' },
];

/** Where the shell reads the managed preferences (left reachable by URLAllowlist). */
export const MANAGED_PREFS_PAGE = 'chrome://prefs-internals';

interface PrefEntry {
  value: unknown;
  metadata: unknown;
}

function prefAt(prefs: unknown, path: string): PrefEntry | null {
  let node: unknown = prefs;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  if (node === null || typeof node !== 'object' || !('metadata' in node) || !('value' in node)) return null;
  return node as PrefEntry;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The required policies that are not in force, given chrome://prefs-internals'
 * JSON: each as "Policy (pref.name): why". Empty when all are.
 */
export function missingPolicies(prefs: unknown, required: readonly RequiredPolicy[] = REQUIRED_POLICIES): string[] {
  const problems: string[] = [];
  for (const entry of required) {
    const found = prefAt(prefs, entry.pref);
    const expected = entry.prefValue ?? entry.value;
    if (found === null) problems.push(`${entry.policy} (${entry.pref}): not set`);
    else if (!Array.isArray(found.metadata) || !found.metadata.includes('managed')) problems.push(`${entry.policy} (${entry.pref}): not managed by a policy`);
    else if (!sameValue(found.value, expected)) problems.push(`${entry.policy} (${entry.pref}): ${JSON.stringify(found.value)} instead of ${JSON.stringify(expected)}`);
  }
  return problems;
}
