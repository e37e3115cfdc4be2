import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.js';
import { locales } from '../../platform/i18n/index.js';
import { channels, conversationStatuses, MAX_MESSAGE_CHARS } from './conversations.js';
import type { ConversationsService } from './conversations.service.js';
import type { CustomerIdentity, CustomerTokens } from './identity.js';
import { receiptBody, type ReceiptsService } from './receipts.service.js';
import type { RoutingService } from './routing.service.js';
import { transcriptFileName, type TranscriptService } from './transcript.service.js';
import { conversationView, handoverView, messageView, quickReply } from './realtime.js';

const conversationSchema = z.object({ id: z.uuid(), status: z.enum(conversationStatuses), channel: z.enum(channels), language: z.enum(locales), lastSeq: z.number().int() });
export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().int(),
  clientId: z.string(),
  author: z.string(),
  kind: z.string(),
  text: z.string().describe('As stored: secrets the customer typed are already replaced by placeholders.'),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  deliveredAt: z.string().nullable().describe("When the other side's client acknowledged it (receipts)."),
  readAt: z.string().nullable(),
});

export function customerOf(request: FastifyRequest): CustomerIdentity {
  if (!request.customer) throw new AppError('AUTH_REQUIRED');
  return request.customer as CustomerIdentity;
}

/**
 * The REST form of the chat for the widget, the app and integrations (the API channel). Callers
 * send the customer token in `X-Customer-Token`; every request is checked on its own.
 */
export function widgetRoutes(deps: { conversations: ConversationsService; routing: RoutingService; receipts: ReceiptsService; transcripts: TranscriptService; tokens: CustomerTokens; demoTokens: boolean }) {
  const { conversations, tokens } = deps;
  const access = { customer: true } as const;
  const tags = ['chat (customer)'];
  const idParams = z.strictObject({ id: z.uuid() });

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/v1/widget/visitors', {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'A token for an anonymous visitor; keep it to get the history back on return', response: { 201: z.object({ token: z.string(), visitorId: z.string(), expiresAt: z.date() }) } },
    }, async (_request, reply) => reply.status(201).send(await tokens.issueVisitor()));

    if (deps.demoTokens) {
      app.post('/api/v1/demo/customer-tokens', {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['demo'],
          summary: 'Demo installs only: a token as the wallet app would sign it for a demo customer',
          body: z.strictObject({ customerId: z.string().regex(/^demo-[a-z0-9-]{1,40}$/), name: z.string().max(100).optional(), locale: z.enum(locales).optional() }),
          response: { 201: z.object({ token: z.string() }) },
        },
      }, async (request, reply) => reply.status(201).send({ token: await tokens.signCustomer(request.body.customerId, { name: request.body.name, locale: request.body.locale }) }));
    }

    app.post('/api/v1/widget/conversations', {
      config: { access },
      schema: { tags, summary: 'Open (or return) my current conversation', body: z.strictObject({ channel: z.enum(channels).default('api'), language: z.enum(locales).default('zh-CN') }), response: { 200: conversationSchema } },
    }, async (request) => conversationView(await conversations.open(customerOf(request), request.body)));

    app.get('/api/v1/widget/conversations', {
      config: { access },
      schema: { tags, summary: 'My conversations, newest first', response: { 200: z.object({ items: z.array(conversationSchema) }) } },
    }, async (request) => ({ items: (await conversations.list(customerOf(request))).map(conversationView) }));

    app.post('/api/v1/widget/conversations/:id/messages', {
      config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Send a message; a retry with the same clientId returns the stored message (200) instead of a second one (201)',
        params: idParams,
        body: z.strictObject({ clientId: z.string().min(1).max(100), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS * 2), quickReply }),
        response: { 200: z.object({ message: messageSchema, duplicate: z.literal(true) }), 201: z.object({ message: messageSchema, duplicate: z.literal(false) }) },
      },
    }, async (request, reply) => {
      const { message, duplicate } = await conversations.sendAsCustomer(customerOf(request), request.params.id, request.body);
      return reply.status(duplicate ? 200 : 201).send({ message: messageView(message), duplicate } as never);
    });

    app.post('/api/v1/widget/conversations/:id/handover', {
      config: { access },
      schema: {
        tags,
        summary: "Ask for a human agent: the conversation joins the queue of the team for its category; outside that team's business hours it stays with the bot and `outsideHours` offers a ticket or a callback",
        params: idParams,
        body: z.strictObject({ category: z.string().min(1).max(50).optional() }),
        response: { 200: z.object({ conversation: conversationSchema, outsideHours: z.object({ nextOpeningAt: z.string().nullable(), options: z.array(z.enum(['ticket', 'callback'])) }).nullable() }) },
      },
    }, async (request) => {
      const { conversation } = await conversations.participant(customerOf(request), request.params.id);
      return handoverView(await deps.routing.handover(conversation, { category: request.body.category ?? null }));
    });

    app.post('/api/v1/widget/conversations/:id/rating', {
      config: { access },
      schema: { tags, summary: 'Rate a resolved conversation, once: 1 to 5 and an optional comment (guarded)', params: idParams, body: z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().max(1000).optional() }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await conversations.rate(customerOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });

    app.get('/api/v1/widget/conversations/:id/messages', {
      config: { access },
      schema: {
        tags,
        summary: 'Messages after a sequence number, in order (what a reconnecting client missed)',
        params: idParams,
        querystring: z.strictObject({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(messageSchema), lastSeq: z.number().int() }) },
      },
    }, async (request) => {
      const { conversation, messages } = await conversations.history(customerOf(request), request.params.id, request.query.afterSeq, request.query.limit);
      return { items: messages.map(messageView), lastSeq: conversation.lastSeq };
    });

    app.post('/api/v1/widget/conversations/:id/receipts', {
      config: { access },
      schema: { tags, summary: "Acknowledge the other side's messages up to a sequence number as delivered or read; the agent is told", params: idParams, body: receiptBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await deps.receipts.byCustomer(customerOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });

    app.get('/api/v1/widget/conversations/:id/transcript', {
      config: { access },
      schema: { tags, summary: 'The conversation as plain text in its language, to keep (secrets already hidden)', params: idParams, produces: ['text/plain'], response: { 200: z.string() } },
    }, async (request, reply) => {
      const text = await deps.transcripts.forCustomer(customerOf(request), request.params.id);
      return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${transcriptFileName(request.params.id)}"`).send(text);
    });
  };
}
