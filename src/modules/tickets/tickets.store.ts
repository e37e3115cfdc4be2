import { and, asc, desc, eq, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Ticket, TicketEntry, TicketStatus } from './tickets.js';
import { ticketAttachments, ticketEntries, ticketFields, ticketLinks, tickets } from './tickets.tables.js';

type Row = typeof tickets.$inferSelect;

const toTicket = (r: Row): Ticket => ({
  id: r.id,
  reference: r.reference,
  type: r.type as Ticket['type'],
  category: r.category,
  subject: r.subject,
  status: r.status as Ticket['status'],
  priority: r.priority as Ticket['priority'],
  channel: r.channel as Ticket['channel'],
  contactId: r.contactId,
  requesterEmail: r.requesterEmail,
  language: r.language === 'en' ? 'en' : 'zh-CN',
  assigneeId: r.assigneeId,
  teamId: r.teamId,
  conversationId: r.conversationId,
  mergedIntoId: r.mergedIntoId,
  fields: r.fields,
  transaction: {
    reference: r.transactionReference,
    amount: r.amountMinor !== null && r.currency ? { amount: r.amountMinor, currency: r.currency } : null,
    occurredAt: r.occurredAt,
    errorMessage: r.errorMessage,
  },
  complaint:
    r.type === 'complaint'
      ? { acknowledgedAt: r.acknowledgedAt, reviewStatus: r.reviewStatus as 'none', reviewedBy: r.reviewedBy, reviewNote: r.reviewNote, escalationLevel: r.escalationLevel, outcome: r.outcome ?? null }
      : null,
  customerSeenAt: r.customerSeenAt,
  lastPublicAt: r.lastPublicAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  firstResponseAt: r.firstResponseAt,
  solvedAt: r.solvedAt,
  closedAt: r.closedAt,
});

const toEntry = (r: typeof ticketEntries.$inferSelect): TicketEntry => ({
  id: r.id,
  ticketId: r.ticketId,
  kind: r.kind as TicketEntry['kind'],
  authorType: r.authorType as TicketEntry['authorType'],
  authorId: r.authorId,
  body: r.body,
  data: r.data,
  via: r.via as TicketEntry['via'],
  createdAt: r.createdAt,
});

export interface TicketFilter {
  assigneeId?: string | null;
  teamIds?: string[];
  status?: TicketStatus[];
  type?: string;
  priority?: string;
  category?: string;
  contactId?: string;
  /** A reference (exact) or words of the subject. */
  q?: string;
}

export type TicketRow = typeof tickets.$inferInsert;
export type TicketPatch = Partial<Omit<TicketRow, 'id' | 'reference' | 'createdAt'>>;

