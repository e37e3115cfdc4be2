import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { CallPolicy, CallPriority, CallPurpose, CallStatus, CallTask, QueuePosition } from './call-tasks.js';
import { callAttempts, callPolicy, callTasks, returnVisitRules } from './call-tasks.tables.js';
import type { ReturnVisitRule } from './return-visits.js';

type TaskRow = typeof callTasks.$inferSelect;

const toTask = (r: TaskRow): CallTask => ({
  ...r,
  kind: r.kind as CallTask['kind'],
  purpose: r.purpose as CallPurpose,
  status: r.status as CallStatus,
  priority: r.priority as CallPriority,
  phoneSource: r.phoneSource as CallTask['phoneSource'],
  language: r.language === 'en' ? 'en' : 'zh-CN',
  outcome: r.outcome as CallTask['outcome'],
  followUp: r.followUp as CallTask['followUp'],
});

const toRule = (r: typeof returnVisitRules.$inferSelect): ReturnVisitRule => ({
  ...r,
  trigger: r.trigger as ReturnVisitRule['trigger'],
  purpose: r.purpose as ReturnVisitRule['purpose'],
  priority: r.priority as CallPriority,
});

export interface TaskFilter {
  /** null: unassigned only. */
  assigneeId?: string | null;
  statuses?: CallStatus[];
  purpose?: CallPurpose;
}

export type TaskInsert = typeof callTasks.$inferInsert;
export type TaskPatch = Partial<Omit<TaskInsert, 'id' | 'createdAt'>>;
export type RuleInsert = typeof returnVisitRules.$inferInsert;

