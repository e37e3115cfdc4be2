import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import { isOutgoing, legsFor, makeReference, riskReviewShare, settlementMinutes, type AccountKey, type LedgerTransaction, type Phase } from './ledger.js';
import type { AccountRow, CustomerRow, LedgerQueries, LedgerStore, TransactionRow } from './ledger.store.js';
import { businessDayStart, limitFailure, type FailureCode, type TransactionStatus, type TransactionType } from './wallet.js';

/** Every operation names the customer by the wallet's own id and carries the caller's idempotency key. */
export interface OperationInput {
  customerId: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
}

export interface NewCustomer {
  externalId: string;
  displayName: string;
  phone: string;
  locale?: 'zh-CN' | 'en';
  kycLevel?: number;
}

interface StartRequest extends OperationInput {
  type: TransactionType;
  channel: string;
  counterparty: string | null;
  recipientId?: string;
  /** The wallet app's payment-PIN check; false records WRONG_PAYMENT_PASSWORD. */
  pinVerified?: boolean;
  refundOf?: string;
}

const retryableCodes = new Set(['40P01', '40001']);

/** Deadlocks and serialization failures are retried whole; so is a lost race on an idempotency key. */
async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      const retryable = (code !== undefined && retryableCodes.has(code)) || isUniqueViolation(err);
      if (!retryable || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, attempt * 5 + Math.random() * 10));
    }
  }
}

function keyOf(account: AccountKey): string {
  return 'customerId' in account ? `c:${account.customerId}:${account.currency}` : `s:${account.systemCode}:${account.currency}`;
}

function ledgerView(row: TransactionRow, deferred: boolean): LedgerTransaction {
  return {
    type: row.type as TransactionType,
    customerId: row.customerId,
    counterpartyCustomerId: row.counterpartyCustomerId,
    amount: row.amount,
    currency: row.currency,
    channel: row.channel,
    deferred,
  };
}

/**
 * The built-in ledger's money operations. Each runs in one database transaction: it locks the
 * accounts it touches (in a fixed order, so concurrent operations cannot deadlock on them), checks
 * status, limits and balance against the locked rows, records the transaction (failed ones too,
 * with their cause, because support needs to explain them) and posts balanced entries.
 */
