import type { Agent } from '../people/index.js';
import { hourlyBuckets, hourOfDay, scoreDistribution, share, startOfDay } from './analytics.js';
import type { AnalyticsStore } from './analytics.store.js';

const presenceOrder = { online: 0, away: 1, offline: 2 } as const;

/** The supervisor dashboard: the live queue and floor, and today's figures in one read. */
export function analyticsService(deps: { store: AnalyticsStore; staff: () => Promise<Agent[]>; clock: () => Date }) {
  const { store } = deps;
  return {
    async dashboard(tz: string) {
      const now = deps.clock();
      const since = startOfDay(now, tz);
      const [queue, loads, staff, volume, firstResponse, resolution, ratings] = await Promise.all([
        store.queue(),
        store.loads(),
        deps.staff(),
        store.volume(since, tz),
        store.firstResponse(since),
        store.resolution(since),
        store.ratings(since),
      ]);
      const agents = staff
        .map((a) => ({ id: a.id, displayName: a.displayName, role: a.role, presence: a.presence, capacity: a.capacity, load: loads.get(a.id) ?? 0 }))
        .sort((a, b) => presenceOrder[a.presence] - presenceOrder[b.presence] || b.load - a.load || a.displayName.localeCompare(b.displayName));
      const conversations = volume.reduce((n, h) => n + h.conversations, 0);
      const handedOver = volume.reduce((n, h) => n + h.handedOver, 0);
      const distribution = scoreDistribution(ratings);
      const rated = distribution.reduce((n, c) => n + c, 0);
      return {
        generatedAt: now,
        since,
        timeZone: tz,
        queue: {
          waiting: queue.waiting,
          longestWaitSeconds: queue.oldestQueuedAt ? Math.max(0, Math.round((now.getTime() - queue.oldestQueuedAt.getTime()) / 1000)) : null,
        },
        agents,
        presence: {
          online: agents.filter((a) => a.presence === 'online').length,
          away: agents.filter((a) => a.presence === 'away').length,
          offline: agents.filter((a) => a.presence === 'offline').length,
        },
        today: {
          conversations,
          handedOver,
          botContainment: share(conversations - handedOver, conversations),
          firstResponseSeconds: firstResponse,
          resolutionSeconds: resolution,
          ratings: {
            count: rated,
            average: rated ? distribution.reduce((sum, c, i) => sum + c * (i + 1), 0) / rated : null,
            distribution,
          },
          hourly: hourlyBuckets(volume, hourOfDay(now, tz), (hour) => ({ hour, conversations: 0, handedOver: 0 })),
        },
      };
    },
  };
}

export type AnalyticsService = ReturnType<typeof analyticsService>;
