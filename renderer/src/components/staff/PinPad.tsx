import { useState } from 'react';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH, PIN_PAD_ROWS, type StaffPinView } from '../../../../main/core/contract/staff-view';
import { kioskActions } from '../../bridge';
import { useStaffT } from './staff-text';

/**
 * The PIN pad's keys (PIN_PAD_ROWS), in the fixed telephone layout (1 2 3 on top, 0 at the bottom).
 * Deliberately NOT shuffled: staff, many of them older, type a PIN by the shape their
 * finger knows, and a moved digit is misread and mistyped; a shuffled pad defends against
 * smudge reading, not the real threat at a public kiosk, which is shoulder-surfing — handled
 * by masking the digits (only dots are shown) — while five wrong PINs lock the pad anyway.
 */
/** The top three rows; the bottom row is "Effacer", 0, "Valider". */
const ROWS = PIN_PAD_ROWS.slice(0, 3);
const ZERO = PIN_PAD_ROWS[3]?.[0] ?? '0';

export function PinPad({ staff }: { staff: StaffPinView }) {
  const t = useStaffT();
  // The digits stay in this component only: sent once on "Valider", then forgotten.
  const [digits, setDigits] = useState('');
  const { gate } = staff;
  const canType = gate.kind === 'ready' && !staff.checking;
  const press = (digit: string) => {
    if (canType && digits.length < PIN_MAX_LENGTH) setDigits(digits + digit);
  };
  const submit = () => {
    if (!canType || digits.length < PIN_MIN_LENGTH) return;
    kioskActions.staffPinSubmit(digits);
    setDigits('');
  };
  const key = (digit: string) => (
    <button key={digit} type="button" className="button pin-key" data-pin-key={digit} disabled={!canType} onClick={() => press(digit)}>
      {digit}
    </button>
  );
  return (
    <main data-screen="staff-pin" className="screen screen--centered staff-screen" lang="fr" dir="ltr">
      <h1 className="staff-title">{t('staff.pin.title')}</h1>
      {gate.kind === 'no-pin' || gate.kind === 'unavailable' ? (
        <p className="staff-problem" role="alert" data-gate={gate.kind}>
          {gate.message}
        </p>
      ) : gate.kind === 'locked' ? (
        <p className="staff-problem" role="alert" data-gate="locked">
          {t('staff.pin.locked', { minutes: Math.ceil(gate.secondsLeft / 60) })}
        </p>
      ) : (
        <p className={staff.wrong ? 'staff-problem' : 'staff-prompt'} role={staff.wrong ? 'alert' : undefined} data-gate="ready" data-tries-left={gate.triesLeft}>
          {staff.wrong ? t('staff.pin.wrong', { tries: gate.triesLeft }) : t('staff.pin.prompt', { tries: gate.triesLeft })}
        </p>
      )}
      {/* Masked: a dot per digit, never the digit itself. */}
      <p className="pin-dots" aria-live="polite" data-digits={digits.length}>
        <span aria-hidden="true">{digits.length === 0 ? '\u00a0' : '●'.repeat(digits.length)}</span>
        <span className="visually-hidden">{t('staff.pin.typed', { digits: digits.length })}</span>
      </p>
      {staff.checking && <p role="status">{t('staff.pin.checking')}</p>}
      <div className="pin-pad" role="group" aria-label={t('staff.pin.keys')}>
        {ROWS.map((row) => row.map(key))}
        <button type="button" className="button pin-key pin-key--erase" data-action="pin-erase" disabled={!canType || digits.length === 0} onClick={() => setDigits(digits.slice(0, -1))}>
          {t('staff.pin.erase')}
        </button>
        {key(ZERO)}
        <button type="button" className="button button--primary pin-key pin-key--ok" data-action="pin-submit" disabled={!canType || digits.length < PIN_MIN_LENGTH} onClick={submit}>
          {t('staff.pin.ok')}
        </button>
      </div>
      <button type="button" className="button" data-action="pin-cancel" disabled={staff.checking} onClick={kioskActions.staffCancelPin}>
        {t('staff.pin.cancel')}
      </button>
    </main>
  );
}
