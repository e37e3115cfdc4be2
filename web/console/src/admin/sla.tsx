import { useState, type FormEvent } from 'react';
import { api, type Page } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { breachActions, type SlaPolicy } from '../tickets/types.js';
import type { Agent, Team } from '../types.js';
import { AdminHeader, Field } from './ui.js';

const priorityOrder = ['urgent', 'high', 'normal', 'low'];

/** SLA targets per ticket type and priority: supervisors read them, admins tune them. */
export function SlaPolicies({ me }: { me: Agent }) {
  const { t } = useI18n();
  const s = t.tickets.slaAdmin;
  const policies = useLoad(() => api<Page<SlaPolicy>>('GET', '/api/v1/sla-policies'), []);
  const teams = useLoad(() => api<Page<Team>>('GET', '/api/v1/teams'), []);
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const admin = me.role === 'admin';
  const rows = [...(policies.data?.items ?? [])].sort((a, b) => a.ticketType.localeCompare(b.ticketType) || priorityOrder.indexOf(a.priority) - priorityOrder.indexOf(b.priority));
  const teamName = (id: string | null) => (id ? (teams.data?.items.find((x) => x.id === id)?.name ?? id) : s.aroundTheClock);
  return (
    <>
      <AdminHeader title={s.title} error={policies.error} />
      <p className="muted small">{s.hint}</p>
      <table className="table" data-testid="sla-policies">
        <thead>
          <tr>
            <th>{s.policy}</th><th>{s.firstResponse}</th><th>{s.nextResponse}</th><th>{s.resolution}</th><th>{s.acknowledgement}</th>
            <th>{s.warnAt}</th><th>{s.actions}</th><th>{s.hoursTeam}</th><th>{s.active}</th>{admin && <th>{t.common.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} data-policy={`${p.ticketType}:${p.priority}`}>
              <td>{t.tickets.types[p.ticketType]} · {t.priorities[p.priority]}<div className="muted small">{p.name}</div></td>
              <td>{p.firstResponseMinutes}</td>
              <td>{p.nextResponseMinutes}</td>
              <td>{p.resolutionMinutes}</td>
              <td>{p.acknowledgementMinutes ?? '—'}</td>
              <td>{p.warnAtPercent}%</td>
              <td className="small">{p.breachActions.map((a) => s.actionNames[a]).join(', ') || '—'}</td>
              <td className="small">{teamName(p.hoursTeamId)}</td>
              <td>{p.active ? t.common.yes : t.common.no}</td>
              {admin && <td><button type="button" onClick={() => setEditing(p)}>{t.common.edit}</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <PolicyForm key={editing.id} policy={editing} teams={teams.data?.items ?? []} onDone={() => (setEditing(null), policies.reload())} />}
    </>
  );
}

function PolicyForm({ policy, teams, onDone }: { policy: SlaPolicy; teams: Team[]; onDone: () => void }) {
  const { t } = useI18n();
  const s = t.tickets.slaAdmin;
  const [draft, setDraft] = useState(policy);
  const { busy, error, run } = useAction();
  const minutes = (key: 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes', label: string) => (
    <Field label={`${label} (${s.minutes})`}>
      <input type="number" min={1} required value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })} />
    </Field>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { name, firstResponseMinutes, nextResponseMinutes, resolutionMinutes, acknowledgementMinutes, warnAtPercent, breachActions: actions, active, hoursTeamId } = draft;
    void run(async () => {
      await api('PUT', `/api/v1/sla-policies/${policy.id}`, { name, firstResponseMinutes, nextResponseMinutes, resolutionMinutes, acknowledgementMinutes, warnAtPercent, breachActions: actions, active, hoursTeamId });
      onDone();
    });
  };
  return (
    <form className="card form" onSubmit={submit} aria-label={policy.name}>
      <h2>{t.tickets.types[policy.ticketType]} · {t.priorities[policy.priority]}</h2>
      {error && <p className="error" role="alert">{error.message}</p>}
      <Field label={s.name}><input required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></Field>
      {minutes('firstResponseMinutes', s.firstResponse)}
      {minutes('nextResponseMinutes', s.nextResponse)}
      {minutes('resolutionMinutes', s.resolution)}
      {policy.ticketType === 'complaint' && (
        <Field label={`${s.acknowledgement} (${s.minutes})`}>
          <input type="number" min={1} value={draft.acknowledgementMinutes ?? ''} onChange={(e) => setDraft({ ...draft, acknowledgementMinutes: e.target.value ? Number(e.target.value) : null })} />
        </Field>
      )}
      <Field label={s.warnAt}><input type="number" min={1} max={99} required value={draft.warnAtPercent} onChange={(e) => setDraft({ ...draft, warnAtPercent: Number(e.target.value) })} /></Field>
      <fieldset>
        <legend>{s.actions}</legend>
        {breachActions.map((a) => (
          <label key={a} className="inline">
            <input type="checkbox" checked={draft.breachActions.includes(a)} onChange={(e) => setDraft({ ...draft, breachActions: e.target.checked ? [...draft.breachActions, a] : draft.breachActions.filter((x) => x !== a) })} />
            {s.actionNames[a]}
          </label>
        ))}
      </fieldset>
      <Field label={s.hoursTeam}>
        <select value={draft.hoursTeamId ?? ''} onChange={(e) => setDraft({ ...draft, hoursTeamId: e.target.value || null })}>
          <option value="">{s.aroundTheClock}</option>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
        </select>
      </Field>
      <label className="inline field"><input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} /> {s.active}</label>
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>{t.common.save}</button>
        <button type="button" onClick={onDone}>{t.common.cancel}</button>
      </div>
    </form>
  );
}
