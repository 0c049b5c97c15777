import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { kioskActions } from '../../bridge';
import { HomeIcon } from '../icons';
import type { DialogAction } from './Dialog';

/** Closes the panel and goes back to where the visitor was. */
export function dismissAction(label: ReactNode, look: DialogAction['look'], focus = false): DialogAction {
  return { action: 'dismiss', label, look, focus, onClick: kioskActions.dismissOverlay };
}

/** Back to the home screen's tiles. */
export function homeAction(t: TFunction, look: DialogAction['look'], focus = false): DialogAction {
  return { action: 'home', label: t('common.home'), icon: <HomeIcon />, look, focus, onClick: kioskActions.goHome };
}

/** Loads the démarche again. */
export function retryAction(t: TFunction, look: DialogAction['look'], focus = false): DialogAction {
  return { action: 'retry', label: t('unreachable.retry'), look, focus, onClick: kioskActions.retrySite };
}
