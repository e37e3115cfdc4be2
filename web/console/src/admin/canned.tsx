import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Canned } from '../types.js';
import { AdminHeader, Field } from './ui.js';

export function CannedResponses() {
  const { t } = useI18n();
  const list = useLoad(() => api<{ items: Canned[] }>('GET', '/api/v1/canned-responses'), []);
  const [form, setForm] = useState({ shortcut: '', title: '', zh: '', en: '' });
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST', '/api/v1/canned-responses', { shortcut: form.shortcut, title: form.title, text: { 'zh-CN': form.zh, en: form.en } });
      setForm({ shortcut: '', title: '', zh: '', en: '' });
      list.reload();
    });
  };
  const remove = (c: Canned) => confirm(t.common.confirmDelete) && void run(async () => (await api('DELETE', `/api/v1/canned-responses/${c.id}`), list.reload()));
  return (
    <>
      <AdminHeader title={t.canned.title} error={error?.message ?? list.error} />
      <table className="table">
        <thead>
          <tr><th>{t.canned.shortcut}</th><th>{t.canned.titleField}</th><th>{t.canned.textZh}</th><th>{t.canned.textEn}</th><th>{t.common.actions}</th></tr>
        </thead>
        <tbody>
          {list.data?.items.map((c) => (
            <tr key={c.id}>
              <td><code>/{c.shortcut}</code></td>
              <td>{c.title}</td>
              <td className="small">{c.text['zh-CN']}</td>
              <td className="small">{c.text.en}</td>
              <td><button type="button" onClick={() => remove(c)}>{t.common.delete}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form" onSubmit={submit}>
        <h2>{t.canned.add}</h2>
        <p className="muted small">{t.canned.variables}</p>
        <Field label={t.canned.shortcut}><input required pattern="[a-z0-9][a-z0-9_\-]{0,39}" value={form.shortcut} onChange={(e) => setForm({ ...form, shortcut: e.target.value })} /></Field>
        <Field label={t.canned.titleField}><input required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></Field>
        <Field label={t.canned.textZh}><textarea required rows={3} value={form.zh} onChange={(e) => setForm({ ...form, zh: e.target.value })} /></Field>
        <Field label={t.canned.textEn}><textarea required rows={3} value={form.en} onChange={(e) => setForm({ ...form, en: e.target.value })} /></Field>
        <button type="submit" className="primary" disabled={busy}>{t.common.create}</button>
      </form>
    </>
  );
}
