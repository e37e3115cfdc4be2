/**
 * Transaction diagnostics: which transaction the customer means, and what happened to it, in
 * words for the customer (zh-CN and en) and facts for the agent. Pure: the service fetches the
 * profile and transactions through whichever connector is configured and hands them in.
 */
import { catalog, fill, locales, type Locale } from '../../platform/i18n/index.js';
import type { WalletCatalog } from '../../platform/i18n/en.wallet.js';
import { businessDayStart, formatMoney, type CustomerProfile, type TransactionType, type WalletTransaction } from './wallet.js';

export const diagnosisTopics = [
  'payment_failed',
  'top_up_missing',
  'transfer_pending',
  'refund_status',
  'withdrawal_pending',
  'account_status',
  'limit',
  'login_password',
  'payment_pin',
  'latest_problem',
] as const;
export type DiagnosisTopic = (typeof diagnosisTopics)[number];

export type Cause = keyof WalletCatalog['causes'];

export interface DiagnosisQuestion {
  topic: DiagnosisTopic;
  reference?: string;
  /** Minor units: "the 200 yuan one" is 20000. */
  amount?: number;
  currency?: string;
  /** The customer's calendar day, YYYY-MM-DD in China time. */
  date?: string;
  /** Part of the recipient's or merchant's name. */
  counterparty?: string;
}

export interface Diagnosis {
  topic: DiagnosisTopic;
  cause: Cause;
  reference: string | null;
  kind: TransactionType | null;
  status: WalletTransaction['status'] | null;
  explanation: Record<Locale, string>;
  nextSteps: Record<Locale, string[]>;
  /** When the money should arrive or the wait end, where one is known. */
  eta: string | null;
  needsHuman: boolean;
  /** The facts the diagnosis rests on, for the agent who takes over. */
  evidence: string[];
  transaction: WalletTransaction | null;
  /**
   * Other transactions with a problem that fit the question as well as the one picked: when there
   * are any, ask the customer which one they mean rather than guess.
   */
  alternatives: WalletTransaction[];
}

/** Causes a human must act on: tracing with a bank, reviewing a freeze, finding what we could not. */
const humanCauses = new Set<Cause>([
  'ACCOUNT_FROZEN',
  'RISK_REVIEW',
  'UNKNOWN_FAILURE',
  'TOP_UP_OVERDUE',
  'REFUND_OVERDUE',
  'REFUND_NOT_STARTED',
  'WITHDRAWAL_OVERDUE',
  'ACCOUNT_STATUS_FROZEN',
  'ACCOUNT_STATUS_CLOSED',
  'NO_MATCHING_TRANSACTION',
]);

/** Which transactions each topic is about. */
export const topicTypes: Partial<Record<DiagnosisTopic, TransactionType[]>> = {
  payment_failed: ['payment'],
  top_up_missing: ['top_up'],
  transfer_pending: ['transfer'],
  refund_status: ['refund', 'payment'],
  withdrawal_pending: ['withdrawal'],
  latest_problem: ['payment', 'top_up', 'transfer', 'refund', 'withdrawal'],
};

const inFlight = (t: WalletTransaction) => t.status === 'pending' || t.status === 'processing';
const isProblem = (t: WalletTransaction) => t.status !== 'succeeded';

