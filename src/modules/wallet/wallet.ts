/** The wallet as WalletDesk sees it, whichever connector serves it. Pure types and rules. */

export const transactionTypes = ['top_up', 'withdrawal', 'transfer', 'payment', 'refund'] as const;
export const transactionStatuses = ['pending', 'processing', 'succeeded', 'failed', 'reversed'] as const;
export const failureCodes = [
  'INSUFFICIENT_BALANCE',
  'SINGLE_LIMIT_EXCEEDED',
  'DAILY_LIMIT_EXCEEDED',
  'ACCOUNT_FROZEN',
  'RISK_REVIEW',
  'WRONG_PAYMENT_PASSWORD',
  'CHANNEL_TIMEOUT',
  'CHANNEL_MAINTENANCE',
  'MERCHANT_NOT_SUPPORTED',
  'RECIPIENT_ACCOUNT_INVALID',
  'NETWORK_ERROR',
] as const;
export const accountStatuses = ['active', 'frozen', 'locked', 'closed'] as const;

export type TransactionType = (typeof transactionTypes)[number];
export type TransactionStatus = (typeof transactionStatuses)[number];
export type FailureCode = (typeof failureCodes)[number];
export type AccountStatus = (typeof accountStatuses)[number];

export interface Money {
  /** Integer minor units (fen, cents). */
  amount: number;
  currency: string;
}

export interface CustomerProfile {
  customerId: string;
  displayName: string;
  maskedPhone: string;
  locale: 'zh-CN' | 'en';
  kycLevel: number;
  status: AccountStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  limits: { currency: string; single: number; daily: number; usedToday: number }[];
  balances: Money[];
}

export interface WalletTransaction {
  reference: string;
  type: TransactionType;
  status: TransactionStatus;
  amount: number;
  currency: string;
  channel: string | null;
  counterparty: string | null;
  failureCode: FailureCode | null;
  pendingReason: string | null;
  relatedReference: string | null;
  createdAt: string;
  completedAt: string | null;
  expectedSettlementAt: string | null;
}

export interface TransactionFilter {
  type?: TransactionType;
  status?: TransactionStatus;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  counterparty?: string;
  cursor?: string;
  limit: number;
}

export interface TransactionPage {
  items: WalletTransaction[];
  nextCursor: string | null;
}

export interface WalletActor {
  type: 'agent' | 'api_token' | 'customer' | 'system';
  id: string | null;
}

export interface RefundRequest {
  id: string;
  reference: string;
  reason: string;
  status: 'requested' | 'approved' | 'rejected';
  createdAt: string;
}

/**
 * What WalletDesk needs from a wallet. The built-in ledger implements it in-process; an existing
 * wallet backend implements the same contract over HTTP (docs/wallet-connector.md).
 * Customers are addressed by the wallet's own id: the `sub` of the token the wallet app signs.
 */
export interface WalletConnector {
  getProfile(customerId: string): Promise<CustomerProfile>;
  listTransactions(customerId: string, filter: TransactionFilter): Promise<TransactionPage>;
  getTransaction(customerId: string, reference: string): Promise<WalletTransaction>;
  freeze(customerId: string, input: { reason: string; actor: WalletActor }): Promise<CustomerProfile>;
  unfreeze(customerId: string, input: { reason: string; actor: WalletActor }): Promise<CustomerProfile>;
  requestRefund(customerId: string, reference: string, input: { reason: string; actor: WalletActor }): Promise<RefundRequest>;
  /** The customer's full number in E.164, only for placing a call an agent asked for (audited by the caller). */
  dialNumber(customerId: string): Promise<{ phone: string }>;
}

/**
 * '138****8001' for Chinese mobiles (with or without +86). Other international numbers keep their
 * '+' and two leading digits only ('+14****2671'): three would reveal an area code beyond the
 * country's.
 */
export function maskPhone(phone: string): string {
  const all = phone.replace(/\D/g, '');
  const digits = all.replace(/^86(?=1\d{10}$)/, '');
  if (phone.trim().startsWith('+') && digits === all && all.length >= 7) return `+${all.slice(0, 2)}****${all.slice(-4)}`;
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** Limits reset at midnight in China Standard Time, the business day customers see. */
export function businessDayStart(at: Date): Date {
  const shanghai = new Date(at.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate()) - 8 * 3_600_000);
}

/** Why an outgoing amount would be refused, before any balance is touched. */
export function limitFailure(amount: number, usedToday: number, limit: { single: number; daily: number }): FailureCode | null {
  if (amount > limit.single) return 'SINGLE_LIMIT_EXCEEDED';
  if (usedToday + amount > limit.daily) return 'DAILY_LIMIT_EXCEEDED';
  return null;
}

/** "¥1,234.50", "US$20.00", "HK$88.00": for explanations people read. */
export function formatMoney({ amount, currency }: Money): string {
  const symbol: Record<string, string> = { CNY: '¥', USD: 'US$', HKD: 'HK$' };
  const value = (amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${symbol[currency] ?? `${currency} `}${value}`;
}
