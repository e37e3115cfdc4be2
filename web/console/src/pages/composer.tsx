import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError, upload } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Realtime } from '../realtime.js';
import type { Canned, Message } from '../types.js';

/** Retries of one send carry the same id, so the server stores it once. */
const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);

/**
 * The reply box: "/" opens the canned responses (filled in for this conversation before sending),
 * a switch turns it into an internal note, files upload with progress, and a reply the guard
 * refuses stays in the box with the reason.
 */
export function Composer({ conversationId, live, onSent, onNote }: { conversationId: string; live: Realtime; onSent: (m?: Message) => void; onNote: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [noteMode, setNoteMode] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const clientId = useRef(newClientId());
  const typingSent = useRef(0);
  const { busy, error, setError, run } = useAction();
  const canned = useLoad(() => api<{ items: Canned[] }>('GET', '/api/v1/canned-responses'), []);
  const listId = useId();

  const slash = !noteMode && /^\/\S*$/.test(text) ? text.slice(1).toLowerCase() : null;
  const matches = useMemo(
    () => (slash === null ? [] : (canned.data?.items ?? []).filter((c) => c.shortcut.startsWith(slash) || c.title.toLowerCase().includes(slash))),
    [slash, canned.data],
  );

  const choose = (c: Canned) =>
    void run(async () => {
      const filled = await api<{ text: string }>('POST', `/api/v1/conversations/${conversationId}/canned-responses/${c.shortcut}`, {});
      setText(filled.text);
    });

  const submit = () => {
    const body = text.trim();
    if (!body || busy) return;
    void run(async () => {
      if (noteMode) {
        await api('POST', `/api/v1/conversations/${conversationId}/notes`, { text: body });
        onNote();
      } else {
        const r = await api<{ message: Message }>('POST', `/api/v1/conversations/${conversationId}/messages`, { clientId: clientId.current, text: body });
        onSent(r.message);
        live.typing(conversationId, false);
      }
      clientId.current = newClientId();
      setText('');
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(matches[Math.min(active, matches.length - 1)]!);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const onChange = (value: string) => {
    setText(value);
    setActive(0);
    if (error) setError(null);
    // Tell the customer at most every few seconds that someone is writing.
    if (!noteMode && Date.now() - typingSent.current > 3000) {
      typingSent.current = Date.now();
      live.typing(conversationId, true);
    }
  };

  const attach = (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    void run(async () => {
      try {
        const r = await upload<{ message: Message }>(`/api/v1/conversations/${conversationId}/attachments?clientId=${encodeURIComponent(newClientId())}&name=${encodeURIComponent(file.name)}`, file, setProgress);
        onSent(r.message);
      } finally {
        setProgress(null);
      }
    });
  };

  const refused = error instanceof ApiError && error.code === 'AGENT_MESSAGE_REFUSED';
  return (
    <form className={`composer ${noteMode ? 'note-mode' : ''}`} onSubmit={(e) => (e.preventDefault(), submit())} aria-label={t.composer.label}>
      {matches.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t.composer.cannedLabel} className="canned-list" data-testid="canned-list">
          {matches.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), choose(c))}>
              <strong>/{c.shortcut}</strong> {c.title}
            </li>
          ))}
        </ul>
      )}
      {slash !== null && matches.length === 0 && canned.data && <p className="muted small">{t.composer.noCanned}</p>}
      {error && (
        <div className={refused ? 'refusal' : 'error'} role="alert" data-testid={refused ? 'guard-refusal' : undefined}>
          {refused && <strong>{t.composer.refused}: </strong>}
          {error.message}
        </div>
      )}
      <textarea
        aria-label={noteMode ? t.composer.noteMode : t.composer.label}
        placeholder={noteMode ? t.composer.notePlaceholder : t.composer.placeholder}
        value={text}
        rows={3}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={refused || undefined}
        aria-controls={matches.length ? listId : undefined}
        aria-expanded={matches.length > 0}
        role="combobox"
        aria-autocomplete="list"
        data-testid="composer"
      />
      <div className="row wrap">
        <label className="inline small">
          <input type="checkbox" checked={noteMode} onChange={(e) => setNoteMode(e.target.checked)} /> {t.composer.noteMode}
        </label>
        <label className="file-button small">
          {t.composer.attach}
          <input type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf" onChange={(e) => (attach(e.target.files?.[0]), (e.target.value = ''))} className="visually-hidden" />
        </label>
        {progress !== null && <progress max={1} value={progress} aria-label={t.composer.uploading(Math.round(progress * 100))} />}
        <button type="submit" className="primary" disabled={busy || !text.trim()}>{noteMode ? t.composer.addNote : t.composer.send}</button>
      </div>
    </form>
  );
}
