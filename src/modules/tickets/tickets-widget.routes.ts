import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerOf } from '../conversations/index.js';
import { categorySchema, customerTicketSchema, entrySchema, fieldDefSchema, fieldValues, replyBody, transactionInput } from './tickets.schemas.js';
import type { TicketsService } from './tickets.service.js';
import { ticketTypes } from './tickets.js';

/**
 * The customer's tickets, for the widget and the wallet app (X-Customer-Token). Only the caller's
 * own tickets exist for them: another customer's id answers "not found". Internal notes never
 * leave through here.
 */
export function ticketsWidgetRoutes(deps: { tickets: TicketsService }) {
  const { tickets } = deps;
  const access = { customer: true } as const;
  const tags = ['tickets (customer)'];
  const idParams = z.strictObject({ id: z.uuid() });
  const detail = z.object({ ticket: customerTicketSchema, entries: z.array(entrySchema) });

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/widget/tickets', {
      config: { access },
      schema: { tags, summary: 'My tickets, newest first; unread marks public news since I last opened one', response: { 200: z.object({ items: z.array(customerTicketSchema) }) } },
    }, async (request) => ({ items: await tickets.listForCustomer(customerOf(request)) }));

    app.post('/api/v1/widget/tickets', {
      config: { access, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Submit a request: issue type, what happened, the transaction (reference, amount in minor units, time, error shown), screenshots uploaded first',
        body: z.strictObject({
          type: z.enum(ticketTypes).optional(),
          category: categorySchema,
          subject: z.string().trim().min(1).max(200).optional(),
          description: z.string().trim().min(1).max(10_000),
          email: z.email().max(254).optional().describe('Where replies are also e-mailed.'),
          channel: z.enum(['web', 'app']).default('web'),
          fields: fieldValues.optional(),
          transaction: transactionInput.optional(),
          attachmentIds: z.array(z.uuid()).max(10).optional(),
        }),
        response: { 201: customerTicketSchema },
      },
    }, async (request, reply) => {
      const { channel, ...input } = request.body;
      const identity = customerOf(request);
      const ticket = await tickets.createForCustomer(identity, channel, { ...input, language: request.locale });
      return reply.status(201).send((await tickets.forCustomer(identity, ticket.id)).ticket);
    });

    app.get('/api/v1/widget/tickets/:id', {
      config: { access },
      schema: { tags, summary: 'One of my tickets with its public timeline (opening it marks it read)', params: idParams, response: { 200: detail } },
    }, async (request) => tickets.forCustomer(customerOf(request), request.params.id));

    app.post('/api/v1/widget/tickets/:id/replies', {
      config: { access, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Reply on my ticket; a ticket waiting for me or solved is reopened (TICKET_CLOSED once closed: open a new one)', params: idParams, body: replyBody, response: { 201: entrySchema } },
    }, async (request, reply) => reply.status(201).send(await tickets.replyAsCustomer(customerOf(request), request.params.id, request.body)));

    app.get('/api/v1/widget/ticket-fields', {
      config: { access },
      schema: { tags, summary: 'The extra fields an issue type asks for', querystring: z.strictObject({ category: z.string().max(50).optional() }), response: { 200: z.object({ items: z.array(fieldDefSchema) }) } },
    }, async (request) => ({ items: await tickets.fieldList(request.query.category) }));
  };
}
