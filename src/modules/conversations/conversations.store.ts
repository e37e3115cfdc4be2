import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Contact, Conversation, Message } from './conversations.js';
import { cannedResponses, contacts, conversationNotes, conversationRatings, conversations, messages } from './conversations.tables.js';

const toContact = (r: typeof contacts.$inferSelect): Contact => ({ id: r.id, walletCustomerId: r.walletCustomerId, visitorId: r.visitorId, displayName: r.displayName, locale: r.locale === 'en' ? 'en' : 'zh-CN' });
const toConversation = (r: typeof conversations.$inferSelect): Conversation => ({
  id: r.id,
  contactId: r.contactId,
  channel: r.channel as Conversation['channel'],
  status: r.status as Conversation['status'],
  category: r.category,
  language: r.language === 'en' ? 'en' : 'zh-CN',
  priority: r.priority as Conversation['priority'],
  labels: r.labels,
  flags: r.flags,
  assigneeId: r.assigneeId,
  teamId: r.teamId,
  lastSeq: r.lastSeq,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  lastMessageAt: r.lastMessageAt,
  queuedAt: r.queuedAt,
  assignedAt: r.assignedAt,
  firstResponseAt: r.firstResponseAt,
  resolvedAt: r.resolvedAt,
});
const toMessage = (r: typeof messages.$inferSelect): Message => ({ ...r, authorType: r.authorType as Message['authorType'], kind: r.kind as Message['kind'], payload: r.payload as Record<string, unknown> });

export const conversationsStore = (orm: Orm) => transactional(orm, queries);

function queries(orm: Orm) {
  return {
    /** Finds or creates the contact for an identity; one row per wallet customer or visitor. */
    async upsertContact(row: typeof contacts.$inferInsert): Promise<Contact> {
      const key = row.walletCustomerId ? contacts.walletCustomerId : contacts.visitorId;
      const [created] = await orm
        .insert(contacts)
        .values(row)
        .onConflictDoUpdate({ target: key, set: { lastSeenAt: new Date(), ...(row.displayName ? { displayName: row.displayName } : {}) } })
        .returning();
      return toContact(created!);
    },
    async conversation(id: string): Promise<Conversation | undefined> {
      const [row] = await orm.select().from(conversations).where(eq(conversations.id, id));
      return row && toConversation(row);
    },
    async conversationsOf(contactId: string, limit: number): Promise<Conversation[]> {
      return (await orm.select().from(conversations).where(eq(conversations.contactId, contactId)).orderBy(desc(conversations.createdAt)).limit(limit)).map(toConversation);
    },
    async openConversationOf(contactId: string): Promise<Conversation | undefined> {
      const [row] = await orm
        .select()
        .from(conversations)
        .where(and(eq(conversations.contactId, contactId), inArray(conversations.status, ['bot', 'queued', 'assigned'])))
        .orderBy(desc(conversations.createdAt))
        .limit(1);
      return row && toConversation(row);
    },
    async insertConversation(row: typeof conversations.$inferInsert): Promise<Conversation> {
      const [created] = await orm.insert(conversations).values(row).returning();
      return toConversation(created!);
    },
    async messageByClientId(conversationId: string, clientId: string): Promise<Message | undefined> {
      const [row] = await orm.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.clientId, clientId)));
      return row && toMessage(row);
    },
    /** Takes the next sequence number; the row lock orders concurrent senders in one conversation. */
    async nextSeq(conversationId: string, at: Date): Promise<number> {
      const [row] = await orm
        .update(conversations)
        .set({ lastSeq: sql`${conversations.lastSeq} + 1`, lastMessageAt: at, updatedAt: at })
        .where(eq(conversations.id, conversationId))
        .returning({ seq: conversations.lastSeq });
      return row!.seq;
    },
    async insertMessage(row: typeof messages.$inferInsert): Promise<Message> {
      const [created] = await orm.insert(messages).values(row).returning();
      return toMessage(created!);
    },
    async updateConversation(id: string, patch: Partial<typeof conversations.$inferInsert>): Promise<Conversation> {
      const [row] = await orm.update(conversations).set({ ...patch, updatedAt: new Date() }).where(eq(conversations.id, id)).returning();
      return toConversation(row!);
    },
    /** Serializes routing decisions across nodes for the rest of the transaction. */
    async lockRouting(): Promise<void> {
      await orm.execute(sql`select pg_advisory_xact_lock(7240993184301)`);
    },
    async queued(): Promise<Conversation[]> {
      return (await orm.select().from(conversations).where(eq(conversations.status, 'queued'))).map(toConversation);
    },
    /** Open assignments and the latest assignment time per agent. */
    async agentLoads(): Promise<Map<string, { load: number; lastAssignedAt: Date | null }>> {
      const rows = await orm
        .select({
          agentId: conversations.assigneeId,
          load: sql<number>`count(*) filter (where ${conversations.status} = 'assigned')::int`,
          last: sql<Date | null>`max(${conversations.assignedAt})`,
        })
        .from(conversations)
        .where(isNotNull(conversations.assigneeId))
        .groupBy(conversations.assigneeId);
      return new Map(rows.map((r) => [r.agentId!, { load: Number(r.load), lastAssignedAt: r.last ? new Date(r.last) : null }]));
    },
    async inbox(filter: { assigneeId?: string | null; status?: Conversation['status']; before?: string; limit: number }): Promise<Conversation[]> {
      const where = [
        filter.assigneeId === null ? isNull(conversations.assigneeId) : filter.assigneeId ? eq(conversations.assigneeId, filter.assigneeId) : undefined,
        filter.status ? eq(conversations.status, filter.status) : undefined,
        filter.before ? lt(conversations.id, filter.before) : undefined,
      ];
      return (await orm.select().from(conversations).where(and(...where)).orderBy(desc(conversations.id)).limit(filter.limit + 1)).map(toConversation);
    },
    async insertNote(row: typeof conversationNotes.$inferInsert): Promise<typeof conversationNotes.$inferSelect> {
      const [created] = await orm.insert(conversationNotes).values(row).returning();
      return created!;
    },
    async notes(conversationId: string) {
      return orm.select().from(conversationNotes).where(eq(conversationNotes.conversationId, conversationId)).orderBy(asc(conversationNotes.createdAt));
    },
    async cannedResponses() {
      return orm.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut));
    },
    async cannedByShortcut(shortcut: string) {
      return (await orm.select().from(cannedResponses).where(eq(cannedResponses.shortcut, shortcut)))[0];
    },
    async insertCanned(row: typeof cannedResponses.$inferInsert) {
      const [created] = await orm.insert(cannedResponses).values(row).returning();
      return created!;
    },
    async deleteCanned(id: string): Promise<boolean> {
      return (await orm.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id })).length > 0;
    },
    async contact(id: string): Promise<Contact | undefined> {
      const [row] = await orm.select().from(contacts).where(eq(contacts.id, id));
      return row && toContact(row);
    },
    /** The first rating counts; false when the conversation was already rated. */
    async insertRating(row: typeof conversationRatings.$inferInsert): Promise<boolean> {
      return (await orm.insert(conversationRatings).values(row).onConflictDoNothing().returning({ id: conversationRatings.conversationId })).length > 0;
    },
    async messagesAfter(conversationId: string, afterSeq: number, limit: number): Promise<Message[]> {
      return (await orm.select().from(messages).where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq))).orderBy(asc(messages.seq)).limit(limit)).map(toMessage);
    },
  };
}

export type ConversationQueries = ReturnType<typeof queries>;
export type ConversationsStore = ReturnType<typeof conversationsStore>;
