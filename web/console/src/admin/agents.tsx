import { useState, type FormEvent } from 'react';
import { api, type Page } from '../api.js';
import { splitList } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Agent, Role, Team } from '../types.js';
import { AdminHeader, Field, LanguagePicker } from './ui.js';

const roles: Role[] = ['agent', 'supervisor', 'admin'];

export function Agents({ me }: { me: Agent }) {
  const { t } = useI18n();
  const agents = useLoad(() => api<Page<Agent>>('GET', '/api/v1/agents?limit=200'), []);
  const teams = useLoad(() => api<Page<Team>>('GET', '/api/v1/teams'), []);
  const { error, run } = useAction();
  const [note, setNote] = useState<string | null>(null);
  const admin = me.role === 'admin';
  const patch = (id: string, body: Partial<Agent>) => void run(async () => (await api('PATCH', `/api/v1/agents/${id}`, body), agents.reload(), setNote(t.common.saved)));
  const teamName = (id: string) => teams.data?.items.find((x) => x.id === id)?.name ?? id;
  return (
    <>
      <AdminHeader title={t.agents.title} error={error?.message ?? agents.error} note={note} />
      <table className="table">
        <thead>
          <tr><th>{t.common.name}</th><th>{t.agents.role}</th><th>{t.dashboard.presence}</th><th>{t.agents.capacity}</th><th>{t.agents.categories}</th><th>{t.agents.languages}</th><th>{t.agents.teams}</th><th>{t.agents.active}</th></tr>
        </thead>
        <tbody>
          {agents.data?.items.map((a) => (
            <tr key={a.id}>
              <td>{a.displayName}<div className="muted small">{a.email}</div></td>
              <td>{admin ? <select aria-label={t.agents.role} value={a.role} onChange={(e) => patch(a.id, { role: e.target.value as Role })}>{roles.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}</select> : t.roles[a.role]}</td>
              <td>{t.presence[a.presence]}</td>
              <td>{admin ? <input aria-label={t.agents.capacity} type="number" min={0} max={100} defaultValue={a.capacity} onBlur={(e) => Number(e.target.value) !== a.capacity && patch(a.id, { capacity: Number(e.target.value) })} className="narrow" /> : a.capacity}</td>
              <td>{admin ? <input aria-label={t.agents.categories} defaultValue={a.skillCategories.join(', ')} onBlur={(e) => e.target.value !== a.skillCategories.join(', ') && patch(a.id, { skillCategories: splitList(e.target.value) })} /> : a.skillCategories.join(', ')}</td>
              <td>{admin ? <LanguagePicker value={a.skillLanguages} onChange={(v) => patch(a.id, { skillLanguages: v })} /> : a.skillLanguages.join(', ')}</td>
              <td className="small">{a.teamIds.map(teamName).join(', ')}</td>
              <td>{admin ? <input type="checkbox" aria-label={t.agents.active} checked={a.active} onChange={(e) => patch(a.id, { active: e.target.checked })} /> : a.active ? t.common.yes : t.common.no}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin && <NewAgent onCreated={(password) => (agents.reload(), setNote(password ? t.agents.generatedPassword(password) : t.common.saved))} />}
    </>
  );
}

function NewAgent({ onCreated }: { onCreated: (generatedPassword: string | null) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ email: '', name: '', role: 'agent' as Role, capacity: 5, skillCategories: '', skillLanguages: ['zh-CN'] });
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ generatedPassword: string | null }>('POST', '/api/v1/agents', { ...form, skillCategories: splitList(form.skillCategories) });
      onCreated(r.generatedPassword);
    });
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>{t.agents.add}</h2>
      {error && <p className="error" role="alert">{error.message}</p>}
      <Field label={t.agents.email}><input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></Field>
      <Field label={t.common.name}><input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
      <Field label={t.agents.role}><select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>{roles.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}</select></Field>
      <Field label={t.agents.capacity}><input type="number" min={0} max={100} value={form.capacity} onChange={(e) => setForm({ ...form, capacity: Number(e.target.value) })} /></Field>
      <Field label={t.agents.categories}><input value={form.skillCategories} onChange={(e) => setForm({ ...form, skillCategories: e.target.value })} /></Field>
      <Field label={t.agents.languages}><LanguagePicker value={form.skillLanguages} onChange={(v) => setForm({ ...form, skillLanguages: v })} /></Field>
      <button type="submit" className="primary" disabled={busy}>{t.common.create}</button>
    </form>
  );
}
