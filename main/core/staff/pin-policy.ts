/**
 * What a staff PIN may be. There is no default PIN: a station without one refuses
 * staff mode. A new PIN is 6 to 12 digits and not one of the codes a visitor would
 * try first (same digit, a run such as 123456, a short block repeated).
 */
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../contract/staff-view';

export { PIN_MAX_LENGTH, PIN_MIN_LENGTH };

export type PinRule = 'digits-only' | 'too-short' | 'too-long' | 'same-digit' | 'sequence' | 'repeated-block' | 'pairs';

export interface PinRefusal {
  rule: PinRule;
  /** For the person choosing the PIN (French first, then English). */
  message: string;
}

const MESSAGES: Record<PinRule, string> = {
  'digits-only': 'le code PIN ne contient que des chiffres / the PIN must be digits only',
  'too-short': `le code PIN doit avoir au moins ${PIN_MIN_LENGTH} chiffres / the PIN must have at least ${PIN_MIN_LENGTH} digits`,
  'too-long': `le code PIN a au plus ${PIN_MAX_LENGTH} chiffres / the PIN must have at most ${PIN_MAX_LENGTH} digits`,
  'same-digit': 'un seul chiffre répété (000000, 777777) est trop facile à deviner / one digit repeated is too easy to guess',
  sequence: 'une suite de chiffres (123456, 987654) est trop facile à deviner / a run of digits is too easy to guess',
  'repeated-block': 'un petit motif répété (121212, 123123) est trop facile à deviner / a short repeated pattern is too easy to guess',
  pairs: 'des paires de chiffres qui se suivent (112233) sont trop faciles à deviner / pairs of following digits are too easy to guess',
};

function refusal(rule: PinRule): PinRefusal {
  return { rule, message: MESSAGES[rule] };
}

/** Null when `pin` may become the station's PIN, else the first rule it breaks. */
export function checkNewPin(pin: string): PinRefusal | null {
  if (!/^[0-9]*$/.test(pin)) return refusal('digits-only');
  if (pin.length < PIN_MIN_LENGTH) return refusal('too-short');
  if (pin.length > PIN_MAX_LENGTH) return refusal('too-long');
  const digits = [...pin].map(Number);
  if (digits.every((digit) => digit === digits[0])) return refusal('same-digit');
  // Up or down by one each time, wrapping 9 → 0 (890123 and 210987 are as easy as 123456).
  for (const step of [1, 9]) {
    if (digits.every((digit, index) => index === 0 || digit === ((digits[index - 1] ?? 0) + step) % 10)) return refusal('sequence');
  }
  for (let block = 2; block <= pin.length / 2; block += 1) {
    if (pin.length % block === 0 && pin === pin.slice(0, block).repeat(pin.length / block)) return refusal('repeated-block');
  }
  if (pin.length % 2 === 0) {
    const pairs = pin.match(/../g) ?? [];
    const doubled = pairs.every((pair) => pair[0] === pair[1]);
    const heads = pairs.map((pair) => Number(pair[0]));
    const running = heads.every((digit, index) => index === 0 || Math.abs(digit - (heads[index - 1] ?? 0)) === 1);
    if (doubled && running) return refusal('pairs');
  }
  return null;
}

/** What the PIN pad may send: digits only, bounded; anything else is a wrong PIN without hashing it. */
export function isPinShaped(entry: string): boolean {
  return entry.length >= PIN_MIN_LENGTH && entry.length <= PIN_MAX_LENGTH && /^[0-9]+$/.test(entry);
}

/** The pad's fixed layout lives in the contract (the kiosk UI draws it). */
export { PIN_PAD_ROWS } from '../contract/staff-view';
