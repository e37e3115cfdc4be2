import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { dateTime, splitList } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n, type Locale } from '../i18n/index.js';
import { AdminHeader, Field } from './ui.js';

interface Announcement { id: string; kind: (typeof kinds)[number]; severity: (typeof severities)[number]; audience: string; title: Record<Locale, string>; body: Record<Locale, string>; topics: string[]; startsAt: string; endsAt: string | null }

const kinds = ['feature', 'policy', 'incident'] as const;
const severities = ['info', 'warning', 'critical'] as const;
const audiences = ['all', 'app', 'web', 'verified'] as const;
const blank = { kind: 'incident', severity: 'warning', audience: 'all', titleZh: '', titleEn: '', bodyZh: '', bodyEn: '', topics: '', startsAt: '', endsAt: '' };

export function Announcements() {
  const { t, locale } = useI18n();
  const list = useLoad(() => api<{ items: Announcement[] }>('GET', '/api/v1/announcements'), []);
  const [form, setForm] = useState(blank);
  const { busy, error, run } = useAction();
  const field = (key: keyof typeof blank) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST', '/api/v1/announcements', {
        kind: form.kind, severity: form.severity, audience: form.audience,
        title: { 'zh-CN': form.titleZh, en: form.titleEn }, body: { 'zh-CN': form.bodyZh, en: form.bodyEn },
        topics: splitList(form.topics), startsAt: form.startsAt ? new Date(form.startsAt).toISOString() : new Date().toISOString(), endsAt: form.endsAt ? new Date(form.endsAt).toISOString() : null,
      });
      setForm(blank);
      list.reload();
    });
  };
  const remove = (a: Announcement) => confirm(t.common.confirmDelete) && void run(async () => (await api('DELETE', `/api/v1/announcements/${a.id}`), list.reload()));
  return (
    <>
      <AdminHeader title={t.announcements.title} error={error?.message ?? list.error} />
      <table className="table">
        <thead>
          <tr><th>{t.announcements.titleZh}</th><th>{t.announcements.kind}</th><th>{t.announcements.severity}</th><th>{t.announcements.startsAt}</th><th>{t.announcements.endsAt}</th><th>{t.common.actions}</th></tr>
        </thead>
        <tbody>
          {list.data?.items.map((a) => (
            <tr key={a.id}>
              <td>{a.title[locale]}<div className="muted small">{a.topics.join(', ')}</div></td>
              <td>{t.announcements.kinds[a.kind]}</td>
              <td><span className={`badge severity-${a.severity}`}>{t.announcements.severities[a.severity]}</span></td>
              <td>{dateTime(a.startsAt, locale)}</td>
              <td>{a.endsAt ? dateTime(a.endsAt, locale) : '—'}</td>
              <td><button type="button" onClick={() => remove(a)}>{t.common.delete}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form" onSubmit={submit}>
        <h2>{t.announcements.add}</h2>
        <Field label={t.announcements.kind}><select {...field('kind')}>{kinds.map((k) => <option key={k} value={k}>{t.announcements.kinds[k]}</option>)}</select></Field>
        <Field label={t.announcements.severity}><select {...field('severity')}>{severities.map((k) => <option key={k} value={k}>{t.announcements.severities[k]}</option>)}</select></Field>
        <Field label={t.announcements.audience}><select {...field('audience')}>{audiences.map((k) => <option key={k} value={k}>{t.announcements.audiences[k]}</option>)}</select></Field>
        <Field label={t.announcements.titleZh}><input required {...field('titleZh')} /></Field>
        <Field label={t.announcements.titleEn}><input required {...field('titleEn')} /></Field>
        <Field label={t.announcements.bodyZh}><textarea rows={3} {...field('bodyZh')} /></Field>
        <Field label={t.announcements.bodyEn}><textarea rows={3} {...field('bodyEn')} /></Field>
        <Field label={t.announcements.topics}><input {...field('topics')} /></Field>
        <Field label={t.announcements.startsAt}><input type="datetime-local" {...field('startsAt')} /></Field>
        <Field label={t.announcements.endsAt}><input type="datetime-local" {...field('endsAt')} /></Field>
        <button type="submit" className="primary" disabled={busy}>{t.common.create}</button>
      </form>
    </>
  );
}
