import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migration 020_knowledge.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const kbCategories = pgTable('kb_categories', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  position: integer('position').notNull().default(0),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
});

export const kbArticles = pgTable('kb_articles', {
  id: text('id').primaryKey(),
  categoryId: text('category_id').notNull(),
  type: text('type').notNull().default('faq'),
  status: text('status').notNull().default('draft'),
  related: text('related').array().notNull().default([]),
  views: integer('views').notNull().default(0),
  helpful: integer('helpful').notNull().default(0),
  notHelpful: integer('not_helpful').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  publishedAt: ts('published_at'),
});

export const kbArticleTexts = pgTable('kb_article_texts', {
  articleId: text('article_id').notNull(),
  lang: text('lang').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  questions: text('questions').array().notNull().default([]),
  tags: text('tags').array().notNull().default([]),
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const kbRevisions = pgTable('kb_revisions', {
  id: uuid('id').primaryKey(),
  articleId: text('article_id').notNull(),
  lang: text('lang').notNull(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  questions: text('questions').array().notNull().default([]),
  tags: text('tags').array().notNull().default([]),
  authorId: uuid('author_id'),
  note: text('note').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const kbVotes = pgTable('kb_votes', {
  id: uuid('id').primaryKey(),
  articleId: text('article_id').notNull(),
  lang: text('lang').notNull(),
  helpful: boolean('helpful').notNull(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const kbAnnouncements = pgTable('kb_announcements', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  severity: text('severity').notNull().default('info'),
  audience: text('audience').notNull().default('all'),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  bodyZh: text('body_zh').notNull().default(''),
  bodyEn: text('body_en').notNull().default(''),
  topics: text('topics').array().notNull().default([]),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
