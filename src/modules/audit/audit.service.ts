import type { Orm } from '../../platform/db/database.js';
import type { AuditFilter, AuditRecord } from './audit.js';
import { auditStore } from './audit.store.js';

/**
 * The audit log every module writes to. Written inline: an action that cannot be audited fails.
 * Details pass through `mask` (the guard) first: a reason typed by an agent may hold a secret.
 */
export function auditService(orm: Orm, mask: <T>(value: T) => T) {
  const store = auditStore(orm);
  return {
    record: (record: AuditRecord) => store.insert(record.details ? { ...record, details: mask(record.details) } : record),
    list: (filter: AuditFilter) => store.list(filter),
  };
}

export type AuditService = ReturnType<typeof auditService>;
