import { useState, type FormEvent } from 'react';
import { api, ApiError, query } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatMinor, parseMinor } from './rules.js';
import type { FieldDef, FieldValue, Ticket } from './types.js';

const draftOf = (def: FieldDef, value: FieldValue | undefined): string => {
  if (value === undefined || value === null) return '';
  return def.kind === 'money' && typeof value === 'number' ? formatMinor(value) : String(value);
};

/** A draft back to what the API stores; undefined when it cannot be (the field is marked). An empty field clears it. */
function valueOf(def: FieldDef, draft: string): FieldValue | undefined {
  const text = draft.trim();
  if (!text) return null;
  if (def.kind === 'money') return parseMinor(text) ?? undefined;
  if (def.kind === 'number') return Number.isFinite(Number(text)) ? Number(text) : undefined;
  return text;
}

/** The custom fields of the ticket's issue type, edited in place. */
export function TicketFields({ ticket, disabled, onSaved }: { ticket: Ticket; disabled: boolean; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const f = t.tickets.fields;
  const defs = useLoad(() => api<{ items: FieldDef[] }>('GET', `/api/v1/ticket-fields${query({ category: ticket.category })}`), [ticket.category]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [bad, setBad] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const items = defs.data?.items ?? [];
  const draft = (def: FieldDef) => drafts[def.key] ?? draftOf(def, ticket.fields[def.key]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values: Record<string, FieldValue> = {};
    const invalid: string[] = [];
    for (const def of items) {
      const value = valueOf(def, draft(def));
      if (value === undefined) invalid.push(def.key);
      else values[def.key] = value;
    }
    setBad(invalid);
    if (invalid.length) return;
    void run(async () => {
      try {
        await api('PATCH', `/api/v1/tickets/${ticket.id}`, { fields: values });
      } catch (err) {
        // The server names every field it refused: mark them all at once.
        if (err instanceof ApiError && err.code === 'TICKET_FIELDS_INVALID') setBad(Object.keys((err.details as { fields?: Record<string, string> } | undefined)?.fields ?? {}));
        throw err;
      }
      onSaved();
    });
  };

  return (
    <section aria-labelledby="fields-title" className="side-section">
      <h3 id="fields-title">{f.title}</h3>
      {defs.error && <p className="error small">{defs.error}</p>}
      {defs.data && items.length === 0 && <p className="muted small">{f.none}</p>}
      {items.length > 0 && (
        <form onSubmit={submit} className="small" data-testid="ticket-fields">
          {error && <p className="error" role="alert">{error.message}</p>}
          {items.map((def) => {
            const label = `${def.label[locale]}${def.required ? ` (${f.required})` : ''}`;
            const common = { value: draft(def), disabled, 'aria-invalid': bad.includes(def.key) || undefined, onChange: (e: { target: { value: string } }) => setDrafts((d) => ({ ...d, [def.key]: e.target.value })) };
            return (
              <label key={def.key} className="field">
                <span>{label}</span>
                {def.kind === 'select' ? (
                  <select {...common}>
                    <option value="" />
                    {def.options.map((o) => <option key={o.value} value={o.value}>{o.label[locale]}</option>)}
                  </select>
                ) : (
                  <input
                    {...common}
                    type={def.kind === 'date' ? 'date' : 'text'}
                    inputMode={def.kind === 'money' || def.kind === 'number' ? 'decimal' : undefined}
                    placeholder={def.kind === 'money' ? f.money : undefined}
                  />
                )}
              </label>
            );
          })}
          {!disabled && <button type="submit" disabled={busy}>{f.save}</button>}
        </form>
      )}
    </section>
  );
}
