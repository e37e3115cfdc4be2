import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, query, type Page } from '../api.js';
import { splitList } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import type { Realtime } from '../realtime.js';
import { CreateTicketFromChat } from '../tickets/from-chat.js';
import { mergeBySeq } from '../timeline.js';
import type { Agent, Contact, Conversation, Message, Note, Priority, Team } from '../types.js';
import { Composer } from './composer.js';
import { CustomerPanel } from './customer.js';
import { MessageItem, NoteItem } from './message.js';

const resolutionCodes = ['answered', 'wallet_issue_fixed', 'escalated_to_ticket', 'callback_scheduled', 'duplicate', 'no_response', 'not_our_service', 'spam'] as const;
const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

export function ConversationView({ id, me, live, onChanged }: { id: string; me: Agent; live: Realtime; onChanged: () => void }) {
  const { t } = useI18n();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [customerTyping, setCustomerTyping] = useState(false);
  const lastSeq = useRef(0);
  const notes = useLoad(() => api<{ items: Note[] }>('GET', `/api/v1/conversations/${id}/notes`), [id]);
  const action = useAction();

  const catchUp = useCallback(async () => {
    const r = await api<{ conversation: Conversation; contact: Contact; messages: Message[] }>('GET', `/api/v1/conversations/${id}${query({ afterSeq: lastSeq.current, limit: 500 })}`);
    setConversation(r.conversation);
    setContact(r.contact);
    setMessages((list) => mergeBySeq(list, r.messages));
  }, [id]);

  useEffect(() => {
    void catchUp().catch((e: Error) => action.setError(e));
    live.follow(id);
    const off = live.subscribe((f) => {
      if (f.type === 'connection' && f.online) void catchUp();
      if (f.type === 'message' && (f.message as Message).conversationId === id) setMessages((list) => mergeBySeq(list, [f.message as Message]));
      if (f.type === 'status' && (f.conversation as Conversation | undefined)?.id === id) void catchUp();
      if (f.type === 'note' && f.conversationId === id) notes.reload();
      if (f.type === 'typing' && f.conversationId === id && f.author === 'customer') setCustomerTyping(Boolean(f.typing));
    });
    return () => {
      off();
      live.unfollow(id);
    };
    // Subscriptions depend on the conversation only.
  }, [id, live, catchUp]);

  // Everything shown is read: tell the customer once per new customer message.
  useEffect(() => {
    const last = messages.at(-1);
    if (!last) return;
    lastSeq.current = last.seq;
    const lastFromCustomer = [...messages].reverse().find((m) => m.author === 'customer');
    if (lastFromCustomer && conversation?.assigneeId === me.id) live.receipt(id, lastFromCustomer.seq);
  }, [messages, conversation?.assigneeId, id, live, me.id]);

  const list = useRef<HTMLOListElement>(null);
  const timeline = useMemo(() => {
    const items: ({ at: string; message: Message } | { at: string; note: Note })[] = [
      ...messages.map((message) => ({ at: message.createdAt, message })),
      ...(notes.data?.items ?? []).map((note) => ({ at: note.createdAt, note })),
    ];
    return items.sort((a, b) => a.at.localeCompare(b.at));
  }, [messages, notes.data]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [timeline.length]);

  const update = (fn: () => Promise<Conversation>) =>
    void action.run(async () => {
      setConversation(await fn());
      onChanged();
    });
  // Replying takes the conversation on the server: fetch its state again after the first reply.
  const sent = (m?: Message) => {
    if (m) setMessages((l) => mergeBySeq(l, [m]));
    if (conversation && !conversation.acceptedAt) void catchUp();
  };
  const mine = conversation?.assigneeId === me.id;
  const canWrite = conversation !== null && conversation.status !== 'closed' && (mine || me.role !== 'agent');

  return (
    <>
      <section className="conversation" aria-label={t.conversation.label}>
        {conversation && (
          <ConversationActions conversation={conversation} me={me} busy={action.busy} update={update} />
        )}
        {action.error && <p className="error" role="alert">{action.error.message}</p>}
        <ol ref={list} className="timeline" aria-label={t.conversation.messages} aria-live="polite" data-testid="timeline">
          {timeline.length === 0 && <li className="muted">{t.inbox.noMessages}</li>}
          {timeline.map((item) => ('message' in item ? <MessageItem key={`m${item.message.seq}`} message={item.message} conversationId={id} /> : <NoteItem key={`n${item.note.id}`} note={item.note} />))}
        </ol>
        {customerTyping && <p className="typing muted small" role="status">{t.conversation.typing}</p>}
        {conversation && !canWrite && <p className="muted small">{t.conversation.readOnly}</p>}
        {conversation && canWrite && <Composer conversationId={id} live={live} onSent={sent} onNote={notes.reload} />}
      </section>
      {contact && <CustomerPanel contact={contact} category={conversation?.category ?? null} conversationId={id} />}
    </>
  );
}

