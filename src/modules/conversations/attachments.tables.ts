import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations 035_attachments.sql and 036 (a file may be loose: no conversation yet).
export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id'),
  messageId: uuid('message_id'),
  uploaderType: text('uploader_type').notNull(),
  uploaderId: text('uploader_id'),
  contentType: text('content_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull().unique(),
  originalName: text('original_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
