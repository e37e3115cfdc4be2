import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.js';
import { demoIdentities } from './demo-history.js';
import { profileSchema, transactionSchema } from './wallet.schemas.js';
import type { WalletConnector } from './wallet.js';

const demoIds = new Set(demoIdentities.map((c) => c.externalId));

/**
 * Demo installs only: what the demo wallet page (/demo) shows of its pretend customers, the way a
 * wallet app shows its user their own money. Only the documented demo identities are readable,
 * never any other customer, and the routes exist only while the install signs demo tokens.
 */
export function demoWalletRoutes(connector: WalletConnector) {
  const access = { public: true } as const;
  const tags = ['demo'];
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/demo/customers', {
      config: { access },
      schema: { tags, summary: 'Demo installs only: the demo wallet customers and the support case each carries', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), locale: z.enum(['zh-CN', 'en']), currency: z.string(), story: z.string() })) }) } },
    }, async () => ({ items: demoIdentities.map((c) => ({ id: c.externalId, displayName: c.displayName, locale: c.locale, currency: c.currency, story: c.story })) }));

    app.get('/api/v1/demo/customers/:customerId/wallet', {
      config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: "Demo installs only: a demo customer's balances and latest transactions, as their wallet app shows them",
        params: z.strictObject({ customerId: z.string().min(1).max(100) }),
        response: { 200: z.object({ profile: profileSchema, transactions: z.array(transactionSchema) }) },
      },
    }, async (request) => {
      const { customerId } = request.params;
      if (!demoIds.has(customerId)) throw new AppError('WALLET_CUSTOMER_NOT_FOUND');
      const [profile, page] = await Promise.all([connector.getProfile(customerId), connector.listTransactions(customerId, { limit: 8 })]);
      return { profile, transactions: page.items };
    });
  };
}
