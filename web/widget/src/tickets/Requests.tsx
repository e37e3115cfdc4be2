import { formatTime } from '../chat/format.js';
import { fill } from '../i18n/index.js';
import type { CustomerTicket } from './tickets.js';
import type { RequestsProps } from './host.js';
import { StatusPill } from './parts.js';
import { RequestDetail } from './RequestDetail.js';
import { RequestForm } from './RequestForm.js';
import { stringsFor, type Strings } from './strings.js';
import './tickets.css';

function RequestList({ items, failed, s, locale, onOpen }: { items: CustomerTicket[] | null; failed: boolean; s: Strings; locale: string; onOpen: (id: string) => void }) {
  const { t } = s;
  if (!items) return <p class="wd-event" role="status">{failed ? t.loadFailed : t.loading}</p>;
  if (!items.length) return <p class="wd-requests-empty">{t.empty}</p>;
  return (
    <ul class="wd-tickets">
      {items.map((ticket) => (
        <li key={ticket.id} class={ticket.unread ? 'wd-unread' : undefined}>
          <button type="button" class="wd-ticket" onClick={() => onOpen(ticket.id)}>
            <span class="wd-ticket-row">
              <span class="wd-ref">{ticket.reference}</span>
              <StatusPill status={ticket.status} s={s} />
            </span>
            <span class="wd-ticket-subject">
              {ticket.unread && <span class="wd-dot" title={t.unread}><span class="wd-visually-hidden">{t.unread}</span></span>}
              {ticket.subject}
            </span>
            <span class="wd-muted">
              {t.categories[ticket.category] ?? ticket.category} · {fill(t.updated, { time: formatTime(ticket.updatedAt, locale) })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "My requests": the list, one request with its timeline and reply box, and the new-request form. */
export function Requests(props: RequestsProps) {
  const { feed, locale, route, onRoute } = props;
  const s = stringsFor(locale);
  const { t } = s;
  return (
    <section class="wd-requests" aria-labelledby="wd-requests-title">
      <nav class="wd-requests-nav">
        <button type="button" class="wd-link" onClick={props.onClose}>‹ {t.backToChat}</button>
        {route.view === 'list' ? (
          <button type="button" class="wd-primary" onClick={() => onRoute({ view: 'new' })}>{t.newRequest}</button>
        ) : (
          <button type="button" class="wd-link" onClick={() => onRoute({ view: 'list' })}>{t.allRequests}</button>
        )}
      </nav>
      {route.view === 'list' && (
        <>
          <h2 id="wd-requests-title">{t.title}</h2>
          <RequestList items={feed.items} failed={feed.failed} s={s} locale={locale} onOpen={(id) => onRoute({ view: 'detail', id })} />
          {props.onCallbacks && (
            <p>
              <button type="button" class="wd-link" onClick={props.onCallbacks}>{s.chat.myCallbacks} ›</button>
            </p>
          )}
        </>
      )}
      {route.view === 'new' && <RequestForm feed={feed} s={s} locale={locale} onCreated={(ticket) => onRoute({ view: 'detail', id: ticket.id, created: true })} />}
      {route.view === 'detail' && <RequestDetail key={route.id} id={route.id} created={!!route.created} feed={feed} s={s} locale={locale} />}
    </section>
  );
}
