import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, managers } from '../../platform/http/access.js';
import { locales } from '../../platform/i18n/index.js';
import type { BotStore } from './bot.store.js';
import { clusterGaps } from './gaps.js';
import { intentInput, type IntentsService } from './intents.service.js';
import type { ModelService } from './model.service.js';

const intentSchema = intentInput.extend({ id: z.string(), source: z.enum(['product', 'admin']), updatedAt: z.date() });
const intentId = z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'lower-case letters, digits and underscores') });
const gapSchema = z.object({ id: z.uuid(), conversationId: z.uuid().nullable(), language: z.string(), text: z.string(), intent: z.string().nullable(), confidence: z.number(), createdAt: z.date() });

/** Admin and supervisor tools: intents and examples, retraining, model versions, knowledge gaps. */
export function botRoutes(deps: { intents: IntentsService; models: ModelService; store: BotStore; draftArticle: (input: { title: string; lang: (typeof locales)[number]; questions: string[]; categoryId?: string }, actor: ReturnType<typeof actorOf>) => Promise<string> }) {
  const { intents, models, store } = deps;
  const read = { roles: managers, scope: 'bot:read' } as const;
  const write = { roles: managers, scope: 'bot:write' } as const;
  const tags = ['bot'];

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/bot/intents', {
      config: { access: read },
      schema: { tags, summary: 'The intents the bot understands, with their examples in both languages', response: { 200: z.object({ items: z.array(intentSchema) }) } },
    }, async () => ({ items: await intents.list() }));

    app.get('/api/v1/bot/intents/:id', {
      config: { access: read },
      schema: { tags, summary: 'One intent', params: intentId, response: { 200: intentSchema } },
    }, async (request) => intents.get(request.params.id));

    app.put('/api/v1/bot/intents/:id', {
      config: { access: write },
      schema: { tags, summary: 'Create or replace an intent; the model retrains in the background a moment later', params: intentId, body: intentInput, response: { 200: intentSchema } },
    }, async (request) => intents.save(actorOf(request), request.params.id, request.body));

    app.delete('/api/v1/bot/intents/:id', {
      config: { access: write },
      schema: { tags, summary: 'Delete an intent', params: intentId, response: { 204: z.null() } },
    }, async (request, reply) => {
      await intents.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });

    const versionSchema = z.object({ version: z.number().int(), dataHash: z.string(), metrics: z.record(z.string(), z.unknown()), trainedAt: z.date(), trainingMs: z.number().int() });
    app.get('/api/v1/bot/models', {
      config: { access: read },
      schema: { tags, summary: 'Trained model versions, newest first, and the one this node answers with', response: { 200: z.object({ active: z.number().int().nullable(), items: z.array(versionSchema) }) } },
    }, async () => ({ active: models.current()?.version ?? null, items: (await models.versions(20)).map((v) => ({ ...v, metrics: v.metrics as Record<string, unknown> })) }));

    app.post('/api/v1/bot/models', {
      config: { access: write },
      schema: { tags, summary: 'Retrain now (in a worker thread) if the intents changed since the last model; answers when the new model is in use', response: { 200: z.object({ active: z.number().int().nullable() }) } },
    }, async () => {
      await models.retrain();
      return { active: models.current()?.version ?? null };
    });

    app.get('/api/v1/bot/gaps', {
      config: { access: read },
      schema: {
        tags,
        summary: 'Questions the bot could not answer, grouped by similarity, the largest groups first',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(500) }),
        response: { 200: z.object({ items: z.array(z.object({ question: z.string(), language: z.string(), count: z.number().int(), gaps: z.array(gapSchema) })) }) },
      },
    }, async (request) => ({
      items: clusterGaps(await store.gaps('open', request.query.limit), (await store.intents()).flatMap((i) => [...i.examplesZh, ...i.examplesEn])).map((c) => ({ question: c.representative.text, language: c.representative.language, count: c.items.length, gaps: c.items })),
    }));

    app.post('/api/v1/bot/gaps/article', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Write an article for these gaps: a draft FAQ article titled with the question and listing the phrasings customers used; the gaps are marked answered',
        body: z.strictObject({ gapIds: z.array(z.uuid()).min(1).max(200), title: z.string().trim().min(1).max(200), lang: z.enum(locales), categoryId: z.string().max(100).optional().describe('Defaults to the first top-level category.') }),
        response: { 201: z.object({ articleId: z.string(), answered: z.number().int() }) },
      },
    }, async (request, reply) => {
      const open = (await store.gaps('open', 1000)).filter((g) => request.body.gapIds.includes(g.id));
      const articleId = await deps.draftArticle({ title: request.body.title, lang: request.body.lang, categoryId: request.body.categoryId, questions: [...new Set(open.map((g) => g.text))].slice(0, 30) }, actorOf(request));
      return reply.status(201).send({ articleId, answered: await store.setGapStatus(open.map((g) => g.id), 'answered', articleId) });
    });

    app.post('/api/v1/bot/gaps/dismiss', {
      config: { access: write },
      schema: { tags, summary: 'Dismiss gaps that need no article (noise, off-topic)', body: z.strictObject({ gapIds: z.array(z.uuid()).min(1).max(200) }), response: { 200: z.object({ dismissed: z.number().int() }) } },
    }, async (request) => ({ dismissed: await store.setGapStatus(request.body.gapIds, 'dismissed', null) }));
  };
}
