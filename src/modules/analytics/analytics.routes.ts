import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { managers, roles } from '../../platform/http/access.js';
import { isTimeZone } from './analytics.js';
import type { AnalyticsService } from './analytics.service.js';

const durations = z.object({
  count: z.number().int(),
  avg: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});

const dashboardSchema = z.object({
  generatedAt: z.date(),
  since: z.date().describe('Start of today in `timeZone`.'),
  timeZone: z.string(),
  queue: z.object({ waiting: z.number().int(), longestWaitSeconds: z.number().int().nullable() }),
  agents: z.array(z.object({
    id: z.uuid(),
    displayName: z.string(),
    role: z.enum(roles),
    presence: z.enum(['online', 'away', 'offline']),
    capacity: z.number().int(),
    load: z.number().int().describe('Conversations assigned to the agent now.'),
  })),
  presence: z.object({ online: z.number().int(), away: z.number().int(), offline: z.number().int() }),
  today: z.object({
    conversations: z.number().int().describe('Conversations started today in which the customer wrote.'),
    handedOver: z.number().int().describe('Of those, how many joined the queue for a human.'),
    botContainment: z.number().nullable().describe('Share of those that never joined the queue; null with no conversations.'),
    firstResponseSeconds: durations.describe('From joining the queue to the first agent reply, for first replies given today.'),
    resolutionSeconds: durations.describe('From the start of the conversation to its resolution, for resolutions today.'),
    ratings: z.object({ count: z.number().int(), average: z.number().nullable(), distribution: z.array(z.number().int()).length(5).describe('Counts for scores 1 to 5.') }),
    hourly: z.array(z.object({ hour: z.number().int(), conversations: z.number().int(), handedOver: z.number().int() })),
  }),
});

export function analyticsRoutes(analytics: AnalyticsService) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get('/api/v1/analytics/dashboard', {
      config: { access: { roles: managers } },
      schema: {
        tags: ['analytics'],
        summary: "Supervisor dashboard: live queue, agents by presence and load, and today's volume, response and resolution times, ratings and bot containment",
        querystring: z.strictObject({
          timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai').default('UTC').describe('Where "today" is counted.'),
        }),
        response: { 200: dashboardSchema },
      },
    }, async (request) => analytics.dashboard(request.query.timeZone));
  };
}
