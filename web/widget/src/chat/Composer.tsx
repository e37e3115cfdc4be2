import { useRef, useState } from 'preact/hooks';
import type { Catalog } from '../i18n/index.js';

type Strings = Catalog['chat'];

/**
 * The message box: Enter sends, Shift+Enter breaks the line; the clip button picks a file. Text may
 * be sent before the connection is up (it waits in the client's outbox); files need a conversation.
 */
export function Composer({ t, disabled, canAttach, onSend, onFile, onTyping }: { t: Strings; disabled: boolean; canAttach: boolean; onSend: (text: string) => void; onFile: (file: File) => void; onTyping: (typing: boolean) => void }) {
  const [text, setText] = useState('');
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(false);

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (typing.current) onTyping(false);
    typing.current = false;
  };
  const input = (value: string) => {
    setText(value);
    if (!typing.current) onTyping(true);
    typing.current = true;
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, 3000);
  };
  const submit = (event?: Event) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || disabled) return;
    onSend(trimmed);
    setText('');
    stopTyping();
  };

  return (
    <form class="wd-composer" onSubmit={submit}>
      <label class="wd-attach" title={t.attach}>
        <input
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
          class="wd-visually-hidden"
          aria-label={t.attach}
          disabled={disabled || !canAttach}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onFile(file);
            e.currentTarget.value = '';
          }}
        />
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.6 8.6a5 5 0 01-7.1-7.1l8.6-8.6a3.3 3.3 0 014.7 4.7l-8.6 8.6a1.7 1.7 0 01-2.4-2.4l7.9-7.9" /></svg>
      </label>
      <textarea
        rows={1}
        aria-label={t.composerLabel}
        placeholder={t.placeholder}
        maxLength={4000}
        value={text}
        onInput={(e) => input(e.currentTarget.value)}
        onBlur={stopTyping}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      <button type="submit" class="wd-send" disabled={disabled || !text.trim()}>{t.send}</button>
    </form>
  );
}
