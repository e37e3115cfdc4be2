import { customType, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { directions, emailStatuses } from './email.js';

// Mirrors migration 052_email.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export interface AttachmentMeta {
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export const emailMessages = pgTable('email_messages', {
  id: uuid('id').primaryKey(),
  direction: text('direction', { enum: directions }).notNull(),
  status: text('status', { enum: emailStatuses }).notNull(),
  reason: text('reason'),
  messageId: text('message_id').notNull(),
  inReplyTo: text('in_reply_to'),
  references: text('thread_references').array().notNull().default([]),
  ticketId: uuid('ticket_id'),
  ticketReference: text('ticket_reference'),
  fromAddress: text('from_address').notNull(),
  fromName: text('from_name').notNull().default(''),
  toAddresses: text('to_addresses').array().notNull(),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  language: text('language', { enum: ['zh-CN', 'en'] }).notNull(),
  template: text('template'),
  dedupeKey: text('dedupe_key').unique(),
  attachments: jsonb('attachments').$type<AttachmentMeta[]>().notNull().default([]),
  sizeBytes: integer('size_bytes').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  lockedUntil: ts('locked_until'),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull(),
  finishedAt: ts('finished_at'),
});

export const emailAttachments = pgTable('email_attachments', {
  id: uuid('id').primaryKey(),
  emailId: uuid('email_id').notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  content: bytea('content').notNull(),
});
