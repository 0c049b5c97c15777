/**
 * Control characters, for the names and texts the kiosk takes from a site or a disk.
 * One rule for file names (a downloaded file's name, a visitor file's address, a file
 * offered for an attachment): C0 and DEL. Site texts shown in the kiosk's own panels
 * also lose the C1 controls (`isC0OrC1Control`, main/core/dialogs/site-dialogs.ts).
 */

/** C0 controls (U+0000–U+001F, newline and tab included) and DEL (U+007F). */
export function isControlCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/** C1 controls (U+0080–U+009F): invisible, and some act as terminal escapes (U+009B is CSI). */
export function isC1Control(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x80 && code < 0xa0;
}

/** The variant for texts shown to people: C0, DEL and C1 (U+0000–U+001F, U+007F–U+009F). */
export function isC0OrC1Control(char: string): boolean {
  return isControlCharacter(char) || isC1Control(char);
}

/** True when `text` holds a C0 control or DEL anywhere (counted by code point). */
export function hasControlCharacter(text: string): boolean {
  return Array.from(text).some(isControlCharacter);
}
