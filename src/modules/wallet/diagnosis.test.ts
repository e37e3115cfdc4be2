import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type Cause, type DiagnosisQuestion } from './diagnosis.js';
import { failureCodes, type CustomerProfile, type WalletTransaction } from './wallet.js';

const now = new Date('2026-11-24T06:00:00Z'); // 14:00 in Shanghai
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const minutesAhead = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();

const profile = (over: Partial<CustomerProfile> = {}): CustomerProfile => ({
  customerId: 'c1',
  displayName: '王丽',
  maskedPhone: '138****8001',
  locale: 'zh-CN',
  kycLevel: 1,
  status: 'active',
  statusReason: null,
  statusChangedAt: null,
  limits: [{ currency: 'CNY', single: 500_000, daily: 1_000_000, usedToday: 700_000 }],
  balances: [{ amount: 12_000, currency: 'CNY' }],
  ...over,
});

let n = 0;
const tx = (over: Partial<WalletTransaction>): WalletTransaction => ({
  reference: `REF${++n}`,
  type: 'payment',
  status: 'succeeded',
  amount: 12_800,
  currency: 'CNY',
  channel: 'balance',
  counterparty: '盒马鲜生',
  failureCode: null,
  pendingReason: null,
  relatedReference: null,
  createdAt: minutesAgo(30),
  completedAt: minutesAgo(30),
  expectedSettlementAt: null,
  ...over,
});

interface Case {
  name: string;
  question: DiagnosisQuestion;
  transactions?: WalletTransaction[];
  profile?: CustomerProfile;
  cause: Cause;
  en: RegExp;
  zh: RegExp;
  needsHuman: boolean;
  eta?: boolean;
}

/** One phrase per language that carries the cause, as a customer would read it. */
const failurePhrases: Record<(typeof failureCodes)[number], [RegExp, RegExp, boolean]> = {
  INSUFFICIENT_BALANCE: [/balance was not enough\. No money was taken/, /钱包余额不够。钱没有被扣/, false],
  SINGLE_LIMIT_EXCEEDED: [/more than your limit for one payment \(¥5,000\.00\)/, /超过了您单笔的限额（¥5,000\.00）/, false],
  DAILY_LIMIT_EXCEEDED: [/daily limit \(¥10,000\.00\)/, /每日限额（¥10,000\.00）/, false],
  ACCOUNT_FROZEN: [/account was frozen at that time/, /账户处于冻结状态/, true],
  RISK_REVIEW: [/stopped by our safety check/, /被我们的安全检查拦下了/, true],
  WRONG_PAYMENT_PASSWORD: [/payment PIN was wrong/, /支付密码输错了/, false],
  CHANNEL_TIMEOUT: [/bank did not answer in time/, /银行没有及时响应/, false],
  CHANNEL_MAINTENANCE: [/your bank card was under maintenance/, /银行卡正在维护/, false],
  MERCHANT_NOT_SUPPORTED: [/盒马鲜生 does not accept this way of paying/, /盒马鲜生不支持这种付款方式/, false],
  RECIPIENT_ACCOUNT_INVALID: [/could not reach 盒马鲜生: that account does not exist/, /没能转给盒马鲜生：对方账户不存在/, false],
  NETWORK_ERROR: [/network problem/, /网络出了问题/, false],
};

