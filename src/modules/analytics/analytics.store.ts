import type { Database } from '../../platform/db/database.js';

/** Seconds: how many, mean, median and 90th percentile (null when there were none). */
export interface Durations {
  count: number;
  avg: number | null;
  p50: number | null;
  p90: number | null;
}

/**
 * Read-only aggregates over the conversations module's tables. Reporting is the one place that
 * reads another module's tables: it only counts, never writes, and one SQL aggregate is far cheaper
 * than pulling every row of the day through that module's API.
 */
export function analyticsStore(db: Pick<Database, 'query'>) {
  const one = async <T>(sql: string, params: unknown[]): Promise<T> => (await db.query<T>(sql, params))[0]!;
  // `interval` and `where` are fixed SQL written below, never input.
  const durations = (interval: string, where: string, since: Date) =>
    one<Durations>(
      `select count(*)::int as count, avg(s)::float8 as avg,
              percentile_cont(0.5) within group (order by s)::float8 as p50,
              percentile_cont(0.9) within group (order by s)::float8 as p90
         from (select extract(epoch from ${interval}) as s from conversations where ${where}) t`,
      [since],
    );

  return {
    async queue(): Promise<{ waiting: number; oldestQueuedAt: Date | null }> {
      const row = await one<{ waiting: number; oldest: Date | string | null }>(
        `select count(*)::int as waiting, min(queued_at) as oldest from conversations where status = 'queued'`,
        [],
      );
      return { waiting: row.waiting, oldestQueuedAt: row.oldest === null ? null : new Date(row.oldest) };
    },

    /** Conversations each agent holds right now. */
    async loads(): Promise<Map<string, number>> {
      const rows = await db.query<{ agent: string; load: number }>(
        `select assignee_id as agent, count(*)::int as load from conversations where status = 'assigned' and assignee_id is not null group by assignee_id`,
      );
      return new Map(rows.map((r) => [r.agent, r.load]));
    },

    /**
     * The day's conversations in which the customer wrote: how many, how many joined the queue,
     * and per hour of the day in `tz`.
     */
    async volume(since: Date, tz: string): Promise<{ hour: number; conversations: number; handedOver: number }[]> {
      return db.query(
        `select extract(hour from c.created_at at time zone $2)::int as hour,
                count(*)::int as conversations,
                count(c.queued_at)::int as "handedOver"
           from conversations c
          where c.created_at >= $1
            and exists (select 1 from messages m where m.conversation_id = c.id and m.author_type = 'customer')
          group by 1 order by 1`,
        [since, tz],
      );
    },

    /** Seconds from joining the queue to the first agent reply, for first replies given since `since`. */
    firstResponse: (since: Date) =>
      durations('first_response_at - queued_at', 'first_response_at >= $1 and queued_at is not null and first_response_at >= queued_at', since),

    /** Seconds from the conversation's start to its resolution, for resolutions since `since`. */
    resolution: (since: Date) => durations('resolved_at - created_at', 'resolved_at >= $1', since),

    async ratings(since: Date): Promise<{ score: number; count: number }[]> {
      return db.query(`select score, count(*)::int as count from conversation_ratings where created_at >= $1 group by score`, [since]);
    },

    /** Chat ratings given in [from, to): what return-visit satisfaction is set beside. */
    async chatRatings(from: Date, to: Date): Promise<{ avg: number | null; count: number }> {
      return one(`select avg(score)::float8 as avg, count(*)::int as count from conversation_ratings where created_at >= $1 and created_at < $2`, [from, to]);
    },
  };
}

export type AnalyticsStore = ReturnType<typeof analyticsStore>;
