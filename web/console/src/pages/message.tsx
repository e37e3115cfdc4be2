import { api } from '../api.js';
import { dateTime, money, time } from '../format.js';
import { useAction } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import type { Message, Note } from '../types.js';

interface TransactionCard { type: 'transaction'; transaction: { reference: string; type: string; amount: { amount: number; currency: string }; status: string; createdAt: string; counterparty?: string } }
interface ArticleCard { type: 'article'; title: string; url: string; summary: string }

export function MessageItem({ message: m, conversationId }: { message: Message; conversationId: string }) {
  const { t, locale } = useI18n();
  const hidden = (m.payload.hidden as string[] | undefined) ?? [];
  const ticket = m.payload.ticket as { id: string; reference: string } | undefined;
  return (
    <li className={`bubble from-${m.author}`} data-seq={m.seq} data-author={m.author}>
      <span className="meta small">
        {t.authors[m.author]} · <time dateTime={m.createdAt}>{time(m.createdAt, locale)}</time>
        {m.readAt && m.author !== 'customer' ? ' · ✓✓' : ''}
      </span>
      {m.text && <p className="text">{m.text}</p>}
      {ticket && <a className="small" href={href(`tickets/${ticket.id}`)} onClick={(e) => (e.preventDefault(), navigate(`tickets/${ticket.id}`))}>{t.tickets.title}: {ticket.reference}</a>}
      {hidden.length > 0 && <p className="guard-note small">{t.conversation.hidden(hidden.join(', '))}</p>}
      {m.kind === 'quick_replies' && <QuickReplies options={(m.payload.options as { value: string; label: string }[] | undefined) ?? []} />}
      {m.kind === 'card' && <Card card={m.payload.card as TransactionCard | ArticleCard | undefined} />}
      {m.kind === 'attachment' && <Attachment conversationId={conversationId} file={m.payload.attachment as { id: string; name: string; contentType: string; size: number }} />}
    </li>
  );
}

export function NoteItem({ note }: { note: Note }) {
  const { t, locale } = useI18n();
  return (
    <li className="bubble note">
      <span className="meta small">{t.authors.note} · <time dateTime={note.createdAt}>{time(note.createdAt, locale)}</time></span>
      <p className="text">{note.text}</p>
    </li>
  );
}

function QuickReplies({ options }: { options: { value: string; label: string }[] }) {
  const { t } = useI18n();
  return (
    <ul className="chips" aria-label={t.conversation.quickReplies}>
      {options.map((o) => <li key={o.value} className="chip">{o.label}</li>)}
    </ul>
  );
}

function Card({ card }: { card: TransactionCard | ArticleCard | undefined }) {
  const { t, locale } = useI18n();
  if (!card) return null;
  if (card.type === 'article') {
    return (
      <div className="card-inline">
        <a href={card.url} target="_blank" rel="noreferrer">{card.title}</a>
        <p className="small muted">{card.summary}</p>
      </div>
    );
  }
  const tx = card.transaction;
  return (
    <div className="card-inline" aria-label={t.conversation.card}>
      <div className="row">
        <strong>{t.txType[tx.type as keyof typeof t.txType] ?? tx.type}</strong>
        <span className={`badge tx-${tx.status}`}>{t.txStatus[tx.status as keyof typeof t.txStatus] ?? tx.status}</span>
      </div>
      <div className="amount">{money(tx.amount.amount, tx.amount.currency, locale)}</div>
      <div className="small muted">{tx.counterparty ? `${tx.counterparty} · ` : ''}{dateTime(tx.createdAt, locale)} · {tx.reference}</div>
    </div>
  );
}

function Attachment({ conversationId, file }: { conversationId: string; file: { id: string; name: string; contentType: string; size: number } | undefined }) {
  const { t } = useI18n();
  const { run, error } = useAction();
  if (!file) return null;
  // Links are signed and short-lived: ask for one when the agent opens the file.
  const open = () => void run(async () => {
    const { url } = await api<{ url: string }>('GET', `/api/v1/conversations/${conversationId}/attachments/${file.id}/link`);
    window.open(url, '_blank', 'noopener');
  });
  return (
    <div className="attachment">
      <span aria-hidden="true">📎</span> {file.name} <span className="muted small">({Math.ceil(file.size / 1024)} KB)</span>{' '}
      <button type="button" className="link-button" onClick={open}>{t.conversation.openAttachment}</button>
      {error && <span className="error small" role="alert">{error.message}</span>}
    </div>
  );
}
