import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { BreachAction, SlaMetric, SlaPolicy, SlaTimer } from './sla.js';
import { slaPolicies, slaTimers } from './sla.tables.js';

type TimerRow = typeof slaTimers.$inferSelect;

const toTimer = (r: TimerRow): SlaTimer => ({
  metric: r.metric,
  status: r.status,
  policyId: r.policyId,
  teamId: r.teamId,
  targetMs: r.targetMs,
  elapsedMs: r.elapsedMs,
  runningSince: r.runningSince,
  dueAt: r.dueAt,
  warnAt: r.warnAt,
  warnedAt: r.warnedAt,
  breachedAt: r.breachedAt,
  metAt: r.metAt,
});

/** A warning a node has claimed and now announces. */
export interface ClaimedWarning {
  id: string;
  ticketId: string;
  metric: SlaMetric;
  dueAt: Date;
  warnedAt: Date;
}

/** A breach a node has claimed and now escalates and announces. */
export interface ClaimedBreach {
  id: string;
  ticketId: string;
  metric: SlaMetric;
  dueAt: Date;
  breachedAt: Date;
  breachActions: BreachAction[];
}

export type PolicyPatch = Partial<Pick<SlaPolicy, 'name' | 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes' | 'acknowledgementMinutes' | 'warnAtPercent' | 'breachActions' | 'active' | 'hoursTeamId'>>;

export const slaStore = (orm: Orm) => transactional(orm, slaQueries);