const cases: Case[] = [
  ...failureCodes.map((code): Case => ({
    name: `a payment that failed with ${code}`,
    question: { topic: 'payment_failed' },
    transactions: [tx({ status: 'succeeded', createdAt: minutesAgo(90) }), tx({ status: 'failed', failureCode: code, channel: code === 'CHANNEL_MAINTENANCE' ? 'bank_card' : 'balance' })],
    cause: code,
    en: failurePhrases[code][0],
    zh: failurePhrases[code][1],
    needsHuman: failurePhrases[code][2],
  })),
  {
    name: 'a card payment still being confirmed',
    question: { topic: 'payment_failed' },
    transactions: [tx({ status: 'processing', channel: 'bank_card', completedAt: null, expectedSettlementAt: minutesAhead(10) })],
    cause: 'PAYMENT_PROCESSING',
    en: /still being confirmed by the bank\. It usually finishes by 24 Nov, 14:10/,
    zh: /银行还在确认中/,
    needsHuman: false,
    eta: true,
  },
  {
    name: 'a top-up pending within its channel settlement time',
    question: { topic: 'top_up_missing' },
    transactions: [tx({ type: 'top_up', status: 'pending', channel: 'bank_transfer', amount: 200_000, counterparty: null, completedAt: null, createdAt: minutesAgo(60), expectedSettlementAt: minutesAhead(1380) })],
    cause: 'TOP_UP_PENDING',
    en: /top-up of ¥2,000\.00 from bank transfer .* is on its way\. It usually arrives by 25 Nov/,
    zh: /从银行转账充值的¥2,000\.00正在到账途中，一般在11月25日 13:00之前到账/,
    needsHuman: false,
    eta: true,
  },
  {
    name: 'a top-up past its settlement time',
    question: { topic: 'top_up_missing' },
    transactions: [tx({ type: 'top_up', status: 'pending', channel: 'bank_card', counterparty: null, completedAt: null, createdAt: minutesAgo(300), expectedSettlementAt: minutesAgo(270) })],
    cause: 'TOP_UP_OVERDUE',
    en: /should have arrived by .* but it has not yet\. We need to trace it with the bank/,
    zh: /本应在.*之前到账，但现在还没有到/,
    needsHuman: true,
  },
  {
    name: 'a failed top-up',
    question: { topic: 'top_up_missing' },
    transactions: [tx({ type: 'top_up', status: 'failed', failureCode: 'CHANNEL_TIMEOUT', channel: 'bank_card', counterparty: null })],
    cause: 'CHANNEL_TIMEOUT',
    en: /Your top-up of ¥128\.00 .* the bank did not answer in time/,
    zh: /一笔¥128\.00充值没有成功，原因是银行没有及时响应/,
    needsHuman: false,
  },
  {
    name: 'a reversed top-up',
    question: { topic: 'top_up_missing' },
    transactions: [tx({ type: 'top_up', status: 'reversed', channel: 'bank_card', counterparty: null })],
    cause: 'TOP_UP_REVERSED',
    en: /cancelled by the bank, and the money was sent back/,
    zh: /被银行撤销了，钱已经原路退回/,
    needsHuman: false,
  },
  {
    name: 'a transfer under risk review',
    question: { topic: 'transfer_pending' },
    transactions: [tx({ type: 'transfer', status: 'pending', pendingReason: 'RISK_REVIEW', counterparty: '李雷', amount: 400_000, completedAt: null, expectedSettlementAt: minutesAhead(1400) })],
    cause: 'TRANSFER_RISK_REVIEW',
    en: /transfer of ¥4,000\.00 to 李雷 .* being checked by our safety team.*held safely/s,
    zh: /转给李雷的¥4,000\.00正在接受安全审核/,
    needsHuman: false,
    eta: true,
  },
  {
    name: 'a transfer to an invalid recipient',
    question: { topic: 'transfer_pending' },
    transactions: [tx({ type: 'transfer', status: 'failed', failureCode: 'RECIPIENT_ACCOUNT_INVALID', counterparty: '138****0000' })],
    cause: 'RECIPIENT_ACCOUNT_INVALID',
    en: /transfer of ¥128\.00 .* could not reach 138\*\*\*\*0000/,
    zh: /没能转给138\*\*\*\*0000/,
    needsHuman: false,
  },
  {
    name: 'a transfer found by amount and recipient among several',
    question: { topic: 'transfer_pending', amount: 5_000, counterparty: '韩梅梅' },
    transactions: [
      tx({ type: 'transfer', status: 'failed', failureCode: 'INSUFFICIENT_BALANCE', counterparty: '李雷', amount: 5_000 }),
      tx({ type: 'transfer', status: 'succeeded', counterparty: '韩梅梅', amount: 5_000, createdAt: minutesAgo(120), completedAt: minutesAgo(120) }),
    ],
    cause: 'TRANSACTION_SUCCEEDED',
    en: /transfer of ¥50\.00 .* was completed successfully/,
    zh: /一笔¥50\.00转账已经在.*成功完成/,
    needsHuman: false,
  },
  {
    name: 'a refund on its way, with days left',
    question: { topic: 'refund_status', counterparty: '京东' },
    transactions: [tx({ type: 'refund', status: 'pending', channel: 'bank_card', counterparty: '京东商城', amount: 45_900, completedAt: null, expectedSettlementAt: minutesAhead(2 * 1440 + 60), relatedReference: 'PY1' })],
    cause: 'REFUND_PENDING',
    en: /refund of ¥459\.00 from 京东商城 is on its way back to your bank card\. It should arrive in about 3 day\(s\)/,
    zh: /京东商城退给您的¥459\.00正在退回银行卡的途中，大约还要3天/,
    needsHuman: false,
    eta: true,
  },
  {
    name: 'a refund already completed',
    question: { topic: 'refund_status' },
    transactions: [tx({ type: 'refund', status: 'succeeded', channel: 'balance', counterparty: '星巴克' })],
    cause: 'REFUND_SUCCEEDED',
    en: /refund of ¥128\.00 from 星巴克 was completed on .* back to your wallet balance/,
    zh: /星巴克退给您的¥128\.00已经在.*退回钱包余额/,
    needsHuman: false,
  },
  {
    name: 'a refund asked for but never started by the merchant',
    question: { topic: 'refund_status', counterparty: '美团' },
    transactions: [tx({ type: 'payment', status: 'succeeded', counterparty: '美团外卖' })],
    cause: 'REFUND_NOT_STARTED',
    en: /the shop has not started a refund/,
    zh: /商家还没有为这笔付款发起退款/,
    needsHuman: true,
  },
  {
    name: 'a pending withdrawal',
    question: { topic: 'withdrawal_pending' },
    transactions: [tx({ type: 'withdrawal', status: 'pending', channel: 'bank_card', counterparty: null, completedAt: null, expectedSettlementAt: minutesAhead(20) })],
    cause: 'WITHDRAWAL_PENDING',
    en: /withdrawal of ¥128\.00 to your bank card .* is being sent by the bank/,
    zh: /提现到银行卡的¥128\.00正在由银行处理/,
    needsHuman: false,
    eta: true,
  },
  {
    name: 'an overdue withdrawal',
    question: { topic: 'withdrawal_pending' },
    transactions: [tx({ type: 'withdrawal', status: 'pending', channel: 'bank_card', counterparty: null, completedAt: null, expectedSettlementAt: minutesAgo(20) })],
    cause: 'WITHDRAWAL_OVERDUE',
    en: /should have arrived by .* the bank has not confirmed it/,
    zh: /银行还没有确认/,
    needsHuman: true,
  },
  {
    name: 'a frozen account, with the reason and how to unlock',
    question: { topic: 'account_status' },
    profile: profile({ status: 'frozen', statusReason: 'sign-in from a new device', statusChangedAt: minutesAgo(120) }),
    cause: 'ACCOUNT_STATUS_FROZEN',
    en: /frozen since .*Reason: sign-in from a new device\..*your balance is safe/s,
    zh: /您的账户从.*起被冻结。原因：sign-in from a new device。/,
    needsHuman: true,
  },
  {
    name: 'a locked account unlocks itself or by a reset',
    question: { topic: 'account_status' },
    profile: profile({ status: 'locked', statusReason: '支付密码连续输错 5 次', statusChangedAt: minutesAgo(60) }),
    cause: 'ACCOUNT_STATUS_LOCKED',
    en: /locked since .* for your safety\. Reason: 支付密码连续输错 5 次/,
    zh: /被锁定。原因：支付密码连续输错 5 次/,
    needsHuman: false,
  },
  {
    name: '"why can\'t I transfer 60,000?" above the single limit',
    question: { topic: 'limit', amount: 6_000_000 },
    cause: 'LIMIT_SINGLE',
    en: /¥60,000\.00 is more than your limit for one payment or transfer, which is ¥5,000\.00 at your verification level \(1\)/,
    zh: /¥60,000\.00超过了您单笔付款或转账的限额。按您目前的认证等级（1级），单笔最多¥5,000\.00/,
    needsHuman: false,
  },
  {
    name: 'an amount within the single limit but over what is left today',
    question: { topic: 'limit', amount: 400_000 },
    cause: 'LIMIT_DAILY',
    en: /you have only ¥3,000\.00 left of your daily limit of ¥10,000\.00 today/,
    zh: /每日限额是¥10,000\.00，只剩下¥3,000\.00了/,
    needsHuman: false,
  },
  {
    name: 'an amount within every limit',
    question: { topic: 'limit', amount: 10_000 },
    cause: 'LIMIT_OK',
    en: /¥100\.00 is within your limits/,
    zh: /¥100\.00在您的限额之内/,
    needsHuman: false,
  },
  {
    name: 'a lost login password goes to the verified reset, never to the old password',
    question: { topic: 'login_password' },
    cause: 'LOGIN_PASSWORD_RESET',
    en: /never need your old password.*/,
    zh: /从来不需要您的旧密码/,
    needsHuman: false,
  },
  {
    name: 'a lost payment PIN goes to the verified reset',
    question: { topic: 'payment_pin' },
    cause: 'PAYMENT_PIN_RESET',
    en: /never need your old PIN/,
    zh: /从来不需要您的旧支付密码/,
    needsHuman: false,
  },
  {
    name: 'nothing matches what the customer describes',
    question: { topic: 'payment_failed', amount: 99_900 },
    transactions: [tx({ status: 'failed', failureCode: 'NETWORK_ERROR' })],
    cause: 'NO_MATCHING_TRANSACTION',
    en: /could not find a payment matching/,
    zh: /没有找到和您描述相符的付款/,
    needsHuman: true,
  },
];

