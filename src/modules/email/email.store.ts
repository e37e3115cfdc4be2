import { and, asc, desc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Direction, EmailStatus } from './email.js';
import { emailAttachments, emailMessages } from './email.tables.js';

type Row = typeof emailMessages.$inferSelect;
export type NewEmailRow = typeof emailMessages.$inferInsert;

/** A stored message as the rest of the module sees it (the lease is the store's business). */
export type EmailMessage = Omit<Row, 'lockedUntil'>;

const toMessage = ({ lockedUntil: _lease, ...message }: Row): EmailMessage => message;

/** The outcome of trying to take an inbound message for processing. */
export type InboundClaim = { claimed: true; message: EmailMessage } | { claimed: false; status: EmailStatus; busy: boolean };

const free = (now: Date) => or(isNull(emailMessages.lockedUntil), lte(emailMessages.lockedUntil, now));

export const emailStore = (orm: Orm) => transactional(orm, queries);

function queries(orm: Orm) {
  return {
    /**
     * Stores an inbound message and takes it for processing, or finds it stored already (the
     * sending server redelivered it). A copy still `received` whose lease ran out (a node failed
     * while handing it to tickets) is taken again; one being processed right now is `busy`.
     */
    async claimInbound(row: NewEmailRow, now: Date, leaseUntil: Date): Promise<InboundClaim> {
      const [inserted] = await orm.insert(emailMessages).values({ ...row, lockedUntil: row.status === 'received' ? leaseUntil : null }).onConflictDoNothing().returning();
      if (inserted) return { claimed: true, message: toMessage(inserted) };
      const sameId = and(eq(emailMessages.direction, 'inbound'), eq(emailMessages.messageId, row.messageId));
      const [retaken] = await orm
        .update(emailMessages)
        .set({ lockedUntil: leaseUntil })
        .where(and(sameId, eq(emailMessages.status, 'received'), free(now)))
        .returning();
      if (retaken) return { claimed: true, message: toMessage(retaken) };
      const [existing] = await orm.select({ status: emailMessages.status }).from(emailMessages).where(sameId);
      return { claimed: false, status: existing?.status ?? 'received', busy: existing?.status === 'received' };
    },

    /** Takes a quarantined message for release unless another request is releasing it. */
    async claimQuarantined(id: string, now: Date, leaseUntil: Date): Promise<EmailMessage | undefined> {
      const [row] = await orm
        .update(emailMessages)
        .set({ lockedUntil: leaseUntil })
        .where(and(eq(emailMessages.id, id), eq(emailMessages.direction, 'inbound'), eq(emailMessages.status, 'quarantined'), free(now)))
        .returning();
      return row && toMessage(row);
    },

    async finish(id: string, patch: Partial<Pick<Row, 'status' | 'ticketId' | 'finishedAt' | 'lastError'>>): Promise<void> {
      await orm.update(emailMessages).set({ ...patch, lockedUntil: null }).where(eq(emailMessages.id, id));
    },

    /**
     * The ticket of the first of `messageIds` (in the order given) that is a stored message
     * belonging to a ticket.
     */
    async ticketOfFirst(messageIds: readonly string[]): Promise<string | null> {
      if (messageIds.length === 0) return null;
      const rows = await orm
        .select({ messageId: emailMessages.messageId, ticketId: emailMessages.ticketId })
        .from(emailMessages)
        .where(inArray(emailMessages.messageId, [...messageIds]));
      const byId = new Map(rows.filter((r) => r.ticketId).map((r) => [r.messageId, r.ticketId!]));
      for (const id of messageIds) if (byId.has(id)) return byId.get(id)!;
      return null;
    },

    /**
     * The Message-IDs of a ticket's thread written before `beforeId`, oldest first: mail the
     * customer sent that reached the ticket, and mail we sent or are sending.
     */
    async threadBefore(ticketId: string, beforeId: string): Promise<string[]> {
      const rows = await orm
        .select({ messageId: emailMessages.messageId })
        .from(emailMessages)
        .where(and(eq(emailMessages.ticketId, ticketId), lt(emailMessages.id, beforeId), inArray(emailMessages.status, ['processed', 'sent', 'queued'])))
        .orderBy(asc(emailMessages.id));
      return rows.map((r) => r.messageId);
    },

    /** A second message with the same dedupe key is ignored: undefined. */
    async insertOutbound(row: NewEmailRow): Promise<EmailMessage | undefined> {
      const [inserted] = await orm.insert(emailMessages).values(row).onConflictDoNothing().returning();
      return inserted && toMessage(inserted);
    },

    /**
     * Claims up to `limit` queued messages that are due, until `leaseUntil`. `SKIP LOCKED` lets
     * nodes claim side by side; the lease keeps a row from the others while it is being sent.
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<EmailMessage[]> {
      const due = orm
        .select({ id: emailMessages.id })
        .from(emailMessages)
        .where(and(eq(emailMessages.status, 'queued'), lte(emailMessages.nextAttemptAt, now), free(now)))
        .orderBy(asc(emailMessages.nextAttemptAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      return (await orm.update(emailMessages).set({ lockedUntil: leaseUntil }).where(inArray(emailMessages.id, due)).returning()).map(toMessage);
    },

    /** Records an attempt and moves the message on; the lease is given back. */
    async recordAttempt(id: string, patch: Pick<Row, 'status' | 'attempts' | 'lastError' | 'inReplyTo' | 'references'> & Partial<Pick<Row, 'nextAttemptAt' | 'finishedAt'>>): Promise<void> {
      await orm
        .update(emailMessages)
        .set({ ...patch, lockedUntil: null })
        .where(and(eq(emailMessages.id, id), eq(emailMessages.status, 'queued')));
    },

    /** Gives a claim back without counting an attempt. */
    async release(id: string): Promise<void> {
      await orm.update(emailMessages).set({ lockedUntil: null }).where(eq(emailMessages.id, id));
    },

    /** A failed outbound message starts a fresh round of attempts. */
    async requeue(id: string, now: Date): Promise<EmailMessage | undefined> {
      const [row] = await orm
        .update(emailMessages)
        .set({ status: 'queued', attempts: 0, nextAttemptAt: now, finishedAt: null, lockedUntil: null })
        .where(and(eq(emailMessages.id, id), eq(emailMessages.direction, 'outbound'), eq(emailMessages.status, 'failed')))
        .returning();
      return row && toMessage(row);
    },

    async get(id: string): Promise<EmailMessage | undefined> {
      const [row] = await orm.select().from(emailMessages).where(eq(emailMessages.id, id));
      return row && toMessage(row);
    },

    /** Newest first; `limit + 1` rows for toPage. */
    async list(filter: { direction?: Direction; status?: EmailStatus; before?: string; limit: number }): Promise<EmailMessage[]> {
      const where = and(
        filter.direction ? eq(emailMessages.direction, filter.direction) : undefined,
        filter.status ? eq(emailMessages.status, filter.status) : undefined,
        filter.before ? lt(emailMessages.id, filter.before) : undefined,
      );
      return (await orm.select().from(emailMessages).where(where).orderBy(desc(emailMessages.id)).limit(filter.limit + 1)).map(toMessage);
    },

    async insertAttachments(rows: (typeof emailAttachments.$inferInsert)[]): Promise<void> {
      if (rows.length > 0) await orm.insert(emailAttachments).values(rows);
    },

    async attachmentsOf(emailId: string): Promise<{ filename: string; contentType: string; content: Buffer }[]> {
      const rows = await orm.select().from(emailAttachments).where(eq(emailAttachments.emailId, emailId)).orderBy(asc(emailAttachments.id));
      return rows.map((r) => ({ filename: r.filename, contentType: r.contentType, content: Buffer.from(r.content) }));
    },

    async deleteAttachments(emailId: string): Promise<void> {
      await orm.delete(emailAttachments).where(eq(emailAttachments.emailId, emailId));
    },
  };
}

export type EmailStore = ReturnType<typeof emailStore>;