function chinaDay(iso: string): string {
  return new Date(businessDayStart(new Date(iso)).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function matches(t: WalletTransaction, q: DiagnosisQuestion): boolean {
  if (q.amount !== undefined && t.amount !== q.amount) return false;
  if (q.currency && t.currency !== q.currency) return false;
  if (q.date && chinaDay(t.createdAt) !== q.date) return false;
  if (q.counterparty && !(t.counterparty ?? '').toLowerCase().includes(q.counterparty.toLowerCase())) return false;
  return true;
}

/** The transaction the customer most likely means: the newest matching one with a problem, else the newest matching. */
export function pickTransaction(topic: DiagnosisTopic, transactions: WalletTransaction[], q: DiagnosisQuestion): WalletTransaction | null {
  if (q.reference) return transactions.find((t) => t.reference === q.reference) ?? null;
  const types = topicTypes[topic] ?? [];
  const wanted = topic === 'refund_status' ? ['refund'] : types;
  const candidates = transactions.filter((t) => wanted.includes(t.type) && matches(t, q)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const problem = candidates.find(isProblem);
  if (topic === 'latest_problem') return problem ?? null;
  if (topic === 'refund_status') return candidates[0] ?? null;
  return problem ?? candidates[0] ?? null;
}

/** How many other candidates a customer is asked to choose among, at most, and how far back. */
const maxAlternatives = 4;
const alternativesWindowDays = 7;

/**
 * Other recent problem transactions of the same kinds that the question does not tell apart
 * from the picked one. A question with a reference, or about a transaction that went fine, has none.
 */
function alternativesTo(picked: WalletTransaction, q: DiagnosisQuestion, transactions: WalletTransaction[], now: Date): WalletTransaction[] {
  if (q.reference || !isProblem(picked)) return [];
  const wanted = q.topic === 'refund_status' ? ['refund'] : (topicTypes[q.topic] ?? []);
  // "My payment failed" means a recent one: older problems are offered only when a date is named.
  const since = q.date ? '' : new Date(now.getTime() - alternativesWindowDays * 86_400_000).toISOString();
  return transactions
    .filter((t) => t.reference !== picked.reference && wanted.includes(t.type) && isProblem(t) && matches(t, q) && t.createdAt >= since)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, maxAlternatives);
}

/** Why the transaction is where it is. */
export function causeOf(t: WalletTransaction, now: Date): Cause {
  const late = t.expectedSettlementAt !== null && new Date(t.expectedSettlementAt) < now;
  if (t.status === 'failed') return t.failureCode ?? 'UNKNOWN_FAILURE';
  if (t.status === 'reversed') return t.type === 'top_up' ? 'TOP_UP_REVERSED' : 'TRANSACTION_REVERSED';
  if (inFlight(t)) {
    switch (t.type) {
      case 'top_up':
        return late ? 'TOP_UP_OVERDUE' : 'TOP_UP_PENDING';
      case 'withdrawal':
        return late ? 'WITHDRAWAL_OVERDUE' : 'WITHDRAWAL_PENDING';
      case 'refund':
        return late ? 'REFUND_OVERDUE' : 'REFUND_PENDING';
      case 'transfer':
        return t.pendingReason === 'RISK_REVIEW' ? 'TRANSFER_RISK_REVIEW' : 'TRANSFER_PENDING';
      case 'payment':
        return 'PAYMENT_PROCESSING';
    }
  }
  return t.type === 'refund' ? 'REFUND_SUCCEEDED' : 'TRANSACTION_SUCCEEDED';
}

/** "25 Nov, 13:00" / "11月25日 13:00", in China time where the wallet's business day is. */
function formatTime(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = `${parts.hour}:${parts.minute}`;
  return locale === 'en' ? `${Number(parts.day)} ${months[Number(parts.month) - 1]}, ${time}` : `${Number(parts.month)}月${Number(parts.day)}日 ${time}`;
}

type Vars = Record<string, string | number>;

function render(cause: Cause, varsFor: (texts: WalletCatalog, locale: Locale) => Vars) {
  const explanation = {} as Record<Locale, string>;
  const nextSteps = {} as Record<Locale, string[]>;
  for (const locale of locales) {
    const texts = catalog(locale).wallet;
    const vars = varsFor(texts, locale);
    explanation[locale] = fill(texts.causes[cause].text, vars);
    nextSteps[locale] = texts.causes[cause].steps.map((s) => fill(s, vars));
  }
  return { explanation, nextSteps };
}

function limitFor(profile: CustomerProfile, currency: string) {
  return profile.limits.find((l) => l.currency === currency) ?? profile.limits[0];
}

function profileVars(profile: CustomerProfile, currency: string, texts: WalletCatalog, locale: Locale): Vars {
  const limit = limitFor(profile, currency);
  const money = (amount: number) => formatMoney({ amount, currency: limit?.currency ?? currency });
  return {
    kyc: profile.kycLevel,
    single: limit ? money(limit.single) : '',
    daily: limit ? money(limit.daily) : '',
    remaining: limit ? money(Math.max(0, limit.daily - limit.usedToday)) : '',
    reason: profile.statusReason ?? texts.noReason,
    since: formatTime(profile.statusChangedAt, locale),
    phoneTail: profile.maskedPhone.slice(-4),
  };
}

function accountCause(profile: CustomerProfile): Cause {
  if (profile.status === 'frozen') return 'ACCOUNT_STATUS_FROZEN';
  if (profile.status === 'locked') return 'ACCOUNT_STATUS_LOCKED';
  if (profile.status === 'closed') return 'ACCOUNT_STATUS_CLOSED';
  return 'ACCOUNT_STATUS_ACTIVE';
}

function limitCause(profile: CustomerProfile, q: DiagnosisQuestion): Cause {
  const limit = limitFor(profile, q.currency ?? 'CNY');
  if (q.amount === undefined || !limit) return 'LIMIT_INFO';
  if (q.amount > limit.single) return 'LIMIT_SINGLE';
  if (limit.usedToday + q.amount > limit.daily) return 'LIMIT_DAILY';
  return 'LIMIT_OK';
}

function topicOfType(type: TransactionType): DiagnosisTopic {
  return ({ payment: 'payment_failed', top_up: 'top_up_missing', transfer: 'transfer_pending', refund: 'refund_status', withdrawal: 'withdrawal_pending' } as const)[type];
}

/**
 * Diagnoses the customer's question from their profile and the transactions fetched for the
 * topic. Questions about the account itself never need a transaction; a lost password or PIN
 * always routes to the verified reset flow, never to an agent asking for the old one.
 */
export function diagnose(profile: CustomerProfile, transactions: WalletTransaction[], question: DiagnosisQuestion, now: Date): Diagnosis {
  const base = { transaction: null, reference: null, kind: null, status: null, eta: null, alternatives: [] as WalletTransaction[] } as const;
  const accountOnly = (topic: DiagnosisTopic, cause: Cause, evidence: string[]): Diagnosis => ({
    ...base,
    topic,
    cause,
    ...render(cause, (texts, locale) => ({ ...profileVars(profile, question.currency ?? 'CNY', texts, locale), amount: question.amount === undefined ? '' : formatMoney({ amount: question.amount, currency: question.currency ?? 'CNY' }) })),
    needsHuman: humanCauses.has(cause),
    evidence,
  });

  const statusEvidence = `account status=${profile.status}${profile.statusReason ? ` reason="${profile.statusReason}"` : ''}`;
  if (question.topic === 'account_status') return accountOnly('account_status', accountCause(profile), [statusEvidence]);
  if (question.topic === 'login_password') return accountOnly('login_password', 'LOGIN_PASSWORD_RESET', [statusEvidence]);
  if (question.topic === 'payment_pin') return accountOnly('payment_pin', 'PAYMENT_PIN_RESET', [statusEvidence]);
  if (question.topic === 'limit') {
    const limit = limitFor(profile, question.currency ?? 'CNY');
    const cause = limitCause(profile, question);
    return accountOnly('limit', cause, [
      `kyc level=${profile.kycLevel}`,
      limit ? `limit ${limit.currency} single=${limit.single} daily=${limit.daily} usedToday=${limit.usedToday}` : 'no limit for this currency',
      ...(question.amount !== undefined ? [`asked amount=${question.amount}`] : []),
    ]);
  }

  const t = pickTransaction(question.topic, transactions, question);
  if (!t) {
    // Asked about a refund with no refund on record: is there a payment it would refund?
    if (question.topic === 'refund_status') {
      const payment = pickTransaction('payment_failed', transactions.filter((x) => x.status === 'succeeded'), question);
      if (payment) return forTransaction(profile, payment, 'refund_status', 'REFUND_NOT_STARTED', now, ['no refund found for this payment']);
    }
    const kindType = (topicTypes[question.topic] ?? ['payment'])[0]!;
    return {
      ...accountOnly(question.topic, 'NO_MATCHING_TRANSACTION', [`searched ${transactions.length} transactions`, ...describeQuestion(question)]),
      ...render('NO_MATCHING_TRANSACTION', (texts) => ({ kind: texts.kinds[kindType] })),
    };
  }
  const topic = question.topic === 'latest_problem' || question.reference ? topicOfType(t.type) : question.topic;
  return { ...forTransaction(profile, t, topic, causeOf(t, now), now, []), alternatives: alternativesTo(t, question, transactions, now) };
}

function describeQuestion(q: DiagnosisQuestion): string[] {
  return Object.entries(q)
    .filter(([k, v]) => k !== 'topic' && v !== undefined)
    .map(([k, v]) => `asked ${k}=${v}`);
}

function forTransaction(profile: CustomerProfile, t: WalletTransaction, topic: DiagnosisTopic, cause: Cause, now: Date, extra: string[]): Diagnosis {
  const days = t.expectedSettlementAt ? Math.max(1, Math.ceil((new Date(t.expectedSettlementAt).getTime() - now.getTime()) / 86_400_000)) : 0;
  const evidence = [
    `transaction ${t.reference} type=${t.type} status=${t.status} amount=${t.amount} ${t.currency}`,
    `created ${t.createdAt}`,
    ...(t.channel ? [`channel=${t.channel}`] : []),
    ...(t.failureCode ? [`failure code=${t.failureCode}`] : []),
    ...(t.pendingReason ? [`pending reason=${t.pendingReason}`] : []),
    ...(t.expectedSettlementAt ? [`expected by ${t.expectedSettlementAt}${new Date(t.expectedSettlementAt) < now ? ' (overdue)' : ''}`] : []),
    ...(t.relatedReference ? [`related ${t.relatedReference}`] : []),
    ...(cause === 'ACCOUNT_FROZEN' ? [`account status=${profile.status}`] : []),
    ...extra,
  ];
  return {
    topic,
    cause,
    reference: t.reference,
    kind: t.type,
    status: t.status,
    ...render(cause, (texts, locale) => ({
      ...profileVars(profile, t.currency, texts, locale),
      kind: texts.kinds[t.type],
      amount: formatMoney(t),
      time: formatTime(t.createdAt, locale),
      completed: formatTime(t.completedAt, locale),
      eta: formatTime(t.expectedSettlementAt, locale),
      days,
      channel: texts.channels[t.channel ?? ''] ?? t.channel ?? '',
      counterparty: t.counterparty ?? texts.someone,
    })),
    eta: inFlight(t) ? t.expectedSettlementAt : null,
    needsHuman: humanCauses.has(cause),
    evidence,
    transaction: t,
    alternatives: [],
  };
}
