import { z } from 'zod';
import { accountStatuses, failureCodes, transactionStatuses, transactionTypes } from './wallet.js';

/**
 * The connector contract's shapes. The built-in ledger serves them under /connector/v1, the HTTP
 * connector validates what a remote wallet returns against them, and the agent API reuses them,
 * so the three cannot disagree.
 */
const minor = z.number().int().describe('Integer minor units (fen, cents).');
const currency = z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217 code.');
const isoTime = z.iso.datetime({ offset: true });

export const moneySchema = z.object({ amount: minor, currency });

export const profileSchema = z.object({
  customerId: z.string(),
  displayName: z.string(),
  maskedPhone: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  kycLevel: z.number().int().min(0),
  status: z.enum(accountStatuses),
  statusReason: z.string().nullable(),
  statusChangedAt: isoTime.nullable(),
  limits: z.array(z.object({ currency, single: minor, daily: minor, usedToday: minor })),
  balances: z.array(moneySchema),
});

export const transactionSchema = z.object({
  reference: z.string(),
  type: z.enum(transactionTypes),
  status: z.enum(transactionStatuses),
  amount: minor,
  currency,
  channel: z.string().nullable(),
  counterparty: z.string().nullable(),
  failureCode: z.enum(failureCodes).nullable(),
  pendingReason: z.string().nullable().describe('Why it waits, e.g. RISK_REVIEW.'),
  relatedReference: z.string().nullable().describe('For a refund: the payment it refunds.'),
  createdAt: isoTime,
  completedAt: isoTime.nullable(),
  expectedSettlementAt: isoTime.nullable(),
});

export const transactionPageSchema = z.object({ items: z.array(transactionSchema), nextCursor: z.string().nullable() });

export const dialNumberSchema = z.object({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/).describe('E.164, e.g. +8613800138001.') });

export const refundRequestSchema = z.object({
  id: z.string(),
  reference: z.string(),
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'rejected']),
  createdAt: isoTime,
});

export const transactionQuery = z.strictObject({
  type: z.enum(transactionTypes).optional(),
  status: z.enum(transactionStatuses).optional(),
  from: isoTime.optional().describe('Created at or after (inclusive).'),
  to: isoTime.optional().describe('Created before (exclusive).'),
  minAmount: z.coerce.number().int().min(0).optional(),
  maxAmount: z.coerce.number().int().min(0).optional(),
  counterparty: z.string().trim().min(1).max(100).optional().describe('Substring of the merchant or recipient name.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const actorSchema = z.object({ type: z.enum(['agent', 'api_token', 'customer', 'system']), id: z.string().nullable() });

export const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const connectorActionBody = reasonBody.extend({ actor: actorSchema });

export const remoteErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
