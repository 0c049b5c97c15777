import { describe, expect, it } from 'vitest';
import { describeExternalLink } from '../../../main/core/navigation/external-links';
import { checkNavigation } from '../../../main/core/navigation/policy';

const cafHosts = ['www.caf.fr', 'connect.caf.fr', '*.ants.gouv.fr', 'caf.entrainement.localhost'];
const main = (url: string) => checkNavigation({ url, isMainFrame: true, allowedHosts: cafHosts });

describe('the navigation policy', () => {
  it.each([
    'https://www.caf.fr/',
    'https://www.caf.fr/mon-compte?x=1#haut',
    'https://connect.caf.fr/connexion',
    'https://WWW.CAF.FR/',
    'https://passeport.ants.gouv.fr/',
    'http://caf.entrainement.localhost:8470/',
  ])('allows %s', (url) => {
    expect(main(url)).toEqual({ allowed: true });
  });

  it.each([
    ['https://www.caf.fr.example.net/', 'host', 'www.caf.fr.example.net'],
    ['https://caf-fr.com/', 'host', 'caf-fr.com'],
    ['https://wwwcaf.fr/', 'host', 'wwwcaf.fr'],
    ['https://ants.gouv.fr/', 'host', 'ants.gouv.fr'], // "*.ants.gouv.fr" is strictly below it
    ['https://www.cαf.fr/', 'host', 'www.xn--cf-c9b.fr'], // a Greek alpha: punycode, not www.caf.fr
    ['https://www.caf.fr@evil.example/', 'credentials', 'evil.example'],
    ['https://user:pw@www.caf.fr/', 'credentials', 'www.caf.fr'],
    ['https://evil.example/#https://www.caf.fr/', 'host', 'evil.example'],
    ['https://evil.example/?https://www.caf.fr', 'host', 'evil.example'],
    ['http://www.caf.fr/', 'insecure', 'www.caf.fr'],
    ['file:///etc/passwd', 'scheme', null],
    ['javascript:alert(1)', 'scheme', null],
    ['data:text/html,hello', 'scheme', null],
    ['chrome://settings', 'scheme', 'settings'],
    ['mailto:someone@caf.fr', 'scheme', null],
    ['about:blank', 'scheme', null],
    ['not an address', 'invalid', null],
  ])('refuses %s (%s)', (url, reason, host) => {
    expect(main(url)).toEqual({ allowed: false, reason, host });
  });

  it('lets sub-frames be blank documents, but not the page itself', () => {
    expect(checkNavigation({ url: 'about:blank', isMainFrame: false, allowedHosts: cafHosts })).toEqual({ allowed: true });
    expect(checkNavigation({ url: 'about:srcdoc', isMainFrame: false, allowedHosts: cafHosts })).toEqual({ allowed: true });
    expect(main('about:srcdoc')).toMatchObject({ allowed: false, reason: 'scheme' });
  });

  it('refuses everything when no démarche is open', () => {
    expect(checkNavigation({ url: 'https://www.caf.fr/', isMainFrame: true, allowedHosts: [] })).toMatchObject({ allowed: false, reason: 'host' });
  });
});

describe('external links', () => {
  it.each([
    ['mailto:aide@caf.fr', { kind: 'mailto', target: 'aide@caf.fr' }],
    ['mailto:aide@caf.fr?subject=Bonjour&body=x', { kind: 'mailto', target: 'aide@caf.fr' }],
    ['tel:3230', { kind: 'tel', target: '3230' }],
    ['tel:+33%201%2023%2045%2067%2089', { kind: 'tel', target: '+33 1 23 45 67 89' }],
    ['sms:+33600000000?body=code', { kind: 'sms', target: '+33600000000' }],
    ['intent://scan/#Intent;scheme=zxing;end', { kind: 'other', target: '' }],
    ['ms-settings:privacy', { kind: 'other', target: '' }],
  ])('%s is shown as %j', (address, expected) => {
    expect(describeExternalLink(address)).toEqual(expected);
  });

  it.each(['https://www.caf.fr/', 'http://caf.entrainement.localhost/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'about:blank', 'chrome://settings', 'not an address'])(
    '%s is not an external application',
    (address) => {
      expect(describeExternalLink(address)).toBeNull();
    },
  );

  it('keeps script out of what it shows', () => {
    expect(describeExternalLink('tel:<script>alert(1)</script>')?.target).toBe('(1)');
  });
});
