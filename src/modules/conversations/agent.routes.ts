import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { actingAgentId, actorOf, managers, staff } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { decodeCursor, pageSchema, toPage } from '../../platform/http/pagination.js';
import { locales } from '../../platform/i18n/index.js';
import { cannedVariables, renderCanned, unknownVariables } from './canned.js';
import { channels, conversationStatuses, MAX_MESSAGE_CHARS, priorities, resolutionCodes } from './conversations.js';
import type { ConversationsService } from './conversations.service.js';
import type { ConversationsStore } from './conversations.store.js';
import { messageView } from './realtime.js';
import { messageSchema } from './widget.routes.js';
import { receiptBody, type ReceiptsService } from './receipts.service.js';
import type { RoutingService } from './routing.service.js';
import { transcriptFileName, type TranscriptService } from './transcript.service.js';

const conversationSchema = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  channel: z.enum(channels),
  status: z.enum(conversationStatuses),
  category: z.string().nullable(),
  language: z.enum(locales),
  priority: z.enum(priorities),
  labels: z.array(z.string()),
  flags: z.array(z.string()),
  assigneeId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  lastSeq: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastMessageAt: z.date().nullable(),
  queuedAt: z.date().nullable(),
  assignedAt: z.date().nullable(),
  firstResponseAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  resolutionCode: z.enum(resolutionCodes).nullable(),
});

const contactSchema = z.object({ id: z.uuid(), walletCustomerId: z.string().nullable(), verified: z.boolean(), displayName: z.string(), locale: z.enum(locales) });


