import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, adminsOnly, managers, staff } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { decodeCursor, pageSchema, toPage } from '../../platform/http/pagination.js';
import { locales } from '../../platform/i18n/index.js';
import type { AnnouncementsService } from './announcements.service.js';
import { announcementAudiences, announcementKinds, announcementSeverities, articleStatuses, articleTextInput, articleTypes, slug, type Article } from './knowledge.js';
import type { KnowledgeService } from './knowledge.service.js';

const localizedText = (max: number) => z.object({ 'zh-CN': z.string().max(max), en: z.string().max(max) });

const textSchema = z.object({
  lang: z.enum(locales),
  title: z.string(),
  body: z.string().describe('Markdown.'),
  questions: z.array(z.string()).describe('Other ways customers ask this; used by search and the bot.'),
  tags: z.array(z.string()),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.date(),
});

const articleSchema = z.object({
  id: z.string(),
  categoryId: z.string(),
  type: z.enum(articleTypes),
  status: z.enum(articleStatuses),
  related: z.array(z.string()),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
  texts: z.object({ 'zh-CN': textSchema.optional(), en: textSchema.optional() }),
});

const categorySchema = z.object({ id: z.string(), parentId: z.string().nullable(), position: z.number().int(), name: localizedText(100), description: localizedText(500) });

const hitSchema = z.object({
  articleId: z.string(),
  lang: z.enum(locales),
  title: z.string(),
  categoryId: z.string(),
  status: z.enum(articleStatuses),
  score: z.number(),
  titleHtml: z.string().describe('HTML-escaped title with matches in <mark>.'),
  snippetHtml: z.string().describe('HTML-escaped body excerpt with matches in <mark>.'),
});

const announcementSchema = z.object({
  id: z.uuid(),
  kind: z.enum(announcementKinds),
  severity: z.enum(announcementSeverities),
  audience: z.enum(announcementAudiences),
  title: localizedText(200),
  body: localizedText(5000),
  topics: z.array(z.string()),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});

const announcementBody = z.strictObject({
  kind: z.enum(announcementKinds),
  severity: z.enum(announcementSeverities).default('info'),
  audience: z.enum(announcementAudiences).default('all'),
  title: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
  body: z.strictObject({ 'zh-CN': z.string().max(5000), en: z.string().max(5000) }).default({ 'zh-CN': '', en: '' }),
  topics: z.array(z.string().trim().min(1).max(50)).max(20).default([]).describe('Issue topics it concerns, e.g. top_up, payment, transfer.'),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date().nullable().default(null),
});

const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  lang: z.enum(locales).optional(),
  categoryId: slug.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const idParams = z.strictObject({ id: slug });
const langParams = idParams.extend({ lang: z.enum(locales) });

/** Only published articles leave through public routes. */
function publicArticle(article: Article): Article {
  if (article.status !== 'published') throw new AppError('ARTICLE_NOT_FOUND', { id: article.id });
  return article;
}

