import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, adminsOnly } from '../../platform/http/access.js';
import { decodeCursor, pageQuery, pageSchema, toPage } from '../../platform/http/pagination.js';
import { maskText } from '../guard/index.js';
import { directions, emailStatuses, inboundReasons } from './email.js';
import type { EmailService } from './email.service.js';
import type { EmailMessage } from './email.store.js';

const messageSchema = z.object({
  id: z.uuid(),
  direction: z.enum(directions),
  status: z.enum(emailStatuses).describe('inbound: received, processed, quarantined or dropped; outbound: queued, sent or failed.'),
  reason: z.enum(inboundReasons).nullable().describe('Why inbound mail was quarantined or dropped.'),
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  ticketId: z.uuid().nullable(),
  ticketReference: z.string().nullable(),
  from: z.object({ address: z.string().describe('Masked (first letter and domain).'), name: z.string() }),
  to: z.array(z.string()).describe('Masked like `from.address`.'),
  subject: z.string(),
  text: z.string().describe('Inbound: what the sender wrote, quoted history removed; outbound: the plain-text body. Masked by the guard.'),
  language: z.enum(['zh-CN', 'en']),
  template: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
  sizeBytes: z.number().int(),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable().describe('Outbound: when the next attempt is due while queued.'),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

/** The stored text is masked already; addresses are masked here, since this is a log, not an inbox. */
function view(m: EmailMessage): z.infer<typeof messageSchema> {
  return {
    id: m.id,
    direction: m.direction,
    status: m.status,
    reason: m.reason as z.infer<typeof messageSchema>['reason'],
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references,
    ticketId: m.ticketId,
    ticketReference: m.ticketReference,
    from: { address: maskText(m.fromAddress), name: m.fromName },
    to: m.toAddresses.map((a) => maskText(a)),
    subject: m.subject,
    text: m.bodyText,
    language: m.language,
    template: m.template,
    attachments: m.attachments,
    sizeBytes: m.sizeBytes,
    attempts: m.attempts,
    nextAttemptAt: m.status === 'queued' ? m.nextAttemptAt : null,
    lastError: m.lastError,
    createdAt: m.createdAt,
    finishedAt: m.finishedAt,
  };
}

const idParams = z.strictObject({ id: z.uuid() });

export function emailRoutes(service: EmailService) {
  const tags = ['email'];
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/email/messages', {
      config: { access: { roles: adminsOnly, scope: 'email:read' } },
      schema: {
        tags,
        summary: 'Mail received and sent, newest first (texts and addresses masked)',
        querystring: pageQuery.extend({ direction: z.enum(directions).optional(), status: z.enum(emailStatuses).optional() }).strict(),
        response: { 200: pageSchema(messageSchema) },
      },
    }, async (request) => {
      const { limit, cursor, direction, status } = request.query;
      const rows = await service.list({ direction, status, limit, before: decodeCursor(cursor) });
      return toPage(rows.map(view), limit, (m) => m.id);
    });

    app.post('/api/v1/email/messages/:id/release', {
      config: { access: { roles: adminsOnly, scope: 'email:write' } },
      schema: { tags, summary: 'Release a quarantined inbound message: it goes to tickets as if it had just arrived', params: idParams, response: { 200: messageSchema } },
    }, async (request) => view(await service.release(request.params.id, actorOf(request))));

    app.post('/api/v1/email/messages/:id/retry', {
      config: { access: { roles: adminsOnly, scope: 'email:write' } },
      schema: { tags, summary: 'Send a failed outbound message again, with a fresh round of attempts', params: idParams, response: { 202: messageSchema } },
    }, async (request, reply) => reply.status(202).send(view(await service.retry(request.params.id, actorOf(request)))));
  };
}
