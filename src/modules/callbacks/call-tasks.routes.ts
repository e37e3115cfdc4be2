import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAgentId, actorOf, adminsOnly, managers, staff } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { decodeCursor, toPage, pageSchema } from '../../platform/http/pagination.js';
import { returnVisitResults } from './call-results.js';
import { callPurposes, parseQueueKey, queueKey, queueKeyPattern } from './call-tasks.js';
import { callTaskDetail, callTaskListItem, outcomeBody, planSchema, policySchema, resultsSchema, timeZoneSchema } from './call-tasks.schemas.js';
import type { CallTasksService } from './call-tasks.service.js';
import type { CallTasksStore } from './call-tasks.store.js';

/** The acting agent; tokens act for the agent who made them. A call is always someone's. */
function agentOf(request: FastifyRequest): string {
  const id = actingAgentId(request);
  if (!id) throw new AppError('FORBIDDEN');
  return id;
}

const isManager = (request: FastifyRequest) => request.principal?.kind === 'agent' && managers.includes(request.principal.role);

/** Agents' call list and the call itself; supervisors' plan, policy and results. */
export function callTasksRoutes(deps: { calls: CallTasksService; store: Pick<CallTasksStore, 'returnVisitFigures'>; chatRatings: (from: Date, to: Date) => Promise<{ avg: number | null; count: number }>; clock: () => Date }) {
  const { calls } = deps;
  const read = { roles: staff, scope: 'calls:read' } as const;
  const write = { roles: staff, scope: 'calls:write' } as const;
  const tags = ['calls'];
  const idParams = z.strictObject({ id: z.uuid() });
  const period = z.strictObject({
    from: z.coerce.date().optional().describe('Default: 7 days before `to`.'),
    to: z.coerce.date().optional().describe('Default: now.'),
  });
  const periodOf = (q: { from?: Date; to?: Date }, days: number, forward: boolean) => {
    const now = deps.clock();
    if (forward) {
      const from = q.from ?? now;
      return { from, to: q.to ?? new Date(from.getTime() + days * 86_400_000) };
    }
    const to = q.to ?? now;
    return { from: q.from ?? new Date(to.getTime() - days * 86_400_000), to };
  };

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/calls', {
      config: { access: read },
      schema: {
        tags,
        summary: 'The call list: tasks whose next attempt is due soonest first, then by priority',
        querystring: z.strictObject({
          view: z.enum(['mine', 'unassigned', 'all']).default('all'),
          status: z.enum(['open', 'done', 'all']).default('open').describe('open: open and in progress; done: done, failed or cancelled.'),
          purpose: z.enum(callPurposes).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: pageSchema(callTaskListItem) },
      },
    }, async (request) => {
      const { limit, cursor, ...query } = request.query;
      const after = decodeCursor(cursor, z.string().regex(queueKeyPattern));
      const rows = await calls.list(agentOf(request), query, limit + 1, after === undefined ? undefined : parseQueueKey(after));
      const page = toPage(rows, limit, queueKey);
      return { items: await calls.listItems(page.items), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/calls/plan', {
      config: { access: { roles: managers, scope: 'calls:read' } },
      schema: {
        tags,
        summary: 'Supervisors: per local day and purpose, the calls due, done and failed; and the open ones due in the period',
        querystring: z.strictObject({
          from: z.coerce.date().optional().describe('Default: now.'),
          to: z.coerce.date().optional().describe('Default: 7 days after `from`.'),
          timeZone: timeZoneSchema.default('Asia/Shanghai').describe('Where the days are counted.'),
        }),
        response: { 200: planSchema },
      },
    }, async (request) => {
      const { from, to } = periodOf(request.query, 7, true);
      return calls.plan(from, to, request.query.timeZone);
    });

    app.get('/api/v1/calls/policy', {
      config: { access: read },
      schema: { tags, summary: "Quiet hours (in each customer's time zone) and the retry policy for unreached customers", response: { 200: policySchema } },
    }, async () => calls.policy());

    app.put('/api/v1/calls/policy', {
      config: { access: { roles: adminsOnly, scope: 'calls:write' } },
      schema: { tags, summary: 'Admins: set quiet hours and the retry policy (applies to attempts planned from now on)', body: policySchema, response: { 200: policySchema } },
    }, async (request) => calls.setPolicy(actorOf(request), request.body));

    app.get('/api/v1/calls/:id', {
      config: { access: read },
      schema: { tags, summary: "One call task: the script in the customer's language, the context (ticket, chat, diagnosis, callback) and earlier attempts; reading a verified customer's profile is audited", params: idParams, response: { 200: callTaskDetail } },
    }, async (request) => calls.detail(actorOf(request), request.params.id));

    app.post('/api/v1/calls/:id/claim', {
      config: { access: write },
      schema: { tags, summary: 'Take the task: assigned to me and in progress (CALL_TASK_TAKEN while another agent has it in progress)', params: idParams, response: { 200: callTaskListItem } },
    }, async (request) => (await calls.listItems([await calls.claim(actorOf(request), agentOf(request), request.params.id)]))[0]);

    app.post('/api/v1/calls/:id/dial', {
      config: { access: write },
      schema: {
        tags,
        summary: "Click-to-dial: the tel: link, and call_task.dial_requested for a subscribed telephone system (webhook). Refused in the customer's quiet hours (CALL_QUIET_HOURS) unless a supervisor overrides; audited",
        params: idParams,
        body: z.strictObject({ override: z.boolean().default(false).describe("Supervisors only: call despite the customer's quiet hours.") }).default({ override: false }),
        response: { 200: z.object({ telUrl: z.string(), webhook: z.boolean().describe('Whether an active webhook endpoint receives the dial request.') }) },
      },
    }, async (request) => calls.dial(actorOf(request), { id: agentOf(request), supervisor: isManager(request) }, request.params.id, request.body.override));

    app.post('/api/v1/calls/:id/outcome', {
      config: { access: write },
      schema: {
        tags,
        summary: 'Record a call: reached (answers, reason, follow-up on the ticket) ends it; no answer plans a retry out of quiet hours or gives up after the last attempt; call back later sets the time; wrong number ends it',
        params: idParams,
        body: outcomeBody,
        response: { 200: z.object({ task: callTaskListItem, ticketId: z.uuid().nullable().describe('The ticket reopened or opened as follow-up.') }) },
      },
    }, async (request) => {
      const { task, ticketId } = await calls.recordOutcome(actorOf(request), agentOf(request), request.params.id, request.body);
      return { task: (await calls.listItems([task]))[0]!, ticketId };
    });

    app.get('/api/v1/analytics/return-visits', {
      config: { access: { roles: managers, scope: 'calls:read' } },
      schema: { tags: ['analytics', ...tags], summary: 'Return-visit results in a period beside chat ratings: reach, satisfaction, reasons and the reopen rate', querystring: period, response: { 200: resultsSchema } },
    }, async (request) => {
      const { from, to } = periodOf(request.query, 7, false);
      const [figures, chat] = await Promise.all([deps.store.returnVisitFigures(from, to), deps.chatRatings(from, to)]);
      return returnVisitResults(figures, chat);
    });
  };
}
