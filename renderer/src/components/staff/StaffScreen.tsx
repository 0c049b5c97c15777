import type { ReactNode } from 'react';
import type { StaffNotice, StaffOpenView, StaffView } from '../../../../main/core/contract/staff-view';
import type { StationInfo } from '../../../../main/core/contract/kiosk-view';
import { kioskActions } from '../../bridge';
import { useMarkReady } from '../use-mark-ready';
import { CountersPanel } from './CountersPanel';
import { PinPad } from './PinPad';
import { useStaffT } from './staff-text';

/** Staff mode, over everything (the site is hidden): the PIN pad, or the staff screens. */
export function StaffScreen({ staff, station }: { staff: StaffView; station: StationInfo | null }) {
  useMarkReady();
  if (staff.name === 'pin') return <PinPad staff={staff} />;
  return <StaffOpen staff={staff} station={station} />;
}

function ActionButton({ action, onClick, disabled, danger = false, children }: { action: string; onClick: () => void; disabled: boolean; danger?: boolean; children: ReactNode }) {
  return (
    <button type="button" className={danger ? 'button button--danger staff-action' : 'button staff-action'} data-action={action} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

function StaffOpen({ staff, station }: { staff: StaffOpenView; station: StationInfo | null }) {
  const t = useStaffT();
  const busy = staff.busy;
  const wrong = (staff.health ?? []).filter((line) => !line.ok);
  return (
    <div className="staff-layout" lang="fr" dir="ltr">
      <header className="staff-header">
        <p className="staff-header-title">{t('staff.home.title', { station: station?.name ?? '' })}</p>
        <button type="button" className="button button--primary" data-action="staff-leave" disabled={busy} onClick={kioskActions.staffLeave}>
          {t('staff.home.leave')}
        </button>
      </header>
      <main data-screen={`staff-${staff.screen}`} className="screen staff-screen staff-open" aria-busy={busy}>
        {staff.screen !== 'home' && (
          <button type="button" className="button" data-action="staff-back" disabled={busy} onClick={() => kioskActions.staffOpen('home')}>
            {t('staff.home.back')}
          </button>
        )}
        {staff.maintenance && (
          <p className="staff-maintenance" data-maintenance="on">
            {t('staff.home.maintenanceOn')}
          </p>
        )}
        {busy && <p role="status">{t('staff.home.busy')}</p>}
        {staff.notice !== null && <Notice notice={staff.notice} />}
        {staff.screen === 'home' && (
          <>
            <h1 className="staff-title">{t('staff.home.heading')}</h1>
            <p className="staff-prompt" data-idle-minutes={staff.idleMinutes}>
              {t('staff.home.autoClose', { minutes: staff.idleMinutes })}
            </p>
            <p className={wrong.length === 0 ? 'staff-summary staff-summary--ok' : 'staff-summary staff-summary--wrong'} data-health-wrong={wrong.length}>
              {wrong.length === 0 ? t('staff.home.allGood') : t('staff.home.problems', { number: wrong.length })}
            </p>
            <div className="staff-actions">
              <ActionButton action="staff-health" disabled={busy} onClick={() => kioskActions.staffOpen('health')}>{t('staff.home.health')}</ActionButton>
              <ActionButton action="staff-counters" disabled={busy} onClick={() => kioskActions.staffOpen('counters')}>{t('staff.home.counters')}</ActionButton>
              <ActionButton action="staff-errors" disabled={busy} onClick={() => kioskActions.staffOpen('errors')}>{t('staff.home.errors')}</ActionButton>
              <ActionButton action="staff-end-visitor" disabled={busy} onClick={kioskActions.staffEndVisitorSession}>{t('staff.home.endVisitor')}</ActionButton>
              <ActionButton action="staff-maintenance" disabled={busy} onClick={() => kioskActions.staffSetMaintenance(!staff.maintenance)}>
                {staff.maintenance ? t('staff.home.maintenanceStop') : t('staff.home.maintenanceStart')}
              </ActionButton>
              <ActionButton action="staff-test-page" disabled={busy} onClick={kioskActions.staffPrintTestPage}>{t('staff.home.printTestPage')}</ActionButton>
              <ActionButton action="staff-sample-memo" disabled={busy} onClick={kioskActions.staffPrintSampleMemo}>{t('staff.home.printSampleMemo')}</ActionButton>
              <ActionButton action="staff-reload" disabled={busy} onClick={kioskActions.staffReloadStation}>{t('staff.home.reload')}</ActionButton>
              <ActionButton action="staff-restart" disabled={busy} danger onClick={kioskActions.staffRestart}>{t('staff.home.restart')}</ActionButton>
              {staff.canExit && (
                <ActionButton action="staff-exit" disabled={busy} danger onClick={kioskActions.staffExit}>{t('staff.home.exit')}</ActionButton>
              )}
            </div>
          </>
        )}
        {staff.screen === 'health' && (
          <>
            <h1 className="staff-title">{t('staff.health.title')}</h1>
            <ul className="staff-health">
              {(staff.health ?? []).map((line) => (
                <li key={line.key} className={line.ok ? 'health-line health-line--ok' : 'health-line health-line--wrong'} data-health={line.key} data-ok={line.ok}>
                  <span className="health-mark">{line.ok ? t('staff.health.ok') : t('staff.health.wrong')}</span>
                  <span>
                    {line.what}
                    {line.todo !== null && <> {line.todo}</>}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {staff.screen === 'counters' && staff.counters !== null && <CountersPanel counters={staff.counters} busy={busy} />}
        {staff.screen === 'errors' && (
          <>
            <h1 className="staff-title">{t('staff.errors.title')}</h1>
            {(staff.errors ?? []).length === 0 ? (
              <p data-errors="none">{t('staff.errors.empty')}</p>
            ) : (
              <ul className="staff-errors">
                {(staff.errors ?? []).map((entry, index) => (
                  <li key={`${entry.time}-${index}`} className={entry.level === 'error' ? 'error-line error-line--error' : 'error-line'} data-level={entry.level}>
                    <span className="error-time">
                      {new Date(entry.time).toLocaleString('fr-FR')} — {entry.level === 'error' ? t('staff.errors.error') : t('staff.errors.warning')}
                    </span>
                    <span>
                      {entry.what}
                      {entry.todo !== null && <> {entry.todo}</>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </main>
    </div>
  );
}

function Notice({ notice }: { notice: StaffNotice }) {
  const t = useStaffT();
  const problem = notice.kind === 'print-failed' || notice.kind === 'reload-refused' || notice.kind === 'exit-refused' || notice.kind === 'failed';
  return (
    <div className={problem ? 'staff-notice staff-notice--wrong' : 'staff-notice'} role={problem ? 'alert' : 'status'} data-notice={notice.kind}>
      {notice.kind === 'printed' && <p>{t('staff.notice.printed')}</p>}
      {notice.kind === 'print-failed' && <p>{notice.message}</p>}
      {notice.kind === 'exported-usb' && <p>{t('staff.notice.exportedUsb', { file: notice.file })}</p>}
      {notice.kind === 'exported-screen' && (
        <>
          <p>{notice.noUsbKey ? t('staff.notice.noUsbKey') : t('staff.notice.exportedScreen')}</p>
          <pre className="staff-csv" data-csv tabIndex={0}>
            {notice.csv.replace(/^\uFEFF/, '')}
          </pre>
        </>
      )}
      {notice.kind === 'reload-refused' && (
        <>
          <p>{t('staff.notice.reloadRefused')}</p>
          <ul className="staff-problems">
            {notice.problems.map((line) => (
              <li key={line} data-problem>
                {line}
              </li>
            ))}
          </ul>
        </>
      )}
      {notice.kind === 'reload-ok' && <p>{t('staff.notice.reloadOk')}</p>}
      {notice.kind === 'maintenance' && <p>{notice.on ? t('staff.notice.maintenanceOn') : t('staff.notice.maintenanceOff')}</p>}
      {notice.kind === 'exit-refused' && <p>{t('staff.notice.exitRefused')}</p>}
      {notice.kind === 'failed' && <p>{notice.what}</p>}
    </div>
  );
}
