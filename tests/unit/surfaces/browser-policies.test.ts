import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGED_PREFS_PAGE, REQUIRED_POLICIES, missingPolicies } from '../../../main/core/lockdown/browser-policies';

const policyDir = join(__dirname, '..', '..', '..', 'build', 'linux', 'chromium-policies');

/** chrome://prefs-internals' shape: nested objects, each preference { metadata, value }. */
function prefsWith(change: (prefs: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const prefs: Record<string, unknown> = {};
  for (const entry of REQUIRED_POLICIES) {
    const parts = entry.pref.split('.');
    let node = prefs;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1) ?? ''] = { metadata: ['managed'], value: entry.prefValue ?? entry.value };
  }
  change(prefs);
  return prefs;
}

describe('the station\'s Chromium policy file', () => {
  const file = JSON.parse(readFileSync(join(policyDir, 'borne-kiosk.json'), 'utf8')) as Record<string, unknown>;

  it('is the only policy file the package installs, and is valid JSON', () => {
    expect(readdirSync(policyDir).filter((name) => name.endsWith('.json'))).toEqual(['borne-kiosk.json']);
  });

  it('sets every policy the kiosk checks at start, with the value it checks', () => {
    for (const entry of REQUIRED_POLICIES) expect(file[entry.policy], entry.policy).toEqual(entry.value);
  });

  it('turns printing, file dialogs and preloading off, and leaves the check page reachable', () => {
    expect(file.PrintingEnabled).toBe(false);
    expect(file.AllowFileSelectionDialogs).toBe(false);
    expect(file.NetworkPredictionOptions).toBe(2);
    expect(file.URLBlocklist).toContain('chrome://*');
    expect(file.URLAllowlist).toEqual([MANAGED_PREFS_PAGE]);
  });
});

describe('checking the policies in force', () => {
  it('finds nothing missing when every preference is managed with the right value', () => {
    expect(missingPolicies(prefsWith())).toEqual([]);
  });

  it('names a policy whose preference is only the default, or a user setting', () => {
    const prefs = prefsWith((p) => {
      (p.printing as Record<string, unknown>).enabled = { metadata: ['default', 'user_modifiable'], value: false };
    });
    expect(missingPolicies(prefs)).toEqual(['PrintingEnabled (printing.enabled): not managed by a policy']);
  });

  it('names a policy with another value, and one that is absent', () => {
    const prefs = prefsWith((p) => {
      (p.net as Record<string, unknown>).network_prediction_options = { metadata: ['managed'], value: 0 };
      delete (p.translate as Record<string, unknown>).enabled;
    });
    expect(missingPolicies(prefs)).toEqual([
      'NetworkPredictionOptions (net.network_prediction_options): 0 instead of 2',
      'TranslateEnabled (translate.enabled): not set',
    ]);
  });

  it('refuses an unreadable page (no preferences at all)', () => {
    expect(missingPolicies(null)).toHaveLength(REQUIRED_POLICIES.length);
    expect(missingPolicies('not json')).toHaveLength(REQUIRED_POLICIES.length);
  });
});
