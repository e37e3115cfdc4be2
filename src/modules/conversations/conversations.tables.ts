import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migration 030_conversations.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  walletCustomerId: text('wallet_customer_id').unique(),
  visitorId: text('visitor_id').unique(),
  email: text('email').unique(),
  displayName: text('display_name').notNull().default(''),
  locale: text('locale').notNull().default('zh-CN'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
});

export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey(),
  contactId: uuid('contact_id').notNull(),
  channel: text('channel').notNull(),
  status: text('status').notNull().default('bot'),
  category: text('category'),
  language: text('language').notNull().default('zh-CN'),
  priority: text('priority').notNull().default('normal'),
  labels: text('labels').array().notNull().default([]),
  flags: text('flags').array().notNull().default([]),
  assigneeId: uuid('assignee_id'),
  teamId: uuid('team_id'),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  lastMessageAt: ts('last_message_at'),
  queuedAt: ts('queued_at'),
  assignedAt: ts('assigned_at'),
  firstResponseAt: ts('first_response_at'),
  resolvedAt: ts('resolved_at'),
  closedAt: ts('closed_at'),
  acceptedAt: ts('accepted_at'),
  skippedAgentIds: uuid('skipped_agent_ids').array().notNull().default([]),
  resolutionCode: text('resolution_code'),
});

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  clientId: text('client_id').notNull(),
  authorType: text('author_type').notNull(),
  authorId: text('author_id'),
  kind: text('kind').notNull().default('text'),
  text: text('text').notNull().default(''),
  payload: jsonb('payload').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  deliveredAt: ts('delivered_at'),
  readAt: ts('read_at'),
});

export const conversationNotes = pgTable('conversation_notes', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  authorId: uuid('author_id'),
  text: text('text').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const cannedResponses = pgTable('canned_responses', {
  id: uuid('id').primaryKey(),
  shortcut: text('shortcut').notNull().unique(),
  title: text('title').notNull(),
  textZh: text('text_zh').notNull(),
  textEn: text('text_en').notNull(),
  createdBy: uuid('created_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const conversationRatings = pgTable('conversation_ratings', {
  conversationId: uuid('conversation_id').primaryKey(),
  score: integer('score').notNull(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
