import { useState } from 'react';
import { api, query } from '../api.js';
import { dateTime } from '../format.js';
import { useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { useLiveReload } from '../queue.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import { callFrame, planTotals } from './rules.js';
import { callPurposes, type CallPlan } from './types.js';

const DAY = 86_400_000;
/** A date input's value for a day on the supervisor's own calendar. */
const inputDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Supervisors' view of return visits: per day and purpose what is due, done and failed, and the next calls. */
export function ReturnVisitPlan({ live }: { live: Realtime }) {
  const { t, locale } = useI18n();
  const p = t.calls.plan;
  const [range, setRange] = useState(() => ({ from: inputDay(new Date(Date.now() - 6 * DAY)), to: inputDay(new Date(Date.now() + 7 * DAY)) }));
  // Days are counted on the supervisor's calendar: from the first day's midnight to the end of the last.
  const load = () => {
    const from = new Date(`${range.from}T00:00`);
    const to = new Date(new Date(`${range.to}T00:00`).getTime() + DAY);
    return api<CallPlan>('GET', `/api/v1/calls/plan${query({ from: from.toISOString(), to: to.toISOString(), timeZone: zone() })}`);
  };
  const plan = useLoad(load, [range.from, range.to]);
  useLiveReload(live, callFrame, plan.reload, 60_000);
  const totals = plan.data ? planTotals(plan.data, callPurposes) : null;
  return (
    <section className="admin" aria-labelledby="plan-title">
      <h1 id="plan-title">{p.title}</h1>
      <div className="row wrap plan-range">
        <label className="inline">{p.from} <input type="date" value={range.from} onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))} /></label>
        <label className="inline">{p.to} <input type="date" value={range.to} onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))} /></label>
      </div>
      {plan.error && <p className="error" role="alert">{plan.error}</p>}
      {plan.data && totals && (
        <table className="table plan-table" data-testid="plan-table">
          <thead>
            <tr>
              <th>{p.day}</th>
              {callPurposes.map((x) => <th key={x}>{t.calls.purposes[x]}</th>)}
            </tr>
          </thead>
          <tbody>
            {plan.data.days.map((day) => (
              <tr key={day.date} data-date={day.date}>
                <th scope="row">{day.date}</th>
                {callPurposes.map((x) => {
                  const f = day.byPurpose[x];
                  return <td key={x} className="small">{f ? p.figures(f.due, f.done, f.failed) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{p.total}</th>
              {callPurposes.map((x) => <td key={x} className="small">{p.figures(totals[x].due, totals[x].done, totals[x].failed)}</td>)}
            </tr>
          </tfoot>
        </table>
      )}
      <h2>{p.upcoming}</h2>
      {plan.data && plan.data.upcoming.length === 0 && <p className="muted">{p.noUpcoming}</p>}
      <ul className="plan-upcoming">
        {plan.data?.upcoming.map((task) => (
          <li key={task.id}>
            <a href={href(`calls/${task.id}`)} onClick={(e) => (e.preventDefault(), navigate(`calls/${task.id}`))}>
              <time dateTime={task.nextAttemptAt}>{dateTime(task.nextAttemptAt, locale)}</time> · {t.calls.purposes[task.purpose]} · {task.customerName ?? t.calls.row.noName}
            </a>
            {task.ticketReference && <span className="mono muted small"> {task.ticketReference}</span>}
            {task.overdue && <span className="overdue small"> {t.calls.row.overdue}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
