import { useEffect } from 'react';
import { api } from '../api.js';
import { dateTime, money } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { CustomerPanel } from '../pages/customer.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import type { Agent, Priority } from '../types.js';
import { ComplaintPanel } from './complaint.js';
import { TicketFields } from './fields.js';
import { MergeTicket, RelatedTickets } from './links.js';
import { ReplyBox } from './reply.js';
import { statusChoices } from './rules.js';
import { SlaTimers } from './sla.js';
import type { Staff } from './staff.js';
import { TicketTimeline } from './timeline.js';
import { ticketCategories, type Ticket, type TicketDetail, type TicketStatus } from './types.js';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
type Patch = Partial<Pick<Ticket, 'status' | 'priority' | 'assigneeId' | 'teamId' | 'category'>>;

/** One ticket: what it is and who has it, its timeline and reply box; beside it timers, complaint steps, details, relations and the customer. */
export function TicketView({ id, me, live, staff, onChanged }: { id: string; me: Agent; live: Realtime; staff: Staff; onChanged: () => void }) {
  const { t } = useI18n();
  const detail = useLoad(() => api<TicketDetail>('GET', `/api/v1/tickets/${id}`), [id]);
  const { reload } = detail;
  const action = useAction();

  // A push about this ticket, or a reconnect, fetches it again; a slow poll keeps the SLA clocks fresh.
  useEffect(() => {
    const off = live.subscribe((f) => {
      if (f.ticketId === id || (f.type === 'connection' && f.online)) reload();
    });
    const poll = window.setInterval(reload, 30_000);
    return () => {
      off();
      clearInterval(poll);
    };
  }, [id, live, reload]);

  const changed = () => {
    reload();
    onChanged();
  };
  const patch = (body: Patch) => void action.run(async () => (await api<Ticket>('PATCH', `/api/v1/tickets/${id}`, body), changed()));

  const d = detail.data;
  if (!d) return <section className="conversation placeholder">{detail.error ? <p className="error" role="alert">{detail.error}</p> : <p className="muted">{t.common.loading}</p>}</section>;
  const { ticket, contact } = d;
  const into = d.links.find((l) => l.kind === 'merged_into');
  const writable = !ticket.mergedIntoId && ticket.status !== 'closed';
  return (
    <>
      <section className="conversation ticket" aria-labelledby="ticket-title" data-testid="ticket" data-ticket-id={ticket.id} data-ticket-status={ticket.status}>
        <TicketHeader detail={d} me={me} staff={staff} busy={action.busy || !writable} onPatch={patch} />
        {action.error && <p className="error banner-error" role="alert" data-testid="ticket-error">{action.error.message}</p>}
        {detail.error && <p className="error" role="alert">{detail.error}</p>}
        {into && (
          <p className="banner banner-warning" role="status">
            <a href={href(`tickets/${into.ticketId}`)} onClick={(e) => (e.preventDefault(), navigate(`tickets/${into.ticketId}`))}>{t.tickets.header.merged(into.reference)}</a>
          </p>
        )}
        <TicketTimeline entries={d.entries} me={me} staff={staff} customerName={contact?.displayName ?? ''} />
        {writable && <ReplyBox ticket={ticket} onSent={changed} />}
      </section>
      <div className="ticket-side">
        {ticket.complaint && <ComplaintPanel ticket={ticket} me={me} staff={staff} onChanged={changed} />}
        <SlaTimers timers={d.sla} />
        <TicketFields key={`${ticket.category}:${JSON.stringify(ticket.fields)}`} ticket={ticket} disabled={!writable} onSaved={changed} />
        <RelatedTickets ticket={ticket} links={d.links} onChanged={changed} />
        {writable && <MergeTicket ticket={ticket} onMerged={(target) => (onChanged(), navigate(`tickets/${target.id}`))} />}
        {contact && (
          <CustomerPanel
            contact={{ id: contact.id, walletCustomerId: contact.walletCustomerId, verified: contact.walletCustomerId !== null, displayName: contact.displayName, locale: ticket.language }}
            category={ticket.category}
            conversationId={ticket.conversationId ?? ''}
          />
        )}
      </div>
    </>
  );
}

