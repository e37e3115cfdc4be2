import { useEffect, useRef } from 'react';
import { dateTime } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { Agent } from '../types.js';
import { eventText } from './events.js';
import type { Staff } from './staff.js';
import type { TicketEntry } from './types.js';

/**
 * The ticket's history: public replies (customer's and ours) as bubbles, internal notes marked as
 * such in their own colour, and events as one localized line each.
 */
export function TicketTimeline({ entries, me, staff, customerName }: { entries: TicketEntry[]; me: Agent; staff: Staff; customerName: string }) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [entries.length]);
  const author = (e: TicketEntry) => {
    if (e.authorType === 'customer') return customerName || t.tickets.timeline.customer;
    if (e.authorType === 'system' || !e.authorId) return t.tickets.timeline.system;
    return e.authorId === me.id ? t.tickets.timeline.you : (e.authorName ?? staff.agentName(e.authorId) ?? t.tickets.timeline.agent);
  };
  return (
    <ol ref={list} className="timeline" aria-label={t.tickets.timeline.label} data-testid="ticket-timeline">
      {entries.map((e) => (e.kind === 'event' ? <EventItem key={e.id} entry={e} who={author(e)} staff={staff} /> : <EntryItem key={e.id} entry={e} who={author(e)} />))}
    </ol>
  );
}

function EntryItem({ entry: e, who }: { entry: TicketEntry; who: string }) {
  const { t, locale } = useI18n();
  const note = e.kind === 'note';
  const mergedFrom = typeof e.data.reference === 'string' && e.data.mergedFrom ? e.data.reference : null;
  return (
    <li className={`bubble ${note ? 'note' : `reply from-${e.authorType}`}`} data-kind={e.kind} data-author={e.authorType} data-entry-id={e.id}>
      <span className="meta small">
        <span className={note ? 'entry-kind note-kind' : 'entry-kind'}>{note ? t.tickets.timeline.note : t.tickets.timeline.reply}</span>
        {' · '}{who} · <time dateTime={e.createdAt}>{dateTime(e.createdAt, locale)}</time>
        {e.via !== 'web' && ` · ${t.tickets.channels[e.via as keyof typeof t.tickets.channels] ?? e.via}`}
      </span>
      {mergedFrom && <p className="small muted">{t.tickets.timeline.mergedFrom(mergedFrom)}</p>}
      {e.data.scam === true && <p className="badge warning">{t.tickets.timeline.scam}</p>}
      {e.body && <p className="text">{e.body}</p>}
      {e.attachments.length > 0 && (
        <ul className="files small" aria-label={t.tickets.timeline.files}>
          {e.attachments.map((f) => (
            <li key={f.id}>
              <span aria-hidden="true">📎</span> <a href={f.url} target="_blank" rel="noreferrer">{f.name}</a> <span className="muted">({Math.ceil(f.sizeBytes / 1024)} KB)</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function EventItem({ entry: e, who, staff }: { entry: TicketEntry; who: string; staff: Staff }) {
  const { t, locale } = useI18n();
  return (
    <li className="ticket-event small muted" data-kind="event" data-event={String(e.data.event ?? '')}>
      <span>{eventText(e.data, t, staff)}</span> · {who} · <time dateTime={e.createdAt}>{dateTime(e.createdAt, locale)}</time>
      {typeof e.data.note === 'string' && e.data.note && <span className="event-note">: {e.data.note}</span>}
    </li>
  );
}
