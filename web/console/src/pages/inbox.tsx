import { useState } from 'react';
import { api, query, type Page } from '../api.js';
import { dateTime } from '../format.js';
import { useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { useLiveReload, ViewTabs, type QueueView } from '../queue.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import type { Agent, Conversation, ConversationStatus, Priority } from '../types.js';
import { ConversationView } from './conversation.js';

const statuses: ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved', 'closed'];
const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** The agent workspace: inbox on the left, the open conversation, the customer beside it. */
export function Inbox({ me, live, conversationId }: { me: Agent; live: Realtime; conversationId: string | null }) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<QueueView>(me.role === 'agent' ? 'mine' : 'all');
  const [filters, setFilters] = useState({ status: '', priority: '', category: '', label: '' });
  const inbox = useLoad(() => api<Page<Conversation>>('GET', `/api/v1/conversations${query({ view, ...filters, limit: 100 })}`), [view, filters]);
  const { reload } = inbox;

  // Conversations entering the queue are not pushed to every agent: the poll finds them.
  useLiveReload(live, (f) => ['assignment', 'message', 'status', 'connection'].includes(f.type), reload);

  const setFilter = (key: keyof typeof filters, value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const items = inbox.data?.items ?? [];
  return (
    <div className={`workspace ${conversationId ? 'has-open' : ''}`}>
      <section className="inbox" aria-labelledby="inbox-title">
        <h1 id="inbox-title" className="visually-hidden">{t.inbox.title}</h1>
        <ViewTabs label={t.inbox.viewLabel} view={view} onChange={setView} />
        <div className="filters">
          <select aria-label={t.inbox.filterStatus} value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t.inbox.filterStatus}: {t.common.all}</option>
            {statuses.map((s) => <option key={s} value={s}>{t.statuses[s]}</option>)}
          </select>
          <select aria-label={t.inbox.filterPriority} value={filters.priority} onChange={(e) => setFilter('priority', e.target.value)}>
            <option value="">{t.inbox.filterPriority}: {t.common.all}</option>
            {priorities.map((p) => <option key={p} value={p}>{t.priorities[p]}</option>)}
          </select>
          <input aria-label={t.inbox.filterCategory} placeholder={t.inbox.filterCategory} value={filters.category} onChange={(e) => setFilter('category', e.target.value.trim())} />
          <input aria-label={t.inbox.filterLabel} placeholder={t.inbox.filterLabel} value={filters.label} onChange={(e) => setFilter('label', e.target.value.trim())} />
        </div>
        {inbox.error && <p className="error" role="alert">{inbox.error}</p>}
        <ul className="conversation-list" aria-live="polite" data-testid="inbox-list">
          {inbox.data && items.length === 0 && <li className="muted">{t.inbox.empty}</li>}
          {items.map((c) => (
            <li key={c.id}>
              <a href={href(`conversations/${c.id}`)} aria-current={c.id === conversationId ? 'true' : undefined} onClick={(e) => (e.preventDefault(), navigate(`conversations/${c.id}`))} data-conversation-id={c.id}>
                <span className="row">
                  <strong>{c.category ?? '—'}</strong>
                  <span className={`badge status-${c.status}`}>{t.statuses[c.status]}</span>
                </span>
                <span className="row muted small">
                  <span>{c.language} · {t.priorities[c.priority]}{c.labels.length ? ` · ${c.labels.join(', ')}` : ''}</span>
                  <time dateTime={c.lastMessageAt ?? c.createdAt}>{dateTime(c.lastMessageAt ?? c.createdAt, locale)}</time>
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      {conversationId ? <ConversationView key={conversationId} id={conversationId} me={me} live={live} onChanged={reload} /> : <p className="placeholder muted">{t.inbox.pick}</p>}
    </div>
  );
}