function queries(orm: Orm) {
  return {
    /** The transaction's own connection, for the SLA timers that join it. */
    orm,

    async insert(row: TicketRow): Promise<Ticket> {
      const [created] = await orm.insert(tickets).values(row).returning();
      return toTicket(created!);
    },
    async get(id: string): Promise<Ticket | undefined> {
      const [row] = await orm.select().from(tickets).where(eq(tickets.id, id));
      return row && toTicket(row);
    },
    /** Read under a row lock: changes to one ticket happen one after another. */
    async lock(id: string): Promise<Ticket | undefined> {
      const [row] = await orm.select().from(tickets).where(eq(tickets.id, id)).for('update');
      return row && toTicket(row);
    },
    async byReference(reference: string): Promise<Ticket | undefined> {
      const [row] = await orm.select().from(tickets).where(eq(tickets.reference, reference));
      return row && toTicket(row);
    },
    async update(id: string, patch: TicketPatch): Promise<Ticket> {
      const [row] = await orm.update(tickets).set({ ...patch, updatedAt: patch.updatedAt ?? sql`now()` }).where(eq(tickets.id, id)).returning();
      return toTicket(row!);
    },
    async list(filter: TicketFilter, limit: number, before?: string): Promise<Ticket[]> {
      const where: (SQL | undefined)[] = [
        filter.assigneeId === null ? isNull(tickets.assigneeId) : filter.assigneeId ? eq(tickets.assigneeId, filter.assigneeId) : undefined,
        filter.teamIds ? (filter.teamIds.length ? inArray(tickets.teamId, filter.teamIds) : sql`false`) : undefined,
        filter.status?.length ? inArray(tickets.status, filter.status) : undefined,
        filter.type ? eq(tickets.type, filter.type) : undefined,
        filter.priority ? eq(tickets.priority, filter.priority) : undefined,
        filter.category ? eq(tickets.category, filter.category) : undefined,
        filter.contactId ? eq(tickets.contactId, filter.contactId) : undefined,
        filter.q ? or(eq(tickets.reference, filter.q.toUpperCase()), ilike(tickets.subject, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)) : undefined,
        before ? lt(tickets.id, before) : undefined,
      ];
      return (await orm.select().from(tickets).where(and(...where)).orderBy(desc(tickets.id)).limit(limit)).map(toTicket);
    },
    async ofContact(contactId: string, limit: number): Promise<Ticket[]> {
      return (await orm.select().from(tickets).where(and(eq(tickets.contactId, contactId), isNull(tickets.mergedIntoId))).orderBy(desc(tickets.id)).limit(limit)).map(toTicket);
    },
    async mergedInto(id: string): Promise<Ticket[]> {
      return (await orm.select().from(tickets).where(eq(tickets.mergedIntoId, id)).orderBy(asc(tickets.id))).map(toTicket);
    },

    async insertEntry(row: typeof ticketEntries.$inferInsert): Promise<TicketEntry> {
      const [created] = await orm.insert(ticketEntries).values(row).returning();
      return toEntry(created!);
    },
    async entries(ticketId: string, publicOnly: boolean): Promise<TicketEntry[]> {
      const rows = await orm
        .select()
        .from(ticketEntries)
        .where(and(eq(ticketEntries.ticketId, ticketId), publicOnly ? ne(ticketEntries.kind, 'note') : undefined))
        .orderBy(asc(ticketEntries.id));
      return rows.map(toEntry);
    },
    async attach(attachmentIds: string[], ticketId: string, entryId: string): Promise<void> {
      if (attachmentIds.length) await orm.insert(ticketAttachments).values(attachmentIds.map((attachmentId) => ({ attachmentId, ticketId, entryId })));
    },
    async attachmentsOf(ticketId: string): Promise<{ attachmentId: string; entryId: string }[]> {
      return orm.select({ attachmentId: ticketAttachments.attachmentId, entryId: ticketAttachments.entryId }).from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticketId));
    },
    async holdsAttachment(ticketId: string, attachmentId: string): Promise<boolean> {
      const [row] = await orm.select({ id: ticketAttachments.attachmentId }).from(ticketAttachments).where(and(eq(ticketAttachments.ticketId, ticketId), eq(ticketAttachments.attachmentId, attachmentId)));
      return !!row;
    },

    async link(a: string, b: string): Promise<void> {
      await orm.insert(ticketLinks).values([{ ticketId: a, relatedId: b }, { ticketId: b, relatedId: a }]).onConflictDoNothing();
    },
    async unlink(a: string, b: string): Promise<boolean> {
      const removed = await orm
        .delete(ticketLinks)
        .where(or(and(eq(ticketLinks.ticketId, a), eq(ticketLinks.relatedId, b)), and(eq(ticketLinks.ticketId, b), eq(ticketLinks.relatedId, a))))
        .returning();
      return removed.length > 0;
    },
    async related(id: string): Promise<Ticket[]> {
      const rows = await orm.select({ t: tickets }).from(ticketLinks).innerJoin(tickets, eq(tickets.id, ticketLinks.relatedId)).where(eq(ticketLinks.ticketId, id)).orderBy(asc(tickets.id));
      return rows.map((r) => toTicket(r.t));
    },

    async fields(category?: string) {
      return orm
        .select()
        .from(ticketFields)
        .where(category ? eq(ticketFields.category, category) : undefined)
        .orderBy(asc(ticketFields.category), asc(ticketFields.position));
    },
    async insertFields(rows: (typeof ticketFields.$inferInsert)[]): Promise<void> {
      if (rows.length) await orm.insert(ticketFields).values(rows).onConflictDoNothing();
    },
  };
}

export function ticketsStore(orm: Orm) {
  return transactional(orm, queries);
}

export type TicketsStore = ReturnType<typeof ticketsStore>;
export type TicketsQueries = ReturnType<typeof queries>;
