import { describe, expect, it } from 'vitest';
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
