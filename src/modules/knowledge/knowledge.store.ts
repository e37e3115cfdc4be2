import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Announcement, Article, ArticleStatus, ArticleText, ArticleType, Category } from './knowledge.js';
import { kbAnnouncements, kbArticles, kbArticleTexts, kbCategories, kbRevisions, kbVotes } from './knowledge.tables.js';

type ArticleRow = typeof kbArticles.$inferSelect;
type TextRow = typeof kbArticleTexts.$inferSelect;
type AnnouncementRow = typeof kbAnnouncements.$inferSelect;

function toText(row: TextRow): ArticleText {
  return { lang: row.lang as Locale, title: row.title, body: row.body, questions: row.questions, tags: row.tags, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

function toArticle(row: ArticleRow, texts: TextRow[]): Article {
  return {
    ...row,
    type: row.type as ArticleType,
    status: row.status as ArticleStatus,
    texts: Object.fromEntries(texts.filter((t) => t.articleId === row.id).map((t) => [t.lang, toText(t)])),
  };
}

function toCategory(row: typeof kbCategories.$inferSelect): Category {
  return { id: row.id, parentId: row.parentId, position: row.position, name: { 'zh-CN': row.nameZh, en: row.nameEn }, description: { 'zh-CN': row.descriptionZh, en: row.descriptionEn } };
}

function toAnnouncement(row: AnnouncementRow): Announcement {
  return {
    id: row.id,
    kind: row.kind as Announcement['kind'],
    severity: row.severity as Announcement['severity'],
    audience: row.audience as Announcement['audience'],
    title: { 'zh-CN': row.titleZh, en: row.titleEn },
    body: { 'zh-CN': row.bodyZh, en: row.bodyEn },
    topics: row.topics,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export interface ArticleFilter {
  status?: ArticleStatus;
  categoryId?: string;
  after?: string;
  limit: number;
}

export const knowledgeStore = (orm: Orm) => transactional(orm, knowledgeQueries);

function knowledgeQueries(orm: Orm) {
  async function withTexts(rows: ArticleRow[]): Promise<Article[]> {
    if (!rows.length) return [];
    const texts = await orm.select().from(kbArticleTexts).where(inArray(kbArticleTexts.articleId, rows.map((r) => r.id)));
    return rows.map((r) => toArticle(r, texts));
  }

  return {
    // ---- categories
    async categories(): Promise<Category[]> {
      return (await orm.select().from(kbCategories).orderBy(asc(kbCategories.position), asc(kbCategories.id))).map(toCategory);
    },
    async upsertCategory(c: Category): Promise<void> {
      const row = { id: c.id, parentId: c.parentId, position: c.position, nameZh: c.name['zh-CN'], nameEn: c.name.en, descriptionZh: c.description['zh-CN'], descriptionEn: c.description.en };
      await orm.insert(kbCategories).values(row).onConflictDoUpdate({ target: kbCategories.id, set: row });
    },

    // ---- articles
    async article(id: string): Promise<Article | undefined> {
      const rows = await orm.select().from(kbArticles).where(eq(kbArticles.id, id));
      return (await withTexts(rows))[0];
    },
    async articles(ids: string[]): Promise<Article[]> {
      if (!ids.length) return [];
      return withTexts(await orm.select().from(kbArticles).where(inArray(kbArticles.id, ids)));
    },
    async listArticles(f: ArticleFilter): Promise<Article[]> {
      const where: (SQL | undefined)[] = [];
      if (f.status) where.push(eq(kbArticles.status, f.status));
      if (f.categoryId) where.push(eq(kbArticles.categoryId, f.categoryId));
      if (f.after) where.push(gt(kbArticles.id, f.after));
      return withTexts(await orm.select().from(kbArticles).where(and(...where)).orderBy(asc(kbArticles.id)).limit(f.limit + 1));
    },
    async popular(limit: number): Promise<Article[]> {
      return withTexts(
        await orm
          .select()
          .from(kbArticles)
          .where(eq(kbArticles.status, 'published'))
          .orderBy(desc(sql`${kbArticles.views} + 5 * ${kbArticles.helpful}`), asc(kbArticles.id))
          .limit(limit),
      );
    },
    async insertArticle(row: typeof kbArticles.$inferInsert): Promise<void> {
      await orm.insert(kbArticles).values(row);
    },
    async updateArticle(id: string, patch: Partial<typeof kbArticles.$inferInsert>): Promise<void> {
      await orm.update(kbArticles).set({ ...patch, updatedAt: new Date() }).where(eq(kbArticles.id, id));
    },
    async deleteArticle(id: string): Promise<void> {
      await orm.delete(kbArticles).where(eq(kbArticles.id, id));
    },
    async lockText(articleId: string, lang: Locale): Promise<TextRow | undefined> {
      return (await orm.select().from(kbArticleTexts).where(and(eq(kbArticleTexts.articleId, articleId), eq(kbArticleTexts.lang, lang))).for('update'))[0];
    },
    async putText(row: typeof kbArticleTexts.$inferInsert): Promise<void> {
      await orm.insert(kbArticleTexts).values(row).onConflictDoUpdate({ target: [kbArticleTexts.articleId, kbArticleTexts.lang], set: row });
    },
    async insertRevision(row: typeof kbRevisions.$inferInsert): Promise<void> {
      await orm.insert(kbRevisions).values(row);
    },
    async revisions(articleId: string, lang?: Locale) {
      const where = lang ? and(eq(kbRevisions.articleId, articleId), eq(kbRevisions.lang, lang)) : eq(kbRevisions.articleId, articleId);
      return orm.select().from(kbRevisions).where(where).orderBy(desc(kbRevisions.createdAt), desc(kbRevisions.version));
    },
    async countView(id: string): Promise<void> {
      await orm.update(kbArticles).set({ views: sql`${kbArticles.views} + 1` }).where(eq(kbArticles.id, id));
    },

    // ---- votes
    async insertVote(row: typeof kbVotes.$inferInsert): Promise<void> {
      await orm.insert(kbVotes).values(row);
      const column = row.helpful ? kbArticles.helpful : kbArticles.notHelpful;
      await orm.update(kbArticles).set({ [row.helpful ? 'helpful' : 'notHelpful']: sql`${column} + 1` }).where(eq(kbArticles.id, row.articleId));
    },
    async votes(articleId: string, limit: number) {
      return orm.select().from(kbVotes).where(eq(kbVotes.articleId, articleId)).orderBy(desc(kbVotes.createdAt)).limit(limit);
    },

    // ---- announcements
    async announcements(): Promise<Announcement[]> {
      return (await orm.select().from(kbAnnouncements).orderBy(desc(kbAnnouncements.startsAt))).map(toAnnouncement);
    },
    async activeAnnouncements(now: Date): Promise<Announcement[]> {
      const rows = await orm
        .select()
        .from(kbAnnouncements)
        .where(and(lte(kbAnnouncements.startsAt, now), or(isNull(kbAnnouncements.endsAt), gt(kbAnnouncements.endsAt, now))))
        .orderBy(desc(kbAnnouncements.startsAt));
      return rows.map(toAnnouncement);
    },
    async announcement(id: string): Promise<Announcement | undefined> {
      const [row] = await orm.select().from(kbAnnouncements).where(eq(kbAnnouncements.id, id));
      return row && toAnnouncement(row);
    },
    async insertAnnouncement(row: typeof kbAnnouncements.$inferInsert): Promise<void> {
      await orm.insert(kbAnnouncements).values(row);
    },
    async updateAnnouncement(id: string, patch: Partial<typeof kbAnnouncements.$inferInsert>): Promise<void> {
      await orm.update(kbAnnouncements).set({ ...patch, updatedAt: new Date() }).where(eq(kbAnnouncements.id, id));
    },
    async deleteAnnouncement(id: string): Promise<boolean> {
      const rows = await orm.delete(kbAnnouncements).where(eq(kbAnnouncements.id, id)).returning({ id: kbAnnouncements.id });
      return rows.length > 0;
    },
  };
}

export type KnowledgeQueries = ReturnType<typeof knowledgeQueries>;
export type KnowledgeStore = ReturnType<typeof knowledgeStore>;
