import type { Database } from '../../platform/db/database.js';
import type { People } from '../people/index.js';
import { analyticsRoutes } from './analytics.routes.js';
import { analyticsService } from './analytics.service.js';
import { analyticsStore } from './analytics.store.js';

export type { AnalyticsService } from './analytics.service.js';

export function createAnalytics(deps: { db: Pick<Database, 'query'>; people: People; clock: () => Date }) {
  const analytics = analyticsService({
    store: analyticsStore(deps.db),
    staff: () => deps.people.agents.list({ active: true, limit: 1000 }),
    clock: deps.clock,
  });
  return { analytics, routes: analyticsRoutes(analytics) };
}

export type Analytics = ReturnType<typeof createAnalytics>;
