import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { transactional, type Orm } from '../../platform/db/database.js';
import type { Delivery, DeliveryAttempt, DeliveryStatus, WebhookEndpoint } from './webhooks.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './webhooks.tables.js';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const toEndpoint = ({ id, url, description, events, active, createdAt, updatedAt }: EndpointRow): WebhookEndpoint => ({ id, url, description, events, active, createdAt, updatedAt });
const toDelivery = ({ lockedUntil: _lock, ...r }: DeliveryRow): Delivery => ({ ...r, nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null });

/** A delivery a node has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  eventName: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface AttemptOutcome extends DeliveryAttempt {
  status: DeliveryStatus;
}

export const webhooksStore = (orm: Orm) => transactional(orm, queries);

function queries(orm: Orm) {
  return {
    async insertEndpoint(row: typeof webhookEndpoints.$inferInsert): Promise<WebhookEndpoint> {
      const [created] = await orm.insert(webhookEndpoints).values(row).returning();
      return toEndpoint(created!);
    },
    async endpoint(id: string): Promise<WebhookEndpoint | undefined> {
      const [row] = await orm.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      return row && toEndpoint(row);
    },
    async endpoints(filter: { active?: boolean } = {}): Promise<WebhookEndpoint[]> {
      const where = filter.active === undefined ? undefined : eq(webhookEndpoints.active, filter.active);
      return (await orm.select().from(webhookEndpoints).where(where).orderBy(asc(webhookEndpoints.id))).map(toEndpoint);
    },
    async updateEndpoint(id: string, patch: Partial<typeof webhookEndpoints.$inferInsert>): Promise<WebhookEndpoint | undefined> {
      const [row] = await orm.update(webhookEndpoints).set({ ...patch, updatedAt: new Date() }).where(eq(webhookEndpoints.id, id)).returning();
      return row && toEndpoint(row);
    },
    /** The current secret becomes the previous one (`set` reads the row as it was). */
    async rotateSecret(id: string, secret: string, previousUntil: Date): Promise<WebhookEndpoint | undefined> {
      const [row] = await orm
        .update(webhookEndpoints)
        .set({ previousSecret: sql`${webhookEndpoints.secret}`, previousSecretExpiresAt: previousUntil, secret, updatedAt: new Date() })
        .where(eq(webhookEndpoints.id, id))
        .returning();
      return row && toEndpoint(row);
    },
    /** Its deliveries and their attempts go with it (on delete cascade), so nothing more is sent. */
    async deleteEndpoint(id: string): Promise<boolean> {
      return (await orm.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id })).length > 0;
    },

    /** A second insert of one event for one endpoint (another node handled it too) is ignored. */
    async insertDeliveries(rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<Delivery[]> {
      if (rows.length === 0) return [];
      return (await orm.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning()).map(toDelivery);
    },
    async delivery(endpointId: string, id: string): Promise<Delivery | undefined> {
      const [row] = await orm.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)));
      return row && toDelivery(row);
    },
    /** Newest first; `limit + 1` rows for toPage. */
    async deliveries(endpointId: string, filter: { status?: DeliveryStatus; before?: string; limit: number }): Promise<Delivery[]> {
      const where = and(
        eq(webhookDeliveries.endpointId, endpointId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        filter.before ? lt(webhookDeliveries.id, filter.before) : undefined,
      );
      return (await orm.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.id)).limit(filter.limit + 1)).map(toDelivery);
    },
    async attemptsOf(deliveryIds: string[]): Promise<Map<string, DeliveryAttempt[]>> {
      const byDelivery = new Map<string, DeliveryAttempt[]>(deliveryIds.map((id) => [id, []]));
      if (deliveryIds.length === 0) return byDelivery;
      const rows = await orm.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveryIds)).orderBy(asc(webhookAttempts.attempt));
      for (const { id: _id, deliveryId, ...attempt } of rows) byDelivery.get(deliveryId)!.push(attempt);
      return byDelivery;
    },

    /**
     * Claims up to `limit` due deliveries of active endpoints until `leaseUntil`. `SKIP LOCKED`
     * lets nodes claim side by side without waiting on each other, and the lease keeps a claimed
     * row away from the others after this statement commits, while it is being sent.
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
      const due = orm
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.nextAttemptAt, now),
            or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now)),
            eq(webhookEndpoints.active, true),
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(limit)
        .for('update', { of: webhookDeliveries, skipLocked: true });
      return orm
        .update(webhookDeliveries)
        .set({ lockedUntil: leaseUntil })
        .from(webhookEndpoints)
        .where(and(inArray(webhookDeliveries.id, due), eq(webhookEndpoints.id, webhookDeliveries.endpointId)))
        .returning({
          id: webhookDeliveries.id,
          eventName: webhookDeliveries.eventName,
          body: webhookDeliveries.body,
          attempts: webhookDeliveries.attempts,
          url: webhookEndpoints.url,
          secret: webhookEndpoints.secret,
          previousSecret: webhookEndpoints.previousSecret,
          previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
        });
    },
    /** Gives a claim back without counting an attempt (the node is shutting down). */
    async release(id: string): Promise<void> {
      await orm.update(webhookDeliveries).set({ lockedUntil: null }).where(eq(webhookDeliveries.id, id));
    },
    /** Logs the attempt and moves the delivery on, unless it is gone (its endpoint was deleted meanwhile). */
    async recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
      const { status, ...attempt } = outcome;
      const finished = status !== 'pending';
      const [updated] = await orm
        .update(webhookDeliveries)
        .set({ status, attempts: attempt.attempt, lockedUntil: null, ...(attempt.retryAt ? { nextAttemptAt: attempt.retryAt } : {}), ...(finished ? { finishedAt: new Date(attempt.startedAt.getTime() + attempt.latencyMs) } : {}) })
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')))
        .returning({ id: webhookDeliveries.id });
      if (updated) await orm.insert(webhookAttempts).values({ id: uuidv7(), deliveryId, ...attempt });
    },
  };
}

export type WebhooksStore = ReturnType<typeof webhooksStore>;
