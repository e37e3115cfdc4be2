import { useState, type FormEvent } from 'react';
import { api, query, type Page } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { ConfirmDialog } from './dialog.js';
import { normalizeReference } from './rules.js';
import type { Ticket, TicketLink } from './types.js';

const ticketHref = (id: string) => ({ href: href(`tickets/${id}`), onClick: (e: { preventDefault: () => void }) => (e.preventDefault(), navigate(`tickets/${id}`)) });

/** Related tickets (linked both ways) and merges, with a reference search to link another. */
export function RelatedTickets({ ticket, links, onChanged }: { ticket: Ticket; links: TicketLink[]; onChanged: () => void }) {
  const { t } = useI18n();
  const l = t.tickets.links;
  const { busy, error, run } = useAction();
  const act = (fn: () => Promise<unknown>) => void run(async () => (await fn(), onChanged()));
  const shown = new Set([ticket.id, ...links.map((x) => x.ticketId)]);
  return (
    <section aria-labelledby="links-title" className="side-section">
      <h3 id="links-title">{l.title}</h3>
      {error && <p className="error small" role="alert">{error.message}</p>}
      {links.length === 0 && <p className="muted small">{l.none}</p>}
      <ul className="tx-list small" data-testid="ticket-links">
        {links.map((x) => (
          <li key={`${x.kind}:${x.ticketId}`} data-link-kind={x.kind}>
            <span className="row">
              <a {...ticketHref(x.ticketId)}><span className="mono">{x.reference}</span> {x.subject}</a>
              <span className="badge">{t.tickets.statuses[x.status]}</span>
            </span>
            <span className="row muted">
              <span>{l.kinds[x.kind]}</span>
              {x.kind === 'related' && <button type="button" className="link-button" disabled={busy} onClick={() => act(() => api('DELETE', `/api/v1/tickets/${ticket.id}/links/${x.ticketId}`))}>{l.unlink}</button>}
            </span>
          </li>
        ))}
      </ul>
      <TicketPicker
        label={l.find}
        filter={{ view: 'all' }}
        exclude={shown}
        actionLabel={l.link}
        busy={busy}
        onPick={(other) => act(() => api('POST', `/api/v1/tickets/${ticket.id}/links`, { relatedId: other.id }))}
        testId="link-picker"
      />
    </section>
  );
}

/** Folding a duplicate into another ticket of the same customer, after a confirmation. */
export function MergeTicket({ ticket, onMerged }: { ticket: Ticket; onMerged: (target: Ticket) => void }) {
  const { t } = useI18n();
  const m = t.tickets.merge;
  const [target, setTarget] = useState<Ticket | null>(null);
  const { busy, error, setError, run } = useAction();
  const merge = () =>
    void run(async () => {
      const kept = await api<Ticket>('POST', `/api/v1/tickets/${ticket.id}/merge`, { intoId: target!.id });
      setTarget(null);
      onMerged(kept);
    });
  return (
    <section aria-labelledby="merge-title" className="side-section">
      <h3 id="merge-title">{m.title}</h3>
      <p className="muted small">{m.hint}</p>
      <p className="small">{m.candidates}</p>
      <TicketPicker
        label={t.tickets.links.find}
        filter={{ view: 'all', contactId: ticket.contactId, status: 'new,open,pending,on_hold,solved' }}
        exclude={new Set([ticket.id])}
        actionLabel={m.pick}
        listWithoutQuery
        empty={m.none}
        busy={busy}
        onPick={(other) => (setError(null), setTarget(other))}
        testId="merge-picker"
      />
      {target && (
        <ConfirmDialog
          title={m.confirmTitle}
          text={m.confirm(ticket.reference, target.reference)}
          confirmLabel={m.confirmButton}
          busy={busy}
          error={error?.message}
          onConfirm={merge}
          onCancel={() => setTarget(null)}
        />
      )}
    </section>
  );
}

/**
 * Finds tickets by reference (typed loosely: "wd-ab12cd34") or words of the subject. With
 * `listWithoutQuery` it lists the filter's tickets before anything is typed.
 */
function TicketPicker({ label, filter, exclude, actionLabel, onPick, busy, listWithoutQuery, empty, testId }: {
  label: string; filter: Record<string, string>; exclude: Set<string>; actionLabel: string; onPick: (t: Ticket) => void; busy: boolean; listWithoutQuery?: boolean; empty?: string; testId: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useLoad(
    () => (q || listWithoutQuery ? api<Page<Ticket>>('GET', `/api/v1/tickets${query({ ...filter, q: normalizeReference(q) ?? q, limit: 10 })}`) : Promise.resolve(null)),
    [q, JSON.stringify(filter)],
  );
  const items = results.data?.items.filter((x) => !exclude.has(x.id)) ?? [];
  const submit = (e: FormEvent) => (e.preventDefault(), setQ(text.trim()));
  return (
    <div className="picker" data-testid={testId}>
      <form className="row" onSubmit={submit} role="search">
        <input type="search" aria-label={label} placeholder={label} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">{t.tickets.links.search}</button>
      </form>
      {results.error && <p className="error small">{results.error}</p>}
      {results.data && items.length === 0 && <p className="muted small">{q ? t.tickets.links.noResults : (empty ?? t.tickets.links.noResults)}</p>}
      <ul className="tx-list small">
        {items.map((x) => (
          <li key={x.id} className="row" data-ticket-id={x.id}>
            <a {...ticketHref(x.id)} className="ellipsis"><span className="mono">{x.reference}</span> {x.subject}</a>
            <button type="button" disabled={busy} onClick={() => onPick(x)}>{actionLabel}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
