export { auditService, type AuditService } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
export type { AuditRecord, AuditEvent } from './audit.js';
