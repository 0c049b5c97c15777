import type { Overlay, StationInfo } from '../../../../main/core/contract/kiosk-view';
import { AttachDialog } from './AttachDialog';
import { A4PrintDialog } from './A4PrintDialog';
import { ConfirmEndDialog } from './ConfirmEndDialog';
import { ExternalLinkDialog } from './ExternalLinkDialog';
import { IdleWarningDialog } from './IdleWarningDialog';
import { MemoDialog } from './MemoDialog';
import { OfflineDialog } from './OfflineDialog';
import { PrintOrFileDialog } from './PrintOrFileDialog';
import { RefusedDialog } from './RefusedDialog';
import { SiteQuestionDialog } from './SiteQuestionDialog';
import { UnreachableDialog } from './UnreachableDialog';

/** The open panel, if any. Each panel is its own component so focus moves anew when it changes. */
export function OverlayPanel({ overlay, station, openedTiles }: { overlay: Overlay; station: StationInfo | null; openedTiles: readonly string[] }) {
  switch (overlay.name) {
    case 'none':
      return null;
    case 'confirm-end':
      return <ConfirmEndDialog />;
    case 'idle-warning':
      return <IdleWarningDialog endsAt={overlay.endsAt} />;
    case 'refused':
      return <RefusedDialog reason={overlay.reason} host={overlay.host} />;
    case 'unreachable':
      return <UnreachableDialog />;
    case 'offline':
      return <OfflineDialog />;
    case 'external-link':
      return <ExternalLinkDialog link={overlay.link} />;
    case 'print-or-file':
      return <PrintOrFileDialog request={overlay.request} />;
    case 'attach':
      return <AttachDialog picker={overlay.picker} />;
    case 'site-dialog':
      // A new question is a new panel: its field and its focus start afresh.
      return <SiteQuestionDialog key={overlay.dialog.id} dialog={overlay.dialog} />;
    case 'a4-print':
      return <A4PrintDialog print={overlay.print} />;
    case 'memo':
      return station === null ? null : <MemoDialog station={station} openedTiles={openedTiles} />;
    default: {
      const unknown: never = overlay;
      return unknown;
    }
  }
}
