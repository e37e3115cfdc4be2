import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Callback, CallbackCapacity, CallbackStatus, Slot } from './callbacks.js';
import { callbackCapacity, callbackRequests, callbackSlots } from './callbacks.tables.js';

type Row = typeof callbackRequests.$inferSelect;
export type CallbackRow = typeof callbackRequests.$inferInsert;
export type CallbackPatch = Partial<Omit<CallbackRow, 'id' | 'reference' | 'contactId' | 'createdAt' | 'createdBy'>>;

const toCallback = (r: Row): Callback => ({
  id: r.id,
  reference: r.reference,
  contactId: r.contactId,
  walletCustomerId: r.walletCustomerId,
  phoneSource: r.phoneSource as Callback['phoneSource'],
  phoneE164: r.phoneE164,
  phoneMasked: r.phoneMasked,
  timezone: r.timezone,
  language: r.language === 'en' ? 'en' : 'zh-CN',
  topic: r.topic,
  note: r.note,
  teamId: r.teamId,
  slotStartsAt: r.slotStartsAt,
  slotEndsAt: r.slotEndsAt,
  status: r.status as CallbackStatus,
  conversationId: r.conversationId,
  ticketId: r.ticketId,
  remindedAt: r.remindedAt,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  cancelledAt: r.cancelledAt,
  completedAt: r.completedAt,
});

/** Advisory-lock namespace of "one contact's callbacks" (the second key is the contact's hash). */
const CONTACT_LOCK_SPACE = 60_001;

