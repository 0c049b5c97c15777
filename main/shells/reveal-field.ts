/**
 * Both shells run this in the visitor's page when the on-screen keyboard comes up
 * (the site's surface is then shorter by the keyboard, core/contract/layout.ts). Kept as
 * source text here so the two shells run the very same script.
 */
/**
 * After the window's resize has been laid out (two frames), the focused field to the
 * middle; and once more at the next resize within 2 s, since a busy machine may lay the
 * shorter window out only after those frames.
 */
export const REVEAL_FOCUSED_FIELD =
  "new Promise((resolve) => { const reveal = () => { const field = document.activeElement; if (field !== null && field !== document.body) field.scrollIntoView({ block: 'center', inline: 'nearest' }); }; const again = () => reveal(); window.addEventListener('resize', again, { once: true }); setTimeout(() => window.removeEventListener('resize', again), 2000); requestAnimationFrame(() => requestAnimationFrame(() => { reveal(); resolve(undefined); })); })";
