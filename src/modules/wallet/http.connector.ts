import type { z } from 'zod';
import { SHARED_SECRET_HEADER } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { WalletConnector } from './wallet.js';
import { dialNumberSchema, profileSchema, refundRequestSchema, remoteErrorSchema, transactionPageSchema, transactionSchema } from './wallet.schemas.js';

export interface HttpConnectorOptions {
  baseUrl: string;
  secret: string;
  timeoutMs: number;
  /** Extra attempts for reads; writes are sent once, because a retried freeze could act twice. */
  retries: number;
}

/** Remote errors that mean something to the caller pass through; anything else is "unavailable". */
const passThrough = new Set(['WALLET_CUSTOMER_NOT_FOUND', 'TRANSACTION_NOT_FOUND', 'WALLET_STATE_CONFLICT', 'VALIDATION_FAILED'] as const);
type PassThrough = typeof passThrough extends Set<infer T> ? T : never;

class Retryable extends Error {}

/** WalletDesk as a client of an existing wallet backend that implements the connector contract. */
export function httpConnector(options: HttpConnectorOptions): WalletConnector {
  const base = options.baseUrl.replace(/\/$/, '');

  async function once<T extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { [SHARED_SECRET_HEADER]: options.secret, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      throw new Retryable((err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable', { cause: err });
    }
    const payload: unknown = await res.json().catch(() => undefined);
    if (res.status >= 500) throw new Retryable(`status ${res.status}`);
    if (!res.ok) {
      const remote = remoteErrorSchema.safeParse(payload);
      const code = remote.success ? remote.data.error.code : '';
      if (passThrough.has(code as PassThrough)) throw new AppError(code as PassThrough, { source: 'wallet' });
      throw new AppError('WALLET_UNAVAILABLE', { status: res.status, ...(code ? { remoteCode: code } : {}) });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new AppError('WALLET_UNAVAILABLE', { reason: 'invalid_response', path });
    return parsed.data;
  }

  async function call<T extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const attempts = method === 'GET' ? options.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, path, schema, body);
      } catch (err) {
        if (!(err instanceof Retryable)) throw err;
        if (attempt >= attempts) throw new AppError('WALLET_UNAVAILABLE', { reason: err.message }, { cause: err });
        await new Promise((r) => setTimeout(r, 100 * 2 ** (attempt - 1)));
      }
    }
  }

  const customer = (id: string) => `/customers/${encodeURIComponent(id)}`;

  return {
    getProfile: (customerId) => call('GET', customer(customerId), profileSchema),
    listTransactions(customerId, filter) {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(filter)) if (v !== undefined) query.set(k, String(v));
      return call('GET', `${customer(customerId)}/transactions?${query}`, transactionPageSchema);
    },
    getTransaction: (customerId, reference) => call('GET', `${customer(customerId)}/transactions/${encodeURIComponent(reference)}`, transactionSchema),
    freeze: (customerId, input) => call('POST', `${customer(customerId)}/freeze`, profileSchema, input),
    unfreeze: (customerId, input) => call('POST', `${customer(customerId)}/unfreeze`, profileSchema, input),
    requestRefund: (customerId, reference, input) =>
      call('POST', `${customer(customerId)}/transactions/${encodeURIComponent(reference)}/refund-requests`, refundRequestSchema, input),
    dialNumber: (customerId) => call('GET', `${customer(customerId)}/phone`, dialNumberSchema),
  };
}
