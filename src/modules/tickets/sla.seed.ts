import { uuidv7 } from 'uuidv7';
import type { Orm } from '../../platform/db/database.js';
import type { Seeder } from '../../platform/seeding.js';
import type { BreachAction } from './sla.js';
import { slaStore } from './sla.store.js';
import type { TicketPriority, TicketType } from './tickets.js';

type Targets = [firstResponse: number, nextResponse: number, resolution: number, acknowledgement: number | null, warnAtPercent: number, actions: BreachAction[]];

/**
 * Business minutes in the ticket team's hours. Complaints are answered sooner, must be
 * acknowledged, and raise their priority when a target is missed.
 */
const defaults: Record<TicketType, Record<TicketPriority, Targets>> = {
  request: {
    urgent: [30, 60, 240, null, 75, ['notify', 'reassign']],
    high: [60, 120, 480, null, 80, ['notify']],
    normal: [240, 480, 1440, null, 80, ['notify']],
    low: [480, 960, 2880, null, 80, ['notify']],
  },
  complaint: {
    urgent: [30, 60, 240, 15, 70, ['notify', 'reassign']],
    high: [60, 120, 480, 30, 75, ['notify', 'raise_priority']],
    normal: [120, 240, 960, 60, 75, ['notify', 'raise_priority']],
    low: [240, 480, 1440, 120, 75, ['notify', 'raise_priority']],
  },
};

const names: Record<TicketType | TicketPriority, string> = {
  request: '请求 Request',
  complaint: '投诉 Complaint',
  urgent: '紧急 urgent',
  high: '高 high',
  normal: '普通 normal',
  low: '低 low',
};

/** Every install gets a policy per ticket type and priority, which admins then tune. */
export function slaSeeders(orm: Orm): Seeder[] {
  const store = slaStore(orm);
  return [
    {
      name: 'sla.default_policies',
      demo: false,
      async run() {
        await store.insertPolicies(
          Object.entries(defaults).flatMap(([type, byPriority]) =>
            Object.entries(byPriority).map(([priority, [firstResponseMinutes, nextResponseMinutes, resolutionMinutes, acknowledgementMinutes, warnAtPercent, breachActions]]) => ({
              id: uuidv7(),
              name: `${names[type as TicketType]} · ${names[priority as TicketPriority]}`,
              ticketType: type as TicketType,
              priority: priority as TicketPriority,
              firstResponseMinutes,
              nextResponseMinutes,
              resolutionMinutes,
              acknowledgementMinutes,
              warnAtPercent,
              breachActions,
            })),
          ),
        );
      },
    },
  ];
}
