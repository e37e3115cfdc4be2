import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, staff } from '../../platform/http/access.js';
import { assertSize, attachmentCsp, attachmentTypes, contentDisposition } from './attachments.js';
import type { AttachmentsService } from './attachments.service.js';
import type { Sender } from './conversations.service.js';
import { messageView } from './realtime.js';
import { customerOf, messageSchema } from './widget.routes.js';

/** Reads the raw body up to the limit; a body announced or found larger is refused before it is kept. */
async function readLimited(body: AsyncIterable<Buffer>, announced: string | undefined, maxBytes: number): Promise<Buffer> {
  assertSize(Number(announced ?? 0), maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    assertSize(size, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Files in chat. An upload's body is the file itself, under whatever Content-Type the client
 * declares (the type is read from the bytes): no multipart parser to configure, no temporary
 * files for form parts, and the file name and client id travel in the query string. Files are
 * read through short-lived signed links, so an <img> tag can show them without the customer token
 * or the console cookie.
 */
export function attachmentRoutes(deps: { attachments: AttachmentsService; maxBytes: number }) {
  const { attachments } = deps;
  const tags = ['attachments'];
  const uploadQuery = z.strictObject({ clientId: z.string().min(1).max(100), name: z.string().max(255).default('') });
  const uploadSchema = (who: string) => ({
    tags,
    summary: `Send a file ${who}(PNG, JPEG, GIF, WebP or PDF) as the raw request body; a retry with the same clientId returns the stored message (200)`,
    consumes: Object.keys(attachmentTypes),
    params: z.strictObject({ id: z.uuid() }),
    querystring: uploadQuery,
    response: { 200: z.object({ message: messageSchema, duplicate: z.literal(true) }), 201: z.object({ message: messageSchema, duplicate: z.literal(false) }) },
  });
  const linkParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });
  const linkReply = { 200: z.object({ url: z.string(), expiresAt: z.date() }) };

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    // In this plugin only: every body is a file, whatever type it claims to be.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (request: FastifyRequest, body: IncomingMessage) => readLimited(body, request.headers['content-length'], deps.maxBytes));

    async function upload(sender: Sender, request: { params: { id: string }; query: z.infer<typeof uploadQuery>; body: unknown }, reply: FastifyReply) {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { message, duplicate } = await attachments.upload(sender, request.params.id, { clientId: request.query.clientId, name: request.query.name, bytes });
      return reply.status(duplicate ? 200 : 201).send({ message: messageView(message), duplicate } as never);
    }

    app.post('/api/v1/widget/conversations/:id/attachments', {
      config: { access: { customer: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: uploadSchema(''),
    }, async (request, reply) => upload({ customer: customerOf(request) }, request, reply));

    app.post('/api/v1/conversations/:id/attachments', {
      config: { access: { roles: staff, scope: 'conversations:write' }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: uploadSchema('to the customer '),
    }, async (request, reply) => upload({ agent: actorOf(request) }, request, reply));

    const looseQuery = z.strictObject({ name: z.string().max(255).default('') });
    const looseReply = { 201: z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), sizeBytes: z.number().int() }) };
    async function uploadLoose(sender: Sender, request: { query: z.infer<typeof looseQuery>; body: unknown }, reply: FastifyReply) {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.status(201).send(await attachments.storeLoose(await attachments.uploaderOf(sender), { name: request.query.name, bytes }));
    }

    app.post('/api/v1/widget/attachments', {
      config: { access: { customer: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Upload a file (PNG, JPEG, GIF, WebP or PDF, raw body) to attach to a ticket: name its id in attachmentIds', consumes: Object.keys(attachmentTypes), querystring: looseQuery, response: looseReply },
    }, async (request, reply) => uploadLoose({ customer: customerOf(request) }, request, reply));

    app.post('/api/v1/attachments', {
      config: { access: { roles: staff, scope: 'tickets:write' }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Upload a file (raw body) to attach to a ticket reply: name its id in attachmentIds', consumes: Object.keys(attachmentTypes), querystring: looseQuery, response: looseReply },
    }, async (request, reply) => uploadLoose({ agent: actorOf(request) }, request, reply));

    app.get('/api/v1/widget/conversations/:id/attachments/:attachmentId/link', {
      config: { access: { customer: true } },
      schema: { tags, summary: 'A short-lived link to a file in my conversation', params: linkParams, response: linkReply },
    }, async (request) => attachments.link({ customer: customerOf(request) }, request.params.id, request.params.attachmentId));

    app.get('/api/v1/conversations/:id/attachments/:attachmentId/link', {
      config: { access: { roles: staff, scope: 'conversations:read' } },
      schema: { tags, summary: 'A short-lived link to a file in a conversation', params: linkParams, response: linkReply },
    }, async (request) => attachments.link({ agent: actorOf(request) }, request.params.id, request.params.attachmentId));

    app.get('/api/v1/attachments/:id', {
      // The signature is the credential: whoever was handed the link may use it until it expires.
      config: { access: { public: true }, rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'The file behind a signed link (ATTACHMENT_URL_EXPIRED once it has expired: ask for a new link)',
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({ expires: z.coerce.number().int(), signature: z.string().max(100) }),
      },
    }, async (request, reply) => {
      const file = await attachments.open({ attachmentId: request.params.id, expires: request.query.expires, signature: request.query.signature });
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(file.name, file.contentType))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', attachmentCsp)
        .header('cache-control', `private, max-age=${file.secondsLeft}`)
        .send(file.stream);
    });
  };
}
