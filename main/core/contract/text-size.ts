/**
 * The visitor's text size, chosen in the kiosk UI ("Affichage"): the UI's own text
 * follows it, and the official site gets it as its page zoom, set by the kiosk
 * (the visitor's own zoom keys stay blocked). Reset with every visitor.
 */
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** The site's page zoom for each text size: the same factors as the UI's own text. */
export const SITE_ZOOM: Readonly<Record<TextSize, number>> = { normal: 1, large: 1.25, larger: 1.5 };

export function isTextSize(value: unknown): value is TextSize {
  return typeof value === 'string' && (TEXT_SIZES as readonly string[]).includes(value);
}
