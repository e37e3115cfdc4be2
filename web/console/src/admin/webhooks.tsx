import { useState, type FormEvent } from 'react';
import { api, type Page } from '../api.js';
import { dateTime, splitList } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { AdminHeader, Field } from './ui.js';

interface Endpoint { id: string; url: string; description: string; events: string[]; active: boolean }
interface Delivery { id: string; eventName: string; status: string; attempts: number; createdAt: string }

export function Webhooks() {
  const { t, locale } = useI18n();
  const list = useLoad(() => api<Page<Endpoint>>('GET', '/api/v1/webhooks'), []);
  const [form, setForm] = useState({ url: '', description: '', events: '*' });
  const [open, setOpen] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ secret: string }>('POST', '/api/v1/webhooks', { url: form.url, description: form.description, events: splitList(form.events), active: true });
      setNote(t.webhooks.secret(r.secret));
      setForm({ url: '', description: '', events: '*' });
      list.reload();
    });
  };
  const act = (fn: () => Promise<unknown>) => void run(async () => (await fn(), list.reload()));
  return (
    <>
      <AdminHeader title={t.webhooks.title} error={error?.message ?? list.error} note={note} />
      <table className="table">
        <thead>
          <tr><th>{t.webhooks.url}</th><th>{t.webhooks.events}</th><th>{t.webhooks.enabled}</th><th>{t.common.actions}</th></tr>
        </thead>
        <tbody>
          {list.data?.items.map((w) => (
            <tr key={w.id}>
              <td><code>{w.url}</code><div className="muted small">{w.description}</div></td>
              <td className="small">{w.events.join(', ')}</td>
              <td><input type="checkbox" aria-label={t.webhooks.enabled} checked={w.active} onChange={(e) => act(() => api('PATCH', `/api/v1/webhooks/${w.id}`, { active: e.target.checked }))} /></td>
              <td className="row wrap">
                <button type="button" onClick={() => setOpen(open === w.id ? null : w.id)}>{t.webhooks.deliveries}</button>
                <button type="button" onClick={() => void run(async () => setNote(t.webhooks.secret((await api<{ secret: string }>('POST', `/api/v1/webhooks/${w.id}/rotate-secret`)).secret)))}>{t.webhooks.rotate}</button>
                <button type="button" onClick={() => confirm(t.common.confirmDelete) && act(() => api('DELETE', `/api/v1/webhooks/${w.id}`))}>{t.common.delete}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <Deliveries endpointId={open} locale={locale} />}
      <form className="card form" onSubmit={submit}>
        <h2>{t.webhooks.add}</h2>
        <Field label={t.webhooks.url}><input type="url" required value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} /></Field>
        <Field label={t.webhooks.description}><input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} /></Field>
        <Field label={t.webhooks.events}><input required value={form.events} onChange={(e) => setForm({ ...form, events: e.target.value })} /></Field>
        <button type="submit" className="primary" disabled={busy}>{t.common.create}</button>
      </form>
    </>
  );
}

function Deliveries({ endpointId, locale }: { endpointId: string; locale: 'zh-CN' | 'en' }) {
  const { t } = useI18n();
  const list = useLoad(() => api<Page<Delivery>>('GET', `/api/v1/webhooks/${endpointId}/deliveries?limit=50`), [endpointId]);
  const { run } = useAction();
  return (
    <section className="card" aria-label={t.webhooks.deliveries}>
      <h2>{t.webhooks.deliveries}</h2>
      <table className="table small">
        <tbody>
          {list.data?.items.map((d) => (
            <tr key={d.id}>
              <td>{dateTime(d.createdAt, locale)}</td>
              <td><code>{d.eventName}</code></td>
              <td><span className={`badge delivery-${d.status}`}>{d.status}</span> ×{d.attempts}</td>
              <td><button type="button" onClick={() => void run(async () => (await api('POST', `/api/v1/webhooks/${endpointId}/deliveries/${d.id}/redeliver`), list.reload()))}>{t.webhooks.redeliver}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
