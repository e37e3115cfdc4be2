import { useEffect, useMemo, useState } from 'react';
import { dateTime } from '../format.js';
import { usePagedList } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { useLiveReload, ViewTabs, type QueueView } from '../queue.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import type { Agent, Priority } from '../types.js';
import { TicketView } from './detail.js';
import { normalizeReference } from './rules.js';
import { useStaff } from './staff.js';
import { ticketCategories, ticketStatuses, type Ticket, type TicketStatus, type TicketType } from './types.js';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
/** What a queue shows until the agent says otherwise: everything still to be done. */
const unfinished: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
const PAGE = 50;

/** Ticket frames that mean the queue may have changed. */
const ticketFrames = ['ticket.assigned', 'ticket.customer_replied', 'ticket.sla_breached', 'ticket.review_requested'];

/** The ticket queue (views, filters, paging) beside the open ticket. */
export function Tickets({ me, live, ticketId }: { me: Agent; live: Realtime; ticketId: string | null }) {
  const { t, locale } = useI18n();
  const staff = useStaff(me);
  const [view, setView] = useState<QueueView>(me.role === 'agent' ? 'mine' : 'all');
  const [statuses, setStatuses] = useState<TicketStatus[]>(unfinished);
  const [filters, setFilters] = useState<{ type: '' | TicketType; priority: '' | Priority; category: string }>({ type: '', priority: '', category: '' });
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const params = useMemo(() => ({ view, status: statuses.join(','), ...filters, q: normalizeReference(q) ?? q, limit: PAGE }), [view, statuses, filters, q]);
  const { first, items, cursor, loadMore, paging } = usePagedList<Ticket>('/api/v1/tickets', params);
  const { reload } = first;

  useLiveReload(live, (f) => ticketFrames.includes(f.type) || f.type === 'connection', reload);

  const toggleStatus = (s: TicketStatus) => setStatuses((list) => (list.includes(s) ? list.filter((x) => x !== s) : ticketStatuses.filter((x) => x === s || list.includes(x))));
  return (
    <div className={`workspace ${ticketId ? 'has-open' : ''}`}>
      <section className="inbox" aria-labelledby="tickets-title">
        <h1 id="tickets-title" className="visually-hidden">{t.tickets.title}</h1>
        <ViewTabs label={t.tickets.viewLabel} view={view} onChange={setView} />
        <div className="filters">
          <input type="search" className="wide" aria-label={t.tickets.filters.search} placeholder={t.tickets.filters.search} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="ticket-search" />
          <fieldset className="status-filter wide" aria-label={t.tickets.filters.status}>
            {ticketStatuses.map((s) => (
              <button key={s} type="button" className="chip-toggle" aria-pressed={statuses.includes(s)} title={t.tickets.statusHints[s]} onClick={() => toggleStatus(s)}>{t.tickets.statuses[s]}</button>
            ))}
          </fieldset>
          <select aria-label={t.tickets.filters.type} value={filters.type} onChange={(e) => setFilters((f) => ({ ...f, type: e.target.value as TicketType | '' }))}>
            <option value="">{t.tickets.filters.type}: {t.common.all}</option>
            {(['request', 'complaint'] as const).map((x) => <option key={x} value={x}>{t.tickets.types[x]}</option>)}
          </select>
          <select aria-label={t.tickets.filters.priority} value={filters.priority} onChange={(e) => setFilters((f) => ({ ...f, priority: e.target.value as Priority | '' }))}>
            <option value="">{t.tickets.filters.priority}: {t.common.all}</option>
            {priorities.map((p) => <option key={p} value={p}>{t.priorities[p]}</option>)}
          </select>
          <select className="wide" aria-label={t.tickets.filters.category} value={filters.category} onChange={(e) => setFilters((f) => ({ ...f, category: e.target.value }))}>
            <option value="">{t.tickets.filters.category}: {t.common.all}</option>
            {ticketCategories.map((c) => <option key={c} value={c}>{t.tickets.categories[c]}</option>)}
          </select>
        </div>
        {first.error && <p className="error" role="alert">{first.error}</p>}
        <ul className="conversation-list" aria-live="polite" data-testid="ticket-list">
          {first.data && items.length === 0 && <li className="muted">{t.tickets.empty}</li>}
          {items.map((x) => (
            <li key={x.id}>
              <a href={href(`tickets/${x.id}`)} aria-current={x.id === ticketId ? 'true' : undefined} onClick={(e) => (e.preventDefault(), navigate(`tickets/${x.id}`))} data-ticket-id={x.id}>
                <span className="row">
                  <strong className="ellipsis">{x.subject}</strong>
                  <span className={`badge ticket-${x.status}`}>{t.tickets.statuses[x.status]}</span>
                </span>
                <span className="row muted small">
                  <span><span className="mono">{x.reference}</span>{x.type === 'complaint' ? <> · <span className="complaint-mark">{t.tickets.types.complaint}</span></> : null} · {t.priorities[x.priority]}</span>
                  <time dateTime={x.updatedAt}>{dateTime(x.updatedAt, locale)}</time>
                </span>
                <span className="muted small ellipsis">{t.tickets.categories[x.category as keyof typeof t.tickets.categories] ?? x.category}{x.assigneeId ? ` · ${staff.agentName(x.assigneeId) ?? t.tickets.timeline.agent}` : ` · ${t.tickets.header.unassigned}`}</span>
              </a>
            </li>
          ))}
          {cursor && (
            <li className="load-more">
              <button type="button" disabled={paging.busy} onClick={loadMore}>{t.common.loadMore}</button>
              {paging.error && <span className="error small" role="alert">{paging.error.message}</span>}
            </li>
          )}
        </ul>
      </section>
      {ticketId ? <TicketView key={ticketId} id={ticketId} me={me} live={live} staff={staff} onChanged={reload} /> : <p className="placeholder muted">{t.tickets.pick}</p>}
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
