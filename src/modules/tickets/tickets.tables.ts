import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migration 050_tickets.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tickets = pgTable('tickets', {
  id: uuid('id').primaryKey(),
  reference: text('reference').notNull().unique(),
  type: text('type').notNull().default('request'),
  category: text('category').notNull(),
  subject: text('subject').notNull(),
  status: text('status').notNull().default('new'),
  priority: text('priority').notNull().default('normal'),
  channel: text('channel').notNull(),
  contactId: uuid('contact_id').notNull(),
  requesterEmail: text('requester_email'),
  language: text('language').notNull().default('zh-CN'),
  assigneeId: uuid('assignee_id'),
  teamId: uuid('team_id'),
  conversationId: uuid('conversation_id'),
  mergedIntoId: uuid('merged_into_id'),
  fields: jsonb('fields').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  transactionReference: text('transaction_reference'),
  amountMinor: bigint('amount_minor', { mode: 'number' }),
  currency: text('currency'),
  occurredAt: ts('occurred_at'),
  errorMessage: text('error_message'),
  acknowledgedAt: ts('acknowledged_at'),
  reviewStatus: text('review_status').notNull().default('none'),
  reviewedBy: uuid('reviewed_by'),
  reviewNote: text('review_note'),
  escalationLevel: integer('escalation_level').notNull().default(0),
  outcome: jsonb('outcome').$type<{ code: string; summary: string; compensation: { amount: number; currency: string } | null } | null>(),
  customerSeenAt: ts('customer_seen_at'),
  lastPublicAt: ts('last_public_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  firstResponseAt: ts('first_response_at'),
  solvedAt: ts('solved_at'),
  closedAt: ts('closed_at'),
});

export const ticketEntries = pgTable('ticket_entries', {
  id: uuid('id').primaryKey(),
  ticketId: uuid('ticket_id').notNull(),
  kind: text('kind').notNull(),
  authorType: text('author_type').notNull(),
  authorId: text('author_id'),
  body: text('body').notNull().default(''),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  via: text('via').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const ticketAttachments = pgTable('ticket_attachments', {
  attachmentId: uuid('attachment_id').primaryKey(),
  ticketId: uuid('ticket_id').notNull(),
  entryId: uuid('entry_id').notNull(),
});

export const ticketLinks = pgTable(
  'ticket_links',
  {
    ticketId: uuid('ticket_id').notNull(),
    relatedId: uuid('related_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.relatedId] })],
);

export const ticketFields = pgTable('ticket_fields', {
  id: uuid('id').primaryKey(),
  category: text('category').notNull(),
  key: text('key').notNull(),
  labelEn: text('label_en').notNull(),
  labelZh: text('label_zh').notNull(),
  kind: text('kind').notNull(),
  options: jsonb('options').$type<{ value: string; label: { en: string; 'zh-CN': string } }[]>().notNull().default([]),
  required: boolean('required').notNull().default(false),
  position: integer('position').notNull().default(0),
});
