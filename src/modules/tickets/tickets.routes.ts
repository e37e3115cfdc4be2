import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAgentId, actorOf, managers, staff } from '../../platform/http/access.js';
import { decodeCursor, pageSchema, toPage } from '../../platform/http/pagination.js';
import { locales } from '../../platform/i18n/index.js';
import { ticketPriorities, ticketStatuses, ticketTypes } from './tickets.js';
import { categorySchema, entrySchema, fieldDefSchema, fieldValues, moneySchema, replyBody, ticketSchema, transactionInput } from './tickets.schemas.js';
import type { TicketsService } from './tickets.service.js';
import { slaTimerViewSchema } from './sla.routes.js';

/** Staff and integrations: the ticket queue, the ticket, and every action on it. */
export function ticketsRoutes(deps: { tickets: TicketsService; agentTeamIds: (id: string) => Promise<string[]>; slaView: (ticketId: string) => Promise<z.infer<typeof slaTimerViewSchema>[]> }) {
  const { tickets } = deps;
  const read = { roles: staff, scope: 'tickets:read' } as const;
  const write = { roles: staff, scope: 'tickets:write' } as const;
  const tags = ['tickets'];
  const idParams = z.strictObject({ id: z.uuid() });
  const ok = { 200: ticketSchema };

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/tickets', {
      config: { access: read },
      schema: {
        tags,
        summary: "Tickets: mine, unassigned, my teams' or all, newest first; filters combine",
        querystring: z.strictObject({
          view: z.enum(['mine', 'unassigned', 'team', 'all']).default('all'),
          status: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/).optional().describe(`Comma-separated: ${ticketStatuses.join(', ')}.`),
          type: z.enum(ticketTypes).optional(),
          priority: z.enum(ticketPriorities).optional(),
          category: z.string().max(50).optional(),
          contactId: z.uuid().optional(),
          q: z.string().trim().min(1).max(100).optional().describe('A reference (WD-...) or words of the subject.'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: pageSchema(ticketSchema) },
      },
    }, async (request) => {
      const { view, limit, cursor, status, ...filters } = request.query;
      const me = actingAgentId(request);
      const statuses = status?.split(',').filter((s): s is (typeof ticketStatuses)[number] => (ticketStatuses as readonly string[]).includes(s));
      const rows = await tickets.list(
        {
          ...filters,
          status: statuses,
          assigneeId: view === 'mine' ? me : view === 'unassigned' ? null : undefined,
          teamIds: view === 'team' ? (me ? await deps.agentTeamIds(me) : []) : undefined,
        },
        limit + 1,
        decodeCursor(cursor),
      );
      return toPage(rows, limit, (t) => t.id);
    });

    app.post('/api/v1/tickets', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Open a ticket for a customer (by contactId or e-mail address): the API channel, or an agent on the phone',
        body: z.strictObject({
          type: z.enum(ticketTypes).optional(),
          category: categorySchema,
          subject: z.string().trim().min(1).max(200).optional(),
          description: z.string().trim().min(1).max(10_000),
          priority: z.enum(ticketPriorities).optional(),
          contactId: z.uuid().optional(),
          email: z.email().max(254).optional(),
          language: z.enum(locales).optional(),
          teamId: z.uuid().nullable().optional(),
          assigneeId: z.uuid().nullable().optional(),
          channel: z.enum(['api', 'phone', 'web']).default('api'),
          fields: fieldValues.optional(),
          transaction: transactionInput.optional(),
          attachmentIds: z.array(z.uuid()).max(10).optional(),
        }),
        response: { 201: ticketSchema },
      },
    }, async (request, reply) => {
      const { channel, ...input } = request.body;
      return reply.status(201).send(await tickets.create({ kind: 'staff', actor: actorOf(request), channel }, input));
    });

    app.post('/api/v1/conversations/:id/ticket', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Turn a chat into a ticket: linked to the conversation, with its transcript as the first (internal) entry; the customer is told the reference in the chat',
        params: idParams,
        body: z.strictObject({
          subject: z.string().trim().min(1).max(200).optional(),
          type: z.enum(ticketTypes).optional(),
          priority: z.enum(ticketPriorities).optional(),
          category: categorySchema.optional(),
          note: z.string().trim().max(10_000).optional(),
        }),
        response: { 201: ticketSchema },
      },
    }, async (request, reply) => reply.status(201).send(await tickets.fromConversation(actorOf(request), request.params.id, request.body)));

    app.get('/api/v1/tickets/:id', {
      config: { access: read },
      schema: {
        tags,
        summary: 'A ticket with its timeline (replies, internal notes, events), related and merged tickets, SLA timers and customer',
        params: idParams,
        response: {
          200: z.object({
            ticket: ticketSchema,
            entries: z.array(entrySchema),
            links: z.array(z.object({ ticketId: z.uuid(), reference: z.string(), subject: z.string(), status: z.enum(ticketStatuses), kind: z.enum(['related', 'merged_from', 'merged_into']) })),
            sla: z.array(slaTimerViewSchema),
            contact: z.object({ id: z.uuid(), displayName: z.string(), email: z.string().nullable(), walletCustomerId: z.string().nullable() }).nullable(),
          }),
        },
      },
    }, async (request) => {
      const [detail, sla] = await Promise.all([tickets.detail(request.params.id), deps.slaView(request.params.id)]);
      return { ...detail, sla } as never;
    });

    app.patch('/api/v1/tickets/:id', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Change status, priority, assignee, team, issue type, subject or custom fields (COMPLAINT_REVIEW_REQUIRED: a complaint is solved only after review)',
        params: idParams,
        body: z.strictObject({
          status: z.enum(ticketStatuses).optional(),
          priority: z.enum(ticketPriorities).optional(),
          assigneeId: z.uuid().nullable().optional(),
          teamId: z.uuid().nullable().optional(),
          category: categorySchema.optional(),
          subject: z.string().trim().min(1).max(200).optional(),
          fields: fieldValues.optional(),
        }),
        response: ok,
      },
    }, async (request) => tickets.update(actorOf(request), request.params.id, request.body));

    app.post('/api/v1/tickets/:id/replies', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Public reply to the customer (e-mailed and shown in the widget); the guard refuses requests for secrets (AGENT_MESSAGE_REFUSED); status optional (e.g. pending)',
        params: idParams,
        body: replyBody.extend({ status: z.enum(ticketStatuses).optional() }),
        response: { 201: entrySchema },
      },
    }, async (request, reply) => reply.status(201).send(await tickets.agentReply(actorOf(request), request.params.id, request.body)));

    app.post('/api/v1/tickets/:id/notes', {
      config: { access: write },
      schema: { tags, summary: 'Internal note: staff only, never shown or sent to the customer', params: idParams, body: z.strictObject({ body: z.string().trim().min(1).max(10_000) }), response: { 201: entrySchema } },
    }, async (request, reply) => reply.status(201).send(await tickets.note(actorOf(request), request.params.id, request.body.body)));

    app.post('/api/v1/tickets/:id/merge', {
      config: { access: write },
      schema: { tags, summary: "Merge this duplicate into another ticket of the same customer: this one is closed and points there; returns the ticket kept", params: idParams, body: z.strictObject({ intoId: z.uuid() }), response: ok },
    }, async (request) => tickets.merge(actorOf(request), request.params.id, request.body.intoId));

    app.post('/api/v1/tickets/:id/links', {
      config: { access: write },
      schema: { tags, summary: 'Mark another ticket as related (both list each other)', params: idParams, body: z.strictObject({ relatedId: z.uuid() }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await tickets.link(actorOf(request), request.params.id, request.body.relatedId);
      return reply.status(204).send(null);
    });

    app.delete('/api/v1/tickets/:id/links/:relatedId', {
      config: { access: write },
      schema: { tags, summary: 'Remove a relation', params: z.strictObject({ id: z.uuid(), relatedId: z.uuid() }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await tickets.unlink(actorOf(request), request.params.id, request.params.relatedId);
      return reply.status(204).send(null);
    });

    app.post('/api/v1/tickets/:id/acknowledge', {
      config: { access: write },
      schema: { tags, summary: 'Complaints: acknowledge receipt to the customer (stops the acknowledgement timer)', params: idParams, response: ok },
    }, async (request) => tickets.acknowledge(actorOf(request), request.params.id));

    app.post('/api/v1/tickets/:id/review-request', {
      config: { access: write },
      schema: { tags, summary: 'Complaints: ask a supervisor to review the proposed outcome', params: idParams, body: z.strictObject({ note: z.string().trim().max(2000).optional() }), response: ok },
    }, async (request) => tickets.requestReview(actorOf(request), request.params.id, request.body.note));

    app.post('/api/v1/tickets/:id/review', {
      config: { access: { roles: managers, scope: 'tickets:write' } },
      schema: {
        tags,
        summary: 'Complaints, supervisors only: approve (recording the outcome) or reject; only an approved complaint can be solved',
        params: idParams,
        body: z.strictObject({
          decision: z.enum(['approve', 'reject']),
          note: z.string().trim().min(1).max(2000),
          outcome: z.strictObject({ code: z.string().trim().min(1).max(50), summary: z.string().trim().min(1).max(2000), compensation: moneySchema.nullable().optional() }).optional(),
        }),
        response: ok,
      },
    }, async (request) => {
      const { outcome, ...rest } = request.body;
      return tickets.review(actorOf(request), request.params.id, { ...rest, outcome: outcome && { ...outcome, compensation: outcome.compensation ?? null } });
    });

    app.post('/api/v1/tickets/:id/escalate', {
      config: { access: write },
      schema: { tags, summary: 'One step up the escalation path: priority raised and supervisors told; from level 2 the ticket is unassigned for the team lead', params: idParams, body: z.strictObject({ note: z.string().trim().max(2000).optional() }), response: ok },
    }, async (request) => tickets.escalate(actorOf(request), request.params.id, request.body.note));

    app.get('/api/v1/tickets/:id/attachments/:attachmentId/link', {
      config: { access: read },
      schema: { tags, summary: 'A fresh short-lived link to a file of this ticket', params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }), response: { 200: z.object({ url: z.string(), expiresAt: z.date() }) } },
    }, async (request) => tickets.fileLink(request.params.id, request.params.attachmentId));

    app.get('/api/v1/ticket-fields', {
      config: { access: read },
      schema: { tags, summary: 'Custom fields per issue type', querystring: z.strictObject({ category: z.string().max(50).optional() }), response: { 200: z.object({ items: z.array(fieldDefSchema) }) } },
    }, async (request) => ({ items: await tickets.fieldList(request.query.category) }));
  };
}
