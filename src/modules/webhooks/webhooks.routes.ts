import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAgentId, actorOf, adminsOnly } from '../../platform/http/access.js';
import { decodeCursor, pageQuery, pageSchema, toPage } from '../../platform/http/pagination.js';
import { ALL_EVENTS, deliveredEvents, deliveryStatuses } from './webhooks.js';
import type { WebhooksService } from './webhooks.service.js';

const endpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const attemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: z.date(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
  retryAt: z.date().nullable(),
});

const deliverySchema = z.object({
  id: z.uuid().describe('Sent as X-WalletDesk-Delivery.'),
  endpointId: z.uuid(),
  eventId: z.string().describe('The `id` in the body; a redelivery keeps it.'),
  eventName: z.string(),
  body: z.string().describe('Exactly the bytes sent and signed.'),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  redeliveryOf: z.uuid().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

const fields = {
  // A plain string here so that a bad address gets WEBHOOK_URL_INVALID with the reason, not a generic error.
  url: z.string().trim().min(1).max(2000).describe('http:// or https:// address that receives the POSTs.'),
  description: z.string().max(500),
  events: z.array(z.enum([ALL_EVENTS, ...deliveredEvents])).min(1).max(50).describe(`Event names, or "${ALL_EVENTS}" for all.`),
  active: z.boolean(),
};

const idParams = z.strictObject({ id: z.uuid() });
const withSecret = z.object({ endpoint: endpointSchema, secret: z.string().describe('The signing secret: shown in this response only.') });

/** Admins only, and console sessions only: an API token could otherwise read signing secrets. */
export function webhooksRoutes(service: WebhooksService) {
  const access = { roles: adminsOnly };
  const tags = ['webhooks'];
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/webhooks', {
      config: { access },
      schema: { tags, summary: 'List webhook endpoints (never their secret)', response: { 200: z.object({ items: z.array(endpointSchema), nextCursor: z.null() }) } },
    }, async () => ({ items: await service.list(), nextCursor: null }));

    app.post('/api/v1/webhooks', {
      config: { access },
      schema: {
        tags,
        summary: 'Add an endpoint; the signing secret is in this response only',
        body: z.strictObject({ ...fields, description: fields.description.optional(), active: fields.active.optional() }),
        response: { 201: withSecret },
      },
    }, async (request, reply) => reply.status(201).send(await service.create(request.body, actingAgentId(request), actorOf(request))));

    app.get('/api/v1/webhooks/:id', {
      config: { access },
      schema: { tags, summary: 'One endpoint', params: idParams, response: { 200: endpointSchema } },
    }, async (request) => service.get(request.params.id));

    app.patch('/api/v1/webhooks/:id', {
      config: { access },
      schema: { tags, summary: 'Change an endpoint; an inactive one keeps its pending deliveries until it is active again', params: idParams, body: z.strictObject(fields).partial(), response: { 200: endpointSchema } },
    }, async (request) => service.update(request.params.id, request.body, actorOf(request)));

    app.delete('/api/v1/webhooks/:id', {
      config: { access },
      schema: { tags, summary: 'Delete an endpoint with its delivery log; nothing more is sent to it', params: idParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      await service.remove(request.params.id, actorOf(request));
      return reply.status(204).send(null);
    });

    app.post('/api/v1/webhooks/:id/rotate-secret', {
      config: { access },
      schema: { tags, summary: 'New signing secret, shown once; the old one also signs for 24 hours', params: idParams, response: { 200: withSecret } },
    }, async (request) => service.rotateSecret(request.params.id, actorOf(request)));

    app.post('/api/v1/webhooks/:id/test', {
      config: { access },
      schema: { tags, summary: 'Queue a webhook.test event for this endpoint', params: idParams, response: { 202: deliverySchema } },
    }, async (request, reply) => reply.status(202).send(await service.sendTest(request.params.id)));

    app.get('/api/v1/webhooks/:id/deliveries', {
      config: { access },
      schema: {
        tags,
        summary: 'Delivery log, newest first, with every attempt',
        params: idParams,
        querystring: pageQuery.extend({ status: z.enum(deliveryStatuses).optional() }).strict(),
        response: { 200: pageSchema(deliverySchema.extend({ attemptLog: z.array(attemptSchema) })) },
      },
    }, async (request) => {
      const { limit, cursor, status } = request.query;
      return toPage(await service.deliveries(request.params.id, { status, limit, before: decodeCursor(cursor) }), limit, (d) => d.id);
    });

    app.post('/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver', {
      config: { access },
      schema: { tags, summary: 'Send a delivery again, as a new delivery with the same body', params: z.strictObject({ id: z.uuid(), deliveryId: z.uuid() }), response: { 202: deliverySchema } },
    }, async (request, reply) => reply.status(202).send(await service.redeliver(request.params.id, request.params.deliveryId, actorOf(request))));
  };
}
