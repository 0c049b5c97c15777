/**
 * Both shells run this in the visitor's page when the on-screen keyboard comes up
 * (the site's surface is then shorter by the keyboard, core/contract/layout.ts). Kept as
 * source text here so the two shells run the very same script.
 */
/** After the window's resize has been laid out (two frames), the focused field to the middle. */
export const REVEAL_FOCUSED_FIELD = "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))).then(() => { const field = document.activeElement; if (field !== null && field !== document.body) field.scrollIntoView({ block: 'center', inline: 'nearest' }); })";

