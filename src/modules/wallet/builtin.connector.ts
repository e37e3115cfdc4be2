import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { uuidv7 } from 'uuidv7';
import { AppError } from '../../platform/http/app-error.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import type { CustomerRow, LedgerStore, TransactionRow } from './ledger.store.js';
import {
  businessDayStart,
  maskPhone,
  type AccountStatus,
  type CustomerProfile,
  type FailureCode,
  type TransactionStatus,
  type TransactionType,
  type WalletConnector,
  type WalletTransaction,
} from './wallet.js';

function toTransaction(row: TransactionRow, relatedReference: string | null): WalletTransaction {
  return {
    reference: row.reference,
    type: row.type as TransactionType,
    status: row.status as TransactionStatus,
    amount: row.amount,
    currency: row.currency,
    channel: row.channel,
    counterparty: row.counterparty,
    failureCode: row.failureCode as FailureCode | null,
    pendingReason: row.pendingReason,
    relatedReference,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expectedSettlementAt: row.expectedSettlementAt?.toISOString() ?? null,
  };
}

/** The built-in ledger seen through the connector contract, exactly as a remote wallet would serve it. */
export function builtinConnector(deps: { store: LedgerStore; clock?: () => Date }): WalletConnector {
  const { store } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function customer(externalId: string): Promise<CustomerRow> {
    const row = await store.customerByExternalId(externalId);
    if (!row) throw new AppError('WALLET_CUSTOMER_NOT_FOUND', { customerId: externalId });
    return row;
  }

  async function withRelated(rows: TransactionRow[]): Promise<WalletTransaction[]> {
    const refs = await store.referencesOf(rows.flatMap((r) => (r.relatedTransactionId ? [r.relatedTransactionId] : [])));
    return rows.map((r) => toTransaction(r, r.relatedTransactionId ? (refs.get(r.relatedTransactionId) ?? null) : null));
  }

  async function profile(row: CustomerRow): Promise<CustomerProfile> {
    const [limits, accounts] = await Promise.all([store.limits(row.kycLevel), store.balancesOf(row.id)]);
    const since = businessDayStart(clock());
    return {
      customerId: row.externalId,
      displayName: row.displayName,
      maskedPhone: maskPhone(row.phone),
      locale: row.locale === 'en' ? 'en' : 'zh-CN',
      kycLevel: row.kycLevel,
      status: row.status as AccountStatus,
      statusReason: row.statusReason,
      statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
      limits: await Promise.all(
        limits.map(async (l) => ({ currency: l.currency, single: l.singleLimit, daily: l.dailyLimit, usedToday: await store.usedSince(row.id, l.currency, since) })),
      ),
      balances: accounts.map((a) => ({ amount: a.balance, currency: a.currency })),
    };
  }

  return {
    async getProfile(customerId) {
      return profile(await customer(customerId));
    },

    async listTransactions(customerId, filter) {
      const row = await customer(customerId);
      const rows = await store.listTransactions(row.id, { ...filter, before: decodeCursor(filter.cursor) });
      const page = toPage(rows, filter.limit, (r) => r.id);
      return { items: await withRelated(page.items), nextCursor: page.nextCursor };
    },

    async getTransaction(customerId, reference) {
      const row = await customer(customerId);
      const tx = await store.transactionByReference(row.id, reference);
      if (!tx) throw new AppError('TRANSACTION_NOT_FOUND', { reference });
      const [view] = await withRelated([tx]);
      return view!;
    },

    async freeze(customerId, { reason }) {
      const row = await customer(customerId);
      if (row.status === 'closed') throw new AppError('WALLET_STATE_CONFLICT', { status: row.status });
      await store.setCustomerStatus(row.id, 'frozen', reason, clock());
      return profile((await store.customerById(row.id))!);
    },

    async unfreeze(customerId, { reason }) {
      const row = await customer(customerId);
      if (row.status !== 'frozen' && row.status !== 'locked') throw new AppError('WALLET_STATE_CONFLICT', { status: row.status });
      await store.setCustomerStatus(row.id, 'active', reason, clock());
      return profile((await store.customerById(row.id))!);
    },

    async requestRefund(customerId, reference, { reason, actor }) {
      const row = await customer(customerId);
      const tx = await store.transactionByReference(row.id, reference);
      if (!tx) throw new AppError('TRANSACTION_NOT_FOUND', { reference });
      if (tx.type !== 'payment' || tx.status !== 'succeeded') throw new AppError('WALLET_STATE_CONFLICT', { reference, status: tx.status });
      const request = { id: uuidv7(), transactionId: tx.id, customerId: row.id, reason, actorType: actor.type, actorId: actor.id, createdAt: clock() };
      await store.insertRefundRequest(request);
      return { id: request.id, reference, reason, status: 'requested', createdAt: request.createdAt.toISOString() };
    },

    async dialNumber(customerId) {
      const row = await customer(customerId);
      // The ledger keeps mainland mobiles as typed (13800138001): those are +86 numbers.
      return { phone: parsePhoneNumberFromString(row.phone, 'CN')?.number ?? row.phone };
    },
  };
}
