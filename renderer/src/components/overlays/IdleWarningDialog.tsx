import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { kioskActions } from '../../bridge';
import { Dialog } from './Dialog';
import { WarningIcon } from '../icons';
import { keepPunctuation } from '../typography';

const TICK_MS = 250;
const ANNOUNCE_EVERY_MS = 10_000;

function secondsLeft(endsAt: number): number {
  return Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
}

/** Seconds until `endsAt` (epoch ms), recomputed locally every 250 ms. */
function useSecondsLeft(endsAt: number): number {
  const [seconds, setSeconds] = useState(() => secondsLeft(endsAt));
  useEffect(() => {
    setSeconds(secondsLeft(endsAt));
    const timer = window.setInterval(() => setSeconds(secondsLeft(endsAt)), TICK_MS);
    return () => window.clearInterval(timer);
  }, [endsAt]);
  return seconds;
}

/**
 * The value screen readers hear: refreshed at most every 10 s (the dialog's own
 * description is read when it opens), so the countdown does not chatter.
 */
function useThrottledAnnouncement(seconds: number): number | null {
  const [announced, setAnnounced] = useState<number | null>(null);
  const lastAnnounce = useRef(performance.now());
  useEffect(() => {
    const now = performance.now();
    if (now - lastAnnounce.current >= ANNOUNCE_EVERY_MS) {
      lastAnnounce.current = now;
      setAnnounced(seconds);
    }
  }, [seconds]);
  return announced;
}

export function IdleWarningDialog({ endsAt }: { endsAt: number }) {
  const { t } = useTranslation();
  const seconds = useSecondsLeft(endsAt);
  const announced = useThrottledAnnouncement(seconds);
  return (
    <Dialog
      name="idle-warning"
      role="alertdialog"
      tone="warning"
      icon={<WarningIcon />}
      title={keepPunctuation(t('idle.title'))}
      onEscape={kioskActions.stillHere}
      actions={[{ action: 'still-here', label: t('idle.stillHere'), look: 'primary', wide: true, focus: true, onClick: kioskActions.stillHere }]}
    >
      <p className="countdown-sentence">
        <Trans
          t={t}
          i18nKey="idle.countdown"
          values={{ seconds }}
          components={{ n: <span className="countdown-number" data-countdown="" /> }}
        />
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announced === null ? '' : t('idle.announce', { seconds: announced })}
      </p>
    </Dialog>
  );
}
