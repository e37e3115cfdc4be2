import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { answerValue, zonedInputToIso } from './rules.js';
import { callOutcomes, callReasons, followUpActions, type AnswerValue, type CallOutcome, type CallTask, type CallTaskDetail, type FollowUpAction, type OutcomeInput, type Question } from './types.js';

/** One survey question as form controls: a scale or yes/no as radio buttons, a choice as a list. */
function QuestionControl({ question, value, onChange }: { question: Question; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const options = question.options ?? (question.kind === 'scale' ? ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v })) : []);
  if (question.kind === 'choice') {
    return (
      <label className="field" data-question={question.id}>
        <span>{question.label}</span>
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t.calls.outcome.notAsked}</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
    );
  }
  return (
    <fieldset className="question" data-question={question.id}>
      <legend>{question.label}</legend>
      {options.map((o) => (
        <label key={o.value} className="inline">
          <input type="radio" name={`q-${question.id}`} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * What happened on the call: the outcome; for "call back later" the time the customer asked for,
 * typed on their clock; when reached, the survey's answers and why they needed us; a staff note
 * (the server's guard checks it); and what happens next to the ticket.
 */
export interface SavedOutcome {
  ticketId: string | null;
  followUp: FollowUpAction;
}

export function OutcomeForm({ detail, onSaved }: { detail: CallTaskDetail; onSaved: (saved: SavedOutcome) => void }) {
  const { t } = useI18n();
  const o = t.calls.outcome;
  const { task, script, context } = detail;
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [callBackAt, setCallBackAt] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [followUp, setFollowUp] = useState<FollowUpAction>('none');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const followUps = followUpActions.filter((a) => a !== 'reopen_ticket' || context.ticket);
  // The survey's own "why" question already records the reason: no second control for it.
  const surveyAsksReason = script.questions.some((q) => q.id === 'reason');

  const build = (): OutcomeInput | null => {
    const input: OutcomeInput = { outcome };
    if (outcome === 'call_back_later') {
      const at = zonedInputToIso(callBackAt, task.timezone);
      if (!at) return null;
      input.callBackAt = at;
    }
    if (outcome === 'reached') {
      const given: Record<string, AnswerValue> = {};
      for (const q of script.questions) {
        const value = answerValue(q.kind, answers[q.id] ?? '');
        if (value !== undefined) given[q.id] = value;
      }
      if (Object.keys(given).length) input.answers = given;
      if (reason) input.reason = reason;
    }
    if (note.trim()) input.note = note.trim();
    // A follow-up rests on what the customer said: only a call that reached them has one.
    if (outcome === 'reached' && followUp !== 'none') input.followUp = { action: followUp, ...(followUp === 'create_ticket' ? { subject: subject.trim() || undefined, description: description.trim() || undefined } : {}) };
    return input;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = build();
    if (!input) return setLocalError(o.badTime);
    setLocalError(null);
    void run(async () => {
      const saved = await api<{ task: CallTask; ticketId: string | null }>('POST', `/api/v1/calls/${task.id}/outcome`, input);
      onSaved({ ticketId: saved.ticketId, followUp: input.followUp?.action ?? 'none' });
    });
  };

  return (
    <form className="card stack outcome-form" onSubmit={submit} aria-labelledby="outcome-title" data-testid="outcome-form">
      <h3 id="outcome-title">{o.title}</h3>
      <fieldset className="outcome-choice">
        <legend>{o.outcome}</legend>
        {callOutcomes.map((x) => (
          <label key={x} className="inline">
            <input type="radio" name="outcome" value={x} checked={outcome === x} onChange={() => setOutcome(x)} />
            {t.calls.outcomes[x]}
          </label>
        ))}
      </fieldset>
      {outcome === 'call_back_later' && (
        <label className="field">
          <span>{o.callBackAt(task.timezone)}</span>
          <input type="datetime-local" required value={callBackAt} onChange={(e) => setCallBackAt(e.target.value)} data-testid="call-back-at" />
        </label>
      )}
      {outcome === 'reached' && script.questions.length > 0 && (
        <fieldset className="answers">
          <legend>{o.answers}</legend>
          {script.questions.map((q) => <QuestionControl key={q.id} question={q} value={answers[q.id] ?? ''} onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))} />)}
        </fieldset>
      )}
      {outcome === 'reached' && !surveyAsksReason && (
        <label className="field">
          <span>{o.reason}</span>
          <select value={reason} onChange={(e) => setReason(e.target.value)} data-testid="call-reason">
            <option value="">{o.noReason}</option>
            {callReasons.map((r) => <option key={r} value={r}>{t.calls.reasons[r]}</option>)}
          </select>
        </label>
      )}
      <label className="field">
        <span>{o.note}</span>
        <textarea rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="outcome-note-hint" />
        <span id="outcome-note-hint" className="muted small">{o.noteHint}</span>
      </label>
      {outcome === 'reached' && (
        <fieldset>
          <legend>{o.followUp}</legend>
          {followUps.map((a) => (
            <label key={a} className="inline">
              <input type="radio" name="follow-up" value={a} checked={followUp === a} onChange={() => setFollowUp(a)} />
              {t.calls.followUps[a]}
            </label>
          ))}
        </fieldset>
      )}
      {outcome === 'reached' && followUp === 'create_ticket' && (
        <>
          <label className="field"><span>{o.subject}</span><input maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} /></label>
          <label className="field"><span>{o.description}</span><textarea rows={3} maxLength={10_000} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
        </>
      )}
      {(localError || error) && <p className="error" role="alert" data-testid="outcome-error">{localError ?? error?.message}</p>}
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>{o.submit}</button>
      </div>
    </form>
  );
}
