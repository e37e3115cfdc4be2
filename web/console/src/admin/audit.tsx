import { useEffect, useState } from 'react';
import { api, query, type Page } from '../api.js';
import { dateTime } from '../format.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { AdminHeader, Field } from './ui.js';

interface AuditEvent { id: string; at: string; actorType: string; actorId: string | null; action: string; targetType: string | null; targetId: string | null; ip: string | null; details: Record<string, unknown> }

export function AuditLog() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState({ action: '', actorId: '', from: '', to: '' });
  const [rows, setRows] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const { busy, error, run } = useAction();
  const load = (cursor?: string) =>
    void run(async () => {
      const iso = (v: string) => (v ? new Date(v).toISOString() : undefined);
      const page = await api<Page<AuditEvent>>('GET', `/api/v1/audit-events${query({ action: filters.action, actorId: filters.actorId, from: iso(filters.from), to: iso(filters.to), limit: 50, cursor })}`);
      setRows((r) => (cursor ? [...r, ...page.items] : page.items));
      setNext(page.nextCursor);
    });
  // The newest events first, unfiltered, when the page opens.
  useEffect(() => load(), []);
  const field = (key: keyof typeof filters, type = 'text') => <input type={type} value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })} />;
  return (
    <>
      <AdminHeader title={t.audit.title} error={error?.message} />
      <form className="filters row wrap" onSubmit={(e) => (e.preventDefault(), load())}>
        <Field label={t.audit.filterAction}>{field('action')}</Field>
        <Field label={t.audit.filterActor}>{field('actorId')}</Field>
        <Field label={t.audit.from}>{field('from', 'datetime-local')}</Field>
        <Field label={t.audit.to}>{field('to', 'datetime-local')}</Field>
        <button type="submit" disabled={busy}>{t.common.apply}</button>
      </form>
      <table className="table small">
        <thead>
          <tr><th>{t.audit.at}</th><th>{t.audit.actor}</th><th>{t.audit.action}</th><th>{t.audit.target}</th><th>{t.audit.ip}</th><th>{t.audit.details}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{dateTime(r.at, locale)}</td>
              <td>{r.actorType}<div className="muted">{r.actorId}</div></td>
              <td><code>{r.action}</code></td>
              <td>{r.targetType}<div className="muted">{r.targetId}</div></td>
              <td>{r.ip}</td>
              <td><code className="details">{JSON.stringify(r.details)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && <button type="button" disabled={busy} onClick={() => load(next)}>{t.common.loadMore}</button>}
    </>
  );
}
