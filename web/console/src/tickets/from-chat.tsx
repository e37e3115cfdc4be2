import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import type { Priority } from '../types.js';
import { Field } from '../admin/ui.js';
import type { Ticket, TicketType } from './types.js';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** "Create ticket / 转工单": a chat that needs more than the chat becomes a ticket, which then opens. */
export function CreateTicketFromChat({ conversationId, category, priority: chatPriority }: { conversationId: string; category: string | null; priority: Priority }) {
  const { t } = useI18n();
  const f = t.tickets.fromChat;
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState('');
  const [type, setType] = useState<TicketType>(category === 'complaint' ? 'complaint' : 'request');
  const [priority, setPriority] = useState<Priority>(chatPriority);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const ticket = await api<Ticket>('POST', `/api/v1/conversations/${conversationId}/ticket`, {
        type,
        priority,
        ...(subject.trim() ? { subject: subject.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      navigate(`tickets/${ticket.id}`);
    });
  };
  if (!open) return <button type="button" onClick={() => setOpen(true)} data-testid="create-ticket">{f.open}</button>;
  return (
    <form className="card form from-chat" onSubmit={submit} aria-label={f.title}>
      <h3>{f.title}</h3>
      <p className="muted small">{f.hint}</p>
      {error && <p className="error" role="alert">{error.message}</p>}
      <Field label={f.subject}><input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} /></Field>
      <div className="row wrap">
        <Field label={f.type}>
          <select value={type} onChange={(e) => setType(e.target.value as TicketType)}>
            {(['request', 'complaint'] as const).map((x) => <option key={x} value={x}>{t.tickets.types[x]}</option>)}
          </select>
        </Field>
        <Field label={f.priority}>
          <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {priorities.map((p) => <option key={p} value={p}>{t.priorities[p]}</option>)}
          </select>
        </Field>
      </div>
      <Field label={f.note}><textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} /></Field>
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>{f.create}</button>
        <button type="button" onClick={() => setOpen(false)}>{t.common.cancel}</button>
      </div>
    </form>
  );
}
