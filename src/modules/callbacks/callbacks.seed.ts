import type { Orm } from '../../platform/db/database.js';
import type { Seeder } from '../../platform/seeding.js';
import { defaultCapacity } from './callbacks.js';
import { callbacksStore } from './callbacks.store.js';

/**
 * Every team that exists when seeding runs gets the default settings written down (30-minute slots,
 * two seats, an hour's notice, a week ahead), so admins see and tune real rows; teams made later
 * take the same defaults until an admin changes them.
 */
export function callbacksSeeders(orm: Orm, teamIds: () => Promise<string[]>): Seeder[] {
  const store = callbacksStore(orm);
  return [
    {
      name: 'callbacks.capacity',
      demo: false,
      run: async () => store.insertCapacities(await teamIds(), defaultCapacity),
    },
  ];
}
