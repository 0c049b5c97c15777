/**
 * Height of the kiosk toolbar strip above a government site, in CSS pixels.
 * Shared by the shells (which size the two surfaces) and the UI (which draws
 * the strip), so neither can drift from the other.
 */
export const TOOLBAR_HEIGHT_PX = 96;
