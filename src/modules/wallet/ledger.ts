/**
 * The built-in ledger's bookkeeping rules, pure so that the live operations and the demo-data
 * generator post exactly the same entries.
 *
 * Money outside a customer's wallet sits in system accounts, one per currency:
 * - `bank_clearing`: the banks and card networks (top-ups come from here, withdrawals go to it);
 * - `merchant_settlement`: what merchants are owed for payments, less refunds;
 * - `pending_out`: customer money on hold while a withdrawal or a reviewed transfer is in flight.
 * System accounts may go negative (they mirror the outside world); customer accounts never do.
 */
import type { FailureCode, TransactionType } from './wallet.js';

export const systemAccounts = ['bank_clearing', 'merchant_settlement', 'pending_out'] as const;
export type SystemAccount = (typeof systemAccounts)[number];

/** An account an entry touches: a customer's wallet (by internal id) or a system account. */
export type AccountKey = { customerId: string; currency: string } | { systemCode: SystemAccount; currency: string };

export interface Leg {
  account: AccountKey;
  amount: number;
}

/** The moment a transaction's money moves. */
export type Phase = 'start' | 'settle' | 'fail' | 'reverse';

export interface LedgerTransaction {
  type: TransactionType;
  customerId: string;
  counterpartyCustomerId: string | null;
  amount: number;
  currency: string;
  channel: string | null;
  /** True while the money waits (settlement, risk review, card authorisation). */
  deferred: boolean;
}

const customer = (customerId: string, currency: string): AccountKey => ({ customerId, currency });
const system = (systemCode: SystemAccount, currency: string): AccountKey => ({ systemCode, currency });

function move(from: AccountKey, to: AccountKey, amount: number): Leg[] {
  return [
    { account: from, amount: -amount },
    { account: to, amount },
  ];
}

/** Where a payment's money comes from: the wallet balance, or the card behind it. */
function payer(t: LedgerTransaction): AccountKey {
  return t.channel === 'balance' || t.channel === null ? customer(t.customerId, t.currency) : system('bank_clearing', t.currency);
}

/**
 * The entries a transaction posts in a phase; empty when money does not move then. Each list sums
 * to zero, which is half of the ledger's invariant (the other half, no negative customer balance,
 * is checked against locked balances by the service).
 */
export function legsFor(t: LedgerTransaction, phase: Phase): Leg[] {
  const { amount, currency } = t;
  const own = customer(t.customerId, currency);
  switch (t.type) {
    case 'top_up':
      if (phase === 'start') return t.deferred ? [] : move(system('bank_clearing', currency), own, amount);
      if (phase === 'settle') return move(system('bank_clearing', currency), own, amount);
      if (phase === 'reverse') return move(own, system('bank_clearing', currency), amount);
      return [];
    case 'withdrawal':
      if (phase === 'start') return move(own, system('pending_out', currency), amount);
      if (phase === 'settle') return move(system('pending_out', currency), system('bank_clearing', currency), amount);
      if (phase === 'fail') return move(system('pending_out', currency), own, amount);
      return [];
    case 'transfer': {
      const recipient = customer(t.counterpartyCustomerId ?? '', currency);
      if (!t.counterpartyCustomerId) throw new Error('a transfer needs a recipient account');
      if (phase === 'start') return t.deferred ? move(own, system('pending_out', currency), amount) : move(own, recipient, amount);
      if (phase === 'settle') return move(system('pending_out', currency), recipient, amount);
      if (phase === 'fail') return move(system('pending_out', currency), own, amount);
      if (phase === 'reverse') return move(recipient, own, amount);
      return [];
    }
    case 'payment':
      if (phase === 'start') return t.deferred ? [] : move(payer(t), system('merchant_settlement', currency), amount);
      if (phase === 'settle') return move(payer(t), system('merchant_settlement', currency), amount);
      if (phase === 'reverse') return move(system('merchant_settlement', currency), payer(t), amount);
      return [];
    case 'refund':
      // A refund goes back the way the payment came: to the wallet, or to the card.
      if (phase === 'start') return t.deferred ? [] : move(system('merchant_settlement', currency), payer(t), amount);
      if (phase === 'settle') return move(system('merchant_settlement', currency), payer(t), amount);
      return [];
  }
}

/** Outgoing money counts against the customer's limits; incoming money does not. */
export function isOutgoing(type: TransactionType): boolean {
  return type === 'transfer' || type === 'payment' || type === 'withdrawal';
}

/** Failures a channel, bank or merchant reports for a transaction in flight (not decided by the ledger). */
export const externalFailures: readonly FailureCode[] = [
  'CHANNEL_TIMEOUT',
  'NETWORK_ERROR',
  'MERCHANT_NOT_SUPPORTED',
  'RECIPIENT_ACCOUNT_INVALID',
  'RISK_REVIEW',
  'WRONG_PAYMENT_PASSWORD',
];

/** Transfers at or above this share of the single limit wait for a risk review (fraud control). */
export const riskReviewShare = 0.5;

/** Card networks post refunds in one to three working days, whatever the channel's top-up speed. */
const cardRefundMinutes = 3 * 24 * 60;
/** A risk review is promised within a working day. */
const riskReviewMinutes = 24 * 60;

/** How long a deferred transaction is expected to wait, from its channel's settlement time. */
export function settlementMinutes(type: TransactionType, channelMinutes: number, pendingReason: string | null = null): number {
  if (pendingReason === 'RISK_REVIEW') return riskReviewMinutes;
  if (type === 'refund') return Math.max(channelMinutes, cardRefundMinutes);
  return channelMinutes;
}

/** Human-readable, unique, sortable enough for a support agent to read out on the phone. */
export function makeReference(type: TransactionType, at: Date, random: string): string {
  const prefix = { top_up: 'TU', withdrawal: 'WD', transfer: 'TR', payment: 'PY', refund: 'RF' }[type];
  const stamp = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `${prefix}${stamp}${random.toUpperCase()}`;
}
