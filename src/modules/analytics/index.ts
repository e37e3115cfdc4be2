import type { Database } from '../../platform/db/database.js';
import type { People } from '../people/index.js';
import { analyticsRoutes } from './analytics.routes.js';
import { analyticsService } from './analytics.service.js';
import { analyticsStore } from './analytics.store.js';

export type { AnalyticsService } from './analytics.service.js';

export function createAnalytics(deps: { db: Pick<Database, 'query'>; people: People; clock: () => Date }) {
  const store = analyticsStore(deps.db);
  const analytics = analyticsService({
    store,
    staff: () => deps.people.agents.list({ active: true, limit: 1000 }),
    clock: deps.clock,
  });
  return {
    analytics,
    routes: analyticsRoutes(analytics),
    /** Chat ratings in a period, for reports other modules make (return-visit results). */
    chatRatings: (from: Date, to: Date) => store.chatRatings(from, to),
  };
}

export type Analytics = ReturnType<typeof createAnalytics>;
