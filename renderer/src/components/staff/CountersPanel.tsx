import type { StaffCounters } from '../../../../main/core/contract/staff-view';
import { kioskActions } from '../../bridge';
import { useStaffT } from './staff-text';

/** The last 30 days: a small bar chart of visits per day, the table, and the CSV export. */
export function CountersPanel({ counters, busy }: { counters: StaffCounters; busy: boolean }) {
  const t = useStaffT();
  const days = counters.days;
  const most = Math.max(1, ...days.map((day) => day.visitsStarted));
  return (
    <>
      <h1 className="staff-title">{t('staff.counters.title')}</h1>
      <div className="staff-actions staff-actions--row">
        <button type="button" className="button staff-action" data-action="staff-export-usb" disabled={busy} onClick={() => kioskActions.staffExportCounters('usb')}>
          {t('staff.counters.exportUsb')}
        </button>
        <button type="button" className="button staff-action" data-action="staff-export-screen" disabled={busy} onClick={() => kioskActions.staffExportCounters('screen')}>
          {t('staff.counters.exportScreen')}
        </button>
      </div>
      {days.length === 0 ? (
        <p data-counters="none">{t('staff.counters.empty')}</p>
      ) : (
        <>
          {/* The chart repeats the table's "Visites" column, so it is hidden from screen readers. */}
          <figure className="counters-chart" aria-hidden="true">
            {days.map((day) => (
              <span key={day.day} className="counters-bar" style={{ blockSize: `${Math.round((day.visitsStarted / most) * 100)}%` }} title={`${day.day} : ${day.visitsStarted}`} />
            ))}
          </figure>
          <div className="counters-table-scroll" tabIndex={0} role="region" aria-label={t('staff.counters.title')}>
            <table className="counters-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.counters.day')}</th>
                  <th scope="col">{t('staff.counters.visits')}</th>
                  <th scope="col">{t('staff.counters.median')}</th>
                  {counters.services.map((service) => (
                    <th key={service.id} scope="col">
                      {service.label}
                    </th>
                  ))}
                  <th scope="col">{t('staff.counters.memos')}</th>
                  <th scope="col">{t('staff.counters.printerErrors')}</th>
                </tr>
              </thead>
              <tbody>
                {[...days].reverse().map((day) => (
                  <tr key={day.day} data-day={day.day}>
                    <th scope="row">{new Date(`${day.day}T12:00:00`).toLocaleDateString('fr-FR')}</th>
                    <td data-column="visits">{day.visitsStarted}</td>
                    <td>{day.medianMinutes ?? '—'}</td>
                    {counters.services.map((service) => (
                      <td key={service.id}>{day.byService[service.id] ?? 0}</td>
                    ))}
                    <td>{day.memosPrinted}</td>
                    <td>{day.printerErrors}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
