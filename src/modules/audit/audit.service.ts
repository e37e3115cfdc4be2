import type { Orm } from '../../platform/db/database.js';
import type { AuditFilter, AuditRecord } from './audit.js';
import { auditStore } from './audit.store.js';

/** The audit log every module writes to. Written inline: an action that cannot be audited fails. */
export function auditService(orm: Orm) {
  const store = auditStore(orm);
  return {
    record: (record: AuditRecord) => store.insert(record),
    list: (filter: AuditFilter) => store.list(filter),
  };
}

export type AuditService = ReturnType<typeof auditService>;
