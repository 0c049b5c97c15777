import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoPreview, MemoPrintOutcome } from '../../../../main/core/contract/kiosk-api';
import type { StationInfo } from '../../../../main/core/contract/kiosk-view';
import { kioskActions, kioskApi } from '../../bridge';
import { useKioskStore } from '../../store';
import { keepPunctuation } from '../typography';
import { StationText } from '../StationText';
import { useStationLang } from '../use-station-text';
import { Dialog } from './Dialog';
import { dismissAction } from './dialog-actions';
import { MemoSheet } from './MemoSheet';

type PrintState = { name: 'idle' } | { name: 'printing' } | { name: 'done'; outcome: MemoPrintOutcome };

/**
 * "Imprimer mon mémo": the visitor picks the services (those opened during the
 * visit are ticked), sees the sheet exactly as it prints (same document, same
 * QR codes), and prints it. Nothing here is kept: the panel and its preview go
 * with the visitor.
 */
export function MemoDialog({ station, openedTiles }: { station: StationInfo; openedTiles: readonly string[] }) {
  const { t } = useTranslation();
  const stationLang = useStationLang();
  const language = useKioskStore((state) => state.language);
  const memoTiles = useMemo(() => station.tiles.filter((tile) => tile.hasMemo), [station.tiles]);
  const [chosen, setChosen] = useState<string[]>(() => memoTiles.filter((tile) => openedTiles.includes(tile.id)).map((tile) => tile.id));
  const [preview, setPreview] = useState<MemoPreview | null>(null);
  const [print, setPrint] = useState<PrintState>({ name: 'idle' });

  useEffect(() => {
    let current = true;
    const api = kioskApi();
    if (api === null) return undefined;
    api.previewMemo(chosen, language).then(
      (next) => current && setPreview(next),
      () => current && setPreview(null),
    );
    return () => {
      current = false;
    };
  }, [chosen, language]);

  const toggle = (id: string): void => {
    setPrint({ name: 'idle' });
    setChosen((previous) => (previous.includes(id) ? previous.filter((other) => other !== id) : memoTiles.map((tile) => tile.id).filter((other) => other === id || previous.includes(other))));
  };

  const startPrint = (): void => {
    const api = kioskApi();
    if (api === null || print.name === 'printing') return;
    setPrint({ name: 'printing' });
    api.printMemo(chosen, language).then(
      (outcome) => setPrint({ name: 'done', outcome }),
      () => setPrint({ name: 'done', outcome: { ok: false, problem: 'failed' } }),
    );
  };

  const canPrint = station.printer !== 'none' && chosen.length > 0 && print.name !== 'printing';
  return (
    <Dialog
      name="memo"
      title={t('memo.title')}
      onEscape={kioskActions.dismissOverlay}
      actions={[
        { action: 'print-memo', label: print.name === 'printing' ? t('memo.printing') : t('memo.print'), look: 'primary', disabled: !canPrint, onClick: startPrint },
        dismissAction(t('memo.close'), 'secondary', true),
      ]}
    >
      <p>{keepPunctuation(t('memo.intro'))}</p>
      <fieldset className="memo-choices">
        <legend>{t('memo.choose')}</legend>
        {memoTiles.map((tile) => (
          <label key={tile.id} className="memo-choice">
            <input type="checkbox" data-memo-tile={tile.id} checked={chosen.includes(tile.id)} onChange={() => toggle(tile.id)} />
            <span dir="auto" lang={stationLang(tile.label)}>
              <StationText text={tile.label} />
            </span>
          </label>
        ))}
      </fieldset>
      {station.printer === 'none' && <p data-memo-note="no-printer">{keepPunctuation(t('memo.noPrinter'))}</p>}
      {preview?.fellBackToFrench === true && <p data-memo-note="french">{keepPunctuation(t('memo.printedInFrench'))}</p>}
      {print.name === 'done' && (
        <p role="status" className={print.outcome.ok ? 'memo-result memo-result--ok' : 'memo-result memo-result--problem'} data-memo-result={print.outcome.ok ? 'ok' : print.outcome.problem}>
          {keepPunctuation(t(print.outcome.ok ? 'memo.result.ok' : `memo.result.${print.outcome.problem}`))}
        </p>
      )}
      {preview !== null && <MemoSheet document={preview.document} label={t('memo.previewLabel')} language={preview.printedIn} />}
    </Dialog>
  );
}
