import { useEffect, useState } from 'preact/hooks';
import type { Catalog } from '../i18n/index.js';
import { fill } from '../i18n/index.js';
import { formatMoney, formatTime } from './format.js';
import type { ArticleCard, Attachment, ChatMessage, TransactionCard } from './protocol.js';
import { attachmentLink } from './rest.js';

type Strings = Catalog['chat'];

export function VerifiedBadge({ t }: { t: Strings }) {
  return (
    <span class="wd-badge">
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12"><path fill="currentColor" d="M8 0l2 1.6 2.5-.2.8 2.4 2.1 1.4-.8 2.4.8 2.4-2.1 1.4-.8 2.4-2.5-.2L8 16l-2-1.6-2.5.2-.8-2.4L.6 10.8l.8-2.4-.8-2.4 2.1-1.4.8-2.4 2.5.2z" /><path fill="#fff" d="M7 10.6L4.6 8.2l1-1L7 8.6l3.4-3.4 1 1z" /></svg>
      {t.verifiedStaff}
    </span>
  );
}

function TransactionView({ card, t, locale }: { card: TransactionCard; t: Strings; locale: string }) {
  const tx = card.transaction;
  return (
    <section class="wd-card wd-card-tx" aria-label={`${t.card.transaction} ${tx.reference}`}>
      <div class="wd-card-row">
        <strong>{t.transactionTypes[tx.type] ?? tx.type}</strong>
        <span class={`wd-status wd-status-${tx.status}`}>{t.transactionStatuses[tx.status] ?? tx.status}</span>
      </div>
      <p class="wd-amount">{formatMoney(tx.amount, locale)}</p>
      {tx.counterparty && <p>{tx.counterparty}</p>}
      <p class="wd-muted">
        <time dateTime={tx.createdAt}>{formatTime(tx.createdAt, locale)}</time> · {t.card.reference} {tx.reference}
      </p>
    </section>
  );
}

function ArticleView({ card, t }: { card: ArticleCard; t: Strings }) {
  return (
    <section class="wd-card" aria-label={card.title}>
      <strong>{card.title}</strong>
      {card.summary && <p>{card.summary}</p>}
      <a href={card.url} target="_blank" rel="noopener">{t.card.readArticle}</a>
    </section>
  );
}

function AttachmentView({ conversationId, attachment, token, t }: { conversationId: string; attachment: Attachment; token: string | null; t: Strings }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (token) attachmentLink(conversationId, attachment, token).then(setUrl, () => setUrl(null));
  }, [attachment.id, token]);
  if (!url) return <span class="wd-file">{attachment.name}</span>;
  if (attachment.contentType.startsWith('image/')) {
    return (
      <a href={url} target="_blank" rel="noopener" aria-label={fill(t.openFile, { name: attachment.name })}>
        <img class="wd-image" src={url} alt={attachment.name} />
      </a>
    );
  }
  return <a class="wd-file" href={url} target="_blank" rel="noopener">{fill(t.openFile, { name: attachment.name })}</a>;
}

export function MessageView(props: { message: ChatMessage; t: Strings; locale: string; agentName: string | null; token: string | null; quickRepliesActive: boolean; onQuickReply: (value: string, label: string) => void }) {
  const { message, t, locale } = props;
  if (message.author === 'system' || message.kind === 'event') {
    return <li class="wd-event">{message.text}</li>;
  }
  const mine = message.author === 'customer';
  const who = mine ? t.you : message.author === 'bot' ? t.bot : (props.agentName ?? t.agent);
  const { card, attachment, options, hidden } = message.payload;
  return (
    <li class={`wd-message ${mine ? 'wd-mine' : 'wd-theirs'} wd-from-${message.author}`} data-seq={message.seq}>
      <p class="wd-author">
        {who}
        {message.author === 'agent' && <VerifiedBadge t={t} />}
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
      </p>
      {message.text && <p class="wd-bubble">{message.text}</p>}
      {hidden && hidden.length > 0 && <p class="wd-hidden-note">{t.hidden}</p>}
      {card?.type === 'transaction' && <TransactionView card={card} t={t} locale={locale} />}
      {card?.type === 'article' && <ArticleView card={card} t={t} />}
      {attachment && <AttachmentView conversationId={message.conversationId} attachment={attachment} token={props.token} t={t} />}
      {options && props.quickRepliesActive && (
        <div class="wd-quick-replies" role="group" aria-label={message.text || t.topicsLabel}>
          {options.map((o) => (
            <button type="button" class="wd-chip" key={o.value} onClick={() => props.onQuickReply(o.value, o.label)}>{o.label}</button>
          ))}
        </div>
      )}
    </li>
  );
}
