/**
 * Languages the kiosk UI can be shown in. French first (the default everywhere),
 * then easy-to-read French (FALC), then the languages most asked for at France
 * Services desks by allophone visitors (see FIELD.md).
 */
export const LANGUAGE_CODES = ['fr', 'fr-FALC', 'en', 'ar', 'fa', 'ps', 'uk'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/** Languages written right to left: the whole kiosk UI is mirrored for them. */
export const RTL_LANGUAGES: ReadonlySet<LanguageCode> = new Set<LanguageCode>(['ar', 'fa', 'ps']);

/** Each language's name in its own script, for the language picker. */
export const LANGUAGE_NATIVE_NAMES: Readonly<Record<LanguageCode, string>> = {
  fr: 'Français',
  'fr-FALC': 'Français facile',
  en: 'English',
  ar: 'العربية',
  fa: 'دری / فارسی',
  ps: 'پښتو',
  uk: 'Українська',
};

/** Text given in several languages; French is always present and is the fallback. */
export type LocalizedText = { fr: string } & { [code in Exclude<LanguageCode, 'fr'>]?: string | undefined };

export function localize(text: LocalizedText, language: LanguageCode): string {
  return text[language] ?? text.fr;
}
