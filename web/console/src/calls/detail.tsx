import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { dateTime } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Realtime } from '../realtime.js';
import { href, navigate } from '../router.js';
import type { Agent, Priority } from '../types.js';
import { OutcomeForm, type SavedOutcome } from './outcome.js';
import type { CallTask, CallTaskDetail } from './types.js';

/** A time as the customer reads it on their own clock. */
export const customerTime = (iso: string | Date, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

const active = (task: CallTask) => task.status === 'open' || task.status === 'in_progress';

function InternalLink({ path, children }: { path: string; children: ReactNode }) {
  return <a href={href(path)} onClick={(e) => (e.preventDefault(), navigate(path))}>{children}</a>;
}

/**
 * One call: who and why (ticket, chat summary, diagnosis, the callback's note and slot), the script
 * to read with its questions, claiming and dialing, the outcome, and the calls made so far.
 */
export function TaskView({ id, me, live, onChanged }: { id: string; me: Agent; live: Realtime; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const c = t.calls;
  const detail = useLoad(() => api<CallTaskDetail>('GET', `/api/v1/calls/${id}`), [id]);
  const { reload } = detail;
  const action = useAction();
  const [dialed, setDialed] = useState<{ telUrl: string; webhook: boolean } | null>(null);
  const [quiet, setQuiet] = useState(false);
  const [saved, setSaved] = useState<SavedOutcome | null>(null);
  const tel = useRef<HTMLAnchorElement>(null);

  useEffect(
    () =>
      live.subscribe((f) => {
        if ((f.type === 'call_task' && f.taskId === id) || (f.type === 'connection' && f.online)) reload();
      }),
    [id, live, reload],
  );

  // The number goes to the agent's phone app (a softphone, or the phone a desktop is paired with)
  // through the link, which gets the focus: opening it is the agent's own click or Enter, since a
  // browser asks before handing a link to another app, and a scripted click would leave that
  // question blocking the page.
  useEffect(() => {
    if (dialed) tel.current?.focus();
  }, [dialed]);

  const changed = () => {
    reload();
    onChanged();
  };
  const claim = () => void action.run(async () => (await api('POST', `/api/v1/calls/${id}/claim`), changed()));
  const dial = (override: boolean) =>
    void action.run(async () => {
      setQuiet(false);
      try {
        setDialed(await api<{ telUrl: string; webhook: boolean }>('POST', `/api/v1/calls/${id}/dial`, override ? { override: true } : {}));
        changed();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CALL_QUIET_HOURS') setQuiet(true);
        throw e;
      }
    });

  const d = detail.data;
  if (!d) return <section className="conversation placeholder">{detail.error ? <p className="error" role="alert">{detail.error}</p> : <p className="muted">{t.common.loading}</p>}</section>;
  const { task, script, context } = d;
  const mine = task.assigneeId === me.id;
  const takenByOther = task.assigneeId !== null && !mine;
  const open = active(task);
  const number = dialed?.telUrl.replace(/^tel:/, '') ?? '';
  return (
    <>
      <section className="conversation call" aria-labelledby="call-title" data-testid="call-task" data-task-id={task.id} data-task-status={task.status}>
        <div className="actions">
          <h2 id="call-title" className="ticket-title">
            {c.purposes[task.purpose]} · {task.customerName ?? c.row.noName}
          </h2>
          <div className="row wrap small">
            <span className={`badge call-${task.status}`}>{c.statuses[task.status]}</span>
            <span className="badge">{c.kinds[task.kind]}</span>
            <span className="badge">{t.priorities[task.priority as Priority]}</span>
            {task.overdue && <span className="badge overdue-badge">{c.row.overdue}</span>}
            <span className={task.overdue ? 'overdue' : 'muted'}>{c.detail.nextAttempt(dateTime(task.nextAttemptAt, locale))}</span>
            <span className="muted">{c.row.attempts(task.attempts, task.maxAttempts)}</span>
          </div>
          <dl className="facts small inline-facts">
            <dt>{c.detail.phone}</dt>
            <dd className="mono" data-testid="call-phone">{task.phoneMasked ?? '—'}</dd>
            <dt>{c.detail.timezone}</dt>
            <dd>{task.timezone} · {c.detail.customerTime(customerTime(new Date(), task.timezone, locale))}</dd>
            <dt>{c.detail.language}</dt>
            <dd>{task.language === 'en' ? t.common.en : t.common.zh}</dd>
            {task.topic && <><dt>{c.detail.topic}</dt><dd>{t.tickets.categories[task.topic as keyof typeof t.tickets.categories] ?? task.topic}</dd></>}
          </dl>
          {open && (
            <div className="row wrap call-buttons">
              {!mine && <button type="button" disabled={action.busy} onClick={claim}>{c.detail.claim}</button>}
              <button type="button" className="primary" disabled={action.busy || takenByOther} onClick={() => dial(false)} data-testid="dial">{action.busy ? c.detail.dialing : c.detail.dial}</button>
              {takenByOther && <span className="muted small">{c.detail.claimedByOther}</span>}
            </div>
          )}
          {action.error && <p className="error banner-error" role="alert" data-testid="call-error">{action.error.message}</p>}
          {quiet && (
            <p className="banner banner-warning" role="status">
              {c.detail.quietHint}{' '}
              {me.role !== 'agent' && <button type="button" onClick={() => dial(true)} disabled={action.busy}>{c.detail.quietOverride}</button>}
            </p>
          )}
          {dialed && (
            <p className="banner banner-info" role="status" data-testid="dial-result">
              <a ref={tel} href={dialed.telUrl} className="button-link" data-testid="tel-link">{c.detail.dialed(number)}</a> {dialed.webhook ? c.detail.webhookSent : c.detail.telOnly}
            </p>
          )}
        </div>
        <div className="call-body">
          {saved && <SavedNotice saved={saved} detail={d} />}
          <section className="call-script" aria-labelledby="call-script-title">
            <h3 id="call-script-title">{c.detail.script}</h3>
            <p className="script-intro" data-testid="script-intro">{script.intro}</p>
            {script.steps.length > 0 && (
              <ol className="script-steps" aria-label={c.detail.steps}>
                {script.steps.map((step, i) => <li key={i}>{step}</li>)}
              </ol>
            )}
          </section>
          {open ? (
            <OutcomeForm key={`${task.id}:${task.attempts}:${task.status}`} detail={d} onSaved={(result) => (setSaved(result), setDialed(null), changed())} />
          ) : (
            <p className="banner banner-info">{c.detail.closed}</p>
          )}
          <section aria-labelledby="call-attempts-title">
            <h3 id="call-attempts-title">{c.detail.attempts}</h3>
            {d.attempts.length === 0 ? (
              <p className="muted">{c.detail.noAttempts}</p>
            ) : (
              <ol className="call-attempts" data-testid="call-attempts">
                {d.attempts.map((a, i) => (
                  <li key={i}>
                    <strong>{c.outcomes[a.outcome]}</strong> · <time dateTime={a.at}>{dateTime(a.at, locale)}</time>
                    {a.agentName && <span className="muted"> · {a.agentName}</span>}
                    {a.note && <div className="quote small">{a.note}</div>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </section>
      <aside className="ticket-side" aria-label={c.detail.context}>
        <h3>{c.detail.context}</h3>
        {context.ticket && (
          <section className="side-section">
            <h4>{c.detail.ticket}</h4>
            <p>
              <span className="mono">{context.ticket.reference}</span> {context.ticket.subject}
            </p>
            <p className="small">
              <span className={`badge ticket-${context.ticket.status}`} data-testid="call-ticket-status">{t.tickets.statuses[context.ticket.status as keyof typeof t.tickets.statuses] ?? context.ticket.status}</span>{' '}
              <InternalLink path={`tickets/${context.ticket.id}`}>{c.detail.openTicket}</InternalLink>
            </p>
          </section>
        )}
        {context.conversation && (
          <section className="side-section">
            <h4>{c.detail.conversation}</h4>
            <p className="quote small">{context.conversation.summary ?? c.detail.noSummary}</p>
            <InternalLink path={`conversations/${context.conversation.id}`}>{c.detail.openChat}</InternalLink>
          </section>
        )}
        {context.diagnosis && (
          <section className="side-section">
            <h4>{c.detail.diagnosis}</h4>
            <p className="diagnosis small">{context.diagnosis}</p>
          </section>
        )}
        {context.callback && (
          <section className="side-section">
            <h4>{c.detail.callback}</h4>
            <dl className="facts small">
              <dt>{c.detail.slot}</dt>
              <dd>{customerTime(context.callback.slotStartsAt, task.timezone, locale)} ({task.timezone})</dd>
              <dt>{c.detail.note}</dt>
              <dd>{context.callback.note ?? c.detail.noNote}</dd>
            </dl>
          </section>
        )}
      </aside>
    </>
  );
}

function SavedNotice({ saved, detail }: { saved: SavedOutcome; detail: CallTaskDetail }) {
  const { t } = useI18n();
  const o = t.calls.outcome;
  const ticket = detail.context.ticket;
  return (
    <p className="banner banner-info" role="status" data-testid="outcome-saved">
      {o.saved}
      {saved.followUp === 'reopen_ticket' && ticket && <> {o.reopened(ticket.reference)}</>}
      {saved.followUp === 'create_ticket' && <> {o.created}</>}
      {saved.ticketId && saved.followUp !== 'none' && <> <InternalLink path={`tickets/${saved.ticketId}`}>{o.openTicket}</InternalLink></>}
    </p>
  );
}