export function ledgerService(deps: { store: LedgerStore; clock?: () => Date }) {
  const { store } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function customer(s: LedgerQueries, externalId: string): Promise<CustomerRow> {
    const row = await s.customerByExternalId(externalId);
    if (!row) throw new AppError('WALLET_CUSTOMER_NOT_FOUND', { customerId: externalId });
    return row;
  }

  function assertAmount(amount: number, currency: string): void {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'amount', message: 'a positive integer in minor units' }] });
    if (!/^[A-Z]{3}$/.test(currency)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'currency', message: 'an ISO 4217 code' }] });
  }

  /** Locks every account the legs touch and returns them by key. */
  async function lock(s: LedgerQueries, keys: AccountKey[]): Promise<Map<string, AccountRow>> {
    const unique = new Map(keys.map((k) => [keyOf(k), k]));
    if (!unique.size) return new Map();
    const rows = await s.lockAccounts([...unique.values()]);
    const byKey = new Map<string, AccountRow>();
    for (const row of rows) byKey.set(row.customerId ? `c:${row.customerId}:${row.currency}` : `s:${row.systemCode}:${row.currency}`, row);
    return byKey;
  }

  /** True when posting these legs would take a customer account below zero. */
  function overdraws(legs: { account: AccountKey; amount: number }[], accounts: Map<string, AccountRow>): boolean {
    const after = new Map<string, number>();
    for (const leg of legs) {
      if (!('customerId' in leg.account)) continue;
      const key = keyOf(leg.account);
      after.set(key, (after.get(key) ?? accounts.get(key)?.balance ?? 0) + leg.amount);
    }
    return [...after.values()].some((b) => b < 0);
  }

  async function post(s: LedgerQueries, transactionId: string, legs: { account: AccountKey; amount: number }[], accounts: Map<string, AccountRow>, at: Date) {
    if (!legs.length) return;
    await s.post(
      transactionId,
      legs.map((l) => ({ accountId: accounts.get(keyOf(l.account))!.id, amount: l.amount, currency: l.account.currency })),
      at,
    );
  }

  function sameRequest(existing: TransactionRow, req: StartRequest): boolean {
    return existing.type === req.type && existing.amount === req.amount && existing.currency === req.currency;
  }

  async function start(req: StartRequest): Promise<TransactionRow> {
    assertAmount(req.amount, req.currency);
    const channel = await store.channel(req.channel);
    if (!channel) throw new AppError('UNKNOWN_CHANNEL', { channel: req.channel });

    return withRetry(() =>
      store.transaction(async (s) => {
        const at = clock();
        const owner = await customer(s, req.customerId);
        const existing = await s.byIdempotencyKey(owner.id, req.idempotencyKey);
        if (existing) {
          if (!sameRequest(existing, req)) throw new AppError('IDEMPOTENCY_KEY_REUSED', { reference: existing.reference });
          return existing;
        }
        const limit = (await s.limits(owner.kycLevel)).find((l) => l.currency === req.currency);
        if (!limit) throw new AppError('UNSUPPORTED_CURRENCY', { currency: req.currency });

        const recipient = req.recipientId !== undefined ? await s.customerByExternalId(req.recipientId) : undefined;
        const related = req.refundOf ? await s.lockTransaction(req.refundOf) : undefined;
        if (related && (await s.refundedAmount(related.id)) + req.amount > related.amount) {
          throw new AppError('REFUND_EXCEEDS_PAYMENT', { reference: related.reference, refundable: related.amount - (await s.refundedAmount(related.id)) });
        }

        let failure: FailureCode | null = null;
        let pendingReason: string | null = null;
        let deferred = false;
        // A merchant's refund still reaches a frozen wallet; nothing else moves while it is frozen.
        if (owner.status !== 'active' && req.type !== 'refund') failure = 'ACCOUNT_FROZEN';
        else if (channel.status === 'maintenance' && (!channel.maintenanceUntil || channel.maintenanceUntil > at)) failure = 'CHANNEL_MAINTENANCE';
        else if (req.type === 'payment' && req.pinVerified === false) failure = 'WRONG_PAYMENT_PASSWORD';
        else if (req.type === 'transfer' && (!recipient || recipient.status !== 'active' || recipient.id === owner.id)) failure = 'RECIPIENT_ACCOUNT_INVALID';

        const draft: LedgerTransaction = {
          type: req.type,
          customerId: owner.id,
          counterpartyCustomerId: req.type === 'transfer' && !failure ? recipient!.id : null,
          amount: req.amount,
          currency: req.currency,
          channel: channel.code,
          deferred: false,
        };
        if (!failure) {
          if (req.type === 'top_up') deferred = channel.settlementMinutes > 0;
          else if (req.type === 'withdrawal') deferred = true;
          else if (req.type === 'transfer') {
            deferred = req.amount >= limit.singleLimit * riskReviewShare;
            if (deferred) pendingReason = 'RISK_REVIEW';
          } else deferred = channel.code !== 'balance';
        }
        draft.deferred = deferred;

        const legs = failure ? [] : legsFor(draft, 'start');
        const keys: AccountKey[] = [{ customerId: owner.id, currency: req.currency }, ...legs.map((l) => l.account)];
        const accounts = await lock(s, keys);
        if (!failure && isOutgoing(req.type)) {
          const used = await s.usedSince(owner.id, req.currency, businessDayStart(at));
          failure = limitFailure(req.amount, used, { single: limit.singleLimit, daily: limit.dailyLimit });
        }
        if (!failure && overdraws(legs, accounts)) failure = 'INSUFFICIENT_BALANCE';

        const status: TransactionStatus = failure ? 'failed' : !deferred ? 'succeeded' : req.type === 'payment' ? 'processing' : 'pending';
        const row = {
          id: uuidv7(),
          reference: makeReference(req.type, at, randomBytes(5).toString('hex')),
          customerId: owner.id,
          type: req.type,
          status,
          amount: req.amount,
          currency: req.currency,
          channel: channel.code,
          counterparty: req.counterparty,
          counterpartyCustomerId: draft.counterpartyCustomerId,
          failureCode: failure,
          pendingReason: status === 'pending' || status === 'processing' ? pendingReason : null,
          relatedTransactionId: related?.id ?? null,
          idempotencyKey: req.idempotencyKey,
          createdAt: at,
          updatedAt: at,
          completedAt: status === 'succeeded' || status === 'failed' ? at : null,
          expectedSettlementAt: deferred ? new Date(at.getTime() + settlementMinutes(req.type, channel.settlementMinutes, pendingReason) * 60_000) : null,
        };
        await s.insertTransactions([row]);
        if (!failure) await post(s, row.id, legs, accounts, at);
        return row;
      }),
    );
  }

  /** Moves a transaction in flight (or a settled one, for reversal) to its next state. */
  async function advance(customerId: string, reference: string, phase: Exclude<Phase, 'start'>, failureCode?: FailureCode): Promise<TransactionRow> {
    return withRetry(() =>
      store.transaction(async (s) => {
        const at = clock();
        const owner = await customer(s, customerId);
        const found = await s.transactionByReference(owner.id, reference);
        const row = found && (await s.lockTransaction(found.id));
        if (!row) throw new AppError('TRANSACTION_NOT_FOUND', { reference });
        const inFlight = row.status === 'pending' || row.status === 'processing';
        const allowed = phase === 'reverse' ? row.status === 'succeeded' && row.type !== 'refund' && row.type !== 'withdrawal' : inFlight;
        if (!allowed) throw new AppError('WALLET_STATE_CONFLICT', { reference, status: row.status });

        const legs = legsFor(ledgerView(row, true), phase);
        const accounts = await lock(s, legs.map((l) => l.account));
        if (overdraws(legs, accounts)) throw new AppError('INSUFFICIENT_BALANCE_FOR_REVERSAL', { reference });
        await post(s, row.id, legs, accounts, at);
        const status: TransactionStatus = phase === 'settle' ? 'succeeded' : phase === 'fail' ? 'failed' : 'reversed';
        const patch = { status, completedAt: at, pendingReason: null, failureCode: phase === 'fail' ? (failureCode ?? 'NETWORK_ERROR') : row.failureCode };
        await s.updateTransaction(row.id, patch);
        return { ...row, ...patch, updatedAt: at };
      }),
    );
  }

  return {
    async createCustomer(input: NewCustomer): Promise<CustomerRow> {
      const row = {
        id: uuidv7(),
        externalId: input.externalId,
        displayName: input.displayName,
        phone: input.phone,
        locale: input.locale ?? 'zh-CN',
        kycLevel: input.kycLevel ?? 1,
      };
      try {
        await store.insertCustomers([row]);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', { customerId: input.externalId });
        throw err;
      }
      return (await store.customerById(row.id))!;
    },

    topUp: (input: OperationInput & { channel: string }) => start({ ...input, type: 'top_up', counterparty: null }),
    withdraw: (input: OperationInput & { channel: string }) => start({ ...input, type: 'withdrawal', counterparty: null }),
    transfer: (input: OperationInput & { recipientId: string; recipientName?: string }) =>
      start({ ...input, type: 'transfer', channel: 'balance', counterparty: input.recipientName ?? input.recipientId }),
    pay: (input: OperationInput & { merchant: string; channel: string; pinVerified?: boolean }) =>
      start({ ...input, type: 'payment', counterparty: input.merchant }),

    /** Refunds (part of) a succeeded payment, back the way it was paid. */
    async refund(input: { customerId: string; idempotencyKey: string; paymentReference: string; amount?: number }): Promise<TransactionRow> {
      const owner = await customer(store, input.customerId);
      const payment = await store.transactionByReference(owner.id, input.paymentReference);
      if (!payment || payment.type !== 'payment') throw new AppError('TRANSACTION_NOT_FOUND', { reference: input.paymentReference });
      const existing = await store.byIdempotencyKey(owner.id, input.idempotencyKey);
      if (existing) {
        if (existing.type !== 'refund' || existing.relatedTransactionId !== payment.id) throw new AppError('IDEMPOTENCY_KEY_REUSED', { reference: existing.reference });
        return existing;
      }
      if (payment.status !== 'succeeded') throw new AppError('WALLET_STATE_CONFLICT', { reference: payment.reference, status: payment.status });
      const refunded = await store.refundedAmount(payment.id);
      const amount = input.amount ?? payment.amount - refunded;
      if (amount <= 0 || refunded + amount > payment.amount) {
        throw new AppError('REFUND_EXCEEDS_PAYMENT', { reference: payment.reference, refundable: payment.amount - refunded });
      }
      // The check above is advisory; start() re-checks under the payment's row lock.
      return start({
        customerId: input.customerId,
        idempotencyKey: input.idempotencyKey,
        amount,
        currency: payment.currency,
        type: 'refund',
        channel: payment.channel ?? 'balance',
        counterparty: payment.counterparty,
        refundOf: payment.id,
      });
    },

    settle: (customerId: string, reference: string) => advance(customerId, reference, 'settle'),
    fail: (customerId: string, reference: string, code: FailureCode) => advance(customerId, reference, 'fail', code),
    reverse: (customerId: string, reference: string) => advance(customerId, reference, 'reverse'),
  };
}

export type LedgerService = ReturnType<typeof ledgerService>;
