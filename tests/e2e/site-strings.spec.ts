import { expect, test } from './kiosk-fixture';

/**
 * What a site can make the kiosk show is bounded before it reaches the view
 * (core/navigation/external-links.ts): a window.open with a 10 MB host name gives the
 * ordinary refusal panel, centred, with no host in it; a mail link with a 10 MB
 * address shows no address; an ordinary number is shown as it is.
 */
test.beforeEach(async ({ station }) => {
  await station.openTile('caf');
});

const TEN_MB = 10 * 1024 * 1024;

test('window.open with a 10 MB host name: the refusal panel, centred, without the host', async ({ station }) => {
  const started = Date.now();
  await station.site().evaluate((length) => {
    window.open(`https://${'a'.repeat(length)}.fr/`);
  }, TEN_MB);
  const panel = station.ui.locator('[data-overlay="refused"]');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  console.log(`[site-strings] 10 MB host: refusal panel shown after ${Date.now() - started} ms`);
  await expect(panel.locator('.host')).toHaveCount(0);
  expect((await panel.textContent())?.length ?? 0).toBeLessThan(2_000);
  const box = await panel.boundingBox(); // the panel is the dialog itself
  const viewport = station.ui.viewportSize();
  expect(box).not.toBeNull();
  if (box !== null && viewport !== null) {
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(40);
    expect(box.width).toBeLessThanOrEqual(viewport.width);
  }
  // The ordinary case still names the host, for staff to add it if it is official.
  await station.ui.click('[data-overlay="refused"] [data-action="dismiss"]');
  await station.site().evaluate(() => {
    window.open('https://www.exemple.fr/');
  });
  await expect(panel.locator('.host')).toHaveText('www.exemple.fr');
});

test('a mail link with a 10 MB address shows no address; a phone link shows its number', async ({ station }) => {
  await station.site().evaluate((length) => {
    const link = document.createElement('a');
    link.href = `mailto:${'a'.repeat(length)}@caf.fr`;
    link.textContent = 'écrire';
    link.id = 'long-mail';
    document.body.append(link);
    const phone = document.createElement('a');
    phone.href = 'tel:3230';
    phone.textContent = 'appeler';
    phone.id = 'phone';
    document.body.append(phone);
  }, TEN_MB);
  await station.site().click('#long-mail');
  const panel = station.ui.locator('[data-overlay="external-link"]');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  await expect(panel.locator('[data-external-target]')).toHaveCount(0);
  await station.ui.click('[data-overlay="external-link"] [data-action="dismiss"]');
  await station.site().click('#phone');
  await expect(panel.locator('[data-external-target]')).toHaveText('3230');
});
