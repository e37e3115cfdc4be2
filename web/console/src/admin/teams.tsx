import { useState, type FormEvent } from 'react';
import { api, type Page } from '../api.js';
import { splitList } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Agent, Team } from '../types.js';
import { BusinessHoursEditor } from './business-hours.js';
import { fromDraft, toDraft, type BusinessHours } from './hours.js';
import { AdminHeader, Field, LanguagePicker } from './ui.js';

export function Teams({ me }: { me: Agent }) {
  const { t } = useI18n();
  const teams = useLoad(() => api<Page<Team>>('GET', '/api/v1/teams'), []);
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const admin = me.role === 'admin';
  return (
    <>
      <AdminHeader title={t.teams.title} error={teams.error} />
      <table className="table">
        <thead>
          <tr><th>{t.common.name}</th><th>{t.teams.categories}</th><th>{t.teams.languages}</th><th>{t.teams.businessHours}</th>{admin && <th>{t.common.actions}</th>}</tr>
        </thead>
        <tbody>
          {teams.data?.items.map((team) => (
            <tr key={team.id}>
              <td>{team.name}<div className="muted small">{team.description}</div></td>
              <td>{team.categories.join(', ')}</td>
              <td>{team.languages.join(', ') || t.common.all}</td>
              <td className="small">{team.businessHours ? <code>{(team.businessHours as { timeZone: string }).timeZone}</code> : t.teams.alwaysOpen}</td>
              {admin && <td><button type="button" onClick={() => setEditing(team)}>{t.common.edit}</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {admin && !editing && <button type="button" onClick={() => setEditing('new')}>{t.teams.add}</button>}
      {editing && <TeamForm team={editing === 'new' ? null : editing} onDone={() => (setEditing(null), teams.reload())} />}
    </>
  );
}

function TeamForm({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [categories, setCategories] = useState(team?.categories.join(', ') ?? '');
  const [languages, setLanguages] = useState(team?.languages ?? []);
  const [hours, setHours] = useState(() => toDraft((team?.businessHours as BusinessHours | null) ?? null));
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = { name, description, categories: splitList(categories), languages, businessHours: fromDraft(hours) };
      await (team ? api('PATCH', `/api/v1/teams/${team.id}`, body) : api('POST', '/api/v1/teams', body));
      onDone();
    });
  };
  return (
    <form className="card form" onSubmit={submit}>
      <h2>{team ? team.name : t.teams.add}</h2>
      {error && <p className="error" role="alert">{error.message}</p>}
      <Field label={t.common.name}><input required value={name} onChange={(e) => setName(e.target.value)} /></Field>
      <Field label={t.teams.description}><input value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
      <Field label={t.teams.categories}><input value={categories} onChange={(e) => setCategories(e.target.value)} /></Field>
      <Field label={t.teams.languages}><LanguagePicker value={languages} onChange={setLanguages} /></Field>
      <BusinessHoursEditor value={hours} onChange={setHours} />
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>{t.common.save}</button>
        <button type="button" onClick={onDone}>{t.common.cancel}</button>
      </div>
    </form>
  );
}
