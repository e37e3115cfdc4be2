import { useMemo, useState } from 'react';
import { dateTime } from '../format.js';
import { usePagedList } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { useLiveReload } from '../queue.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import type { Agent } from '../types.js';
import { TaskView } from './detail.js';
import { ReturnVisitPlan } from './plan.js';
import { callFrame } from './rules.js';
import { callPurposes, callViews, statusFilters, type CallPurpose, type CallTask, type CallView, type StatusFilter } from './types.js';
import './calls.css';

const PAGE = 50;

/** The agent's phone work (回访外呼): the call list beside the open call; managers also see the return-visit plan. */
export function Calls({ me, live, path }: { me: Agent; live: Realtime; path: string | null }) {
  const { t } = useI18n();
  const manager = me.role !== 'agent';
  const planOpen = path === 'plan' && manager;
  const taskId = path && path !== 'plan' ? path : null;
  return (
    <div className="calls">
      {manager && (
        <nav className="subnav calls-tabs" aria-label={t.calls.title}>
          <a href={href('calls')} aria-current={!planOpen ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate('calls'))}>{t.calls.queueTab}</a>
          <a href={href('calls/plan')} aria-current={planOpen ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate('calls/plan'))}>{t.calls.planTab}</a>
        </nav>
      )}
      {planOpen ? <ReturnVisitPlan live={live} /> : <CallQueue me={me} live={live} taskId={taskId} />}
    </div>
  );
}

function CallQueue({ me, live, taskId }: { me: Agent; live: Realtime; taskId: string | null }) {
  const { t, locale } = useI18n();
  const c = t.calls;
  const [view, setView] = useState<CallView>(me.role === 'agent' ? 'mine' : 'all');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [purpose, setPurpose] = useState<'' | CallPurpose>('');
  const params = useMemo(() => ({ view, status, purpose, limit: PAGE }), [view, status, purpose]);
  const { first, items, cursor, loadMore, paging } = usePagedList<CallTask>('/api/v1/calls', params);
  const { reload } = first;

  useLiveReload(live, callFrame, reload);

  return (
    <div className={`workspace calls-workspace ${taskId ? 'has-open' : ''}`}>
      <section className="inbox" aria-labelledby="calls-title">
        <h1 id="calls-title" className="visually-hidden">{c.title}</h1>
        <div role="tablist" aria-label={c.viewLabel} className="tabs">
          {callViews.map((v) => (
            <button key={v} role="tab" type="button" aria-selected={view === v} onClick={() => setView(v)}>{c.views[v]}</button>
          ))}
        </div>
        <div className="filters">
          <select aria-label={t.common.status} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} data-testid="call-status-filter">
            {statusFilters.map((s) => <option key={s} value={s}>{c.statusFilter[s]}</option>)}
          </select>
          <select aria-label={c.purposeFilter} value={purpose} onChange={(e) => setPurpose(e.target.value as CallPurpose | '')} data-testid="call-purpose-filter">
            <option value="">{c.allPurposes}</option>
            {callPurposes.map((p) => <option key={p} value={p}>{c.purposes[p]}</option>)}
          </select>
        </div>
        {first.error && <p className="error" role="alert">{first.error}</p>}
        <ul className="conversation-list" aria-live="polite" data-testid="call-list">
          {first.data && items.length === 0 && <li className="muted">{c.empty}</li>}
          {items.map((x) => <CallRow key={x.id} task={x} open={x.id === taskId} locale={locale} />)}
          {cursor && (
            <li className="load-more">
              <button type="button" disabled={paging.busy} onClick={loadMore}>{t.common.loadMore}</button>
              {paging.error && <span className="error small" role="alert">{paging.error.message}</span>}
            </li>
          )}
        </ul>
      </section>
      {taskId ? <TaskView key={taskId} id={taskId} me={me} live={live} onChanged={reload} /> : <p className="placeholder muted">{c.pick}</p>}
    </div>
  );
}

function CallRow({ task, open, locale }: { task: CallTask; open: boolean; locale: 'zh-CN' | 'en' }) {
  const { t } = useI18n();
  const c = t.calls;
  return (
    <li>
      <a href={href(`calls/${task.id}`)} aria-current={open ? 'true' : undefined} onClick={(e) => (e.preventDefault(), navigate(`calls/${task.id}`))} data-task-id={task.id} data-overdue={task.overdue || undefined}>
        <span className="row">
          <strong className="ellipsis">{task.customerName ?? c.row.noName}</strong>
          <span className={`badge call-${task.status}`}>{c.statuses[task.status]}</span>
        </span>
        <span className="row small">
          <span className={task.purpose === 'callback' ? 'purpose purpose-callback' : 'purpose'}>{c.purposes[task.purpose]} · {t.priorities[task.priority]}</span>
          <time dateTime={task.nextAttemptAt} className={task.overdue ? 'overdue' : 'muted'}>
            {task.overdue && <strong>{c.row.overdue} · </strong>}
            {c.row.due(dateTime(task.nextAttemptAt, locale))}
          </time>
        </span>
        <span className="row muted small">
          <span className="mono">{task.phoneMasked ?? '—'}</span>
          <span>{c.row.attempts(task.attempts, task.maxAttempts)}</span>
          {task.ticketReference && <span className="mono">{task.ticketReference}</span>}
        </span>
      </a>
    </li>
  );
}
