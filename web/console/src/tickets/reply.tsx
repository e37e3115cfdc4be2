import { useState, type KeyboardEvent } from 'react';
import { api, ApiError, upload } from '../api.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { statusChoices } from './rules.js';
import type { Ticket, TicketStatus } from './types.js';

interface Uploaded { id: string; name: string; sizeBytes: number }

/**
 * Writing on a ticket: a public reply (mailed to the customer, shown in the app, checked by the
 * guard) or an internal note; a reply may set the status in the same step ("reply and set
 * pending") and carry files uploaded first. Ctrl/⌘+Enter sends; Enter is a new line.
 */
export function ReplyBox({ ticket, onSent }: { ticket: Ticket; onSent: () => void }) {
  const { t } = useI18n();
  const r = t.tickets.reply;
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [status, setStatus] = useState<'' | TicketStatus>('');
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const { busy, error, setError, run } = useAction();
  const note = mode === 'note';

  const submit = () => {
    const body = text.trim();
    if (!body || busy) return;
    void run(async () => {
      if (note) await api('POST', `/api/v1/tickets/${ticket.id}/notes`, { body });
      else await api('POST', `/api/v1/tickets/${ticket.id}/replies`, { body, ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}), ...(status ? { status } : {}) });
      setText('');
      setStatus('');
      if (!note) setFiles([]);
      onSent();
    });
  };

  const attach = (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    void run(async () => {
      try {
        const uploaded = await upload<Uploaded>(`/api/v1/attachments?name=${encodeURIComponent(file.name)}`, file, setProgress);
        setFiles((list) => [...list, uploaded]);
      } finally {
        setProgress(null);
      }
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const refused = error instanceof ApiError && error.code === 'AGENT_MESSAGE_REFUSED';
  return (
    <form className={`composer ${note ? 'note-mode' : ''}`} onSubmit={(e) => (e.preventDefault(), submit())} aria-label={r.label} data-testid="ticket-reply">
      <fieldset className="send-as">
        <legend className="small">{r.sendAs}</legend>
        {(['reply', 'note'] as const).map((m) => (
          <label key={m} className="inline small">
            <input type="radio" name="send-as" value={m} checked={mode === m} onChange={() => setMode(m)} /> {m === 'reply' ? r.asReply : r.asNote}
          </label>
        ))}
      </fieldset>
      {error && (
        <div className={refused ? 'refusal' : 'error'} role="alert" data-testid={refused ? 'guard-refusal' : 'reply-error'}>
          {refused && <strong>{r.refused}: </strong>}
          {error.message}
        </div>
      )}
      <textarea
        aria-label={r.label}
        placeholder={note ? r.notePlaceholder : r.placeholder}
        value={text}
        rows={4}
        onChange={(e) => (setText(e.target.value), error && setError(null))}
        onKeyDown={onKeyDown}
        aria-invalid={refused || undefined}
        data-testid="ticket-composer"
      />
      {files.length > 0 && (
        <ul className="chips" aria-label={t.tickets.timeline.files}>
          {files.map((f) => (
            <li key={f.id} className="chip">
              📎 {f.name} <button type="button" className="link-button" aria-label={r.remove(f.name)} onClick={() => setFiles((l) => l.filter((x) => x.id !== f.id))}>×</button>
            </li>
          ))}
        </ul>
      )}
      <div className="row wrap">
        {note ? (
          files.length > 0 && <span className="muted small">{r.filesOnReplies}</span>
        ) : (
          <>
            <label className="file-button small">
              {r.attach}
              <input type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf" onChange={(e) => (attach(e.target.files?.[0]), (e.target.value = ''))} className="visually-hidden" />
            </label>
            {progress !== null && <progress max={1} value={progress} aria-label={r.uploading(Math.round(progress * 100))} />}
            <label className="inline small">
              {r.statusOnSend}
              <select value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | '')} data-testid="reply-status">
                <option value="">{r.keepStatus}</option>
                {statusChoices(ticket.status).slice(1).filter((s) => s !== 'closed').map((s) => <option key={s} value={s}>{t.tickets.statuses[s]}</option>)}
              </select>
            </label>
          </>
        )}
        <button type="submit" className="primary" disabled={busy || !text.trim()}>{note ? r.addNote : r.send}</button>
      </div>
    </form>
  );
}
