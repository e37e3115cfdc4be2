import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerOf } from '../conversations/index.js';
import { customerView } from './callbacks.js';
import { bookingBody, customerCallbackSchema, optionsQuery, optionsSchema, rescheduleBody } from './callbacks.schemas.js';
import type { CallbacksService } from './callbacks.service.js';

/**
 * The customer's callbacks, for the widget and the wallet app (X-Customer-Token). Only the caller's
 * own callbacks exist for them: another customer's id answers "not found".
 */
export function callbacksWidgetRoutes(deps: { callbacks: CallbacksService }) {
  const { callbacks } = deps;
  const access = { customer: true } as const;
  const tags = ['callbacks (customer)'];
  const idParams = z.strictObject({ id: z.uuid() });

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/widget/callbacks/options', {
      config: { access },
      schema: { tags, summary: "Free slots of the next days for a topic (the team that handles it, its business hours and capacity), and the wallet number we would call", querystring: optionsQuery, response: { 200: optionsSchema } },
    }, async (request) => callbacks.optionsForCustomer(customerOf(request), { ...request.query, language: request.query.language ?? request.locale }));

    app.post('/api/v1/widget/callbacks', {
      config: { access, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Book a callback: a slot offered by the options, or the earliest with room inside time windows; confirmed by push, in the linked chat and by e-mail',
        body: bookingBody,
        response: { 201: customerCallbackSchema },
      },
    }, async (request, reply) => {
      const callback = await callbacks.bookAsCustomer(customerOf(request), { ...request.body, language: request.body.language ?? request.locale });
      return reply.status(201).send(customerView(callback));
    });

    app.get('/api/v1/widget/callbacks', {
      config: { access },
      schema: { tags, summary: 'My callbacks, newest first', response: { 200: z.object({ items: z.array(customerCallbackSchema) }) } },
    }, async (request) => ({ items: (await callbacks.listForCustomer(customerOf(request))).map(customerView) }));

    app.post('/api/v1/widget/callbacks/:id/reschedule', {
      config: { access, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Move my booked callback to another offered slot (the old seat is freed only if the new one is taken)', params: idParams, body: rescheduleBody, response: { 200: customerCallbackSchema } },
    }, async (request) => customerView(await callbacks.rescheduleAsCustomer(customerOf(request), request.params.id, request.body.slotStartsAt)));

    app.post('/api/v1/widget/callbacks/:id/cancel', {
      config: { access },
      schema: { tags, summary: 'Cancel my booked callback; its seat is freed', params: idParams, response: { 200: customerCallbackSchema } },
    }, async (request) => customerView(await callbacks.cancelAsCustomer(customerOf(request), request.params.id)));
  };
}
