import type { Page } from '@playwright/test';

/** Logs in on the CAF training site (through its separate login host) and waits for its storage writes. */
export async function logInOnCaf(site: Page): Promise<void> {
  await site.click('#lien-connexion');
  await site.waitForURL(/connexion-caf\.entrainement\.localhost:\d+\/connexion/);
  await site.fill('#identifiant', '1234567890123');
  await site.fill('#mot-de-passe', 'entrainement');
  await site.click('button[type="submit"]');
  await site.waitForURL(/caf\.entrainement\.localhost:\d+\/mon-compte/);
  await site.waitForSelector('body[data-stockage="pret"]');
}
