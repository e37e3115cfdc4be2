import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, managers, staff } from '../../platform/http/access.js';
import { diagnosisTopics } from './diagnosis.js';
import type { WalletService } from './wallet.service.js';
import { transactionStatuses, transactionTypes } from './wallet.js';
import { profileSchema, reasonBody, refundRequestSchema, transactionPageSchema, transactionQuery, transactionSchema } from './wallet.schemas.js';

const customerParams = z.strictObject({ customerId: z.string().min(1).max(100).describe("The wallet's own customer id.") });
const transactionParams = customerParams.extend({ reference: z.string().min(1).max(100) });

const localized = <T extends z.ZodType>(inner: T) => z.object({ 'zh-CN': inner, en: inner });

const diagnosisSchema = z.object({
  topic: z.enum(diagnosisTopics),
  cause: z.string().describe('Stable cause code, e.g. INSUFFICIENT_BALANCE, TOP_UP_OVERDUE, ACCOUNT_STATUS_FROZEN (docs/wallet.md).'),
  reference: z.string().nullable(),
  kind: z.enum(transactionTypes).nullable(),
  status: z.enum(transactionStatuses).nullable(),
  explanation: localized(z.string()),
  nextSteps: localized(z.array(z.string())),
  eta: z.string().nullable(),
  needsHuman: z.boolean(),
  evidence: z.array(z.string()),
  transaction: transactionSchema.nullable(),
  alternatives: z.array(transactionSchema).describe('Other problem transactions the question fits as well: ask the customer which one they mean.'),
});

const diagnosisQuery = z.strictObject({
  topic: z.enum(diagnosisTopics).default('latest_problem'),
  reference: z.string().min(1).max(100).optional(),
  amount: z.coerce.number().int().positive().optional().describe('Minor units.'),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  date: z.iso.date().optional().describe('The day the customer means (China time).'),
  counterparty: z.string().trim().min(1).max(100).optional(),
});

/** The agent console's and integrations' view of a customer's wallet. */
export function walletRoutes(service: WalletService) {
  const read = { roles: staff, scope: 'wallet:read' } as const;
  const tags = ['wallet'];
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/customers/:customerId/wallet', {
      config: { access: read },
      schema: { tags, summary: "A customer's wallet profile: status, KYC, limits, balances (audited)", params: customerParams, response: { 200: profileSchema } },
    }, async (request) => service.profile(actorOf(request), request.params.customerId));

    app.get('/api/v1/customers/:customerId/transactions', {
      config: { access: read },
      schema: { tags, summary: "A customer's transactions with filters (audited)", params: customerParams, querystring: transactionQuery, response: { 200: transactionPageSchema } },
    }, async (request) => service.transactions(actorOf(request), request.params.customerId, request.query));

    app.get('/api/v1/customers/:customerId/transactions/:reference', {
      config: { access: read },
      schema: { tags, summary: 'One transaction (audited)', params: transactionParams, response: { 200: transactionSchema } },
    }, async (request) => service.transaction(actorOf(request), request.params.customerId, request.params.reference));

    app.get('/api/v1/customers/:customerId/diagnosis', {
      config: { access: read },
      schema: { tags, summary: 'Diagnose what the customer asks about: cause, explanation in zh-CN and en, next steps, ETA (audited)', params: customerParams, querystring: diagnosisQuery, response: { 200: diagnosisSchema } },
    }, async (request) => service.diagnose(actorOf(request), request.params.customerId, request.query));

    app.post('/api/v1/customers/:customerId/freeze', {
      config: { access: { roles: staff, scope: 'wallet:write' } },
      schema: { tags, summary: 'Freeze the account now (any agent, with a reason)', params: customerParams, body: reasonBody, response: { 200: profileSchema } },
    }, async (request) => service.freeze(actorOf(request), request.params.customerId, request.body.reason));

    app.post('/api/v1/customers/:customerId/unfreeze', {
      config: { access: { roles: managers, scope: 'wallet:write' } },
      schema: { tags, summary: 'Lift a freeze (supervisors and admins only)', params: customerParams, body: reasonBody, response: { 200: profileSchema } },
    }, async (request) => service.unfreeze(actorOf(request), request.params.customerId, request.body.reason));

    app.post('/api/v1/customers/:customerId/transactions/:reference/refund-requests', {
      config: { access: { roles: staff, scope: 'wallet:write' } },
      schema: { tags, summary: 'Record a refund request for finance to follow up', params: transactionParams, body: reasonBody, response: { 201: refundRequestSchema } },
    }, async (request, reply) => reply.status(201).send(await service.requestRefund(actorOf(request), request.params.customerId, request.params.reference, request.body.reason)));
  };
}
