import { dateTime, duration } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { SlaTimer } from './types.js';

/** The ticket's SLA clocks: what is measured, whether it runs, and the time left or when it was missed. */
export function SlaTimers({ timers }: { timers: SlaTimer[] }) {
  const { t, locale } = useI18n();
  const s = t.tickets.sla;
  return (
    <section aria-labelledby="sla-title" className="side-section">
      <h3 id="sla-title">{s.title}</h3>
      {timers.length === 0 ? (
        <p className="muted small">{s.none}</p>
      ) : (
        <ul className="sla-list small" data-testid="sla-timers">
          {timers.map((timer) => (
            <li key={timer.metric} data-metric={timer.metric} data-status={timer.status}>
              <span className="row">
                <span>{s.metrics[timer.metric]}</span>
                <span className={`badge sla-${timer.status}`}>{s.statuses[timer.status]}</span>
              </span>
              <span className="muted">
                {timer.status === 'breached' && timer.breachedAt && s.breachedAt(dateTime(timer.breachedAt, locale))}
                {timer.status === 'running' && timer.remainingSeconds !== null && s.left(duration(timer.remainingSeconds, locale)!)}
                {timer.status === 'running' && timer.dueAt && ` · ${s.due(dateTime(timer.dueAt, locale))}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
