import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { TransactionFilter } from './wallet.js';
import { walletAccounts, walletChannels, walletCustomers, walletLimits, walletPostings, walletRefundRequests, walletTransactions } from './wallet.tables.js';

export type CustomerRow = typeof walletCustomers.$inferSelect;
export type AccountRow = typeof walletAccounts.$inferSelect;
export type TransactionRow = typeof walletTransactions.$inferSelect;
export type ChannelRow = typeof walletChannels.$inferSelect;

export const ledgerStore = (orm: Orm) => transactional(orm, ledgerQueries);

function ledgerQueries(orm: Orm) {
  return {
    // ---- customers
    async customerByExternalId(externalId: string): Promise<CustomerRow | undefined> {
      return (await orm.select().from(walletCustomers).where(eq(walletCustomers.externalId, externalId)))[0];
    },
    async customerById(id: string): Promise<CustomerRow | undefined> {
      return (await orm.select().from(walletCustomers).where(eq(walletCustomers.id, id)))[0];
    },
    async insertCustomers(rows: (typeof walletCustomers.$inferInsert)[]): Promise<void> {
      if (rows.length) await orm.insert(walletCustomers).values(rows);
    },
    async setCustomerStatus(id: string, status: string, reason: string | null, at: Date): Promise<void> {
      await orm.update(walletCustomers).set({ status, statusReason: reason, statusChangedAt: at }).where(eq(walletCustomers.id, id));
    },

    // ---- accounts
    /** Locks (creating if needed) the accounts an operation touches, in id order so concurrent operations cannot deadlock. */
    async lockAccounts(keys: { customerId?: string; systemCode?: string; currency: string }[]): Promise<AccountRow[]> {
      const conditions = keys.map((k) =>
        and(eq(walletAccounts.currency, k.currency), k.customerId ? eq(walletAccounts.customerId, k.customerId) : eq(walletAccounts.systemCode, k.systemCode!)),
      );
      const lockAll = () => orm.select().from(walletAccounts).where(or(...conditions)).orderBy(asc(walletAccounts.id)).for('update');
      const rows = await lockAll();
      if (rows.length === keys.length) return rows;
      // First use of an account: create the missing ones, then lock the whole set again in order.
      await orm
        .insert(walletAccounts)
        .values(keys.map((k) => ({ id: uuidv7(), customerId: k.customerId ?? null, systemCode: k.systemCode ?? null, currency: k.currency })))
        .onConflictDoNothing();
      return lockAll();
    },
    async balancesOf(customerId: string): Promise<AccountRow[]> {
      return orm.select().from(walletAccounts).where(eq(walletAccounts.customerId, customerId)).orderBy(asc(walletAccounts.currency));
    },
    async insertAccounts(rows: (typeof walletAccounts.$inferInsert)[]): Promise<void> {
      if (rows.length) await orm.insert(walletAccounts).values(rows);
    },

    // ---- channels and limits
    async channel(code: string): Promise<ChannelRow | undefined> {
      return (await orm.select().from(walletChannels).where(eq(walletChannels.code, code)))[0];
    },
    async channels(): Promise<ChannelRow[]> {
      return orm.select().from(walletChannels);
    },
    async setChannelStatus(code: string, status: 'up' | 'maintenance', until: Date | null): Promise<void> {
      await orm.update(walletChannels).set({ status, maintenanceUntil: until }).where(eq(walletChannels.code, code));
    },
    async allLimits(): Promise<(typeof walletLimits.$inferSelect)[]> {
      return orm.select().from(walletLimits);
    },
    async limits(kycLevel: number): Promise<(typeof walletLimits.$inferSelect)[]> {
      return orm.select().from(walletLimits).where(eq(walletLimits.kycLevel, kycLevel));
    },

    /** Outgoing money counted against today's limit: transfers, payments and withdrawals not failed. */
    async usedSince(customerId: string, currency: string, since: Date): Promise<number> {
      const [row] = await orm
        .select({ total: sql<string>`coalesce(sum(${walletTransactions.amount}), 0)` })
        .from(walletTransactions)
        .where(
          and(
            eq(walletTransactions.customerId, customerId),
            eq(walletTransactions.currency, currency),
            inArray(walletTransactions.type, ['transfer', 'payment', 'withdrawal']),
            ne(walletTransactions.status, 'failed'),
            ne(walletTransactions.status, 'reversed'),
            gte(walletTransactions.createdAt, since),
          ),
        );
      return Number(row?.total ?? 0);
    },

    // ---- transactions and postings
    async byIdempotencyKey(customerId: string, key: string): Promise<TransactionRow | undefined> {
      return (await orm.select().from(walletTransactions).where(and(eq(walletTransactions.customerId, customerId), eq(walletTransactions.idempotencyKey, key))))[0];
    },
    async transactionById(id: string): Promise<TransactionRow | undefined> {
      return (await orm.select().from(walletTransactions).where(eq(walletTransactions.id, id)))[0];
    },
    async transactionByReference(customerId: string, reference: string): Promise<TransactionRow | undefined> {
      return (await orm.select().from(walletTransactions).where(and(eq(walletTransactions.customerId, customerId), eq(walletTransactions.reference, reference))))[0];
    },
    async lockTransaction(id: string): Promise<TransactionRow | undefined> {
      return (await orm.select().from(walletTransactions).where(eq(walletTransactions.id, id)).for('update'))[0];
    },
    async referencesOf(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await orm.select({ id: walletTransactions.id, reference: walletTransactions.reference }).from(walletTransactions).where(inArray(walletTransactions.id, ids));
      return new Map(rows.map((r) => [r.id, r.reference]));
    },
    async insertTransactions(rows: (typeof walletTransactions.$inferInsert)[]): Promise<void> {
      // Chunked: one statement may carry at most 65,535 parameters.
      for (let i = 0; i < rows.length; i += 1000) await orm.insert(walletTransactions).values(rows.slice(i, i + 1000));
    },
    async updateTransaction(id: string, patch: Partial<typeof walletTransactions.$inferInsert>): Promise<void> {
      await orm.update(walletTransactions).set({ ...patch, updatedAt: new Date() }).where(eq(walletTransactions.id, id));
    },
    /** Inserts postings and moves the balances they touch, in the caller's transaction. */
    async post(transactionId: string, entries: { accountId: string; amount: number; currency: string }[], at: Date): Promise<void> {
      await orm.insert(walletPostings).values(entries.map((e) => ({ id: uuidv7(), transactionId, ...e, createdAt: at })));
      for (const e of entries) {
        await orm.update(walletAccounts).set({ balance: sql`${walletAccounts.balance} + ${e.amount}` }).where(eq(walletAccounts.id, e.accountId));
      }
    },
    async insertPostingsBulk(rows: (typeof walletPostings.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 2000) await orm.insert(walletPostings).values(rows.slice(i, i + 2000));
    },

    async listTransactions(customerId: string, f: TransactionFilter & { before?: string }): Promise<TransactionRow[]> {
      const where: (SQL | undefined)[] = [eq(walletTransactions.customerId, customerId)];
      if (f.type) where.push(eq(walletTransactions.type, f.type));
      if (f.status) where.push(eq(walletTransactions.status, f.status));
      if (f.from) where.push(gte(walletTransactions.createdAt, new Date(f.from)));
      if (f.to) where.push(lt(walletTransactions.createdAt, new Date(f.to)));
      if (f.minAmount !== undefined) where.push(gte(walletTransactions.amount, f.minAmount));
      if (f.maxAmount !== undefined) where.push(lte(walletTransactions.amount, f.maxAmount));
      if (f.counterparty) where.push(ilike(walletTransactions.counterparty, `%${f.counterparty.replace(/[%_\\]/g, '\\$&')}%`));
      // Ids are UUIDv7 and made when the row is made, so id order is creation order.
      if (f.before) where.push(lt(walletTransactions.id, f.before));
      return orm.select().from(walletTransactions).where(and(...where)).orderBy(desc(walletTransactions.id)).limit(f.limit + 1);
    },

    /** What has been refunded of a payment, or is on its way back. */
    async refundedAmount(paymentId: string): Promise<number> {
      const [row] = await orm
        .select({ total: sql<string>`coalesce(sum(${walletTransactions.amount}), 0)` })
        .from(walletTransactions)
        .where(and(eq(walletTransactions.relatedTransactionId, paymentId), eq(walletTransactions.type, 'refund'), inArray(walletTransactions.status, ['pending', 'processing', 'succeeded'])));
      return Number(row?.total ?? 0);
    },

    async insertRefundRequest(row: typeof walletRefundRequests.$inferInsert): Promise<void> {
      await orm.insert(walletRefundRequests).values(row);
    },

    // ---- invariant
    /** Transactions whose postings do not sum to zero per currency, and customer accounts below zero or out of step with their postings. */
    async invariantViolations(): Promise<{ unbalanced: number; negative: number; drifted: number }> {
      const [u] = await orm.execute(sql`select count(*)::text as n from (
        select transaction_id, currency from wallet_postings group by transaction_id, currency having sum(amount) <> 0) x`).then(rowsOf<{ n: string }>);
      const [n] = await orm.select({ n: sql<string>`count(*)::text` }).from(walletAccounts).where(and(isNull(walletAccounts.systemCode), lt(walletAccounts.balance, 0)));
      const [d] = await orm.execute(sql`select count(*)::text as n from wallet_accounts a
        where a.balance <> coalesce((select sum(p.amount) from wallet_postings p where p.account_id = a.id), 0)`).then(rowsOf<{ n: string }>);
      return { unbalanced: Number(u?.n ?? 0), negative: Number(n?.n ?? 0), drifted: Number(d?.n ?? 0) };
    },
  };
}

/** Both drivers return `{ rows }` from execute; the shared type does not say so. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type LedgerQueries = ReturnType<typeof ledgerQueries>;
export type LedgerStore = ReturnType<typeof ledgerStore>;