/** The agent side: inbox, conversation, reply (guarded), resolve. */
export function agentRoutes(deps: {
  conversations: ConversationsService;
  routing: RoutingService;
  receipts: ReceiptsService;
  transcripts: TranscriptService;
  store: ConversationsStore;
  assertAgent: (id: string) => Promise<unknown>;
  assertTeam: (id: string) => Promise<unknown>;
  agentName: (id: string) => Promise<string>;
  agentTeamIds: (id: string) => Promise<string[]>;
}) {
  const { conversations, routing, store } = deps;
  const read = { roles: staff, scope: 'conversations:read' } as const;
  const write = { roles: staff, scope: 'conversations:write' } as const;
  const tags = ['conversations'];
  const idParams = z.strictObject({ id: z.uuid() });

  async function get(id: string) {
    const conversation = await store.conversation(id);
    if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
    return conversation;
  }

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/conversations', {
      config: { access: read },
      schema: {
        tags,
        summary: "Inbox: mine, unassigned, my teams' or all, newest first, filtered by status, category, label, priority or customer",
        querystring: z.strictObject({
          view: z.enum(['mine', 'unassigned', 'team', 'all']).default('mine'),
          status: z.enum(conversationStatuses).optional(),
          category: z.string().max(50).optional(),
          label: z.string().max(40).optional(),
          priority: z.enum(priorities).optional(),
          contactId: z.uuid().optional().describe("One customer's conversations (their history)."),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: pageSchema(conversationSchema) },
      },
    }, async (request) => {
      const { view, limit, cursor, ...filters } = request.query;
      const me = actingAgentId(request);
      const assigneeId = view === 'mine' ? me : view === 'unassigned' ? null : undefined;
      const teamIds = view === 'team' ? (me ? await deps.agentTeamIds(me) : []) : undefined;
      const rows = await store.inbox({ ...filters, assigneeId, teamIds, before: decodeCursor(cursor), limit });
      return toPage(rows, limit, (c) => c.id);
    });

    app.get('/api/v1/conversations/:id', {
      config: { access: read },
      schema: {
        tags,
        summary: "A conversation, its customer (the wallet customer id opens the wallet panel: /api/v1/customers/{id}/...) and its messages after a sequence number",
        params: idParams,
        querystring: z.strictObject({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: z.object({ conversation: conversationSchema, contact: contactSchema, messages: z.array(messageSchema) }) },
      },
    }, async (request) => {
      const conversation = await get(request.params.id);
      const messages = await store.messagesAfter(conversation.id, request.query.afterSeq, request.query.limit);
      const contact = (await store.contact(conversation.contactId))!;
      return { conversation, contact: { ...contact, verified: contact.walletCustomerId !== null }, messages: messages.map(messageView) };
    });

    app.post('/api/v1/conversations/:id/messages', {
      config: { access: write },
      schema: {
        tags,
        summary: "Reply to the customer (the guard refuses requests for secrets and links off the allowed domains: AGENT_MESSAGE_REFUSED)",
        params: idParams,
        body: z.strictObject({ clientId: z.string().min(1).max(100), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS * 2) }),
        response: { 200: z.object({ message: messageSchema, duplicate: z.literal(true) }), 201: z.object({ message: messageSchema, duplicate: z.literal(false) }) },
      },
    }, async (request, reply) => {
      const { message, duplicate } = await conversations.sendAsAgent(actorOf(request), request.params.id, request.body);
      return reply.status(duplicate ? 200 : 201).send({ message: messageView(message), duplicate } as never);
    });

    const noteSchema = z.object({ id: z.uuid(), conversationId: z.uuid(), authorId: z.uuid().nullable(), text: z.string(), createdAt: z.date() });

    app.get('/api/v1/conversations/:id/notes', {
      config: { access: read },
      schema: { tags, summary: 'Internal notes (staff only)', params: idParams, response: { 200: z.object({ items: z.array(noteSchema) }) } },
    }, async (request) => ({ items: await conversations.notes((await get(request.params.id)).id) }));

    app.post('/api/v1/conversations/:id/notes', {
      config: { access: write },
      schema: { tags, summary: 'Add an internal note; the customer never sees it', params: idParams, body: z.strictObject({ text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS) }), response: { 201: noteSchema } },
    }, async (request, reply) => reply.status(201).send(await conversations.addNote(actorOf(request), request.params.id, request.body.text)));

    app.post('/api/v1/conversations/:id/transfer', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Transfer to an agent (assigned at once) or to a team (its members take it from the queue), with a note for them',
        params: idParams,
        body: z.strictObject({ agentId: z.uuid().optional(), teamId: z.uuid().optional(), note: z.string().trim().min(1).max(MAX_MESSAGE_CHARS).optional() }).refine((b) => !!b.agentId !== !!b.teamId, 'name either an agent or a team'),
        response: { 200: conversationSchema },
      },
    }, async (request) => {
      const { agentId, teamId, note } = request.body;
      if (agentId) await deps.assertAgent(agentId);
      if (teamId) await deps.assertTeam(teamId);
      const conversation = await get(request.params.id);
      if (note) await conversations.addNote(actorOf(request), conversation.id, note);
      return routing.transfer(conversation.id, { agentId, teamId });
    });

    app.patch('/api/v1/conversations/:id', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Set labels, priority or category',
        params: idParams,
        body: z.strictObject({ labels: z.array(z.string().trim().min(1).max(40)).max(20).optional(), priority: z.enum(priorities).optional(), category: z.string().trim().min(1).max(50).optional() }),
        response: { 200: conversationSchema },
      },
    }, async (request) => store.updateConversation((await get(request.params.id)).id, request.body));

    const cannedSchema = z.object({ id: z.uuid(), shortcut: z.string(), title: z.string(), text: z.object({ 'zh-CN': z.string(), en: z.string() }) });
    const cannedView = (c: Awaited<ReturnType<ConversationsStore['cannedResponses']>>[number]) => ({ id: c.id, shortcut: c.shortcut, title: c.title, text: { 'zh-CN': c.textZh, en: c.textEn } });

    app.get('/api/v1/canned-responses', {
      config: { access: read },
      schema: { tags: ['canned responses'], summary: 'Canned responses, by shortcut', response: { 200: z.object({ items: z.array(cannedSchema) }) } },
    }, async () => ({ items: (await store.cannedResponses()).map(cannedView) }));

    app.post('/api/v1/canned-responses', {
      config: { access: { roles: managers, scope: 'conversations:write' } },
      schema: {
        tags: ['canned responses'],
        summary: `Create a canned response; variables: ${cannedVariables.map((v) => `{{${v}}}`).join(', ')}`,
        body: z.strictObject({
          shortcut: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
          title: z.string().trim().min(1).max(100),
          text: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(MAX_MESSAGE_CHARS), en: z.string().trim().min(1).max(MAX_MESSAGE_CHARS) }),
        }),
        response: { 201: cannedSchema },
      },
    }, async (request, reply) => {
      const { shortcut, title, text } = request.body;
      const unknown = [...unknownVariables(text['zh-CN']), ...unknownVariables(text.en)];
      if (unknown.length) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'text', message: `unknown variables: ${unknown.join(', ')}` }] });
      try {
        const created = await store.insertCanned({ id: uuidv7(), shortcut, title, textZh: text['zh-CN'], textEn: text.en, createdBy: actingAgentId(request) });
        return reply.status(201).send(cannedView(created));
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', { shortcut });
        throw err;
      }
    });

    app.delete('/api/v1/canned-responses/:id', {
      config: { access: { roles: managers, scope: 'conversations:write' } },
      schema: { tags: ['canned responses'], summary: 'Delete a canned response', params: idParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      if (!(await store.deleteCanned(request.params.id))) throw new AppError('NOT_FOUND');
      return reply.status(204).send(null);
    });

    app.post('/api/v1/conversations/:id/canned-responses/:shortcut', {
      config: { access: read },
      schema: {
        tags: ['canned responses'],
        summary: "A canned response filled in for this conversation, in the customer's language (the agent reviews it, then sends it as a reply)",
        params: idParams.extend({ shortcut: z.string().max(40) }),
        body: z.strictObject({ transactionId: z.string().max(100).optional() }),
        response: { 200: z.object({ text: z.string() }) },
      },
    }, async (request) => {
      const conversation = await get(request.params.id);
      const canned = await store.cannedByShortcut(request.params.shortcut);
      if (!canned) throw new AppError('NOT_FOUND');
      const contact = await store.contact(conversation.contactId);
      const agentId = actingAgentId(request);
      const text = conversation.language === 'en' ? canned.textEn : canned.textZh;
      return {
        text: renderCanned(text, {
          'customer.name': contact?.displayName || undefined,
          'agent.name': agentId ? await deps.agentName(agentId) : undefined,
          'transaction.id': request.body.transactionId,
        }),
      };
    });

    app.post('/api/v1/conversations/:id/receipts', {
      config: { access: write },
      schema: { tags, summary: "Mark the customer's messages up to a sequence number delivered or read; the customer is told", params: idParams, body: receiptBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await deps.receipts.byAgent(request.params.id, request.body);
      return reply.status(204).send(null);
    });

    app.get('/api/v1/conversations/:id/transcript', {
      config: { access: read },
      schema: { tags, summary: "The transcript as the customer receives it, in the conversation's language", params: idParams, produces: ['text/plain'], response: { 200: z.string() } },
    }, async (request, reply) => {
      const text = await deps.transcripts.forStaff(request.params.id);
      return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${transcriptFileName(request.params.id)}"`).send(text);
    });

    app.post('/api/v1/conversations/:id/accept', {
      config: { access: write },
      schema: { tags, summary: 'Take an assigned conversation (the assignee only); an offer not taken within ACCEPT_TIMEOUT_SECONDS goes to the next agent', params: idParams, response: { 200: conversationSchema } },
    }, async (request) => {
      const agentId = actingAgentId(request);
      if (!agentId) throw new AppError('NOT_ASSIGNEE');
      return routing.accept((await get(request.params.id)).id, agentId);
    });

    app.post('/api/v1/conversations/:id/resolve', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Resolve with a resolution code; the customer is asked for a rating and the seat goes to the next customer in the queue',
        params: idParams,
        body: z.strictObject({ resolutionCode: z.enum(resolutionCodes) }),
        response: { 200: conversationSchema },
      },
    }, async (request) => routing.resolve((await get(request.params.id)).id, actingAgentId(request), request.body.resolutionCode));
  };
}
