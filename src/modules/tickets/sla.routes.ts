import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, adminsOnly, staff, type Actor } from '../../platform/http/access.js';
import { breachActions, slaMetrics, timerStatuses, type SlaPolicy } from './sla.js';
import type { PolicyPatch } from './sla.store.js';
import { ticketPriorities, ticketTypes } from './tickets.js';

const minutes = z.number().int().min(1).max(366 * 24 * 60);

export const slaPolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  ticketType: z.enum(ticketTypes),
  priority: z.enum(ticketPriorities),
  firstResponseMinutes: z.number().int().describe('Business minutes, in the hours of the ticket\'s team, to the first public reply.'),
  nextResponseMinutes: z.number().int().describe('Business minutes to answer each later customer message.'),
  resolutionMinutes: z.number().int().describe('Business minutes to solve; paused while pending or on hold.'),
  acknowledgementMinutes: z.number().int().nullable().describe('Complaints: business minutes to acknowledge receipt; null for requests.'),
  warnAtPercent: z.number().int().describe('A ticket.sla_warning goes out when this share of a target is used.'),
  breachActions: z.array(z.enum(breachActions)).describe('What a breach does besides ticket.sla_breached: notify supervisors, raise the priority a step, reassign.'),
  active: z.boolean().describe('Inactive: new tickets of this type and priority get no timers.'),
  hoursTeamId: z.uuid().nullable().describe('Whose business hours count for tickets without a team; null: around the clock.'),
  createdAt: z.date(),
  updatedAt: z.date(),
});

/** The SLA part of a ticket as the console shows it (GET /api/v1/tickets/:id embeds a list). */
export const slaTimerViewSchema = z.object({
  metric: z.enum(slaMetrics),
  status: z.enum(timerStatuses),
  dueAt: z.date().nullable().describe('When a counting timer falls due; when a breached one did. Null while paused.'),
  remainingSeconds: z.number().int().nullable().describe('Business seconds left; null once met, breached or cancelled.'),
  breachedAt: z.date().nullable(),
});

const policyPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    acknowledgementMinutes: minutes.nullable(),
    warnAtPercent: z.number().int().min(1).max(99),
    breachActions: z.array(z.enum(breachActions)).max(breachActions.length),
    active: z.boolean(),
    hoursTeamId: z.uuid().nullable(),
  })
  .partial();

export interface SlaPolicies {
  list(): Promise<SlaPolicy[]>;
  update(id: string, patch: PolicyPatch, actor: Actor): Promise<SlaPolicy>;
}

export function slaRoutes({ sla: { policies } }: { sla: { policies: SlaPolicies } }) {
  const tags = ['tickets'];
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/sla-policies', {
      config: { access: { roles: staff, scope: 'tickets:read' } },
      schema: { tags, summary: 'SLA policies: targets per ticket type and priority', response: { 200: z.object({ items: z.array(slaPolicySchema), nextCursor: z.null() }) } },
    }, async () => ({ items: await policies.list(), nextCursor: null }));

    app.put('/api/v1/sla-policies/:id', {
      config: { access: { roles: adminsOnly, scope: 'tickets:write' } },
      schema: {
        tags,
        summary: 'Change an SLA policy; fields left out keep their value. Tickets take new targets when their timers start or their priority changes',
        params: z.strictObject({ id: z.uuid() }),
        body: policyPatch,
        response: { 200: slaPolicySchema },
      },
    }, async (request) => policies.update(request.params.id, request.body, actorOf(request)));
  };
}
