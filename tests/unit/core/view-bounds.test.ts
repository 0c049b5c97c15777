import { beforeEach, describe, expect, it } from 'vitest';
import type { KioskView } from '../../../main/core/contract/kiosk-view';
import type { KioskLog } from '../../../main/core/log';
import { describeExternalLink, type ExternalLink, VIEW_LIMITS } from '../../../main/core/navigation/external-links';
import { checkNavigation } from '../../../main/core/navigation/policy';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { RecordingShell } from '../../support/recording-shell';

/**
 * Everything a site can make the kiosk show crosses into the view through two shell
 * events: a refused address (its host) and an application link (an e-mail address or a
 * phone number). Each is bounded before it is stored; the published view stays small
 * whatever the site sent.
 */
const ViewShell = RecordingShell;
type ViewShell = RecordingShell;

const log: KioskLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const TEN_MB = 10 * 1024 * 1024;
let shell: ViewShell;
let controller: KioskController;

beforeEach(async () => {
  shell = new ViewShell();
  controller = new KioskController(demoStationConfig(8470), shell, new FakeClock(), log);
  await controller.start();
  await controller.openTile('caf');
});

async function lastView(): Promise<KioskView> {
  await flushPromises();
  const view = shell.views.at(-1);
  if (view === undefined) throw new Error('no view');
  // What crosses to the UI stays small: the station's own texts and at most a few hundred characters from the site.
  expect(JSON.stringify(view).length).toBeLessThan(JSON.stringify(shell.views[0]).length + 2_000);
  return view;
}

/** A window.open with a host of this many letters, as the policy reports it. */
function refusalFor(url: string) {
  const verdict = checkNavigation({ url, isMainFrame: true, allowedHosts: ['caf.entrainement.localhost'] });
  if (verdict.allowed) throw new Error('expected a refusal');
  return { reason: verdict.reason, host: verdict.host };
}

describe('hosts from a site', () => {
  it.each([
    ['a 10 MB host name', `https://${'a'.repeat(TEN_MB)}.fr/`, null],
    ['a 254-character host', `https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.fr/`, null],
    ['a 253-character host', `https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.fr/`, `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.fr`],
    ['an ordinary host', 'https://www.exemple.fr/page', 'www.exemple.fr'],
    ['an IDN host (shown in its punycode)', 'https://www.écoles.fr/', 'www.xn--coles-9ra.fr'],
  ])('%s', async (_name, url, shown) => {
    controller.navigationRefused(refusalFor(url));
    const view = await lastView();
    expect(view.overlay).toEqual({ name: 'refused', reason: 'host', host: shown });
    if (shown !== null) expect(shown.length).toBeLessThanOrEqual(VIEW_LIMITS.hostCharacters);
  });

  it('a shell reporting an impossible host directly gets none shown', async () => {
    for (const host of ['x'.repeat(TEN_MB), 'evil\u202Efr.caf', 'a b', '<script>', 'é.fr']) {
      controller.navigationRefused({ reason: 'certificate', host });
      expect((await lastView()).overlay).toEqual({ name: 'refused', reason: 'certificate', host: null });
      await controller.dismissOverlay();
    }
  });
});

describe('application links from a site', () => {
  const cases: [string, string, ExternalLink][] = [
    ['an e-mail address', 'mailto:aide@caf.fr?subject=x', { kind: 'mailto', target: 'aide@caf.fr' }],
    ['a 10 MB e-mail address', `mailto:${'a'.repeat(TEN_MB)}@caf.fr`, { kind: 'mailto', target: '' }],
    ['an e-mail address of 255 characters', `mailto:${'a'.repeat(248)}@caf.fr`, { kind: 'mailto', target: '' }],
    ['an e-mail address with invisible characters', 'mailto:ai%E2%80%AEde@caf%00.fr', { kind: 'mailto', target: 'aide@caf.fr' }],
    ['a phone number', 'tel:+33 1 23 45 67 89', { kind: 'tel', target: '+33 1 23 45 67 89' }],
    ['a 10 MB phone number', `tel:${'1'.repeat(TEN_MB)}`, { kind: 'tel', target: '' }],
    ['a phone number of 33 digits', `tel:${'1'.repeat(33)}`, { kind: 'tel', target: '' }],
    ['a text message number with letters', 'sms:0600000000?body=hello', { kind: 'sms', target: '0600000000' }],
    ['another application with a 10 MB address', `intent://${'x'.repeat(TEN_MB)}`, { kind: 'other', target: '' }],
  ];

  it.each(cases)('%s', async (_name, address, expected) => {
    const link = describeExternalLink(address);
    expect(link).toEqual(expected);
    if (link === null) return;
    controller.externalLinkRequested(link);
    expect((await lastView()).overlay).toEqual({ name: 'external-link', link: expected });
  });

  it('a link reported by a shell with an oversized target is bounded all the same', async () => {
    controller.externalLinkRequested({ kind: 'mailto', target: `${'a'.repeat(TEN_MB)}@caf.fr` });
    expect((await lastView()).overlay).toEqual({ name: 'external-link', link: { kind: 'mailto', target: '' } });
    await controller.dismissOverlay();
    controller.externalLinkRequested({ kind: 'tel', target: '3230\u202E' });
    expect((await lastView()).overlay).toEqual({ name: 'external-link', link: { kind: 'tel', target: '3230' } });
  });
});