function queries(orm: Orm) {
  return {
    /**
     * Serializes the bookings of one contact until the transaction ends, so two concurrent
     * requests of the same customer cannot both pass the overlap check.
     */
    async lockContact(contactId: string): Promise<void> {
      await orm.execute(sql`select pg_advisory_xact_lock(${CONTACT_LOCK_SPACE}, hashtext(${contactId}))`);
    },

    /** The contact's scheduled callbacks overlapping `slot`, other than `except`. */
    async overlapping(contactId: string, slot: Slot, except?: string): Promise<Callback[]> {
      const rows = await orm
        .select()
        .from(callbackRequests)
        .where(
          and(
            eq(callbackRequests.contactId, contactId),
            eq(callbackRequests.status, 'scheduled'),
            lt(callbackRequests.slotStartsAt, slot.endsAt),
            gt(callbackRequests.slotEndsAt, slot.startsAt),
            except ? ne(callbackRequests.id, except) : undefined,
          ),
        );
      return rows.map(toCallback);
    },

    /**
     * Takes one seat: the slot row is created with the team's current capacity if nobody booked
     * it yet, then counted up only while seats are left. Under concurrency the second UPDATE waits
     * for the first and re-checks `booked < capacity` on the committed row. False: full.
     */
    async takeSeat(teamId: string, slot: Slot, capacity: number): Promise<boolean> {
      await orm.insert(callbackSlots).values({ teamId, startsAt: slot.startsAt, endsAt: slot.endsAt, booked: 0, capacity }).onConflictDoNothing();
      const taken = await orm
        .update(callbackSlots)
        .set({ booked: sql`${callbackSlots.booked} + 1` })
        .where(and(eq(callbackSlots.teamId, teamId), eq(callbackSlots.startsAt, slot.startsAt), lt(callbackSlots.booked, callbackSlots.capacity)))
        .returning({ booked: callbackSlots.booked });
      return taken.length > 0;
    },

    async freeSeat(teamId: string, startsAt: Date): Promise<void> {
      await orm
        .update(callbackSlots)
        .set({ booked: sql`${callbackSlots.booked} - 1` })
        .where(and(eq(callbackSlots.teamId, teamId), eq(callbackSlots.startsAt, startsAt), gt(callbackSlots.booked, 0)));
    },

    /** Booked counts of a team's slots between two instants, keyed by start (ms). */
    async seats(teamId: string, from: Date, to: Date): Promise<Map<number, { booked: number; capacity: number }>> {
      const rows = await orm
        .select()
        .from(callbackSlots)
        .where(and(eq(callbackSlots.teamId, teamId), gte(callbackSlots.startsAt, from), lt(callbackSlots.startsAt, to)));
      return new Map(rows.map((r) => [r.startsAt.getTime(), { booked: r.booked, capacity: r.capacity }]));
    },

    async seat(teamId: string, startsAt: Date): Promise<{ booked: number; capacity: number } | undefined> {
      const [row] = await orm.select().from(callbackSlots).where(and(eq(callbackSlots.teamId, teamId), eq(callbackSlots.startsAt, startsAt)));
      return row && { booked: row.booked, capacity: row.capacity };
    },

    async insert(row: CallbackRow): Promise<Callback> {
      const [created] = await orm.insert(callbackRequests).values(row).returning();
      return toCallback(created!);
    },
    async get(id: string): Promise<Callback | undefined> {
      const [row] = await orm.select().from(callbackRequests).where(eq(callbackRequests.id, id));
      return row && toCallback(row);
    },
    /** Read under a row lock: changes to one callback happen one after another. */
    async lock(id: string): Promise<Callback | undefined> {
      const [row] = await orm.select().from(callbackRequests).where(eq(callbackRequests.id, id)).for('update');
      return row && toCallback(row);
    },
    async update(id: string, patch: CallbackPatch, now: Date): Promise<Callback> {
      const [row] = await orm.update(callbackRequests).set({ ...patch, updatedAt: now }).where(eq(callbackRequests.id, id)).returning();
      return toCallback(row!);
    },
    async ofContact(contactId: string, limit: number): Promise<Callback[]> {
      return (await orm.select().from(callbackRequests).where(eq(callbackRequests.contactId, contactId)).orderBy(desc(callbackRequests.id)).limit(limit)).map(toCallback);
    },
    async list(filter: { status?: CallbackStatus[]; contactId?: string }, limit: number, before?: string): Promise<Callback[]> {
      const where: (SQL | undefined)[] = [
        filter.status?.length ? inArray(callbackRequests.status, filter.status) : undefined,
        filter.contactId ? eq(callbackRequests.contactId, filter.contactId) : undefined,
        before ? lt(callbackRequests.id, before) : undefined,
      ];
      return (await orm.select().from(callbackRequests).where(and(...where)).orderBy(desc(callbackRequests.id)).limit(limit)).map(toCallback);
    },

    /**
     * Claims the reminders due by `dueBefore` (slot not yet started): one UPDATE, so exactly one
     * node gets each. A claim whose lease ran out unannounced (its node stopped) is claimed again.
     */
    async claimReminders(now: Date, dueBefore: Date, leaseUntil: Date, limit: number): Promise<Callback[]> {
      const due = orm
        .select({ id: callbackRequests.id })
        .from(callbackRequests)
        .where(
          and(
            eq(callbackRequests.status, 'scheduled'),
            isNull(callbackRequests.reminderSentAt),
            lte(callbackRequests.slotStartsAt, dueBefore),
            gt(callbackRequests.slotStartsAt, now),
            or(isNull(callbackRequests.remindedAt), lt(callbackRequests.reminderLeaseUntil, now)),
          ),
        )
        .orderBy(asc(callbackRequests.slotStartsAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await orm
        .update(callbackRequests)
        .set({ remindedAt: now, reminderLeaseUntil: leaseUntil })
        .where(and(inArray(callbackRequests.id, due), isNull(callbackRequests.reminderSentAt), or(isNull(callbackRequests.remindedAt), lt(callbackRequests.reminderLeaseUntil, now))))
        .returning();
      return rows.map(toCallback);
    },
    async markReminderSent(id: string, remindedAt: Date, now: Date): Promise<void> {
      await orm.update(callbackRequests).set({ reminderSentAt: now }).where(and(eq(callbackRequests.id, id), eq(callbackRequests.remindedAt, remindedAt)));
    },

    async capacities(): Promise<Map<string, CallbackCapacity>> {
      const rows = await orm.select().from(callbackCapacity);
      return new Map(rows.map((r) => [r.teamId, { slotMinutes: r.slotMinutes, capacityPerSlot: r.capacityPerSlot, leadMinutes: r.leadMinutes, daysAhead: r.daysAhead }]));
    },
    async capacity(teamId: string): Promise<CallbackCapacity | undefined> {
      const [r] = await orm.select().from(callbackCapacity).where(eq(callbackCapacity.teamId, teamId));
      return r && { slotMinutes: r.slotMinutes, capacityPerSlot: r.capacityPerSlot, leadMinutes: r.leadMinutes, daysAhead: r.daysAhead };
    },
    /**
     * A team's settings; slots already booked from `from` on take the new seat count (never below
     * what they hold), so raising capacity opens seats at once.
     */
    async setCapacity(teamId: string, c: CallbackCapacity, from: Date, now: Date): Promise<void> {
      await orm
        .insert(callbackCapacity)
        .values({ teamId, ...c, updatedAt: now })
        .onConflictDoUpdate({ target: callbackCapacity.teamId, set: { ...c, updatedAt: now } });
      await orm
        .update(callbackSlots)
        .set({ capacity: sql`greatest(${c.capacityPerSlot}, ${callbackSlots.booked})` })
        .where(and(eq(callbackSlots.teamId, teamId), gte(callbackSlots.startsAt, from)));
    },
    /** Seeds: teams that have no settings get these. */
    async insertCapacities(teamIds: string[], c: CallbackCapacity): Promise<void> {
      if (teamIds.length) await orm.insert(callbackCapacity).values(teamIds.map((teamId) => ({ teamId, ...c }))).onConflictDoNothing();
    },
  };
}

export function callbacksStore(orm: Orm) {
  return transactional(orm, queries);
}

export type CallbacksStore = ReturnType<typeof callbacksStore>;
export type CallbacksQueries = ReturnType<typeof queries>;
