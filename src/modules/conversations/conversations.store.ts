import { and, arrayContains, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Contact, Conversation, Message } from './conversations.js';
import { cannedResponses, contacts, conversationNotes, conversationRatings, conversations, messages } from './conversations.tables.js';

const toContact = (r: typeof contacts.$inferSelect): Contact => ({ id: r.id, walletCustomerId: r.walletCustomerId, visitorId: r.visitorId, email: r.email, displayName: r.displayName, locale: r.locale === 'en' ? 'en' : 'zh-CN' });
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
  acceptedAt: r.acceptedAt,
  skippedAgentIds: r.skippedAgentIds,
  resolvedAt: r.resolvedAt,
  resolutionCode: r.resolutionCode as Conversation['resolutionCode'],
});
const toMessage = (r: typeof messages.$inferSelect): Message => ({ ...r, authorType: r.authorType as Message['authorType'], kind: r.kind as Message['kind'], payload: r.payload as Record<string, unknown> });

export const conversationsStore = (orm: Orm) => transactional(orm, queries);

const conversationById = (orm: Orm) => orm.select().from(conversations).where(eq(conversations.id, sql.placeholder('id'))).prepare('conversation_by_id');

export interface InboxFilter {
  /** null: unassigned. */
  assigneeId?: string | null;
  /** Conversations queued for or held by these teams. */
  teamIds?: string[];
  /** One customer's conversations, for their history beside the current one. */
  contactId?: string;
  status?: Conversation['status'];
  category?: string;
  label?: string;
  priority?: Conversation['priority'];
  before?: string;
  limit: number;
}

/** Matches no team: an agent in no team sees an empty team view. */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

function queries(orm: Orm) {
  let byId: ReturnType<typeof conversationById> | undefined;
  return {
    /** Finds or creates the contact for an identity; one row per wallet customer, visitor or e-mail address. */
    async upsertContact(row: typeof contacts.$inferInsert): Promise<Contact> {
      const key = row.walletCustomerId ? contacts.walletCustomerId : row.visitorId ? contacts.visitorId : contacts.email;
      const [created] = await orm
        .insert(contacts)
        .values(row)
        .onConflictDoUpdate({ target: key, set: { lastSeenAt: new Date(), ...(row.displayName ? { displayName: row.displayName } : {}) } })
        .returning();
      return toContact(created!);
    },
    async conversation(id: string): Promise<Conversation | undefined> {
      // Read for every message by several event handlers: the query is built once, not per call.
      byId ??= conversationById(orm);
      const [row] = await byId.execute({ id });
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
    async inbox(filter: InboxFilter): Promise<Conversation[]> {
      const where = [
        filter.assigneeId === null ? isNull(conversations.assigneeId) : filter.assigneeId ? eq(conversations.assigneeId, filter.assigneeId) : undefined,
        filter.teamIds ? inArray(conversations.teamId, filter.teamIds.length ? filter.teamIds : [NO_TEAM]) : undefined,
        filter.contactId ? eq(conversations.contactId, filter.contactId) : undefined,
        filter.status ? eq(conversations.status, filter.status) : undefined,
        filter.category ? eq(conversations.category, filter.category) : undefined,
        filter.label ? arrayContains(conversations.labels, [filter.label]) : undefined,
        filter.priority ? eq(conversations.priority, filter.priority) : undefined,
        filter.before ? lt(conversations.id, filter.before) : undefined,
      ];
      return (await orm.select().from(conversations).where(and(...where)).orderBy(desc(conversations.id)).limit(filter.limit + 1)).map(toConversation);
    },
    /**
     * Marks the other side's messages up to `seq` delivered (and read); returns how many changed,
     * so that a repeated receipt is not pushed again.
     */
    async markReceipt(conversationId: string, input: { seq: number; read: boolean; authorTypes: Message['authorType'][]; at: Date }): Promise<number> {
      const pending = input.read ? isNull(messages.readAt) : isNull(messages.deliveredAt);
      const rows = await orm
        .update(messages)
        .set({ deliveredAt: sql`coalesce(${messages.deliveredAt}, ${input.at})`, ...(input.read ? { readAt: input.at } : {}) })
        .where(and(eq(messages.conversationId, conversationId), lte(messages.seq, input.seq), inArray(messages.authorType, input.authorTypes), pending))
        .returning({ id: messages.id });
      return rows.length;
    },
    /** Offers made before `before` that nobody accepted. */
    async unacceptedSince(before: Date): Promise<Conversation[]> {
      return (await orm.select().from(conversations).where(and(eq(conversations.status, 'assigned'), isNull(conversations.acceptedAt), lt(conversations.assignedAt, before)))).map(toConversation);
    },
    async markAccepted(id: string, agentId: string, at: Date): Promise<boolean> {
      const rows = await orm
        .update(conversations)
        .set({ acceptedAt: at, updatedAt: at })
        .where(and(eq(conversations.id, id), eq(conversations.status, 'assigned'), eq(conversations.assigneeId, agentId), isNull(conversations.acceptedAt)))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },
    /** Mean seconds from assignment to resolution over conversations resolved since then; null without any. */
    async averageHandleSeconds(since: Date): Promise<number | null> {
      const [row] = await orm
        .select({ seconds: sql<string | null>`avg(extract(epoch from ${conversations.resolvedAt} - ${conversations.assignedAt}))` })
        .from(conversations)
        .where(and(gt(conversations.resolvedAt, since), isNotNull(conversations.assignedAt)));
      return row?.seconds == null ? null : Number(row.seconds);
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
    /** Remembers an address a known customer gave (a ticket form): replies can then reach them by e-mail. */
    async setContactEmail(id: string, email: string): Promise<void> {
      await orm.update(contacts).set({ email }).where(and(eq(contacts.id, id), isNull(contacts.email), sql`not exists (select 1 from contacts taken where taken.email = ${email})`));
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
