import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WalletConnector } from './wallet.js';
import { connectorActionBody, dialNumberSchema, profileSchema, refundRequestSchema, transactionPageSchema, transactionQuery, transactionSchema } from './wallet.schemas.js';

export const CONNECTOR_PREFIX = '/connector/v1';

const customerParams = z.strictObject({ customerId: z.string().min(1).max(100) });
const transactionParams = customerParams.extend({ reference: z.string().min(1).max(100) });

/**
 * The wallet connector contract (docs/wallet-connector.md), served by the built-in ledger. A wallet
 * backend that implements these routes can replace the ledger (WALLET_CONNECTOR=http).
 * Callers are systems, not people: they authenticate with the shared secret.
 */
export function connectorRoutes(connector: WalletConnector, secret: string) {
  const access = { sharedSecret: secret };
  const tags = ['wallet connector'];
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(`${CONNECTOR_PREFIX}/customers/:customerId`, {
      config: { access },
      schema: { tags, summary: 'Customer profile: status, KYC level, limits, balances', params: customerParams, response: { 200: profileSchema } },
    }, async (request) => connector.getProfile(request.params.customerId));

    app.get(`${CONNECTOR_PREFIX}/customers/:customerId/transactions`, {
      config: { access },
      schema: { tags, summary: 'Transactions, newest first, with filters and cursor pagination', params: customerParams, querystring: transactionQuery, response: { 200: transactionPageSchema } },
    }, async (request) => connector.listTransactions(request.params.customerId, request.query));

    app.get(`${CONNECTOR_PREFIX}/customers/:customerId/transactions/:reference`, {
      config: { access },
      schema: { tags, summary: 'One transaction', params: transactionParams, response: { 200: transactionSchema } },
    }, async (request) => connector.getTransaction(request.params.customerId, request.params.reference));

    app.post(`${CONNECTOR_PREFIX}/customers/:customerId/freeze`, {
      config: { access },
      schema: { tags, summary: 'Freeze the account', params: customerParams, body: connectorActionBody, response: { 200: profileSchema } },
    }, async (request) => connector.freeze(request.params.customerId, request.body));

    app.post(`${CONNECTOR_PREFIX}/customers/:customerId/unfreeze`, {
      config: { access },
      schema: { tags, summary: 'Unfreeze the account', params: customerParams, body: connectorActionBody, response: { 200: profileSchema } },
    }, async (request) => connector.unfreeze(request.params.customerId, request.body));

    app.post(`${CONNECTOR_PREFIX}/customers/:customerId/transactions/:reference/refund-requests`, {
      config: { access },
      schema: { tags, summary: 'Ask the wallet to refund a payment (finance follows up)', params: transactionParams, body: connectorActionBody, response: { 201: refundRequestSchema } },
    }, async (request, reply) => reply.status(201).send(await connector.requestRefund(request.params.customerId, request.params.reference, request.body)));

    app.get(`${CONNECTOR_PREFIX}/customers/:customerId/phone`, {
      config: { access },
      schema: { tags, summary: "The customer's full phone number (E.164), asked for only when an agent places a call", params: customerParams, response: { 200: dialNumberSchema } },
    }, async (request) => connector.dialNumber(request.params.customerId));
  };
}
