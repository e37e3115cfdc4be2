import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '../chat/format.js';
import { VerifiedBadge } from '../chat/Message.js';
import { fill } from '../i18n/index.js';
import type { CustomerTicket, TicketEntry } from './tickets.js';
import type { TicketFeed } from './feed.js';
import { EntryFiles, FilePicker, StatusPill, useUploads } from './parts.js';
import type { Strings } from './strings.js';

function EntryView({ entry, s, locale }: { entry: TicketEntry; s: Strings; locale: string }) {
  const { t } = s;
  const time = <time dateTime={entry.createdAt}>{formatTime(entry.createdAt, locale)}</time>;
  if (entry.kind === 'event') {
    const text = entry.data.event === 'status_changed' ? fill(t.detail.statusChanged, { status: t.statuses[String(entry.data.to)] ?? String(entry.data.to) }) : entry.data.event === 'acknowledged' ? t.detail.acknowledged : null;
    return text ? <li class="wd-event wd-entry-event">{text} · {time}</li> : null;
  }
  const mine = entry.authorType === 'customer';
  return (
    <li class={`wd-message ${mine ? 'wd-mine' : 'wd-theirs'} wd-entry wd-from-${mine ? 'customer' : 'agent'}`}>
      <p class="wd-author">
        {mine ? t.detail.you : t.detail.support}
        {!mine && <VerifiedBadge t={s.chat} />}
        {time}
      </p>
      {entry.body && <p class="wd-bubble">{entry.body}</p>}
      <EntryFiles files={entry.attachments} s={s} />
    </li>
  );
}

/**
 * One request: its public timeline and a reply box. A push that the request changed (an agent's
 * answer, a new status) fetches it again, which also marks it read since the customer is looking.
 */
export function RequestDetail({ id, created, feed, s, locale }: { id: string; created: boolean; feed: TicketFeed; s: Strings; locale: string }) {
  const { t } = s;
  const [detail, setDetail] = useState<{ ticket: CustomerTicket; entries: TicketEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const uploads = useUploads(feed.api, s);
  const known = feed.items?.find((ticket) => ticket.id === id);

  const load = () =>
    feed.api.get(id).then(
      (fresh) => {
        setDetail(fresh);
        feed.upsert(fresh.ticket);
      },
      (err: unknown) => setError(s.errorText(err)),
    );

  useEffect(() => {
    if (!detail || (known && (known.unread || known.updatedAt > detail.ticket.updatedAt))) void load();
  }, [known?.updatedAt, known?.unread]);

  const send = async (event: Event) => {
    event.preventDefault();
    if (!text.trim() || uploads.busy) return;
    setSending(true);
    try {
      await feed.api.reply(id, { body: text.trim(), attachmentIds: uploads.ids.length ? uploads.ids : undefined });
      setText('');
      uploads.clear();
      setError(null);
      await load();
    } catch (err) {
      setError(s.errorText(err));
    } finally {
      setSending(false);
    }
  };

  if (!detail) return <p class="wd-event" role={error ? 'alert' : 'status'}>{error ?? t.loading}</p>;
  const { ticket, entries } = detail;
  return (
    <article class="wd-request" aria-labelledby="wd-request-subject">
      <header class="wd-request-head">
        <h2 id="wd-request-subject">{ticket.subject}</h2>
        <p class="wd-ticket-row">
          <span class="wd-ref">{fill(t.detail.reference, { reference: ticket.reference })}</span>
          <StatusPill status={ticket.status} s={s} />
        </p>
        <p class="wd-muted">{t.categories[ticket.category] ?? ticket.category}</p>
      </header>
      {created && <p class="wd-notice" role="status">{fill(t.detail.created, { reference: ticket.reference })}</p>}
      <ol class="wd-messages wd-timeline" aria-live="polite">
        {entries.map((entry) => <EntryView key={entry.id} entry={entry} s={s} locale={locale} />)}
      </ol>
      {ticket.status === 'closed' ? (
        <p class="wd-notice">{t.detail.closed}</p>
      ) : (
        <form class="wd-reply" onSubmit={send}>
          <div class="wd-field">
            <label for="wd-reply-text">{t.detail.reply}</label>
            <textarea id="wd-reply-text" rows={3} maxLength={10_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </div>
          <FilePicker uploads={uploads} s={s} label={t.detail.files} id="wd-reply-files" />
          {error && <p class="wd-field-error" role="alert">{error}</p>}
          <button type="submit" class="wd-primary" disabled={sending || uploads.busy || !text.trim()}>{t.detail.send}</button>
        </form>
      )}
    </article>
  );
}
