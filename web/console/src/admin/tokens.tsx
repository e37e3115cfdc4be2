import { useState, type FormEvent } from 'react';
import { api, type Page } from '../api.js';
import { dateTime } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { AdminHeader, Field } from './ui.js';

interface Token { id: string; name: string; prefix: string; scopes: string[]; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }

const scopes = ['agents:read', 'agents:write', 'teams:read', 'teams:write', 'audit:read', 'wallet:read', 'wallet:write', 'kb:read', 'kb:write', 'conversations:read', 'conversations:write'];

export function ApiTokens() {
  const { t, locale } = useI18n();
  const list = useLoad(() => api<Page<Token>>('GET', '/api/v1/api-tokens'), []);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>(['conversations:read']);
  const [note, setNote] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ token: string }>('POST', '/api/v1/api-tokens', { name, scopes: chosen });
      setNote(t.tokens.shownOnce(r.token));
      setName('');
      list.reload();
    });
  };
  return (
    <>
      <AdminHeader title={t.tokens.title} error={error?.message ?? list.error} note={note && <code className="secret">{note}</code>} />
      <table className="table">
        <thead>
          <tr><th>{t.common.name}</th><th>{t.tokens.scopes}</th><th>{t.tokens.expiresAt}</th><th>{t.tokens.lastUsed}</th><th>{t.common.actions}</th></tr>
        </thead>
        <tbody>
          {list.data?.items.map((k) => (
            <tr key={k.id} className={k.revokedAt ? 'muted' : undefined}>
              <td>{k.name} <code className="small">{k.prefix}…</code></td>
              <td className="small">{k.scopes.join(', ')}</td>
              <td>{k.expiresAt ? dateTime(k.expiresAt, locale) : '—'}</td>
              <td>{k.lastUsedAt ? dateTime(k.lastUsedAt, locale) : '—'}</td>
              <td>{!k.revokedAt && <button type="button" onClick={() => confirm(t.common.confirmDelete) && void run(async () => (await api('DELETE', `/api/v1/api-tokens/${k.id}`), list.reload()))}>{t.tokens.revoke}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form" onSubmit={submit}>
        <h2>{t.tokens.add}</h2>
        <Field label={t.common.name}><input required value={name} onChange={(e) => setName(e.target.value)} /></Field>
        <fieldset>
          <legend>{t.tokens.scopes}</legend>
          {scopes.map((s) => (
            <label key={s} className="inline">
              <input type="checkbox" checked={chosen.includes(s)} onChange={(e) => setChosen(e.target.checked ? [...chosen, s] : chosen.filter((x) => x !== s))} /> <code>{s}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy || chosen.length === 0}>{t.common.create}</button>
      </form>
    </>
  );
}
