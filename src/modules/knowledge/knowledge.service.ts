import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { locales, type Locale } from '../../platform/i18n/index.js';
import type { AuditService } from '../audit/index.js';
import { maskText } from '../guard/index.js';
import type { Article, ArticleStatus, ArticleTextInput, ArticleType, Category } from './knowledge.js';
import type { KbFolder } from './kb-files.js';
import type { ArticleFilter, KnowledgeStore } from './knowledge.store.js';
import { plainText } from './markdown.js';
import type { IndexedText, SearchIndex, SearchQuery } from './search-index.js';

export interface NewArticle {
  id: string;
  categoryId: string;
  type?: ArticleType;
  related?: string[];
  status?: ArticleStatus;
  texts: Partial<Record<Locale, ArticleTextInput>>;
}

function indexedTexts(article: Article): IndexedText[] {
  return locales.flatMap((lang) => {
    const t = article.texts[lang];
    return t ? [{ articleId: article.id, lang, title: t.title, questions: t.questions, tags: t.tags, body: plainText(t.body), categoryId: article.categoryId, status: article.status }] : [];
  });
}

/**
 * Articles, categories, votes and the search index. The database is the truth; the index follows
 * every committed write on this node at once, and on other nodes through `knowledge.article_changed`.
 */
export function knowledgeService(deps: { store: KnowledgeStore; index: SearchIndex; audit: AuditService; bus: EventBus }) {
  const { store, index, audit, bus } = deps;

  async function get(id: string): Promise<Article> {
    const article = await store.article(id);
    if (!article) throw new AppError('ARTICLE_NOT_FOUND', { id });
    return article;
  }

  /** Brings the index in line with the database for one article. */
  async function reindex(id: string): Promise<void> {
    const article = await store.article(id);
    for (const lang of locales) index.remove(id, lang);
    if (article) for (const text of indexedTexts(article)) index.put(text);
  }

  async function changed(actor: Actor, id: string, action: string, details?: Record<string, unknown>): Promise<void> {
    await reindex(id);
    await audit.record({ actor, action, target: { type: 'kb_article', id }, ...(details ? { details } : {}) });
    await bus.publish('knowledge.article_changed', { articleId: id });
  }

  async function assertCategory(categoryId: string): Promise<void> {
    if (!(await store.categories()).some((c) => c.id === categoryId)) throw new AppError('CATEGORY_NOT_FOUND', { categoryId });
  }

  /** Rebuilds the whole index from the database: at start, and after an import. */
  async function loadIndex(): Promise<number> {
    const texts: IndexedText[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.listArticles({ after, limit: 500 });
      const items = page.slice(0, 500);
      texts.push(...items.flatMap(indexedTexts));
      if (page.length <= 500) break;
      after = items[items.length - 1]!.id;
    }
    index.load(texts);
    return texts.length;
  }

  return {
    get,
    reindex,

    loadIndex,

    search: (query: SearchQuery) => index.search(query),

    list: (filter: ArticleFilter) => store.listArticles(filter),
    popular: (limit: number) => store.popular(limit),
    categories: () => store.categories(),
    upsertCategory: (category: Category) => store.upsertCategory(category),
    revisions: (id: string, lang?: Locale) => store.revisions(id, lang),
    related: async (article: Article) => store.articles(article.related),
    countView: (id: string) => store.countView(id),

    async create(actor: Actor, input: NewArticle): Promise<Article> {
      await assertCategory(input.categoryId);
      const authorId = actor.type === 'agent' ? actor.id : null;
      const now = new Date();
      try {
        await store.transaction(async (s) => {
          await s.insertArticle({ id: input.id, categoryId: input.categoryId, type: input.type ?? 'faq', related: input.related ?? [], status: input.status ?? 'draft', publishedAt: input.status === 'published' ? now : null });
          for (const lang of locales) {
            const text = input.texts[lang];
            if (!text) continue;
            await s.putText({ articleId: input.id, lang, ...text, version: 1, updatedBy: authorId, updatedAt: now });
            await s.insertRevision({ id: uuidv7(), articleId: input.id, lang, version: 1, ...text, authorId, note: 'created', createdAt: now });
          }
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('ARTICLE_ID_TAKEN', { id: input.id });
        throw err;
      }
      await changed(actor, input.id, 'kb.article_created');
      return get(input.id);
    },

    /**
     * Saves a new version of one language. `baseVersion` is the version the editor started from:
     * if someone saved in between, the save is refused rather than silently overwriting them.
     */
    async saveText(actor: Actor, id: string, lang: Locale, text: ArticleTextInput, options: { baseVersion?: number; note?: string } = {}): Promise<Article> {
      await get(id);
      const authorId = actor.type === 'agent' ? actor.id : null;
      await store.transaction(async (s) => {
        const current = await s.lockText(id, lang);
        const currentVersion = current?.version ?? 0;
        if (options.baseVersion !== undefined && options.baseVersion !== currentVersion) {
          throw new AppError('VERSION_CONFLICT', { current: currentVersion, base: options.baseVersion });
        }
        const version = currentVersion + 1;
        const now = new Date();
        await s.putText({ articleId: id, lang, ...text, version, updatedBy: authorId, updatedAt: now });
        await s.insertRevision({ id: uuidv7(), articleId: id, lang, version, ...text, authorId, note: options.note ?? '', createdAt: now });
        await s.updateArticle(id, {});
      });
      await changed(actor, id, 'kb.article_edited', { lang });
      return get(id);
    },

    async update(actor: Actor, id: string, patch: { categoryId?: string; type?: ArticleType; related?: string[] }): Promise<Article> {
      await get(id);
      if (patch.categoryId) await assertCategory(patch.categoryId);
      await store.updateArticle(id, patch);
      await changed(actor, id, 'kb.article_updated');
      return get(id);
    },

    async setStatus(actor: Actor, id: string, status: ArticleStatus): Promise<Article> {
      const article = await get(id);
      if (status === 'published' && !Object.values(article.texts).some((t) => t && t.title && t.body.trim())) {
        throw new AppError('ARTICLE_INCOMPLETE', { id });
      }
      await store.updateArticle(id, { status, ...(status === 'published' && !article.publishedAt ? { publishedAt: new Date() } : {}) });
      await changed(actor, id, `kb.article_${status}`);
      return get(id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await get(id);
      await store.deleteArticle(id);
      await changed(actor, id, 'kb.article_deleted');
    },

    /** "Was this helpful?": anyone may vote; the comment goes through the guard first. */
    async vote(id: string, lang: Locale, helpful: boolean, comment: string | undefined): Promise<void> {
      const article = await get(id);
      if (article.status !== 'published') throw new AppError('ARTICLE_NOT_FOUND', { id });
      const text = comment?.trim() ? maskText(comment.trim()) : null;
      await store.transaction((s) => s.insertVote({ id: uuidv7(), articleId: id, lang, helpful, comment: text }));
    },
    votes: (id: string, limit: number) => store.votes(id, limit),

    /**
     * Brings the database in line with a folder of Markdown files: new articles are created,
     * changed texts get a new version, unchanged ones are left alone. One transaction, then one
     * index rebuild.
     */
    async importFolder(actor: Actor, folder: KbFolder): Promise<{ created: number; updated: number; unchanged: number }> {
      const authorId = actor.type === 'agent' ? actor.id : null;
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const touched: string[] = [];
      await store.transaction(async (s) => {
        for (const c of folder.categories) await s.upsertCategory(c);
        const existing = new Map((await s.articles(folder.articles.map((a) => a.id))).map((a) => [a.id, a]));
        for (const file of folder.articles) {
          const now = new Date();
          const current = existing.get(file.id);
          let changedHere = false;
          if (!current) {
            await s.insertArticle({ id: file.id, categoryId: file.categoryId, type: file.type, related: file.related, status: file.status, publishedAt: file.status === 'published' ? now : null });
          } else if (current.categoryId !== file.categoryId || current.type !== file.type || current.status !== file.status || current.related.join() !== file.related.join()) {
            await s.updateArticle(file.id, { categoryId: file.categoryId, type: file.type, status: file.status, related: file.related, ...(file.status === 'published' && !current.publishedAt ? { publishedAt: now } : {}) });
            changedHere = true;
          }
          for (const lang of locales) {
            const text = file.texts[lang];
            const before = current?.texts[lang];
            if (!text) continue;
            if (before && before.title === text.title && before.body === text.body && before.questions.join('\n') === text.questions.join('\n') && before.tags.join() === text.tags.join()) continue;
            const version = (before?.version ?? 0) + 1;
            await s.putText({ articleId: file.id, lang, ...text, version, updatedBy: authorId, updatedAt: now });
            await s.insertRevision({ id: uuidv7(), articleId: file.id, lang, version, ...text, authorId, note: 'imported', createdAt: now });
            changedHere = true;
          }
          if (!current) counts.created += 1;
          else if (changedHere) counts.updated += 1;
          else counts.unchanged += 1;
          if (!current || changedHere) touched.push(file.id);
        }
      });
      await loadIndex();
      await audit.record({ actor, action: 'kb.imported', details: counts });
      for (const id of touched) await bus.publish('knowledge.article_changed', { articleId: id });
      return counts;
    },

    async exportAll(): Promise<{ categories: Category[]; articles: Article[] }> {
      const articles: Article[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listArticles({ after, limit: 500 });
        articles.push(...page.slice(0, 500));
        if (page.length <= 500) break;
        after = page[499]!.id;
      }
      return { categories: await store.categories(), articles };
    },
  };
}

export type KnowledgeService = ReturnType<typeof knowledgeService>;
