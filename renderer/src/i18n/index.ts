import type { LanguageCode } from '../../../main/core/config/languages';
import { catalogLanguageFor, htmlLangFor, i18n, i18nextLanguageFor, isRtl } from './instance';

export type { CatalogLanguage } from './instance';
export { catalogLanguageFor, hasCatalog, htmlLangFor, i18n, i18nextLanguageFor, isRtl } from './instance';

/**
 * Shows the UI in a language: switches the catalog, and sets `lang` and `dir` on
 * <html> so the whole layout (written with logical CSS properties) mirrors.
 */
export function applyLanguage(language: LanguageCode, root: HTMLElement = document.documentElement): void {
  const shown = catalogLanguageFor(language);
  const code = i18nextLanguageFor(shown);
  if (i18n.language !== code) void i18n.changeLanguage(code);
  root.lang = htmlLangFor(shown);
  root.dir = isRtl(shown) ? 'rtl' : 'ltr';
  document.title = i18n.t('app.title');
}