export function knowledgeRoutes(deps: { knowledge: KnowledgeService; announcements: AnnouncementsService }) {
  const { knowledge, announcements } = deps;
  const read = { roles: staff, scope: 'kb:read' } as const;
  const write = { roles: managers, scope: 'kb:write' } as const;
  const tags = ['knowledge'];
  const publicTags = ['help center (public)'];

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ---- public: help center, widget, anyone
    app.get('/api/v1/help/search', {
      config: { access: { public: true }, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags: publicTags, summary: 'Search published articles (Chinese segmentation, synonyms, English typos)', querystring: searchQuery, response: { 200: z.object({ items: z.array(hitSchema) }) } },
    }, async (request) => ({ items: knowledge.search({ ...request.query, includeDrafts: false }) }));

    app.get('/api/v1/help/categories', {
      config: { access: { public: true } },
      schema: { tags: publicTags, summary: 'The category tree', response: { 200: z.object({ items: z.array(categorySchema) }) } },
    }, async () => ({ items: await knowledge.categories() }));

    app.get('/api/v1/help/articles/:id', {
      config: { access: { public: true } },
      schema: { tags: publicTags, summary: 'A published article in both languages', params: idParams, response: { 200: articleSchema } },
    }, async (request) => publicArticle(await knowledge.get(request.params.id)));

    app.post('/api/v1/help/articles/:id/votes', {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: publicTags,
        summary: '"Was this helpful?" (the comment is guarded: secrets are removed before it is stored)',
        params: idParams,
        body: z.strictObject({ lang: z.enum(locales), helpful: z.boolean(), comment: z.string().max(1000).optional() }),
        response: { 204: z.null() },
      },
    }, async (request, reply) => {
      await knowledge.vote(request.params.id, request.body.lang, request.body.helpful, request.body.comment);
      return reply.status(204).send(null);
    });

    app.get('/api/v1/help/announcements', {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: 'Announcements in effect now, most severe first',
        querystring: z.strictObject({ topic: z.string().max(50).optional(), audience: z.enum(announcementAudiences).optional() }),
        response: { 200: z.object({ items: z.array(announcementSchema) }) },
      },
    }, async (request) => ({ items: await announcements.active(request.query) }));

    // ---- staff
    app.get('/api/v1/kb/search', {
      config: { access: read },
      schema: { tags, summary: 'Search, drafts included', querystring: searchQuery, response: { 200: z.object({ items: z.array(hitSchema) }) } },
    }, async (request) => ({ items: knowledge.search({ ...request.query, includeDrafts: true }) }));

    app.get('/api/v1/kb/articles', {
      config: { access: read },
      schema: {
        tags,
        summary: 'Articles in every state',
        querystring: z.strictObject({ status: z.enum(articleStatuses).optional(), categoryId: slug.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
        response: { 200: pageSchema(articleSchema) },
      },
    }, async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await knowledge.list({ ...filter, limit, after: decodeCursor(cursor, slug) });
      return toPage(rows, limit, (a) => a.id);
    });

    app.get('/api/v1/kb/articles/:id', {
      config: { access: read },
      schema: { tags, summary: 'One article, any state', params: idParams, response: { 200: articleSchema } },
    }, async (request) => knowledge.get(request.params.id));

    app.get('/api/v1/kb/articles/:id/revisions', {
      config: { access: read },
      schema: {
        tags,
        summary: 'Version history with author and time',
        params: idParams,
        querystring: z.strictObject({ lang: z.enum(locales).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), lang: z.string(), version: z.number().int(), title: z.string(), body: z.string(), questions: z.array(z.string()), tags: z.array(z.string()), authorId: z.string().nullable(), note: z.string(), createdAt: z.date() })) }) },
      },
    }, async (request) => ({ items: await knowledge.revisions(request.params.id, request.query.lang) }));

    app.get('/api/v1/kb/articles/:id/votes', {
      config: { access: read },
      schema: {
        tags,
        summary: 'Recent "was this helpful?" votes and comments',
        params: idParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), lang: z.string(), helpful: z.boolean(), comment: z.string().nullable(), createdAt: z.date() })) }) },
      },
    }, async (request) => ({ items: (await knowledge.votes(request.params.id, 100)).map(({ articleId: _a, ...v }) => v) }));

    app.post('/api/v1/kb/articles', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Create an article (a draft unless status says otherwise)',
        body: z.strictObject({
          id: slug,
          categoryId: slug,
          type: z.enum(articleTypes).default('faq'),
          related: z.array(slug).max(20).default([]),
          texts: z.strictObject({ 'zh-CN': articleTextInput.optional(), en: articleTextInput.optional() }),
        }),
        response: { 201: articleSchema },
      },
    }, async (request, reply) => reply.status(201).send(await knowledge.create(actorOf(request), request.body)));

    app.patch('/api/v1/kb/articles/:id', {
      config: { access: write },
      schema: { tags, summary: 'Move, retype or relate an article', params: idParams, body: z.strictObject({ categoryId: slug.optional(), type: z.enum(articleTypes).optional(), related: z.array(slug).max(20).optional() }), response: { 200: articleSchema } },
    }, async (request) => knowledge.update(actorOf(request), request.params.id, request.body));

    app.put('/api/v1/kb/articles/:id/texts/:lang', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Save a new version of one language',
        params: langParams,
        body: articleTextInput.extend({ baseVersion: z.number().int().min(0).optional().describe('The version you started editing; a newer one saved meanwhile is a VERSION_CONFLICT.'), note: z.string().max(200).optional() }),
        response: { 200: articleSchema },
      },
    }, async (request) => {
      const { baseVersion, note, ...text } = request.body;
      return knowledge.saveText(actorOf(request), request.params.id, request.params.lang, text, { baseVersion, note });
    });

    for (const [verb, status] of [['publish', 'published'], ['archive', 'archived'], ['unpublish', 'draft']] as const) {
      app.post(`/api/v1/kb/articles/:id/${verb}`, {
        config: { access: write },
        schema: { tags, summary: `Set the article ${status}`, params: idParams, response: { 200: articleSchema } },
      }, async (request) => knowledge.setStatus(actorOf(request), request.params.id, status));
    }

    app.delete('/api/v1/kb/articles/:id', {
      config: { access: { roles: adminsOnly, scope: 'kb:write' } },
      schema: { tags, summary: 'Delete an article and its history (archive instead when in doubt)', params: idParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      await knowledge.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });

    app.put('/api/v1/kb/categories/:id', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Create or change a category',
        params: idParams,
        body: z.strictObject({ parentId: slug.nullable().default(null), position: z.number().int().min(0).default(0), name: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) }), description: localizedText(500).default({ 'zh-CN': '', en: '' }) }),
        response: { 200: categorySchema },
      },
    }, async (request) => {
      const category = { id: request.params.id, ...request.body };
      if (category.parentId === category.id) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'parentId', message: 'a category cannot be its own parent' }] });
      if (category.parentId && !(await knowledge.categories()).some((c) => c.id === category.parentId)) throw new AppError('CATEGORY_NOT_FOUND', { categoryId: category.parentId });
      await knowledge.upsertCategory(category);
      return category;
    });

    app.get('/api/v1/announcements', {
      config: { access: read },
      schema: { tags, summary: 'All announcements, past and future', response: { 200: z.object({ items: z.array(announcementSchema) }) } },
    }, async () => ({ items: await announcements.list() }));

    app.post('/api/v1/announcements', {
      config: { access: write },
      schema: { tags, summary: 'Publish an announcement (feature, policy or incident)', body: announcementBody, response: { 201: announcementSchema } },
    }, async (request, reply) => reply.status(201).send(await announcements.create(actorOf(request), request.body)));

    app.put('/api/v1/announcements/:id', {
      config: { access: write },
      schema: { tags, summary: 'Change an announcement', params: z.strictObject({ id: z.uuid() }), body: announcementBody, response: { 200: announcementSchema } },
    }, async (request) => announcements.update(actorOf(request), request.params.id, request.body));

    app.delete('/api/v1/announcements/:id', {
      config: { access: write },
      schema: { tags, summary: 'Remove an announcement', params: z.strictObject({ id: z.uuid() }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await announcements.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
