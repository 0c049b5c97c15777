import { describe, expect, it } from 'vitest';
import { checkNewPin, isPinShaped } from '../../../main/core/staff/pin-policy';

describe('a new staff PIN', () => {
  it.each([
    ['12a456', 'digits-only'],
    ['', 'too-short'],
    ['12345', 'too-short'],
    ['1234567890123', 'too-long'],
    ['000000', 'same-digit'],
    ['77777777', 'same-digit'],
    ['123456', 'sequence'],
    ['012345', 'sequence'],
    ['654321', 'sequence'],
    ['12345678901', 'sequence'],
    ['890123', 'sequence'],
    ['210987', 'sequence'],
    ['121212', 'repeated-block'],
    ['123123', 'repeated-block'],
    ['19841984', 'repeated-block'],
    ['112233', 'pairs'],
    ['998877', 'pairs'],
  ])('refuses %s (%s) and says which rule', (pin, rule) => {
    const refusal = checkNewPin(pin);
    expect(refusal?.rule).toBe(rule);
    expect(refusal?.message.length).toBeGreaterThan(10);
  });

  it('names the minimum length in the message', () => {
    expect(checkNewPin('4821')?.message).toContain('6');
  });

  it.each(['482913', '270514', '1357924', '112234', '528491637'])('accepts %s', (pin) => {
    expect(checkNewPin(pin)).toBeNull();
  });

  it('only PIN-shaped entries reach the slow hash', () => {
    expect(isPinShaped('482913')).toBe(true);
    expect(isPinShaped('48291')).toBe(false);
    expect(isPinShaped('48291a')).toBe(false);
    expect(isPinShaped('9'.repeat(10_000))).toBe(false);
  });
});
