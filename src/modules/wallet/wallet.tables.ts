import { bigint, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations 010_wallet.sql. Money columns are bigint in minor units, read as JS numbers
// (safe up to 2^53 fen, i.e. 90 trillion yuan).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => bigint(name, { mode: 'number' });

export const walletCustomers = pgTable('wallet_customers', {
  id: uuid('id').primaryKey(),
  externalId: text('external_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  phone: text('phone').notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  kycLevel: integer('kyc_level').notNull().default(1),
  status: text('status').notNull().default('active'),
  statusReason: text('status_reason'),
  statusChangedAt: ts('status_changed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const walletAccounts = pgTable('wallet_accounts', {
  id: uuid('id').primaryKey(),
  customerId: uuid('customer_id'),
  systemCode: text('system_code'),
  currency: text('currency').notNull(),
  balance: money('balance').notNull().default(0),
});

export const walletChannels = pgTable('wallet_channels', {
  code: text('code').primaryKey(),
  kind: text('kind').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  settlementMinutes: integer('settlement_minutes').notNull(),
  status: text('status').notNull().default('up'),
  maintenanceUntil: ts('maintenance_until'),
});

export const walletLimits = pgTable('wallet_limits', {
  kycLevel: integer('kyc_level').notNull(),
  currency: text('currency').notNull(),
  singleLimit: money('single_limit').notNull(),
  dailyLimit: money('daily_limit').notNull(),
});

export const walletTransactions = pgTable('wallet_transactions', {
  id: uuid('id').primaryKey(),
  reference: text('reference').notNull().unique(),
  customerId: uuid('customer_id').notNull(),
  type: text('type').notNull(),
  status: text('status').notNull(),
  amount: money('amount').notNull(),
  currency: text('currency').notNull(),
  channel: text('channel'),
  counterparty: text('counterparty'),
  counterpartyCustomerId: uuid('counterparty_customer_id'),
  failureCode: text('failure_code'),
  pendingReason: text('pending_reason'),
  relatedTransactionId: uuid('related_transaction_id'),
  idempotencyKey: text('idempotency_key').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  completedAt: ts('completed_at'),
  expectedSettlementAt: ts('expected_settlement_at'),
});

export const walletPostings = pgTable('wallet_postings', {
  id: uuid('id').primaryKey(),
  transactionId: uuid('transaction_id').notNull(),
  accountId: uuid('account_id').notNull(),
  amount: money('amount').notNull(),
  currency: text('currency').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const walletRefundRequests = pgTable('wallet_refund_requests', {
  id: uuid('id').primaryKey(),
  transactionId: uuid('transaction_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  reason: text('reason').notNull(),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  status: text('status').notNull().default('requested'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
