import { bigint, customType, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migration 040_bot.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const botIntents = pgTable('bot_intents', {
  id: text('id').primaryKey(),
  category: text('category'),
  descriptionZh: text('description_zh').notNull(),
  descriptionEn: text('description_en').notNull(),
  examplesZh: text('examples_zh').array().notNull().default([]),
  examplesEn: text('examples_en').array().notNull().default([]),
  source: text('source').notNull().default('admin'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const botModels = pgTable('bot_models', {
  version: integer('version').primaryKey(),
  dataHash: text('data_hash').notNull(),
  model: bytea('model').notNull(),
  metrics: jsonb('metrics').notNull().default({}),
  trainedAt: ts('trained_at').notNull().defaultNow(),
  trainingMs: integer('training_ms').notNull(),
});

export const botSessions = pgTable('bot_sessions', {
  conversationId: uuid('conversation_id').primaryKey(),
  state: jsonb('state').notNull().default({}),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  outcome: text('outcome'),
  handoverReason: text('handover_reason'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const knowledgeGaps = pgTable('knowledge_gaps', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id'),
  language: text('language').notNull(),
  text: text('text').notNull(),
  intent: text('intent'),
  confidence: real('confidence').notNull(),
  status: text('status').notNull().default('open'),
  articleId: text('article_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