function TicketHeader({ detail, me, staff, busy, onPatch }: { detail: TicketDetail; me: Agent; staff: Staff; busy: boolean; onPatch: (p: Patch) => void }) {
  const { t, locale } = useI18n();
  const { ticket, contact } = detail;
  const h = t.tickets.header;
  const tx = ticket.transaction;
  const assigneeKnown = !ticket.assigneeId || staff.agents.some((a) => a.id === ticket.assigneeId);
  return (
    <div className="actions ticket-header">
      <h2 id="ticket-title" className="ticket-title">
        <span className="mono" data-testid="ticket-reference">{ticket.reference}</span> {ticket.subject}
      </h2>
      <div className="row wrap small">
        <span className={`badge ${ticket.type === 'complaint' ? 'complaint-mark' : ''}`}>{t.tickets.types[ticket.type]}</span>
        <span className={`badge ticket-${ticket.status}`} title={t.tickets.statusHints[ticket.status]}>{t.tickets.statuses[ticket.status]}</span>
        <span className="muted">{h.channel}: {t.tickets.channels[ticket.channel as keyof typeof t.tickets.channels] ?? ticket.channel}</span>
        <span className="muted">{h.opened(dateTime(ticket.createdAt, locale))}</span>
        {contact && (
          <span>
            {h.customer}: <strong>{contact.displayName || contact.walletCustomerId || contact.email || '—'}</strong>
            {contact.email && <span className="muted"> · {contact.email}</span>}
          </span>
        )}
        {ticket.conversationId && (
          <a href={href(`conversations/${ticket.conversationId}`)} onClick={(e) => (e.preventDefault(), navigate(`conversations/${ticket.conversationId}`))}>{h.openChat}</a>
        )}
      </div>
      <div className="row wrap">
        <label className="inline">
          {h.status}
          <select value={ticket.status} disabled={busy} onChange={(e) => onPatch({ status: e.target.value as TicketStatus })} data-testid="ticket-status">
            {statusChoices(ticket.status).map((s) => <option key={s} value={s}>{t.tickets.statuses[s]}</option>)}
          </select>
        </label>
        <label className="inline">
          {h.priority}
          <select value={ticket.priority} disabled={busy} onChange={(e) => onPatch({ priority: e.target.value as Priority })}>
            {priorities.map((p) => <option key={p} value={p}>{t.priorities[p]}</option>)}
          </select>
        </label>
        <label className="inline">
          {h.category}
          <select value={ticket.category} disabled={busy} onChange={(e) => onPatch({ category: e.target.value })}>
            {ticketCategories.map((c) => <option key={c} value={c}>{t.tickets.categories[c]}</option>)}
          </select>
        </label>
        <label className="inline">
          {h.team}
          <select value={ticket.teamId ?? ''} disabled={busy} onChange={(e) => onPatch({ teamId: e.target.value || null })}>
            <option value="">{h.noTeam}</option>
            {staff.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
        </label>
        <label className="inline">
          {h.assignee}
          <select value={ticket.assigneeId ?? ''} disabled={busy} onChange={(e) => onPatch({ assigneeId: e.target.value || null })} data-testid="ticket-assignee">
            <option value="">{h.unassigned}</option>
            {!assigneeKnown && <option value={ticket.assigneeId!}>{t.tickets.timeline.agent}</option>}
            {staff.agents.map((a) => <option key={a.id} value={a.id}>{a.id === me.id ? h.me(a.displayName) : a.displayName}</option>)}
          </select>
        </label>
        {ticket.assigneeId !== me.id && <button type="button" disabled={busy} onClick={() => onPatch({ assigneeId: me.id })}>{h.takeIt}</button>}
      </div>
      {(tx.reference || tx.amount || tx.occurredAt || tx.errorMessage) && (
        <dl className="facts small inline-facts" aria-label={h.transaction}>
          {tx.reference && <><dt>{h.txReference}</dt><dd className="mono">{tx.reference}</dd></>}
          {tx.amount && <><dt>{h.amount}</dt><dd className="amount">{money(tx.amount.amount, tx.amount.currency, locale)}</dd></>}
          {tx.occurredAt && <><dt>{h.occurredAt}</dt><dd>{dateTime(tx.occurredAt, locale)}</dd></>}
          {tx.errorMessage && <><dt>{h.appError}</dt><dd>{tx.errorMessage}</dd></>}
        </dl>
      )}
    </div>
  );
}
