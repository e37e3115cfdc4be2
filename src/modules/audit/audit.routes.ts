import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { managers } from '../../platform/http/access.js';
import { decodeCursor, pageQuery, pageSchema, toPage } from '../../platform/http/pagination.js';
import type { AuditService } from './audit.service.js';

const auditEventSchema = z.object({
  id: z.uuid(),
  at: z.date(),
  actorType: z.enum(['agent', 'api_token', 'customer', 'system']),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const query = pageQuery.extend({
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional().describe('Exact action, or a prefix such as `agent.*`.'),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
}).strict();

export function auditRoutes(audit: AuditService) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit-events', {
      config: { access: { roles: managers, scope: 'audit:read' } },
      schema: { tags: ['audit'], summary: 'Audit log, newest first', querystring: query, response: { 200: pageSchema(auditEventSchema) } },
    }, async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await audit.list({ ...filter, limit, before: decodeCursor(cursor) });
      return toPage(rows, limit, (r) => r.id);
    });
  };
}
