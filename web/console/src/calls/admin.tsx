import { useState, type FormEvent } from 'react';
import { AdminHeader, Field } from '../admin/ui.js';
import { api } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { ticketCategories } from '../tickets/types.js';
import type { Agent, Priority } from '../types.js';
import { parseSpacing } from './rules.js';
import { rulePurposes, ruleTriggers, type CallPolicy, type ReturnVisitRule, type RulePurpose, type RuleTrigger, type TeamCapacity } from './types.js';
import './calls.css';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
type RuleDraft = Omit<ReturnVisitRule, 'id' | 'createdAt' | 'updatedAt'>;
const blankRule: RuleDraft = { name: '', trigger: 'ticket_solved', categories: [], maxRating: null, sampleRate: 100, delayMinutes: 1440, dueWithinMinutes: 2880, purpose: 'problem_check', priority: 'normal', active: true };

/** Return-visit rules (回访规则): when a follow-up call is planned. Supervisors and admins edit them. */
export function ReturnVisitRules() {
  const { t } = useI18n();
  const r = t.calls.rules;
  const rules = useLoad(() => api<{ items: ReturnVisitRule[] }>('GET', '/api/v1/return-visit-rules'), []);
  const [editing, setEditing] = useState<ReturnVisitRule | 'new' | null>(null);
  const remove = useAction();
  const del = (rule: ReturnVisitRule) => {
    if (!window.confirm(r.confirmDelete(rule.name))) return;
    void remove.run(async () => (await api('DELETE', `/api/v1/return-visit-rules/${rule.id}`), rules.reload()));
  };
  const categories = (rule: ReturnVisitRule) => (rule.categories.length ? rule.categories.map((c) => t.tickets.categories[c as keyof typeof t.tickets.categories] ?? c).join(', ') : r.allCategories);
  return (
    <>
      <AdminHeader title={r.title} error={rules.error ?? remove.error?.message} />
      <p className="muted small">{r.hint}</p>
      <button type="button" className="primary" onClick={() => setEditing('new')}>{r.add}</button>
      <table className="table" data-testid="return-visit-rules">
        <thead>
          <tr>
            <th>{r.name}</th><th>{r.trigger}</th><th>{r.categories}</th><th>{r.sampleRate}</th><th>{r.delay}</th><th>{r.dueWithin}</th><th>{r.purpose}</th><th>{r.priority}</th><th>{r.active}</th><th>{t.common.actions}</th>
          </tr>
        </thead>
        <tbody>
          {(rules.data?.items ?? []).map((rule) => (
            <tr key={rule.id} data-rule-id={rule.id}>
              <td>{rule.name}</td>
              <td>{r.triggers[rule.trigger]}{rule.trigger === 'low_rating' && rule.maxRating ? ` (≤ ${rule.maxRating}★)` : ''}</td>
              <td className="small">{categories(rule)}</td>
              <td>{rule.sampleRate}%</td>
              <td>{rule.delayMinutes}</td>
              <td>{rule.dueWithinMinutes}</td>
              <td>{t.calls.purposes[rule.purpose]}</td>
              <td>{t.priorities[rule.priority]}</td>
              <td>{rule.active ? t.common.yes : t.common.no}</td>
              <td className="row wrap">
                <button type="button" onClick={() => setEditing(rule)}>{t.common.edit}</button>
                <button type="button" disabled={remove.busy} onClick={() => del(rule)}>{t.common.delete}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <RuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? null : editing} onDone={() => (setEditing(null), rules.reload())} />}
    </>
  );
}

function RuleForm({ rule, onDone }: { rule: ReturnVisitRule | null; onDone: () => void }) {
  const { t } = useI18n();
  const r = t.calls.rules;
  const [draft, setDraft] = useState<RuleDraft>(() => {
    if (!rule) return blankRule;
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = rule;
    return rest;
  });
  const { busy, error, run } = useAction();
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const number = (key: 'sampleRate' | 'delayMinutes' | 'dueWithinMinutes', label: string, min: number, max?: number) => (
    <Field label={label}>
      <input type="number" min={min} max={max} step={1} required value={draft[key]} onChange={(e) => set(key, Number(e.target.value))} />
    </Field>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The rating threshold belongs to the low-rating trigger only; the server refuses it elsewhere.
    const body = { ...draft, maxRating: draft.trigger === 'low_rating' ? (draft.maxRating ?? 2) : null };
    void run(async () => {
      await (rule ? api('PATCH', `/api/v1/return-visit-rules/${rule.id}`, body) : api('POST', '/api/v1/return-visit-rules', body));
      onDone();
    });
  };
  return (
    <form className="card form" onSubmit={submit} aria-label={rule ? rule.name : r.add} data-testid="rule-form">
      <h2>{rule ? rule.name : r.add}</h2>
      {error && <p className="error" role="alert">{error.message}</p>}
      <Field label={r.name}><input required maxLength={200} value={draft.name} onChange={(e) => set('name', e.target.value)} /></Field>
      <Field label={r.trigger}>
        <select value={draft.trigger} onChange={(e) => set('trigger', e.target.value as RuleTrigger)}>
          {ruleTriggers.map((x) => <option key={x} value={x}>{r.triggers[x]}</option>)}
        </select>
      </Field>
      {draft.trigger === 'low_rating' && (
        <Field label={r.maxRating}>
          <input type="number" min={1} max={5} step={1} required value={draft.maxRating ?? 2} onChange={(e) => set('maxRating', Number(e.target.value))} />
        </Field>
      )}
      <fieldset className="category-picks">
        <legend>{r.categories}</legend>
        {ticketCategories.map((c) => (
          <label key={c} className="inline">
            <input type="checkbox" checked={draft.categories.includes(c)} onChange={(e) => set('categories', e.target.checked ? [...draft.categories, c] : draft.categories.filter((x) => x !== c))} />
            {t.tickets.categories[c]}
          </label>
        ))}
      </fieldset>
      {number('sampleRate', r.sampleRate, 0, 100)}
      {number('delayMinutes', r.delay, 0)}
      {number('dueWithinMinutes', r.dueWithin, 1)}
      <Field label={r.purpose}>
        <select value={draft.purpose} onChange={(e) => set('purpose', e.target.value as RulePurpose)}>
          {rulePurposes.map((x) => <option key={x} value={x}>{t.calls.purposes[x]}</option>)}
        </select>
      </Field>
      <Field label={r.priority}>
        <select value={draft.priority} onChange={(e) => set('priority', e.target.value as Priority)}>
          {priorities.map((x) => <option key={x} value={x}>{t.priorities[x]}</option>)}
        </select>
      </Field>
      <label className="inline field"><input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> {r.active}</label>
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>{t.common.save}</button>
        <button type="button" onClick={onDone}>{t.common.cancel}</button>
      </div>
    </form>
  );
}

/** Quiet hours, attempts and their spacing: supervisors read them, admins change them. */
export function CallPolicyPage({ me }: { me: Agent }) {
  const { t } = useI18n();
  const p = t.calls.policy;
  const policy = useLoad(() => api<CallPolicy>('GET', '/api/v1/calls/policy'), []);
  return (
    <>
      <AdminHeader title={p.title} error={policy.error} />
      <p className="muted small">{p.hint}</p>
      {me.role !== 'admin' && <p className="muted small">{p.readOnly}</p>}
      {policy.data && <PolicyForm key={JSON.stringify(policy.data)} policy={policy.data} readOnly={me.role !== 'admin'} onSaved={policy.reload} />}
    </>
  );
}

function PolicyForm({ policy, readOnly, onSaved }: { policy: CallPolicy; readOnly: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const p = t.calls.policy;
  const [draft, setDraft] = useState({ quietStart: policy.quietStart, quietEnd: policy.quietEnd, maxAttempts: policy.maxAttempts, spacing: policy.retrySpacingMinutes.join(', ') });
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const retrySpacingMinutes = parseSpacing(draft.spacing);
    if (!retrySpacingMinutes) return setError(new Error(p.badSpacing));
    setDone(false);
    void run(async () => {
      await api('PUT', '/api/v1/calls/policy', { quietStart: draft.quietStart, quietEnd: draft.quietEnd, maxAttempts: draft.maxAttempts, retrySpacingMinutes });
      setDone(true);
      onSaved();
    });
  };
  return (
    <form className="card form" onSubmit={submit} aria-label={p.title} data-testid="call-policy">
      {error && <p className="error" role="alert">{error.message}</p>}
      {done && <p className="banner banner-info" role="status">{t.common.saved}</p>}
      <fieldset disabled={readOnly}>
        <div className="split-equal">
          <Field label={p.quietStart}><input type="time" required value={draft.quietStart} onChange={(e) => setDraft({ ...draft, quietStart: e.target.value })} /></Field>
          <Field label={p.quietEnd}><input type="time" required value={draft.quietEnd} onChange={(e) => setDraft({ ...draft, quietEnd: e.target.value })} /></Field>
        </div>
        <Field label={p.maxAttempts}><input type="number" min={1} max={10} required value={draft.maxAttempts} onChange={(e) => setDraft({ ...draft, maxAttempts: Number(e.target.value) })} /></Field>
        <Field label={p.spacing}><input required value={draft.spacing} onChange={(e) => setDraft({ ...draft, spacing: e.target.value })} /></Field>
        {!readOnly && <button type="submit" className="primary" disabled={busy}>{t.common.save}</button>}
      </fieldset>
    </form>
  );
}

/** How many callbacks each team takes per slot, and how far ahead: admins change it one team at a time. */
export function CallbackCapacity({ me }: { me: Agent }) {
  const { t } = useI18n();
  const c = t.calls.capacity;
  const capacity = useLoad(() => api<{ teams: TeamCapacity[] }>('GET', '/api/v1/callbacks/capacity'), []);
  const admin = me.role === 'admin';
  return (
    <>
      <AdminHeader title={c.title} error={capacity.error} />
      <p className="muted small">{c.hint}</p>
      {!admin && <p className="muted small">{c.readOnly}</p>}
      <table className="table" data-testid="callback-capacity">
        <thead>
          <tr><th>{c.team}</th><th>{c.slotMinutes}</th><th>{c.perSlot}</th><th>{c.lead}</th><th>{c.daysAhead}</th>{admin && <th>{t.common.actions}</th>}</tr>
        </thead>
        <tbody>
          {(capacity.data?.teams ?? []).map((team) => <CapacityRow key={`${team.teamId}:${JSON.stringify(team)}`} team={team} admin={admin} onSaved={capacity.reload} />)}
        </tbody>
      </table>
    </>
  );
}

function CapacityRow({ team, admin, onSaved }: { team: TeamCapacity; admin: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const c = t.calls.capacity;
  const [draft, setDraft] = useState(team);
  const { busy, error, run } = useAction();
  const changed = draft.slotMinutes !== team.slotMinutes || draft.capacityPerSlot !== team.capacityPerSlot || draft.leadMinutes !== team.leadMinutes || draft.daysAhead !== team.daysAhead;
  const cell = (key: 'slotMinutes' | 'capacityPerSlot' | 'leadMinutes' | 'daysAhead', label: string, min: number) => (
    <td>
      {admin ? <input type="number" min={min} step={1} aria-label={`${team.teamName}: ${label}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })} /> : team[key]}
    </td>
  );
  const save = () =>
    void run(async () => {
      const { teamId, slotMinutes, capacityPerSlot, leadMinutes, daysAhead } = draft;
      await api('PUT', '/api/v1/callbacks/capacity', { teamId, slotMinutes, capacityPerSlot, leadMinutes, daysAhead });
      onSaved();
    });
  return (
    <tr data-team-id={team.teamId}>
      <th scope="row">{team.teamName}{error && <div className="error small" role="alert">{error.message}</div>}</th>
      {cell('slotMinutes', c.slotMinutes, 5)}
      {cell('capacityPerSlot', c.perSlot, 0)}
      {cell('leadMinutes', c.lead, 0)}
      {cell('daysAhead', c.daysAhead, 1)}
      {admin && <td><button type="button" className="primary" disabled={busy || !changed} onClick={save}>{t.common.save}</button></td>}
    </tr>
  );
}