describe('diagnosis: every failure code and pending case, explained in zh-CN and en', () => {
  for (const c of cases) {
    test(c.name, () => {
      const d = diagnose(c.profile ?? profile(), c.transactions ?? [], c.question, now);
      assert.equal(d.cause, c.cause);
      assert.match(d.explanation.en, c.en);
      assert.match(d.explanation['zh-CN'], c.zh);
      assert.equal(d.needsHuman, c.needsHuman);
      assert.ok(d.nextSteps.en.length > 0 && d.nextSteps['zh-CN'].length === d.nextSteps.en.length);
      for (const text of [d.explanation.en, d.explanation['zh-CN'], ...d.nextSteps.en, ...d.nextSteps['zh-CN']]) {
        assert.doesNotMatch(text, /\{\w+\}/, `unfilled placeholder in: ${text}`);
      }
      if (c.eta) assert.ok(d.eta, 'an ETA is given while the money is on its way');
      if (d.transaction) assert.ok(d.evidence.some((e) => e.includes(d.transaction!.reference)));
    });
  }

  test('the payment picked is the newest failed one, not an older success', () => {
    const d = diagnose(profile(), [tx({ status: 'succeeded', createdAt: minutesAgo(5) }), tx({ reference: 'OLD', status: 'failed', failureCode: 'NETWORK_ERROR', createdAt: minutesAgo(50) })], { topic: 'payment_failed' }, now);
    assert.equal(d.reference, 'OLD');
  });

  test('a date narrows the search to that day in China time', () => {
    const lateEvening = tx({ reference: 'EVE', status: 'failed', failureCode: 'NETWORK_ERROR', createdAt: '2026-11-22T15:30:00Z' }); // 23:30 on the 22nd in Shanghai
    const nextMorning = tx({ reference: 'MORN', status: 'failed', failureCode: 'NETWORK_ERROR', createdAt: '2026-11-22T16:30:00Z' }); // 00:30 on the 23rd
    assert.equal(diagnose(profile(), [lateEvening, nextMorning], { topic: 'payment_failed', date: '2026-11-22' }, now).reference, 'EVE');
    assert.equal(diagnose(profile(), [lateEvening, nextMorning], { topic: 'payment_failed', date: '2026-11-23' }, now).reference, 'MORN');
  });

  test('asking about a reference picks that transaction whatever the topic', () => {
    const d = diagnose(profile(), [tx({ reference: 'WD1', type: 'withdrawal', status: 'pending', expectedSettlementAt: minutesAhead(5), completedAt: null })], { topic: 'payment_failed', reference: 'WD1' }, now);
    assert.deepEqual([d.topic, d.cause], ['withdrawal_pending', 'WITHDRAWAL_PENDING']);
  });

  test('several failed payments the question cannot tell apart are offered as alternatives; an amount or a reference settles it', () => {
    const a = tx({ status: 'failed', failureCode: 'INSUFFICIENT_BALANCE', amount: 5_000, createdAt: minutesAgo(10) });
    const b = tx({ status: 'failed', failureCode: 'DAILY_LIMIT_EXCEEDED', amount: 20_000, createdAt: minutesAgo(60) });
    const ok = tx({ status: 'succeeded', amount: 3_000, createdAt: minutesAgo(5) });
    const lastMonth = tx({ status: 'failed', failureCode: 'NETWORK_ERROR', amount: 7_700, createdAt: minutesAgo(30 * 24 * 60) });
    const all = [a, b, ok, lastMonth];
    const vague = diagnose(profile(), all, { topic: 'payment_failed' }, now);
    assert.equal(vague.reference, a.reference, 'the newest problem is picked');
    assert.deepEqual(vague.alternatives.map((t) => t.reference), [b.reference], "neither the fine one nor last month's is offered");
    assert.deepEqual(diagnose(profile(), all, { topic: 'payment_failed', amount: 20_000 }, now).alternatives, []);
    assert.deepEqual(diagnose(profile(), all, { topic: 'payment_failed', reference: b.reference }, now).alternatives, []);
  });
});
