/**
 * An identifier's description with its own colon turned into a dash, so that it reads
 * well after a label that ends with one: "Identifiant : numéro de sécurité sociale —
 * les 13 premiers chiffres", never "Identifiant : numéro de sécurité sociale : les 13…".
 */
export function withoutInnerColon(text: string): string {
  return text.replace(/\s*:\s+/gu, ' — ');
}
