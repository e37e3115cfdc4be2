/**
 * Months of believable wallet history for the demo: a few stable identities that each show a
 * support case (README lists them), and a crowd of customers with random but consistent history.
 * Generated in memory with the ledger's own posting rules and inserted in bulk, because replaying
 * thousands of operations one by one would slow the first start down by many seconds.
 */
import { UUID } from 'uuidv7';
import { seededRandom } from '../../platform/random.js';
import { legsFor, makeReference, settlementMinutes, type AccountKey, type LedgerTransaction, type SystemAccount } from './ledger.js';
import type { walletAccounts, walletCustomers, walletPostings, walletTransactions } from './wallet.tables.js';
import { businessDayStart, type FailureCode, type TransactionStatus, type TransactionType } from './wallet.js';

type CustomerInsert = typeof walletCustomers.$inferInsert;
type AccountInsert = typeof walletAccounts.$inferInsert;
type TransactionInsert = typeof walletTransactions.$inferInsert;
type PostingInsert = typeof walletPostings.$inferInsert;

export interface DemoHistory {
  customers: CustomerInsert[];
  accounts: AccountInsert[];
  transactions: TransactionInsert[];
  postings: PostingInsert[];
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Channel settlement minutes, as migration 010 seeds them. */
const channelMinutes: Record<string, number> = { balance: 0, bank_card: 30, bank_transfer: 1440, unionpay: 120, overseas_card: 4320 };

/** A UUIDv7 carrying the given time, so that id order is creation order for seeded rows too. */
function idAt(ms: number, rnd: ReturnType<typeof seededRandom>): string {
  return UUID.fromFieldsV7(ms, rnd.int(0, 0xfff), rnd.int(0, 0x3fffffff), rnd.int(0, 0xffffffff)).toString();
}

export interface DemoIdentity {
  externalId: string;
  displayName: string;
  phone: string;
  locale: 'zh-CN' | 'en';
  kycLevel: number;
  currency: string;
  status?: 'frozen' | 'locked';
  statusReason?: string;
  /** What to ask the bot or the agent console as this customer. */
  story: string;
}

/** The identities the README documents. Their last few transactions are the support cases. */
export const demoIdentities: DemoIdentity[] = [
  { externalId: 'demo-alice', displayName: '王丽', phone: '13800138001', locale: 'zh-CN', kycLevel: 2, currency: 'CNY', story: 'payment failed (insufficient balance); bank-transfer top-up on its way; refund on its way to the card' },
  { externalId: 'demo-bob', displayName: 'Bob Li', phone: '13800138002', locale: 'en', kycLevel: 2, currency: 'CNY', status: 'frozen', statusReason: 'Sign-in from a new device followed by a large transfer attempt', story: 'account frozen; transfer refused because of the freeze' },
  { externalId: 'demo-chen', displayName: '陈伯伯', phone: '13800138003', locale: 'zh-CN', kycLevel: 1, currency: 'CNY', story: 'bank-card top-up overdue; payment refused for a wrong payment PIN; single limit exceeded; yesterday\'s transfer held for review' },
  { externalId: 'demo-dana', displayName: 'Dana Wu', phone: '13800138004', locale: 'en', kycLevel: 2, currency: 'USD', story: 'large transfer under risk review; withdrawal pending' },
  { externalId: 'demo-eve', displayName: '何嘉欣', phone: '13800138005', locale: 'zh-CN', kycLevel: 1, currency: 'HKD', status: 'locked', statusReason: '支付密码连续输错 5 次', story: 'account locked; daily limit exceeded' },
  { externalId: 'demo-frank', displayName: '赵峰', phone: '13800138006', locale: 'zh-CN', kycLevel: 2, currency: 'CNY', story: 'card payment still processing; transfer to an invalid recipient; card payment timed out; channel maintenance; merchant does not accept the card; network error; top-up reversed' },
];

const merchants = ['美团外卖', '滴滴出行', '京东商城', '盒马鲜生', '星巴克', '中国移动', '携程旅行', 'App Store', '瑞幸咖啡', '国家电网', 'Uniqlo', '7-Eleven'];
const surnames = ['张', '李', '刘', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '林', '何', '高'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚'];
const englishNames = ['Grace Lin', 'Henry Zhou', 'Ivy Tang', 'Jack Xu', 'Kevin Ho', 'Lily Chan', 'Mia Sun', 'Nora Yip'];

interface Planned {
  at: number;
  owner: string;
  type: TransactionType;
  amount: number;
  channel: string;
  counterparty: string | null;
  recipient?: string;
  /** What happened: settled, still waiting, failed (with who decided), or reversed. */
  outcome: 'succeeded' | 'pending' | 'processing' | 'failed_at_start' | 'failed_in_flight' | 'reversed';
  failureCode?: FailureCode;
  pendingReason?: string;
  refundOf?: number;
  /** Withdraw everything but this much (a customer emptying the wallet to their card). */
  drain?: number;
}

/** Builds the demo ledger as of `now`. */
export function demoHistory(now: Date, options: { singleLimit: (kycLevel: number, currency: string) => number; crowd?: number; seed?: number }): DemoHistory {
  // Deterministic, so every demo database tells the same stories.
  const rnd = seededRandom(options.seed ?? 20261124);
  const nowMs = now.getTime();
  const customers: CustomerInsert[] = [];
  const kycOf = new Map<string, number>();
  const currencyOf = new Map<string, string>();
  const externalToId = new Map<string, string>();
  const start = nowMs - 150 * day;

  const addCustomer = (c: Omit<CustomerInsert, 'id'>, currency: string) => {
    const id = idAt(start - day, rnd);
    customers.push({ ...c, id, createdAt: new Date(start - day) });
    currencyOf.set(id, currency);
    kycOf.set(id, c.kycLevel ?? 1);
    externalToId.set(c.externalId, id);
    return id;
  };
  for (const d of demoIdentities) {
    addCustomer(
      { externalId: d.externalId, displayName: d.displayName, phone: d.phone, locale: d.locale, kycLevel: d.kycLevel, status: d.status ?? 'active', statusReason: d.statusReason ?? null, statusChangedAt: d.status ? new Date(nowMs - 2 * hour) : null },
      d.currency,
    );
  }
  const crowd = options.crowd ?? 54;
  for (let i = 1; i <= crowd; i++) {
    const english = rnd.chance(0.15);
    const currency = i % 13 === 0 ? 'USD' : i % 11 === 0 ? 'HKD' : 'CNY';
    addCustomer(
      {
        externalId: `demo-${String(i).padStart(4, '0')}`,
        displayName: english ? rnd.pick(englishNames) : `${rnd.pick(surnames)}${rnd.pick(givenNames)}${rnd.chance(0.5) ? rnd.pick(givenNames) : ''}`,
        phone: `1${rnd.pick(['35', '38', '50', '58', '86', '89'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
        locale: english ? 'en' : 'zh-CN',
        kycLevel: rnd.pick([1, 1, 2, 2, 2, 3]),
      },
      currency,
    );
  }

  // ---- plan: routine history for everyone, then the stable identities' cases at the end
  const plans: Planned[] = [];
  const peersByCurrency = new Map<string, string[]>();
  for (const c of customers) peersByCurrency.set(currencyOf.get(c.id)!, [...(peersByCurrency.get(currencyOf.get(c.id)!) ?? []), c.id]);

  const failureAtStart: FailureCode[] = ['INSUFFICIENT_BALANCE', 'INSUFFICIENT_BALANCE', 'WRONG_PAYMENT_PASSWORD'];
  const failureInFlight: FailureCode[] = ['CHANNEL_TIMEOUT', 'NETWORK_ERROR', 'MERCHANT_NOT_SUPPORTED'];
  for (const c of customers) {
    const count = rnd.int(25, 60);
    const peers = peersByCurrency.get(currencyOf.get(c.id)!)!.filter((p) => p !== c.id);
    let t = start + rnd.int(0, 5) * day;
    plans.push({ at: t, owner: c.id, type: 'top_up', amount: rnd.int(50, 300) * 10_000, channel: 'bank_card', counterparty: null, outcome: 'succeeded' });
    for (let i = 0; i < count; i++) {
      t += rnd.int(1, Math.max(2, Math.floor((140 * day) / count / hour) * 2)) * hour;
      if (t > nowMs - 3 * day) break;
      const roll = rnd.next();
      const failed = rnd.chance(0.08);
      if (roll < 0.15) {
        plans.push({ at: t, owner: c.id, type: 'top_up', amount: rnd.int(10, 200) * 1_000, channel: rnd.pick(['bank_card', 'bank_card', 'unionpay', 'bank_transfer']), counterparty: null, outcome: failed ? 'failed_in_flight' : 'succeeded', ...(failed ? { failureCode: 'CHANNEL_TIMEOUT' as const } : {}) });
      } else if (roll < 0.7) {
        const fromCard = rnd.chance(0.3);
        const code = failed ? (fromCard ? rnd.pick(failureInFlight) : rnd.pick(failureAtStart)) : undefined;
        plans.push({ at: t, owner: c.id, type: 'payment', amount: rnd.int(300, 30_000), channel: fromCard ? 'bank_card' : 'balance', counterparty: rnd.pick(merchants), outcome: code ? (fromCard ? 'failed_in_flight' : 'failed_at_start') : 'succeeded', ...(code ? { failureCode: code } : {}) });
        if (!code && rnd.chance(0.06)) {
          plans.push({ at: t + rnd.int(1, 48) * hour, owner: c.id, type: 'refund', amount: 0, channel: fromCard ? 'bank_card' : 'balance', counterparty: null, outcome: 'succeeded', refundOf: plans.length - 1 });
        }
      } else if (roll < 0.9 && peers.length) {
        const recipient = rnd.pick(peers);
        plans.push({ at: t, owner: c.id, type: 'transfer', amount: rnd.int(10, 2_000) * 100, channel: 'balance', counterparty: null, recipient, outcome: failed ? 'failed_at_start' : 'succeeded', ...(failed ? { failureCode: 'INSUFFICIENT_BALANCE' as const } : {}) });
      } else {
        plans.push({ at: t, owner: c.id, type: 'withdrawal', amount: rnd.int(100, 2_000) * 100, channel: 'bank_card', counterparty: null, outcome: 'succeeded' });
      }
    }
  }

  const id = (external: string) => externalToId.get(external)!;
  const ago = (ms: number) => nowMs - ms;
  const chinaYesterdayAt15 = businessDayStart(new Date(nowMs)).getTime() - 9 * hour;
  const cases: Planned[] = [
    // Alice: a top-up by bank transfer still within its day; a payment refused for balance; a card refund on its way.
    { at: ago(10 * day), owner: id('demo-alice'), type: 'payment', amount: 45_900, channel: 'bank_card', counterparty: '京东商城', outcome: 'succeeded' },
    { at: ago(2 * day), owner: id('demo-alice'), type: 'refund', amount: 45_900, channel: 'bank_card', counterparty: null, outcome: 'pending', refundOf: -1 },
    { at: ago(3 * hour), owner: id('demo-alice'), type: 'top_up', amount: 200_000, channel: 'bank_transfer', counterparty: null, outcome: 'pending' },
    { at: ago(1 * day), owner: id('demo-alice'), type: 'withdrawal', amount: 0, channel: 'bank_card', counterparty: null, outcome: 'succeeded', drain: 25_000 },
    { at: ago(40 * minute), owner: id('demo-alice'), type: 'payment', amount: 380_000, channel: 'balance', counterparty: '携程旅行', outcome: 'failed_at_start', failureCode: 'INSUFFICIENT_BALANCE' },
    // Bob: frozen two hours ago; the transfer right after was refused.
    { at: ago(90 * minute), owner: id('demo-bob'), type: 'transfer', amount: 880_000, channel: 'balance', counterparty: null, recipient: id('demo-0001'), outcome: 'failed_at_start', failureCode: 'ACCOUNT_FROZEN' },
    // Chen: a card top-up that should have arrived long ago, a wrong PIN, a payment above his limit,
    // and a transfer to his son yesterday afternoon (15:00 China time) still held for review.
    { at: chinaYesterdayAt15, owner: id('demo-chen'), type: 'transfer', amount: 300_000, channel: 'balance', counterparty: null, recipient: id('demo-0005'), outcome: 'pending', pendingReason: 'RISK_REVIEW' },
    { at: ago(5 * hour), owner: id('demo-chen'), type: 'top_up', amount: 50_000, channel: 'bank_card', counterparty: null, outcome: 'pending' },
    { at: ago(2 * hour), owner: id('demo-chen'), type: 'payment', amount: 600_000, channel: 'balance', counterparty: '国家电网', outcome: 'failed_at_start', failureCode: 'SINGLE_LIMIT_EXCEEDED' },
    { at: ago(1 * hour), owner: id('demo-chen'), type: 'payment', amount: 12_800, channel: 'balance', counterparty: '盒马鲜生', outcome: 'failed_at_start', failureCode: 'WRONG_PAYMENT_PASSWORD' },
    // Dana: a large transfer held for review, a withdrawal on its way.
    { at: ago(2 * day), owner: id('demo-dana'), type: 'top_up', amount: 600_000, channel: 'overseas_card', counterparty: null, outcome: 'succeeded' },
    { at: ago(4 * hour), owner: id('demo-dana'), type: 'withdrawal', amount: 20_000, channel: 'overseas_card', counterparty: null, outcome: 'pending' },
    { at: ago(30 * minute), owner: id('demo-dana'), type: 'transfer', amount: 400_000, channel: 'balance', counterparty: null, recipient: id('demo-0013'), outcome: 'pending', pendingReason: 'RISK_REVIEW' },
    // Eve: over her daily limit (HK$10,000 at KYC 1) before the lock.
    { at: ago(8 * hour), owner: id('demo-eve'), type: 'top_up', amount: 1_000_000, channel: 'bank_card', counterparty: null, outcome: 'succeeded' },
    { at: ago(7 * hour), owner: id('demo-eve'), type: 'payment', amount: 480_000, channel: 'balance', counterparty: '7-Eleven', outcome: 'succeeded' },
    { at: ago(6 * hour), owner: id('demo-eve'), type: 'payment', amount: 450_000, channel: 'balance', counterparty: 'Uniqlo', outcome: 'succeeded' },
    { at: ago(5 * hour), owner: id('demo-eve'), type: 'payment', amount: 200_000, channel: 'balance', counterparty: 'Uniqlo', outcome: 'failed_at_start', failureCode: 'DAILY_LIMIT_EXCEEDED' },
    // Frank: one of everything else.
    { at: ago(10 * day), owner: id('demo-frank'), type: 'top_up', amount: 500_000, channel: 'bank_card', counterparty: null, outcome: 'succeeded' },
    { at: ago(30 * day), owner: id('demo-frank'), type: 'top_up', amount: 100_000, channel: 'bank_card', counterparty: null, outcome: 'reversed' },
    { at: ago(5 * day), owner: id('demo-frank'), type: 'payment', amount: 3_500, channel: 'unionpay', counterparty: '中国移动', outcome: 'failed_at_start', failureCode: 'CHANNEL_MAINTENANCE' },
    { at: ago(3 * day), owner: id('demo-frank'), type: 'payment', amount: 8_800, channel: 'overseas_card', counterparty: '瑞幸咖啡', outcome: 'failed_in_flight', failureCode: 'MERCHANT_NOT_SUPPORTED' },
    { at: ago(2 * day), owner: id('demo-frank'), type: 'payment', amount: 26_600, channel: 'bank_card', counterparty: '滴滴出行', outcome: 'failed_in_flight', failureCode: 'NETWORK_ERROR' },
    { at: ago(1 * day), owner: id('demo-frank'), type: 'payment', amount: 15_900, channel: 'bank_card', counterparty: '美团外卖', outcome: 'failed_in_flight', failureCode: 'CHANNEL_TIMEOUT' },
    { at: ago(10 * minute), owner: id('demo-frank'), type: 'payment', amount: 6_800, channel: 'bank_card', counterparty: '星巴克', outcome: 'pending' },
    { at: ago(3 * hour), owner: id('demo-frank'), type: 'transfer', amount: 52_000, channel: 'balance', counterparty: '138****0000', outcome: 'failed_at_start', failureCode: 'RECIPIENT_ACCOUNT_INVALID' },
    { at: ago(2 * hour), owner: id('demo-frank'), type: 'transfer', amount: 150_000, channel: 'balance', counterparty: null, recipient: id('demo-0002'), outcome: 'failed_in_flight', failureCode: 'RISK_REVIEW' },
  ];
  // Alice's refund refunds the payment just before it.
  const firstCase = plans.length;
  plans.push(...cases);
  for (let i = firstCase; i < plans.length; i++) if (plans[i]!.refundOf === -1) plans[i]!.refundOf = i - 1;
  const order = plans.map((p, i) => ({ p, i })).sort((a, b) => a.p.at - b.p.at);

  // ---- execute in time order, keeping balances so that no customer ever goes below zero
  const accounts: AccountInsert[] = [];
  const accountIds = new Map<string, string>();
  const balances = new Map<string, number>();
  const accountFor = (key: AccountKey): string => {
    const k = 'customerId' in key ? `c:${key.customerId}:${key.currency}` : `s:${key.systemCode}:${key.currency}`;
    let accountId = accountIds.get(k);
    if (!accountId) {
      accountId = idAt(start - day, rnd);
      accountIds.set(k, accountId);
      accounts.push({ id: accountId, customerId: 'customerId' in key ? key.customerId : null, systemCode: 'systemCode' in key ? key.systemCode : null, currency: key.currency, balance: 0 });
    }
    return accountId;
  };
  for (const c of customers) accountFor({ customerId: c.id, currency: currencyOf.get(c.id)! });
  const systems: SystemAccount[] = ['bank_clearing', 'merchant_settlement', 'pending_out'];
  for (const currency of new Set(currencyOf.values())) for (const s of systems) accountFor({ systemCode: s, currency });

  const transactions: TransactionInsert[] = [];
  const postings: PostingInsert[] = [];
  const rowOfPlan = new Map<number, TransactionInsert>();
  let seq = 0;

  for (const { p, i } of order) {
    const currency = currencyOf.get(p.owner)!;
    const related = p.refundOf !== undefined ? rowOfPlan.get(p.refundOf) : undefined;
    if (p.type === 'refund' && (!related || related.status !== 'succeeded')) continue;
    const balance = balances.get(accountFor({ customerId: p.owner, currency })) ?? 0;
    let amount = p.type === 'refund' ? (p.amount || related!.amount) : p.drain !== undefined ? Math.min(balance - p.drain, options.singleLimit(kycOf.get(p.owner)!, currency)) : p.amount;
    let plannedFailure = p.failureCode;
    // "Not enough balance" must be true of the balance the customer had at that moment, and the
    // amount within the single limit (which the ledger checks first); else it was a mistyped PIN.
    if (p.outcome === 'failed_at_start' && p.failureCode === 'INSUFFICIENT_BALANCE') {
      const needed = Math.max(amount, balance + rnd.int(100, 50_000));
      if (needed <= options.singleLimit(kycOf.get(p.owner)!, currency)) amount = needed;
      else plannedFailure = 'WRONG_PAYMENT_PASSWORD';
    }
    if (amount <= 0) continue;
    const deferred = p.outcome === 'pending' || p.outcome === 'processing' || p.outcome === 'failed_in_flight';
    const ledgerTx: LedgerTransaction = { type: p.type, customerId: p.owner, counterpartyCustomerId: p.recipient ?? null, amount, currency, channel: p.channel, deferred };
    const phases: ('start' | 'settle' | 'fail' | 'reverse')[] =
      p.outcome === 'failed_at_start' ? [] : p.outcome === 'failed_in_flight' ? ['start', 'fail'] : p.outcome === 'reversed' ? ['start', 'reverse'] : p.outcome === 'succeeded' && p.type === 'withdrawal' ? ['start', 'settle'] : ['start'];
    const legs = phases.flatMap((phase) => (p.type === 'transfer' && !p.recipient ? [] : legsFor(ledgerTx, phase)));
    // A routine outgoing transaction the balance cannot cover becomes what it would really be: refused.
    let outcome = p.outcome;
    let failureCode = plannedFailure ?? null;
    const after = new Map<string, number>();
    for (const leg of legs) {
      if (!('customerId' in leg.account)) continue;
      const accountId = accountFor(leg.account);
      after.set(accountId, (after.get(accountId) ?? balances.get(accountId) ?? 0) + leg.amount);
    }
    const overdrawn = [...after.values()].some((b) => b < 0);
    if (overdrawn) {
      outcome = 'failed_at_start';
      failureCode = 'INSUFFICIENT_BALANCE';
    }
    const status: TransactionStatus =
      outcome === 'failed_at_start' || outcome === 'failed_in_flight' ? 'failed' : outcome === 'reversed' ? 'reversed' : outcome === 'pending' ? (p.type === 'payment' ? 'processing' : 'pending') : outcome === 'processing' ? 'processing' : 'succeeded';
    const at = new Date(p.at);
    const minutes = settlementMinutes(p.type, channelMinutes[p.channel] ?? 0, p.pendingReason ?? null);
    const row: TransactionInsert = {
      id: idAt(p.at, rnd),
      reference: makeReference(p.type, at, (seq++).toString(16).padStart(4, '0') + Math.floor(rnd.next() * 0xffffff).toString(16).padStart(6, '0')),
      customerId: p.owner,
      type: p.type,
      status,
      amount,
      currency,
      channel: p.channel,
      counterparty: p.counterparty ?? (p.recipient ? customers.find((c) => c.id === p.recipient)!.displayName : related?.counterparty ?? null),
      counterpartyCustomerId: p.recipient ?? null,
      failureCode: status === 'failed' ? failureCode : null,
      pendingReason: status === 'pending' || status === 'processing' ? (p.pendingReason ?? null) : null,
      relatedTransactionId: related?.id ?? null,
      idempotencyKey: `demo-${seq}`,
      createdAt: at,
      updatedAt: at,
      completedAt: status === 'pending' || status === 'processing' ? null : new Date(p.at + (deferred || phases.includes('settle') ? minutes * minute : 0)),
      expectedSettlementAt: deferred || phases.includes('settle') || p.outcome === 'reversed' ? new Date(p.at + minutes * minute) : null,
    };
    transactions.push(row);
    rowOfPlan.set(i, row);
    if (outcome === 'failed_at_start') continue;
    for (const leg of legs) {
      const accountId = accountFor(leg.account);
      balances.set(accountId, (balances.get(accountId) ?? 0) + leg.amount);
      postings.push({ id: idAt(p.at, rnd), transactionId: row.id as string, accountId, amount: leg.amount, currency, createdAt: at });
    }
  }
  for (const a of accounts) a.balance = balances.get(a.id as string) ?? 0;
  return { customers, accounts, transactions, postings };
}
