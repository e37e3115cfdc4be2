import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database.js';
import { attachments } from './attachments.tables.js';

export type Attachment = typeof attachments.$inferSelect;

export function attachmentsStore(orm: Orm) {
  return {
    async insert(row: typeof attachments.$inferInsert): Promise<Attachment> {
      const [created] = await orm.insert(attachments).values(row).returning();
      return created!;
    },
    async linkMessage(id: string, messageId: string): Promise<void> {
      await orm.update(attachments).set({ messageId }).where(eq(attachments.id, id));
    },
    async remove(id: string): Promise<void> {
      await orm.delete(attachments).where(eq(attachments.id, id));
    },
    async get(id: string): Promise<Attachment | undefined> {
      return (await orm.select().from(attachments).where(eq(attachments.id, id)))[0];
    },
    /** Files with these ids that this uploader stored loose (not yet in a conversation or claimed). */
    async loose(ids: string[], uploaderType: string, uploaderId: string): Promise<Attachment[]> {
      if (!ids.length) return [];
      return orm
        .select()
        .from(attachments)
        .where(and(inArray(attachments.id, ids), isNull(attachments.conversationId), eq(attachments.uploaderType, uploaderType), eq(attachments.uploaderId, uploaderId)));
    },
    async many(ids: string[]): Promise<Attachment[]> {
      return ids.length ? orm.select().from(attachments).where(inArray(attachments.id, ids)) : [];
    },
    async inConversation(conversationId: string, id: string): Promise<Attachment | undefined> {
      return (await orm.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.conversationId, conversationId))))[0];
    },
  };
}

export type AttachmentsStore = ReturnType<typeof attachmentsStore>;