export function slaQueries(orm: Orm) {
  return {
    /** By ticket type, then priority from low to urgent. */
    async policies(): Promise<SlaPolicy[]> {
      return orm
        .select()
        .from(slaPolicies)
        .orderBy(asc(slaPolicies.ticketType), sql`array_position(array['low', 'normal', 'high', 'urgent'], ${slaPolicies.priority})`);
    },
    async policy(id: string): Promise<SlaPolicy | undefined> {
      const [row] = await orm.select().from(slaPolicies).where(eq(slaPolicies.id, id));
      return row;
    },
    /** Seeding: a policy already there for its type and priority is kept as the admin left it. */
    async insertPolicies(rows: (typeof slaPolicies.$inferInsert)[]): Promise<void> {
      if (rows.length) await orm.insert(slaPolicies).values(rows).onConflictDoNothing();
    },
    async updatePolicy(id: string, patch: PolicyPatch, at: Date): Promise<SlaPolicy | undefined> {
      const [row] = await orm.update(slaPolicies).set({ ...patch, updatedAt: at }).where(eq(slaPolicies.id, id)).returning();
      return row;
    },

    async timers(ticketId: string): Promise<SlaTimer[]> {
      return (await orm.select().from(slaTimers).where(eq(slaTimers.ticketId, ticketId))).map(toTimer);
    },
    /**
     * A ticket's timers under row locks, for a change inside the ticket's transaction: a node
     * claiming one of them waits for the change (or skips it until the next round).
     */
    async lockTimers(ticketId: string): Promise<Map<SlaMetric, SlaTimer>> {
      const rows = await orm.select().from(slaTimers).where(eq(slaTimers.ticketId, ticketId)).orderBy(asc(slaTimers.metric)).for('update');
      return new Map(rows.map((r) => [r.metric, toTimer(r)]));
    },
    /**
     * Writes changed timers. A run that no longer carries a warning or a breach (a fresh next
     * response clock, a longer target) also drops their announcement marks, so it can warn and
     * breach again.
     */
    async saveTimers(ticketId: string, timers: SlaTimer[], at: Date): Promise<void> {
      if (timers.length === 0) return;
      await orm
        .insert(slaTimers)
        .values(timers.map((t) => ({ id: uuidv7(), ticketId, ...t, createdAt: at, updatedAt: at })))
        .onConflictDoUpdate({
          target: [slaTimers.ticketId, slaTimers.metric],
          set: {
            status: sql`excluded.status`,
            policyId: sql`excluded.policy_id`,
            teamId: sql`excluded.team_id`,
            targetMs: sql`excluded.target_ms`,
            elapsedMs: sql`excluded.elapsed_ms`,
            runningSince: sql`excluded.running_since`,
            dueAt: sql`excluded.due_at`,
            warnAt: sql`excluded.warn_at`,
            warnedAt: sql`excluded.warned_at`,
            warningSentAt: sql`case when excluded.warned_at is null then null else ${slaTimers.warningSentAt} end`,
            breachedAt: sql`excluded.breached_at`,
            breachHandledAt: sql`case when excluded.breached_at is null then null else ${slaTimers.breachHandledAt} end`,
            metAt: sql`excluded.met_at`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    },

    /**
     * Claims warnings that fell due (timers past their warning point, not yet due) and warnings a
     * node claimed but never announced before its lease ran out. One statement: `SKIP LOCKED`
     * lets nodes claim side by side, and the claimed rows are marked before anyone else can see
     * them.
     */
    async claimWarnings(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedWarning[]> {
      const due = orm
        .select({ id: slaTimers.id })
        .from(slaTimers)
        .where(
          and(
            eq(slaTimers.status, 'running'),
            gt(slaTimers.dueAt, now),
            or(
              and(isNull(slaTimers.warnedAt), lte(slaTimers.warnAt, now)),
              and(isNotNull(slaTimers.warnedAt), isNull(slaTimers.warningSentAt), lte(slaTimers.leaseUntil, now)),
            ),
          ),
        )
        .orderBy(asc(slaTimers.warnAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await orm
        .update(slaTimers)
        .set({ warnedAt: sql`coalesce(${slaTimers.warnedAt}, ${now})`, leaseUntil: leaseUntil })
        .where(inArray(slaTimers.id, due))
        .returning({ id: slaTimers.id, ticketId: slaTimers.ticketId, metric: slaTimers.metric, dueAt: slaTimers.dueAt, warnedAt: slaTimers.warnedAt });
      return rows.map((r) => ({ ...r, dueAt: r.dueAt!, warnedAt: r.warnedAt! }));
    },

    /**
     * Claims timers past their due instant, marking them breached (at the instant they fell due,
     * however late the poll), and breaches claimed but left unhandled by a node whose lease ran out.
     */
    async claimBreaches(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedBreach[]> {
      const due = orm
        .select({ id: slaTimers.id })
        .from(slaTimers)
        .where(
          or(
            and(eq(slaTimers.status, 'running'), lte(slaTimers.dueAt, now)),
            and(eq(slaTimers.status, 'breached'), isNull(slaTimers.breachHandledAt), lte(slaTimers.leaseUntil, now)),
          ),
        )
        .orderBy(asc(slaTimers.dueAt))
        .limit(limit)
        .for('update', { of: slaTimers, skipLocked: true });
      const rows = await orm
        .update(slaTimers)
        .set({
          status: 'breached',
          breachedAt: sql`coalesce(${slaTimers.breachedAt}, ${slaTimers.dueAt})`,
          // Time stops counting at the breach: what is left is when it is answered (met_at).
          elapsedMs: sql`${slaTimers.targetMs}`,
          runningSince: null,
          warnAt: null,
          leaseUntil,
          updatedAt: now,
        })
        .from(slaPolicies)
        .where(and(inArray(slaTimers.id, due), eq(slaPolicies.id, slaTimers.policyId)))
        .returning({
          id: slaTimers.id,
          ticketId: slaTimers.ticketId,
          metric: slaTimers.metric,
          dueAt: slaTimers.dueAt,
          breachedAt: slaTimers.breachedAt,
          breachActions: slaPolicies.breachActions,
        });
      return rows.map((r) => ({ ...r, dueAt: r.dueAt!, breachedAt: r.breachedAt! }));
    },

    /** Only the claim that was announced is marked: a run restarted meanwhile keeps its own marks. */
    async markWarningSent(id: string, warnedAt: Date, at: Date): Promise<void> {
      await orm.update(slaTimers).set({ warningSentAt: at }).where(and(eq(slaTimers.id, id), eq(slaTimers.warnedAt, warnedAt), isNull(slaTimers.warningSentAt)));
    },
    async markBreachHandled(id: string, breachedAt: Date, at: Date): Promise<void> {
      await orm.update(slaTimers).set({ breachHandledAt: at }).where(and(eq(slaTimers.id, id), eq(slaTimers.breachedAt, breachedAt), isNull(slaTimers.breachHandledAt)));
    },
  };
}

export type SlaQueries = ReturnType<typeof slaQueries>;
export type SlaStore = ReturnType<typeof slaStore>;