function ConversationActions({ conversation, me, busy, update }: { conversation: Conversation; me: Agent; busy: boolean; update: (fn: () => Promise<Conversation>) => void }) {
  const { t } = useI18n();
  const c = conversation;
  const [code, setCode] = useState<(typeof resolutionCodes)[number]>('answered');
  const [transfer, setTransfer] = useState('');
  const [note, setNote] = useState('');
  const [labels, setLabels] = useState(c.labels.join(', '));
  const teams = useLoad(() => api<Page<Team>>('GET', '/api/v1/teams'), []);
  const agents = useLoad(() => (me.role === 'agent' ? Promise.resolve(null) : api<Page<Agent>>('GET', '/api/v1/agents?active=true&limit=200')), [me.role]);
  const open = c.status === 'assigned' || c.status === 'queued' || c.status === 'bot';
  const post = (path: string, body?: unknown) => () => api<Conversation>('POST', `/api/v1/conversations/${c.id}/${path}`, body);

  return (
    <div className="actions">
      <div className="row wrap">
        <span className={`badge status-${c.status}`}>{t.statuses[c.status]}</span>
        <span className="muted small">{c.category ?? '—'} · {c.language} · {c.channel}</span>
        {c.assigneeId === me.id && !c.acceptedAt && c.status === 'assigned' && (
          <button type="button" className="primary" disabled={busy} onClick={() => update(post('accept'))}>{t.conversation.accept}</button>
        )}
        <a className="link-button small" href={`/api/v1/conversations/${c.id}/transcript`}>{t.conversation.transcript}</a>
        <CreateTicketFromChat conversationId={c.id} category={c.category} priority={c.priority} />
      </div>
      {open && (
        <div className="row wrap">
          <label className="inline">
            {t.conversation.resolutionCode}
            <select value={code} onChange={(e) => setCode(e.target.value as typeof code)} data-testid="resolution-code">
              {resolutionCodes.map((r) => <option key={r} value={r}>{t.resolution[r]}</option>)}
            </select>
          </label>
          <button type="button" disabled={busy} onClick={() => update(post('resolve', { resolutionCode: code }))}>{t.conversation.resolve}</button>
          <label className="inline">
            {t.conversation.transferTo}
            <select value={transfer} onChange={(e) => setTransfer(e.target.value)}>
              <option value="" />
              <optgroup label={t.conversation.transferTeam}>
                {teams.data?.items.map((team) => <option key={team.id} value={`team:${team.id}`}>{team.name}</option>)}
              </optgroup>
              {agents.data && (
                <optgroup label={t.conversation.transferAgent}>
                  {agents.data.items.filter((a) => a.id !== c.assigneeId).map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.displayName} ({t.presence[a.presence]})</option>)}
                </optgroup>
              )}
            </select>
          </label>
          <input aria-label={t.conversation.transferNote} placeholder={t.conversation.transferNote} value={note} onChange={(e) => setNote(e.target.value)} />
          <button
            type="button"
            disabled={busy || !transfer}
            onClick={() => {
              const [kind, target] = transfer.split(':');
              update(post('transfer', { [kind === 'team' ? 'teamId' : 'agentId']: target, ...(note.trim() ? { note: note.trim() } : {}) }));
            }}
          >
            {t.conversation.transfer}
          </button>
        </div>
      )}
      <div className="row wrap">
        <label className="inline">
          {t.conversation.priority}
          <select value={c.priority} onChange={(e) => update(() => api('PATCH', `/api/v1/conversations/${c.id}`, { priority: e.target.value }))}>
            {priorities.map((p) => <option key={p} value={p}>{t.priorities[p]}</option>)}
          </select>
        </label>
        <input
          aria-label={t.conversation.labels}
          placeholder={t.conversation.labels}
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
          onBlur={() => labels !== c.labels.join(', ') && update(() => api('PATCH', `/api/v1/conversations/${c.id}`, { labels: splitList(labels) }))}
        />
      </div>
    </div>
  );
}
