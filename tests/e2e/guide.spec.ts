import { GUIDE_WIDTH_PX } from '../../main/core/contract/layout';
import { expect, test, DISPLAY, windowBounds } from './kiosk-fixture';

/**
 * A guided démarche on the training CAF: the guide beside the site, its steps ticked
 * one by one, "J'ai perdu mon mot de passe", the helpline and the station's help,
 * in French and then in Arabic, laid out right to left.
 */

test('in French: the guide stands beside the site and leads the visitor through the steps', async ({ station }) => {
  const { ui } = station;
  await ui.click('button[data-tile="caf"]');
  const guide = ui.locator('[data-panel="guide"]');
  await expect(guide).toBeVisible();
  expect(await windowBounds(ui)).toEqual({ left: 0, top: 0, width: GUIDE_WIDTH_PX, height: DISPLAY.height });
  expect(await windowBounds(station.site())).toMatchObject({ left: GUIDE_WIDTH_PX, width: DISPLAY.width - GUIDE_WIDTH_PX });

  // "Avant de commencer": what the site asks for and what to have at hand.
  const before = guide.locator('[data-guide-section="before"]');
  await expect(before).toContainText('Avant de commencer');
  await expect(before).toContainText("numéro d'allocataire d'entraînement");
  await expect(before.locator('li')).toHaveCount(2);

  // The steps as cards the visitor ticks; the progress follows.
  const procedure = guide.locator('[data-guide-procedure="attestation"]');
  await expect(procedure.locator('.guide-step')).toHaveCount(5);
  await expect(procedure.locator('.guide-progress')).toHaveText('0 étape(s) faite(s) sur 5');
  await procedure.locator('[data-step="0"] label').click();
  await procedure.locator('[data-step="1"] label').click();
  await expect(procedure.locator('[data-step="0"]')).toHaveAttribute('data-done', 'true');
  await expect(procedure.locator('.guide-progress')).toHaveText('2 étape(s) faite(s) sur 5');

  // Following the guide on the site does not lose the ticks.
  const site = station.site();
  await site.click('#lien-connexion');
  await expect(site).toHaveURL(/connexion-caf\.entrainement\.localhost.*\/connexion$/);
  await expect(procedure.locator('.guide-progress')).toHaveText('2 étape(s) faite(s) sur 5');

  // The helpline, with its number isolated left to right, and the station's own help.
  await expect(guide.locator('[data-guide-section="helpline"]')).toContainText('3230');
  await guide.locator('[data-action="help"]').click();
  await expect(guide.locator('[data-panel="help"]')).toContainText('Mode entraînement');

  // "J'ai perdu mon mot de passe" opens the site's own page, in the site window.
  await guide.locator('[data-action="forgot-password"]').click();
  await expect(site).toHaveURL(/connexion-caf\.entrainement\.localhost:\d+\/mot-de-passe-oublie$/);
  await expect(site.locator('h1')).toHaveText('Mot de passe oublié');

  // Closed, the guide gives the room back to the site; the toolbar button brings it back.
  await guide.locator('[data-action="close-guide"]').click();
  await expect(guide).toBeHidden();
  expect((await windowBounds(station.site())).left).toBe(0);
  await ui.click('header[data-toolbar] [data-action="guide"]');
  await expect(ui.locator('[data-panel="guide"] .guide-progress')).toHaveText('2 étape(s) faite(s) sur 5');
});

