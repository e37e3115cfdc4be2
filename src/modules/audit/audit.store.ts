import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Orm } from '../../platform/db/database.js';
import type { AuditEvent, AuditFilter, AuditRecord } from './audit.js';
import { auditEvents } from './audit.tables.js';

export function auditStore(orm: Orm) {
  return {
    async insert(record: AuditRecord): Promise<void> {
      await orm.insert(auditEvents).values({
        id: uuidv7(),
        actorType: record.actor.type,
        actorId: record.actor.id,
        ip: record.actor.ip,
        action: record.action,
        targetType: record.target?.type ?? null,
        targetId: record.target?.id ?? null,
        details: record.details ?? {},
      });
    },

    async list(f: AuditFilter): Promise<AuditEvent[]> {
      const conditions: SQL[] = [];
      if (f.actorId) conditions.push(eq(auditEvents.actorId, f.actorId));
      // `agent.*` lists a module's actions; anything else matches exactly.
      if (f.action) conditions.push(f.action.endsWith('.*') ? like(auditEvents.action, `${f.action.slice(0, -1)}%`) : eq(auditEvents.action, f.action));
      if (f.targetType) conditions.push(eq(auditEvents.targetType, f.targetType));
      if (f.targetId) conditions.push(eq(auditEvents.targetId, f.targetId));
      if (f.from) conditions.push(gte(auditEvents.at, f.from));
      if (f.to) conditions.push(lt(auditEvents.at, f.to));
      // Ids are UUIDv7, so id order is time order and makes a stable cursor.
      if (f.before) conditions.push(lt(auditEvents.id, f.before));
      return orm
        .select()
        .from(auditEvents)
        .where(and(...conditions))
        .orderBy(desc(auditEvents.id))
        .limit(f.limit + 1);
    },
  };
}
