import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, adminsOnly, managers, staff } from '../../platform/http/access.js';
import { decodeCursor, pageSchema, toPage } from '../../platform/http/pagination.js';
import { callbackStatuses } from './callbacks.js';
import { capacityBody, capacitySchema, optionsQuery, optionsSchema, rescheduleBody, staffBookingBody, staffCallbackSchema } from './callbacks.schemas.js';
import type { CallbacksService } from './callbacks.service.js';

/** Staff and integrations: the callback requests, booking on a customer's behalf, and each team's capacity. */
export function callbacksRoutes(deps: { callbacks: CallbacksService }) {
  const { callbacks } = deps;
  const read = { roles: staff, scope: 'calls:read' } as const;
  const write = { roles: staff, scope: 'calls:write' } as const;
  const tags = ['callbacks'];
  const idParams = z.strictObject({ id: z.uuid() });
  const one = async (c: Parameters<CallbacksService['forStaff']>[0][number]) => (await callbacks.forStaff([c]))[0]!;

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/callbacks', {
      config: { access: read },
      schema: {
        tags,
        summary: 'Callback requests, newest first',
        querystring: z.strictObject({
          status: z.enum(callbackStatuses).optional(),
          contactId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: pageSchema(staffCallbackSchema) },
      },
    }, async (request) => {
      const { status, contactId, limit, cursor } = request.query;
      const rows = await callbacks.list({ status: status ? [status] : undefined, contactId }, limit + 1, decodeCursor(cursor));
      const page = toPage(rows, limit, (c) => c.id);
      return { items: await callbacks.forStaff(page.items), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/callbacks/options', {
      config: { access: read },
      schema: { tags, summary: "Free slots for a customer's callback (agent booking on their behalf) and their wallet number, masked", querystring: optionsQuery.extend({ contactId: z.uuid() }), response: { 200: optionsSchema } },
    }, async (request) => {
      const { contactId, ...input } = request.query;
      return callbacks.optionsForContact(contactId, input);
    });

    app.post('/api/v1/callbacks', {
      config: { access: write },
      schema: { tags, summary: 'Book a callback on behalf of a customer (by contactId); confirmed to them as if they had booked it', body: staffBookingBody, response: { 201: staffCallbackSchema } },
    }, async (request, reply) => {
      const { contactId, ...input } = request.body;
      return reply.status(201).send(await one(await callbacks.bookForContact(actorOf(request), contactId, input)));
    });

    app.post('/api/v1/callbacks/:id/reschedule', {
      config: { access: write },
      schema: { tags, summary: 'Move a booked callback to another offered slot', params: idParams, body: rescheduleBody, response: { 200: staffCallbackSchema } },
    }, async (request) => one(await callbacks.reschedule(actorOf(request), request.params.id, request.body.slotStartsAt)));

    app.post('/api/v1/callbacks/:id/cancel', {
      config: { access: write },
      schema: { tags, summary: 'Cancel a booked callback; its seat is freed and the customer told', params: idParams, response: { 200: staffCallbackSchema } },
    }, async (request) => one(await callbacks.cancel(actorOf(request), request.params.id)));

    app.get('/api/v1/callbacks/capacity', {
      config: { access: { roles: managers, scope: 'calls:read' } },
      schema: { tags, summary: "Each team's callback settings: slot length, seats per slot, notice, days ahead", response: { 200: z.object({ teams: z.array(capacitySchema) }) } },
    }, async () => ({ teams: await callbacks.capacities() }));

    app.put('/api/v1/callbacks/capacity', {
      config: { access: { roles: adminsOnly, scope: 'calls:write' } },
      schema: { tags, summary: "One team's callback settings; slots already booked take the new seat count", body: capacityBody, response: { 200: z.object({ teams: z.array(capacitySchema) }) } },
    }, async (request) => {
      const { teamId, ...capacity } = request.body;
      await callbacks.setCapacity(actorOf(request), teamId, capacity);
      return { teams: await callbacks.capacities() };
    });
  };
}