test('in Arabic: the whole kiosk UI turns right to left and the guide moves to the right side', async ({ station }) => {
  const { ui } = station;
  await ui.click('[data-action="languages"]');
  await ui.click('[data-language="ar"]');
  await expect(ui.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(ui.locator('html')).toHaveAttribute('lang', 'ar');

  await ui.click('button[data-tile="caf"]');
  const guide = ui.locator('[data-panel="guide"]');
  await expect(guide).toBeVisible();
  // The guide column is on the right, the site on its left.
  await expect.poll(async () => (await windowBounds(ui)).left).toBe(DISPLAY.width - GUIDE_WIDTH_PX);
  expect(await windowBounds(station.site())).toMatchObject({ left: 0, width: DISPLAY.width - GUIDE_WIDTH_PX });

  // Texts in Arabic, from the catalogue and the UI catalogs, not French.
  await expect(guide).toContainText('الحصول على شهادة (تدريب)');
  await expect(guide.locator('[data-guide-note="in-french"]')).toHaveCount(0);
  // The demo station is translated like the catalogue: the identifier is in Arabic too.
  await expect(guide.locator('[data-guide-section="before"] strong')).toContainText('رقم مستفيد للتدريب');
  await expect(guide.locator('[data-guide-section="before"] strong')).not.toHaveAttribute('lang', /.+/);
  await expect(guide.locator('[data-step="0"] p').first()).not.toHaveAttribute('lang', /.+/);
  // The French button name quoted in the step is marked as French for screen readers.
  await expect(guide.locator('[data-step="0"] p [lang="fr"]').first()).toContainText('Me connecter');
  const firstStep = guide.locator('[data-step="0"]');
  await expect(firstStep).toContainText('Me connecter');
  await expect(firstStep).toContainText('المس');
  // Right to left really lays out: the step number sits right of the step's text start.
  const direction = await firstStep.evaluate((element) => getComputedStyle(element).direction);
  expect(direction).toBe('rtl');
  const cardBox = await firstStep.boundingBox();
  const numberBox = await firstStep.locator('.guide-step-number').boundingBox();
  expect(cardBox !== null && numberBox !== null && numberBox.x + numberBox.width > cardBox.x + cardBox.width - 60).toBe(true);

  await firstStep.locator('label').click();
  await expect(firstStep).toHaveAttribute('data-done', 'true');

  // Back to French: the guide goes back to the left, the ticks are kept.
  await ui.click('[data-action="languages"]');
  await ui.click('[data-language="fr"]');
  await expect.poll(async () => (await windowBounds(ui)).left).toBe(0);
  await expect(ui.locator('[data-panel="guide"] [data-step="0"]')).toHaveAttribute('data-done', 'true');
});

test('the next visitor gets the default language, a closed guide list and no ticks', async ({ station }) => {
  const { ui } = station;
  await ui.click('[data-action="languages"]');
  await ui.click('[data-language="ar"]');
  await ui.click('button[data-tile="caf"]');
  await ui.locator('[data-panel="guide"] [data-step="0"] label').click();
  await ui.click('header[data-toolbar] [data-action="end-session"]');
  await ui.click('[data-overlay="confirm-end"] [data-action="confirm-end"]');
  await expect(ui.locator('main[data-screen="home"] [data-notice="wiped"]')).toBeVisible();
  await expect(ui.locator('html')).toHaveAttribute('dir', 'ltr');
  await ui.click('button[data-tile="caf"]');
  await expect(ui.locator('[data-panel="guide"] .guide-progress')).toHaveText('0 étape(s) faite(s) sur 5');
  expect((await windowBounds(ui)).left).toBe(0);
});

test('"Écouter" appears only where the machine has a voice for the language, and reads the card', async ({ station }) => {
  const { ui } = station;
  await ui.click('button[data-tile="caf"]');
  const guide = ui.locator('[data-panel="guide"]');
  await expect(guide).toBeVisible();
  const realFrenchVoices = await ui.evaluate(() => speechSynthesis.getVoices().filter((voice) => voice.lang.startsWith('fr')).length);
  console.log(`speech synthesis: ${realFrenchVoices} French voice(s) on this machine`);
  await expect(guide.locator('[data-action="listen"]').first()).toBeVisible({ visible: realFrenchVoices > 0 });

  // A French voice arrives (as the platform's voices do, after the page): the buttons appear.
  await ui.evaluate(() => {
    const spoken: string[] = [];
    const voice = { lang: 'fr-FR', name: 'Voix de test', default: true, localService: true, voiceURI: 'test' };
    const synthesis = window.speechSynthesis;
    Object.defineProperty(synthesis, 'getVoices', { value: () => [voice] });
    Object.defineProperty(synthesis, 'speak', { value: (utterance: SpeechSynthesisUtterance) => spoken.push(`${utterance.lang}|${utterance.text}`) });
    (window as unknown as { spoken: string[] }).spoken = spoken;
    synthesis.dispatchEvent(new Event('voiceschanged'));
  });
  const listen = guide.locator('[data-step="2"] [data-action="listen"]');
  await expect(listen).toBeVisible();
  await listen.click();
  expect(await ui.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual(['fr-FR|Touchez « Se connecter ».']);
  await expect(listen).toHaveAttribute('aria-pressed', 'true');

  // No voice for Arabic: in Arabic the buttons go away.
  await ui.click('[data-action="languages"]');
  await ui.click('[data-language="ar"]');
  await expect(ui.locator('[data-panel="guide"] [data-step="0"]')).toContainText('المس');
  await expect(ui.locator('[data-panel="guide"] [data-action="listen"]')).toHaveCount(0);
});
