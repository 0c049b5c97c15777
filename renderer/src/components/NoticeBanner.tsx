import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HomeNotice } from '../../../main/core/contract/kiosk-view';
import { CheckIcon, CloseIcon } from './icons';
import { keepPunctuation } from './typography';

export const NOTICE_VISIBLE_MS = 15_000;

function noticeText(t: TFunction, notice: HomeNotice): string {
  switch (notice) {
    case 'wiped':
      return t('notice.wiped');
    case 'wiped-after-idle':
      return t('notice.wipedAfterIdle');
    case 'wiped-after-crash':
      return t('notice.wipedAfterCrash');
    default: {
      const unknown: never = notice;
      return unknown;
    }
  }
}

/**
 * Tells the visitor who is leaving that the wipe happened. It sits in the page flow
 * (never over a tile) and, once closed or after 15 s, keeps its room while hidden so
 * the tiles do not jump under a finger.
 */
export function NoticeBanner({ notice }: { notice: HomeNotice }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setHidden(true), NOTICE_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div role="status" data-notice={notice} className={hidden ? 'notice notice--hidden' : 'notice'}>
      <CheckIcon />
      <p className="notice-text">{keepPunctuation(noticeText(t, notice))}</p>
      <button type="button" className="button button--icon" aria-label={t('notice.close')} onClick={() => setHidden(true)}>
        <CloseIcon />
      </button>
    </div>
  );
}
