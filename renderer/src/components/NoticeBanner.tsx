import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HomeNotice } from '../../../main/core/contract/kiosk-view';
import type { LanguageCode } from '../../../main/core/config/languages';
import { catalogLanguageFor, htmlLangFor, i18n, i18nextLanguageFor, isRtl } from '../i18n';
import { useKioskStore } from '../store';
import { CheckIcon } from './icons';
import { CloseButton } from './panel-parts';
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
/** The notice in the language of the visitor who just left, when it is not the screen's. */
function LeavingVisitorNotice({ notice, language }: { notice: HomeNotice; language: LanguageCode }) {
  const shown = catalogLanguageFor(language);
  const t = i18n.getFixedT(i18nextLanguageFor(shown));
  return (
    <p className="notice-text" lang={htmlLangFor(shown)} dir={isRtl(shown) ? 'rtl' : 'ltr'} data-notice-language={shown}>
      {keepPunctuation(noticeText(t, notice))}
    </p>
  );
}

export function NoticeBanner({ notice }: { notice: HomeNotice }) {
  const { t } = useTranslation();
  const leaving = useKioskStore((state) => state.leavingLanguage);
  const screenLanguage = useKioskStore((state) => state.language);
  const sayFirst = leaving !== null && catalogLanguageFor(leaving) !== catalogLanguageFor(screenLanguage) ? leaving : null;
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setHidden(true), NOTICE_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div role="status" data-notice={notice} className={hidden ? 'notice notice--hidden' : 'notice'}>
      <CheckIcon />
      <div className="notice-texts">
        {sayFirst !== null && <LeavingVisitorNotice notice={notice} language={sayFirst} />}
        <p className="notice-text" lang={sayFirst === null ? undefined : htmlLangFor(screenLanguage)} data-notice-language={catalogLanguageFor(screenLanguage)}>
          {keepPunctuation(noticeText(t, notice))}
        </p>
      </div>
      <CloseButton label={t('notice.close')} onClose={() => setHidden(true)} />
    </div>
  );
}
