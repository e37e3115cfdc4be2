import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, managers } from '../../platform/http/access.js';
import { ruleBody, rulePatch, ruleSchema } from './call-tasks.schemas.js';
import type { ReturnVisitsService } from './return-visits.service.js';

/** Supervisors: the rules that plan return visits. */
export function returnVisitRoutes(deps: { visits: ReturnVisitsService }) {
  const { visits } = deps;
  const read = { roles: managers, scope: 'calls:read' } as const;
  const write = { roles: managers, scope: 'calls:write' } as const;
  const tags = ['calls'];
  const idParams = z.strictObject({ id: z.uuid() });

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/return-visit-rules', {
      config: { access: read },
      schema: { tags, summary: 'Return-visit rules: when a follow-up call is due, for whom, and with what aim', response: { 200: z.object({ items: z.array(ruleSchema) }) } },
    }, async () => ({ items: await visits.rules() }));

    app.post('/api/v1/return-visit-rules', {
      config: { access: write },
      schema: { tags, summary: 'Add a rule (RETURN_VISIT_RULE_INVALID: maxRating goes with low_rating only, which needs it)', body: ruleBody, response: { 201: ruleSchema } },
    }, async (request, reply) => reply.status(201).send(await visits.createRule(actorOf(request), request.body)));

    app.get('/api/v1/return-visit-rules/:id', {
      config: { access: read },
      schema: { tags, summary: 'One rule', params: idParams, response: { 200: ruleSchema } },
    }, async (request) => visits.rule(request.params.id));

    app.patch('/api/v1/return-visit-rules/:id', {
      config: { access: write },
      schema: { tags, summary: 'Change a rule; tasks already planned stay as they are', params: idParams, body: rulePatch, response: { 200: ruleSchema } },
    }, async (request) => visits.updateRule(actorOf(request), request.params.id, request.body));

    app.delete('/api/v1/return-visit-rules/:id', {
      config: { access: write },
      schema: { tags, summary: 'Remove a rule; its planned tasks stay', params: idParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      await visits.deleteRule(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