/** The queue's priority order as SQL, matching `rankOf` in call-tasks.ts. */
const rank = sql<number>`(case ${callTasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

function queries(orm: Orm) {
  return {
    orm,

    /** Undefined when a task with the same callback or source key exists: the copy another node already made. */
    async insert(row: TaskInsert): Promise<CallTask | undefined> {
      const [created] = await orm.insert(callTasks).values(row).onConflictDoNothing().returning();
      return created && toTask(created);
    },
    async get(id: string): Promise<CallTask | undefined> {
      const [row] = await orm.select().from(callTasks).where(eq(callTasks.id, id));
      return row && toTask(row);
    },
    /** Read under a row lock: claims and outcomes on one task happen one after another. */
    async lock(id: string): Promise<CallTask | undefined> {
      const [row] = await orm.select().from(callTasks).where(eq(callTasks.id, id)).for('update');
      return row && toTask(row);
    },
    async lockByCallback(callbackId: string): Promise<CallTask | undefined> {
      const [row] = await orm.select().from(callTasks).where(eq(callTasks.callbackId, callbackId)).for('update');
      return row && toTask(row);
    },
    /** The task of each callback that has one. */
    async taskIdsOfCallbacks(callbackIds: string[]): Promise<Map<string, string>> {
      if (callbackIds.length === 0) return new Map();
      const rows = await orm.select({ id: callTasks.id, callbackId: callTasks.callbackId }).from(callTasks).where(inArray(callTasks.callbackId, callbackIds));
      return new Map(rows.map((r) => [r.callbackId!, r.id]));
    },
    async update(id: string, patch: TaskPatch): Promise<CallTask> {
      const [row] = await orm.update(callTasks).set(patch).where(eq(callTasks.id, id)).returning();
      return toTask(row!);
    },
    /** In queue order, after `after` (the last row of the previous page). */
    async list(filter: TaskFilter, limit: number, after?: QueuePosition): Promise<CallTask[]> {
      const where: (SQL | undefined)[] = [
        filter.assigneeId === null ? isNull(callTasks.assigneeId) : filter.assigneeId ? eq(callTasks.assigneeId, filter.assigneeId) : undefined,
        filter.statuses?.length ? inArray(callTasks.status, filter.statuses) : undefined,
        filter.purpose ? eq(callTasks.purpose, filter.purpose) : undefined,
        after ? sql`(${callTasks.nextAttemptAt}, ${rank}, ${callTasks.id}) > (${after.at.toISOString()}::timestamptz, ${after.rank}, ${after.id}::uuid)` : undefined,
      ];
      const rows = await orm.select().from(callTasks).where(and(...where)).orderBy(asc(callTasks.nextAttemptAt), asc(rank), asc(callTasks.id)).limit(limit);
      return rows.map(toTask);
    },
    /** Tasks due in [from, to), for the supervisors' plan. */
    async dueBetween(from: Date, to: Date): Promise<CallTask[]> {
      return (await orm.select().from(callTasks).where(and(gte(callTasks.dueAt, from), lt(callTasks.dueAt, to))).orderBy(asc(callTasks.dueAt))).map(toTask);
    },

    async insertAttempt(row: typeof callAttempts.$inferInsert): Promise<void> {
      await orm.insert(callAttempts).values(row);
    },
    async attempts(taskId: string) {
      return orm.select().from(callAttempts).where(eq(callAttempts.taskId, taskId)).orderBy(asc(callAttempts.at), asc(callAttempts.id));
    },

    async policy(): Promise<CallPolicy> {
      const [row] = await orm.select().from(callPolicy).where(eq(callPolicy.id, 1));
      return { quietStart: row!.quietStart, quietEnd: row!.quietEnd, maxAttempts: row!.maxAttempts, retrySpacingMinutes: row!.retrySpacingMinutes };
    },
    async setPolicy(policy: CallPolicy): Promise<CallPolicy> {
      await orm.update(callPolicy).set({ ...policy, updatedAt: sql`now()` }).where(eq(callPolicy.id, 1));
      return policy;
    },

    /**
     * Return visits closed in [from, to): the figures the results report is made of. Reading only
     * this module's table, so reports and the console agree.
     */
    async returnVisitFigures(from: Date, to: Date) {
      const closed = and(eq(callTasks.kind, 'return_visit'), inArray(callTasks.status, ['done', 'failed']), gte(callTasks.completedAt, from), lt(callTasks.completedAt, to));
      const [totals] = await orm
        .select({
          visits: sql<number>`count(*)::int`,
          reached: sql<number>`(count(*) filter (where ${callTasks.outcome} = 'reached'))::int`,
          satisfactionAvg: sql<number | null>`avg(${callTasks.satisfaction})::float8`,
          satisfactionCount: sql<number>`count(${callTasks.satisfaction})::int`,
          reopened: sql<number>`(count(*) filter (where ${callTasks.outcome} = 'reached' and ${callTasks.followUp} = 'reopen_ticket'))::int`,
        })
        .from(callTasks)
        .where(closed);
      const reasons = await orm
        .select({ reason: sql<string>`${callTasks.reason}`, count: sql<number>`count(*)::int` })
        .from(callTasks)
        .where(and(closed, sql`${callTasks.reason} is not null`))
        .groupBy(callTasks.reason)
        .orderBy(desc(sql`count(*)`), asc(callTasks.reason));
      return { ...totals!, reasons };
    },

    async rules(filter: { trigger?: ReturnVisitRule['trigger']; active?: boolean } = {}): Promise<ReturnVisitRule[]> {
      const where = and(filter.trigger ? eq(returnVisitRules.trigger, filter.trigger) : undefined, filter.active === undefined ? undefined : eq(returnVisitRules.active, filter.active));
      return (await orm.select().from(returnVisitRules).where(where).orderBy(asc(returnVisitRules.createdAt), asc(returnVisitRules.id))).map(toRule);
    },
    async rule(id: string): Promise<ReturnVisitRule | undefined> {
      const [row] = await orm.select().from(returnVisitRules).where(eq(returnVisitRules.id, id));
      return row && toRule(row);
    },
    async insertRule(row: RuleInsert): Promise<ReturnVisitRule> {
      const [created] = await orm.insert(returnVisitRules).values(row).returning();
      return toRule(created!);
    },
    async insertRules(rows: RuleInsert[]): Promise<void> {
      if (rows.length) await orm.insert(returnVisitRules).values(rows).onConflictDoNothing();
    },
    async updateRule(id: string, patch: Partial<Omit<RuleInsert, 'id' | 'createdAt'>>): Promise<ReturnVisitRule | undefined> {
      const [row] = await orm.update(returnVisitRules).set({ ...patch, updatedAt: sql`now()` }).where(eq(returnVisitRules.id, id)).returning();
      return row && toRule(row);
    },
    async deleteRule(id: string): Promise<boolean> {
      return (await orm.delete(returnVisitRules).where(eq(returnVisitRules.id, id)).returning({ id: returnVisitRules.id })).length > 0;
    },
  };
}

export function callTasksStore(orm: Orm) {
  return transactional(orm, queries);
}

export type CallTasksStore = ReturnType<typeof callTasksStore>;
export type CallTasksQueries = ReturnType<typeof queries>;
