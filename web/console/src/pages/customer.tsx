import { useState } from 'react';
import { api, query, type Page } from '../api.js';
import { dateTime, money } from '../format.js';
import { useLoad } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import type { Contact, Conversation, Diagnosis, Transaction, WalletProfile } from '../types.js';

/** Who the customer is and what their wallet says; every read is audited on the server. */
type Topic = keyof ReturnType<typeof useI18n>['t']['customer']['topics'];

/** The diagnosis topic an issue category most likely means; anything else: the latest problem. */
const topicOf: Record<string, Topic> = {
  top_up: 'top_up_missing', payment_failed: 'payment_failed', transfer: 'transfer_pending', refund: 'refund_status', withdrawal: 'withdrawal_pending',
  frozen_account: 'account_status', account_security: 'account_status', login: 'login_password',
};

export function CustomerPanel({ contact, category, conversationId }: { contact: Contact; category: string | null; conversationId: string }) {
  const { t } = useI18n();
  return (
    <aside className="customer" aria-labelledby="customer-title">
      <h2 id="customer-title">{t.customer.title}</h2>
      <p>
        <strong>{contact.displayName || contact.walletCustomerId || '—'}</strong>{' '}
        {contact.verified ? <span className="badge verified">{t.conversation.verified}</span> : <span className="badge">{t.conversation.visitor}</span>}
      </p>
      {contact.walletCustomerId ? <Wallet customerId={contact.walletCustomerId} initialTopic={(category && topicOf[category]) || 'latest_problem'} /> : <p className="muted small">{t.customer.noWallet}</p>}
      <PastConversations contactId={contact.id} current={conversationId} />
    </aside>
  );
}

/** The customer's earlier conversations: what they already asked, and how it ended. */
function PastConversations({ contactId, current }: { contactId: string; current: string }) {
  const { t, locale } = useI18n();
  const past = useLoad(() => api<Page<Conversation>>('GET', `/api/v1/conversations${query({ view: 'all', contactId, limit: 10 })}`), [contactId]);
  const items = past.data?.items.filter((c) => c.id !== current) ?? [];
  return (
    <section aria-labelledby="past-title">
      <h3 id="past-title">{t.customer.pastConversations}</h3>
      {past.error && <p className="error small">{past.error}</p>}
      <ul className="tx-list small" data-testid="past-conversations">
        {items.map((c) => (
          <li key={c.id}>
            <a href={href(`conversations/${c.id}`)} onClick={(e) => (e.preventDefault(), navigate(`conversations/${c.id}`))}>
              <span className="row">
                <span>{c.category ?? '—'}</span>
                <span className="badge">{t.statuses[c.status]}</span>
              </span>
              <span className="row muted">
                <time dateTime={c.createdAt}>{dateTime(c.createdAt, locale)}</time>
                <span>{c.resolutionCode ?? ''}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {past.data && items.length === 0 && <p className="muted small">—</p>}
    </section>
  );
}

function Wallet({ customerId, initialTopic }: { customerId: string; initialTopic: Topic }) {
  const { t, locale } = useI18n();
  const base = `/api/v1/customers/${encodeURIComponent(customerId)}`;
  const profile = useLoad(() => api<WalletProfile>('GET', `${base}/wallet`), [base]);
  const txs = useLoad(() => api<Page<Transaction>>('GET', `${base}/transactions${query({ limit: 8 })}`), [base]);
  const [topic, setTopic] = useState<Topic>(initialTopic);
  const diagnosis = useLoad(() => api<Diagnosis>('GET', `${base}/diagnosis${query({ topic })}`), [base, topic]);
  const p = profile.data;
  return (
    <>
      <section aria-labelledby="profile-title">
        <h3 id="profile-title">{t.customer.profile}</h3>
        {profile.error && <p className="error small">{profile.error}</p>}
        {p && (
          <dl className="facts small">
            <dt>{t.customer.name}</dt>
            <dd>{p.displayName} <span className="muted">({t.customer.walletId} {p.customerId})</span></dd>
            <dt>{t.customer.status}</dt>
            <dd><span className={`badge account-${p.status}`}>{t.accountStatus[p.status]}</span>{p.statusReason ? ` ${p.statusReason}` : ''}</dd>
            <dt>{t.customer.phone}</dt>
            <dd>{p.maskedPhone}</dd>
            <dt>{t.customer.kycLabel}</dt>
            <dd>{t.customer.kyc(p.kycLevel)}</dd>
            <dt>{t.customer.balances}</dt>
            <dd>{p.balances.map((b) => <div key={b.currency} className="amount">{money(b.amount, b.currency, locale)}</div>)}</dd>
            <dt>{t.customer.limits}</dt>
            <dd>
              {p.limits.map((l) => (
                <div key={l.currency}>
                  {t.customer.single} {money(l.single, l.currency, locale)} · {t.customer.daily} {money(l.daily, l.currency, locale)} · {t.customer.used} {money(l.usedToday, l.currency, locale)}
                </div>
              ))}
            </dd>
          </dl>
        )}
      </section>
      <section aria-labelledby="diagnosis-title">
        <h3 id="diagnosis-title">{t.customer.diagnosis}</h3>
        <label className="inline small">
          {t.customer.topic}
          <select value={topic} onChange={(e) => setTopic(e.target.value as Topic)}>
            {(Object.keys(t.customer.topics) as Topic[]).map((k) => <option key={k} value={k}>{t.customer.topics[k]}</option>)}
          </select>
        </label>
        {diagnosis.error && <p className="error small">{diagnosis.error}</p>}
        {diagnosis.data && (
          <div className={`diagnosis ${diagnosis.data.needsHuman ? 'needs-human' : ''}`}>
            <p>{diagnosis.data.explanation[locale]}</p>
            {diagnosis.data.eta && <p className="small">{t.customer.eta}: {dateTime(diagnosis.data.eta, locale)}</p>}
            {diagnosis.data.nextSteps[locale].length > 0 && (
              <>
                <p className="small"><strong>{t.customer.nextSteps}</strong></p>
                <ul className="small">{diagnosis.data.nextSteps[locale].map((s) => <li key={s}>{s}</li>)}</ul>
              </>
            )}
            {diagnosis.data.needsHuman && <p className="badge warning">{t.customer.needsHuman}</p>}
          </div>
        )}
      </section>
      <section aria-labelledby="tx-title">
        <h3 id="tx-title">{t.customer.transactions}</h3>
        <ul className="tx-list small">
          {txs.data?.items.map((tx) => (
            <li key={tx.reference}>
              <span className="row">
                <span>{t.txType[tx.type]}{tx.counterparty ? ` · ${tx.counterparty}` : ''}</span>
                <span className="amount">{money(tx.amount, tx.currency, locale)}</span>
              </span>
              <span className="row muted">
                <time dateTime={tx.createdAt}>{dateTime(tx.createdAt, locale)}</time>
                <span className={`badge tx-${tx.status}`}>{t.txStatus[tx.status]}{tx.failureCode ? ` (${tx.failureCode})` : ''}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
