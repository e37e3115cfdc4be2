import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { locales, pickLocale } from '../../../platform/i18n/index.js';
import type { AnnouncementsService } from '../announcements.service.js';
import { slug } from '../knowledge.js';
import type { KnowledgeService } from '../knowledge.service.js';
import { articlePage, categoryPage, helpPath, homePage, notFoundPage, searchPage, type ContactLinks, type PageContext } from './pages.js';

const access = { public: true } as const;
const langParams = z.object({ lang: z.enum(locales) });

function send(reply: FastifyReply, page: string, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    // Short shared caching: pages are the same for everyone, and edits show within a minute.
    .header('cache-control', status === 200 ? 'public, max-age=60' : 'no-store')
    .send(page);
}

/**
 * The public help center: server-rendered HTML that works without JavaScript, with shareable
 * per-language URLs (/help/zh-CN/..., /help/en/...) and hreflang alternates.
 */
export function helpCenterRoutes(deps: { knowledge: KnowledgeService; announcements: AnnouncementsService; baseUrl: string; contact: ContactLinks }) {
  const { knowledge, announcements } = deps;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (locale: (typeof locales)[number], path: string): PageContext => ({ locale, path, baseUrl: deps.baseUrl, contact: deps.contact });

    app.get('/help', { config: { access }, schema: { hide: true } }, async (request, reply) => reply.redirect(helpPath(pickLocale(request.headers['accept-language'])), 302));

    app.get('/help/:lang', { config: { access }, schema: { hide: true, params: langParams } }, async (request, reply) => {
      const { lang } = request.params;
      const [categories, popular, active] = await Promise.all([knowledge.categories(), knowledge.popular(8), announcements.active({ audience: 'web' })]);
      return send(reply, homePage(ctx(lang, ''), { categories, popular, announcements: active }));
    });

    app.get('/help/:lang/categories/:id', { config: { access }, schema: { hide: true, params: langParams.extend({ id: slug }) } }, async (request, reply) => {
      const { lang, id } = request.params;
      const categories = await knowledge.categories();
      const category = categories.find((c) => c.id === id);
      if (!category) return send(reply, notFoundPage(ctx(lang, '')), 404);
      const children = categories.filter((c) => c.parentId === id).map((c) => c.id);
      const lists = await Promise.all([id, ...children].map((categoryId) => knowledge.list({ status: 'published', categoryId, limit: 200 })));
      return send(reply, categoryPage(ctx(lang, `/categories/${id}`), { category, categories, articles: lists.flat() }));
    });

    app.get('/help/:lang/articles/:id', {
      config: { access },
      schema: { hide: true, params: langParams.extend({ id: slug }), querystring: z.object({ voted: z.string().optional() }) },
    }, async (request, reply) => {
      const { lang, id } = request.params;
      const article = await knowledge.get(id).catch(() => undefined);
      if (!article || article.status !== 'published') return send(reply, notFoundPage(ctx(lang, '')), 404);
      const [categories, related] = await Promise.all([knowledge.categories(), knowledge.related(article)]);
      await knowledge.countView(id);
      return send(
        reply,
        articlePage(ctx(lang, `/articles/${id}`), {
          article,
          category: categories.find((c) => c.id === article.categoryId),
          related: related.filter((a) => a.status === 'published'),
          voted: request.query.voted !== undefined,
        }),
      );
    });

    // A plain form post, answered with a redirect so that reloading does not vote twice.
    app.post('/help/:lang/articles/:id/vote', {
      config: { access, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { hide: true, params: langParams.extend({ id: slug }), body: z.object({ helpful: z.enum(['yes', 'no']), comment: z.string().max(1000).optional() }) },
    }, async (request, reply) => {
      const { lang, id } = request.params;
      await knowledge.vote(id, lang, request.body.helpful === 'yes', request.body.comment);
      return reply.redirect(`${helpPath(lang, `/articles/${id}`)}?voted=1#vote`, 303);
    });

    app.get('/help/:lang/search', {
      config: { access, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { hide: true, params: langParams, querystring: z.object({ q: z.string().max(200).default('') }) },
    }, async (request, reply) => {
      const { lang } = request.params;
      const q = request.query.q.trim();
      const hits = q ? knowledge.search({ q, lang, limit: 20 }) : [];
      const popular = hits.length ? [] : await knowledge.popular(8);
      return send(reply, searchPage(ctx(lang, `/search${q ? `?q=${encodeURIComponent(q)}` : ''}`), { q, hits, popular }));
    });
  };
}
