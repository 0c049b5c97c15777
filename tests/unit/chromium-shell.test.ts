import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUiRequestHandler } from '../../main/node/ui-files';
import { kioskPreferences, sandboxFlags } from '../../main/shells/chromium/launch-flags';

describe('the Chromium shell\'s pure parts', () => {
  it('serves the kiosk UI from its folder, on its own origin only, with the strict CSP', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ui-files-'));
    writeFileSync(join(root, 'index.html'), '<title>Borne</title>');
    const handle = createUiRequestHandler(root, { protocol: 'http:', host: 'kiosk.localhost' });
    const page = await handle({ url: 'http://kiosk.localhost/', method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<title>Borne</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const url of ['http://kiosk.localhost/../../etc/passwd', 'http://kiosk.localhost/%2e%2e/x', 'http://evil.localhost/index.html', 'kiosk://app/index.html']) {
      expect((await handle({ url, method: 'GET' })).status, url).toBe(404);
    }
    expect((await handle({ url: 'http://kiosk.localhost/index.html', method: 'POST' })).status).toBe(405);
  });

  it('keeps Chromium\'s sandbox except as root, and hides the warning then', () => {
    expect(sandboxFlags(false)).toEqual([]);
    expect(sandboxFlags(true)).toEqual(['--no-sandbox', '--test-type']);
  });

  it('turns off translation, password saving and autofill in kiosk profiles', () => {
    const prefs = kioskPreferences('/tmp/v/downloads') as Record<string, Record<string, unknown>>;
    expect(prefs.translate).toEqual({ enabled: false });
    expect(prefs.credentials_enable_service).toBe(false);
    expect(prefs.profile?.password_manager_enabled).toBe(false);
    expect(prefs.autofill).toEqual({ profile_enabled: false, credit_card_enabled: false });
    expect(prefs.download).toEqual({ prompt_for_download: false, default_directory: '/tmp/v/downloads' });
  });
});
