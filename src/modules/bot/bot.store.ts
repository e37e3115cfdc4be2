import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database.js';
import { botIntents, botModels, botSessions, knowledgeGaps } from './bot.tables.js';

export type IntentRow = typeof botIntents.$inferSelect;
export type GapRow = typeof knowledgeGaps.$inferSelect;

/** SQL for the bot's own tables. */
export function botStore(orm: Orm) {
  return {
    intents: () => orm.select().from(botIntents).orderBy(asc(botIntents.id)),
    async intent(id: string): Promise<IntentRow | undefined> {
      return (await orm.select().from(botIntents).where(eq(botIntents.id, id)))[0];
    },
    async upsertIntent(row: typeof botIntents.$inferInsert): Promise<IntentRow> {
      const [saved] = await orm.insert(botIntents).values(row).onConflictDoUpdate({ target: botIntents.id, set: { ...row, updatedAt: new Date() } }).returning();
      return saved!;
    },
    async deleteIntent(id: string): Promise<boolean> {
      return (await orm.delete(botIntents).where(eq(botIntents.id, id)).returning({ id: botIntents.id })).length > 0;
    },

    async latestModel() {
      return (await orm.select().from(botModels).orderBy(desc(botModels.version)).limit(1))[0];
    },
    async modelVersions(limit: number) {
      return orm
        .select({ version: botModels.version, dataHash: botModels.dataHash, metrics: botModels.metrics, trainedAt: botModels.trainedAt, trainingMs: botModels.trainingMs })
        .from(botModels)
        .orderBy(desc(botModels.version))
        .limit(limit);
    },
    /** The next version number is taken in the insert itself, so two nodes training at once get two versions, never a clash. */
    async insertModel(row: Omit<typeof botModels.$inferInsert, 'version'>): Promise<number> {
      const [saved] = await orm
        .insert(botModels)
        .values({ ...row, version: sql`(select coalesce(max(version), 0) + 1 from bot_models)` })
        .returning({ version: botModels.version });
      return saved!.version;
    },

    /** Starts the bot's record of a conversation; false when another node already did. */
    async openSession(conversationId: string): Promise<boolean> {
      return (await orm.insert(botSessions).values({ conversationId }).onConflictDoNothing().returning({ id: botSessions.conversationId })).length > 0;
    },
    /**
     * Takes a customer message for answering: only the first node to claim a sequence number
     * gets the state back, so a message is answered once however many nodes see the event.
     */
    async claimTurn(conversationId: string, seq: number): Promise<Record<string, unknown> | null> {
      await orm.insert(botSessions).values({ conversationId }).onConflictDoNothing();
      const [row] = await orm
        .update(botSessions)
        .set({ lastSeq: seq, updatedAt: new Date() })
        .where(and(eq(botSessions.conversationId, conversationId), lt(botSessions.lastSeq, seq)))
        .returning({ state: botSessions.state });
      return row ? (row.state as Record<string, unknown>) : null;
    },
    async saveSession(conversationId: string, patch: { state: unknown; outcome?: 'contained' | 'handed_over'; handoverReason?: string }): Promise<void> {
      await orm
        .update(botSessions)
        .set({ state: patch.state, updatedAt: new Date(), ...(patch.outcome ? { outcome: patch.outcome, handoverReason: patch.handoverReason ?? null } : {}) })
        .where(eq(botSessions.conversationId, conversationId));
    },
    /**
     * Records that the conversation went to a person, once per handover: the bot's own and the
     * customer's button race to it, and only the first writes the summary. Returns the dialogue
     * state for the summary, or null when there is no bot session or it was already recorded.
     */
    async claimHandover(conversationId: string, reason: string): Promise<Record<string, unknown> | null> {
      const [row] = await orm
        .update(botSessions)
        .set({ outcome: 'handed_over', handoverReason: reason, updatedAt: new Date() })
        .where(and(eq(botSessions.conversationId, conversationId), sql`${botSessions.outcome} is distinct from 'handed_over'`))
        .returning({ state: botSessions.state });
      return row ? (row.state as Record<string, unknown>) : null;
    },
    /** Outside business hours nothing was queued after all: the handover is not recorded. */
    async releaseHandover(conversationId: string): Promise<void> {
      await orm.update(botSessions).set({ outcome: null, handoverReason: null }).where(eq(botSessions.conversationId, conversationId));
    },
    async session(conversationId: string) {
      return (await orm.select().from(botSessions).where(eq(botSessions.conversationId, conversationId)))[0];
    },

    async insertGap(row: typeof knowledgeGaps.$inferInsert): Promise<void> {
      await orm.insert(knowledgeGaps).values(row);
    },
    async gaps(status: GapRow['status'], limit: number): Promise<GapRow[]> {
      return orm.select().from(knowledgeGaps).where(eq(knowledgeGaps.status, status)).orderBy(desc(knowledgeGaps.createdAt)).limit(limit);
    },
    async setGapStatus(ids: string[], status: GapRow['status'], articleId: string | null): Promise<number> {
      if (!ids.length) return 0;
      const rows = await orm
        .update(knowledgeGaps)
        .set({ status, articleId })
        .where(inArray(knowledgeGaps.id, ids))
        .returning({ id: knowledgeGaps.id });
      return rows.length;
    },
  };
}

export type BotStore = ReturnType<typeof botStore>;
