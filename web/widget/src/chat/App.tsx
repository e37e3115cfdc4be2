import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { catalogs, fill, type Locale } from '../i18n/index.js';
import type { ChatClient, ChatState } from './client.js';
import { Composer } from './Composer.js';
import { OutsideHoursForm, RatingForm } from './Forms.js';
import { MessageView, VerifiedBadge } from './Message.js';
import { ProtocolError } from './protocol.js';
import { uploadFile } from './rest.js';
import { useTicketFeed } from '../tickets/feed.js';
import { RequestsButton, RequestsHost, type RequestsRoute } from '../tickets/host.js';
import { CallbackButton, CallbacksHost, isCallbacksRoute, type CallbacksRoute } from '../callbacks/host.js';

interface Upload {
  clientId: string;
  name: string;
  preview: string | null;
  progress: number;
  error: string | null;
}

function useClientState(client: ChatClient): ChatState {
  const [state, setState] = useState(client.state);
  useEffect(() => client.subscribe(setState), [client]);
  return state;
}

function download(text: string, name: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function App(props: { client: ChatClient; locale: Locale; onClose?: () => void; onLocale?: (locale: Locale) => void }) {
  const { client, onClose } = props;
  const state = useClientState(client);
  const [locale, setLocale] = useState(props.locale);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState<string | null>(null);
  // "My requests" and the callbacks view take the same place below the header.
  const [requests, setRequests] = useState<RequestsRoute | CallbacksRoute | null>(null);
  const feed = useTicketFeed(client, state.connection === 'online');
  const end = useRef<HTMLDivElement>(null);
  const t = catalogs[locale].chat;
  const { conversation, messages } = state;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.title;
  }, [locale]);

  // Keep the newest message in view and tell the other side it has been read.
  useLayoutEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
    if (document.visibilityState === 'visible') client.markRead();
  }, [messages.length, state.outgoing.length, uploads.length, state.typing, state.ratingRequested, state.queue, state.outsideHours, conversation?.status]);

  // An upload is done once its message is in the conversation.
  useEffect(() => {
    const arrived = new Set(messages.map((m) => m.clientId));
    if (uploads.some((u) => arrived.has(u.clientId))) setUploads(uploads.filter((u) => !arrived.has(u.clientId)));
  }, [messages]);

  const switchLocale = () => {
    const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
    setLocale(next);
    client.setLanguage(next);
    props.onLocale?.(next);
  };

  const attempt = (action: Promise<unknown>): Promise<void> => action.then(
    () => setError(null),
    (err: unknown) => setError(err instanceof ProtocolError ? err.code : 'generic'),
  );

  const sendFile = (file: File) => {
    const token = client.currentToken();
    if (!conversation || !token) return;
    const upload: Upload = { clientId: `f-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, name: file.name, preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null, progress: 0, error: null };
    const patch = (change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.clientId === upload.clientId ? { ...u, ...change } : u)));
    setUploads((all) => [...all, upload]);
    uploadFile({ conversationId: conversation.id, clientId: upload.clientId, file, token, onProgress: (progress) => patch({ progress }) }).catch((err: unknown) =>
      patch({ error: t.errors[err instanceof ProtocolError ? err.code : 'generic'] ?? t.errors.generic! }),
    );
  };

  // A booking made from the chat is linked to it, so the agent who calls sees the conversation.
  const bookCallback = (): CallbacksRoute => ({ view: 'book', ...(conversation ? { conversationId: conversation.id } : {}) });

  const lastTheirs = [...messages].reverse().find((m) => m.author !== 'customer');
  const answeredSince = (seq: number) => messages.some((m) => m.author === 'customer' && m.seq > seq) || state.outgoing.length > 0;
  const shownError = error ?? state.error;
  const typingName = state.typing === 'agent' ? (state.agent?.displayName ?? t.agent) : t.bot;

  return (
    <div class={requests ? 'wd-chat wd-requests-open' : 'wd-chat'} onKeyDown={(e) => e.key === 'Escape' && onClose?.()}>
      <header class="wd-header">
        <div class="wd-heading">
          <h1>{t.title}</h1>
          {state.agent && conversation?.status === 'assigned' && (
            <p class="wd-agent">
              {state.agent.displayName} <VerifiedBadge t={t} />
            </p>
          )}
        </div>
        <RequestsButton locale={locale} unread={feed.unread} open={!!requests && !isCallbacksRoute(requests)} onClick={() => setRequests(requests && !isCallbacksRoute(requests) ? null : { view: 'list' })} />
        <CallbackButton locale={locale} open={!!requests && isCallbacksRoute(requests)} onClick={() => setRequests(requests && isCallbacksRoute(requests) ? null : bookCallback())} />
        <button type="button" class="wd-header-button" onClick={switchLocale} aria-label={t.switchLanguageLabel} lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}>{t.switchLanguage}</button>
        <button type="button" class="wd-header-button wd-icon" disabled={!conversation || messages.length === 0} aria-label={t.transcript} title={t.transcript} onClick={() => attempt(client.transcript().then((text) => download(text, `walletdesk-${conversation!.id.slice(0, 8)}.txt`)))}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M12 4v11m-5-5l5 5 5-5M5 20h14" /></svg>
        </button>
        {onClose && (
          <button type="button" class="wd-header-button wd-icon" aria-label={t.close} title={t.close} onClick={onClose}>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" /></svg>
          </button>
        )}
      </header>
      {requests && (isCallbacksRoute(requests) ? (
        <CallbacksHost client={client} online={state.connection === 'online'} locale={locale} route={requests} onRoute={setRequests} onRequests={() => setRequests({ view: 'list' })} onClose={() => setRequests(null)} />
      ) : (
        <RequestsHost feed={feed} locale={locale} route={requests} onRoute={setRequests} onCallbacks={() => setRequests({ view: 'callbacks' })} onClose={() => setRequests(null)} />
      ))}
      <p class="wd-safety" role="note">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16"><path fill="currentColor" d="M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5z" /></svg>
        {t.safetyNote}
      </p>
      {state.connection !== 'online' && !state.error && <p class="wd-banner" role="status">{state.connection === 'connecting' ? t.connecting : t.reconnecting}</p>}

      <div class="wd-scroll">
        {messages.length === 0 && state.outgoing.length === 0 && state.connection === 'online' && <p class="wd-empty">{t.empty}</p>}
        <div role="log" aria-live="polite" aria-label={t.messagesLabel}>
          <ol class="wd-messages">
            {messages.map((m) => (
              <MessageView key={m.seq} message={m} t={t} locale={locale} agentName={state.agent?.displayName ?? null} token={client.currentToken()} quickRepliesActive={m === lastTheirs && !answeredSince(m.seq)} onQuickReply={(value, label) => (value === 'ticket' ? setRequests({ view: 'new' }) : value === 'callback' ? setRequests(bookCallback()) : client.send(label, value))} />
            ))}
            {state.outgoing.map((o) => (
              <li key={o.clientId} class="wd-message wd-mine wd-pending">
                <p class="wd-bubble">{o.text}</p>
                <p class="wd-muted">{state.connection === 'online' ? t.sending : t.notSent}</p>
              </li>
            ))}
            {uploads.map((u) => (
              <li key={u.clientId} class="wd-message wd-mine wd-pending">
                {u.preview && <img class="wd-image" src={u.preview} alt={u.name} />}
                {u.error ? (
                  <p class="wd-error" role="alert">{fill(t.uploadFailed, { reason: u.error })}</p>
                ) : (
                  <label class="wd-upload">
                    {fill(t.uploading, { name: u.name, percent: Math.round(u.progress * 100) })}
                    <progress max={1} value={u.progress} />
                  </label>
                )}
              </li>
            ))}
          </ol>
        </div>
        {state.typing && (
          <p class="wd-typing" role="status">
            <span class="wd-dots" aria-hidden="true"><i /><i /><i /></span>
            {fill(t.typing, { name: typingName })}
          </p>
        )}
        {conversation?.status === 'queued' && (
          <p class="wd-panel wd-queue" role="status">
            {state.queue && fill(t.queuePosition, { position: state.queue.position })}{' '}
            {state.queue && state.queue.etaSeconds >= 0 ? fill(t.queueEta, { minutes: Math.max(1, Math.round(state.queue.etaSeconds / 60)) }) : t.queueNoAgents}
          </p>
        )}
        {state.outsideHours && conversation?.status === 'bot' && <OutsideHoursForm key={conversation.id} t={t} locale={locale} outsideHours={state.outsideHours} onTicket={() => setRequests({ view: 'new' })} onCallback={() => setRequests(bookCallback())} />}
        {conversation?.status === 'resolved' && <p class="wd-event">{t.resolved}</p>}
        {state.ratingRequested && !state.rated && <RatingForm t={t} onRate={(score, comment) => attempt(client.rate(score, comment))} />}
        {state.rated && <p class="wd-event" role="status">{t.rating.thanks}</p>}
        <div ref={end} />
      </div>

      {shownError && <p class="wd-error" role="alert">{t.errors[shownError] ?? t.errors.generic}</p>}
      {conversation?.status === 'bot' && !state.outsideHours && (
        <button type="button" class="wd-human" onClick={() => attempt(client.handover())}>{t.talkToHuman}</button>
      )}
      <Composer t={t} disabled={state.error === 'INVALID_CUSTOMER_TOKEN' || state.error === 'CUSTOMER_TOKEN_EXPIRED'} canAttach={!!conversation && state.connection === 'online'} onSend={(text) => { setError(null); client.send(text); }} onFile={sendFile} onTyping={(typing) => client.typing(typing)} />
    </div>
  );
}
