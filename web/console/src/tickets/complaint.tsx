import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { dateTime, money } from '../format.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Agent } from '../types.js';
import { parseMinor } from './rules.js';
import type { Staff } from './staff.js';
import type { Ticket } from './types.js';

const outcomeCodes = ['upheld', 'partially_upheld', 'not_upheld', 'goodwill'] as const;
type OutcomeCode = (typeof outcomeCodes)[number];

/**
 * A complaint's own path: acknowledge receipt within the deadline, ask a supervisor to review the
 * proposed outcome (only an approved complaint can be solved), record the outcome, escalate.
 */
export function ComplaintPanel({ ticket, me, staff, onChanged }: { ticket: Ticket; me: Agent; staff: Staff; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const c = t.tickets.complaint;
  const complaint = ticket.complaint!;
  const { busy, error, run } = useAction();
  const [requestNote, setRequestNote] = useState('');
  const [escalationNote, setEscalationNote] = useState('');
  const open = !ticket.mergedIntoId && ticket.status !== 'closed';
  const post = (path: string, body?: unknown) => void run(async () => (await api<Ticket>('POST', `/api/v1/tickets/${ticket.id}/${path}`, body), onChanged()));
  const outcome = complaint.outcome;
  const canAsk = open && (complaint.reviewStatus === 'none' || complaint.reviewStatus === 'rejected');
  const canReview = open && complaint.reviewStatus === 'requested' && me.role !== 'agent';

  return (
    <section aria-labelledby="complaint-title" className="side-section complaint" data-testid="complaint-panel" data-review-status={complaint.reviewStatus}>
      <h3 id="complaint-title">{c.title}</h3>
      {error && <p className="error small" role="alert">{error.message}</p>}
      <p className="small">
        {complaint.acknowledgedAt ? c.acknowledged(dateTime(complaint.acknowledgedAt, locale)) : <span className="badge warning">{c.notAcknowledged}</span>}{' '}
        {!complaint.acknowledgedAt && open && <button type="button" disabled={busy} onClick={() => post('acknowledge')}>{c.acknowledge}</button>}
      </p>
      <p className="small">
        {c.review}: <span className={`badge review-${complaint.reviewStatus}`} data-testid="review-status">{c.reviewStatuses[complaint.reviewStatus]}</span>
        {complaint.reviewedBy && <span className="muted"> · {staff.agentName(complaint.reviewedBy) ?? t.tickets.timeline.agent}</span>}
      </p>
      {complaint.reviewNote && <p className="small quote">{complaint.reviewNote}</p>}
      {outcome && (
        <dl className="facts small" aria-label={c.recorded}>
          <dt>{c.outcome}</dt>
          <dd>{c.outcomes[outcome.code as OutcomeCode] ?? outcome.code}</dd>
          <dt>{c.summary}</dt>
          <dd>{outcome.summary}</dd>
          {outcome.compensation && <><dt>{c.compensationPaid}</dt><dd className="amount">{money(outcome.compensation.amount, outcome.compensation.currency, locale)}</dd></>}
        </dl>
      )}
      {canAsk && (
        <form className="stack small" onSubmit={(e) => (e.preventDefault(), post('review-request', requestNote.trim() ? { note: requestNote.trim() } : {}))}>
          <label className="field">
            <span>{c.requestNote}</span>
            <textarea rows={2} value={requestNote} onChange={(e) => setRequestNote(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>{c.requestReview}</button>
        </form>
      )}
      {canReview && <ReviewForm ticket={ticket} busy={busy} onSubmit={(body) => post('review', body)} />}
      {open && (
        <form className="stack small" onSubmit={(e) => (e.preventDefault(), post('escalate', escalationNote.trim() ? { note: escalationNote.trim() } : {}), setEscalationNote(''))}>
          <span className="muted">{c.level(complaint.escalationLevel)}</span>
          <input aria-label={c.escalationNote} placeholder={c.escalationNote} value={escalationNote} onChange={(e) => setEscalationNote(e.target.value)} />
          <button type="submit" disabled={busy}>{c.escalate}</button>
        </form>
      )}
    </section>
  );
}

interface ReviewBody { decision: 'approve' | 'reject'; note: string; outcome?: { code: string; summary: string; compensation: { amount: number; currency: string } | null } }

/** A supervisor's decision; an approval records the outcome, with compensation typed as "12.34". */
function ReviewForm({ ticket, busy, onSubmit }: { ticket: Ticket; busy: boolean; onSubmit: (body: ReviewBody) => void }) {
  const { t } = useI18n();
  const c = t.tickets.complaint;
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [note, setNote] = useState('');
  const [code, setCode] = useState<OutcomeCode>('upheld');
  const [summary, setSummary] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(ticket.transaction.amount?.currency ?? 'CNY');
  const [amountError, setAmountError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (decision === 'reject') return onSubmit({ decision, note: note.trim() });
    const minor = amount.trim() ? parseMinor(amount) : null;
    setAmountError(amount.trim() !== '' && minor === null);
    if (amount.trim() && minor === null) return;
    onSubmit({ decision, note: note.trim(), outcome: { code, summary: summary.trim(), compensation: minor === null ? null : { amount: minor, currency } } });
  };
  return (
    <form className="stack small review-form" onSubmit={submit} data-testid="review-form">
      <fieldset>
        <legend>{c.decision}</legend>
        {(['approve', 'reject'] as const).map((d) => (
          <label key={d} className="inline">
            <input type="radio" name="decision" checked={decision === d} onChange={() => setDecision(d)} /> {d === 'approve' ? c.approve : c.reject}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{c.reviewNote}</span>
        <textarea rows={2} required value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {decision === 'approve' && (
        <>
          <label className="field">
            <span>{c.outcome}</span>
            <select value={code} onChange={(e) => setCode(e.target.value as OutcomeCode)}>
              {outcomeCodes.map((o) => <option key={o} value={o}>{c.outcomes[o]}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{c.summary}</span>
            <textarea rows={2} required value={summary} onChange={(e) => setSummary(e.target.value)} />
          </label>
          <div className="row">
            <label className="field">
              <span>{c.compensation}</span>
              <input inputMode="decimal" value={amount} aria-invalid={amountError || undefined} onChange={(e) => setAmount(e.target.value)} />
            </label>
            <label className="field">
              <span>{c.currency}</span>
              <input className="narrow" value={currency} pattern="[A-Z]{3}" onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
            </label>
          </div>
          {amountError && <p className="error" role="alert">{c.badAmount}</p>}
        </>
      )}
      <button type="submit" className="primary" disabled={busy}>{c.submitReview}</button>
    </form>
  );
}
