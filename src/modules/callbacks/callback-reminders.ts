import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import { poller } from '../../platform/jobs/poller.js';
import type { Logger } from '../../platform/log.js';
import { callbacksStore } from './callbacks.store.js';

/** A claimed reminder is held this long by its node; past it, unannounced, another node takes it over. */
const LEASE_MS = 60_000;
const BATCH = 50;

/**
 * Reminders `reminderMinutes` before a booked slot. A poller on every node claims the due ones with
 * one UPDATE (so each is claimed once across nodes), announces `callback.reminded` (the push, the
 * chat notice and the mail follow from it) and marks it sent. A node that stops between the claim
 * and the announcement leaves it to another once the lease runs out.
 */
export function callbackReminders(deps: { orm: Orm; bus: EventBus; clock: () => Date; logger: Logger; reminderMinutes: number; pollMs: number }) {
  const { bus, clock, logger } = deps;
  const store = callbacksStore(deps.orm);

  async function round(): Promise<{ claimed: number; sent: number }> {
    const now = clock();
    const due = await store.claimReminders(now, new Date(now.getTime() + deps.reminderMinutes * 60_000), new Date(now.getTime() + LEASE_MS), BATCH);
    let sent = 0;
    for (const callback of due) {
      try {
        await bus.publish('callback.reminded', { callbackId: callback.id });
        await store.markReminderSent(callback.id, callback.remindedAt!, clock());
        sent += 1;
      } catch (err) {
        logger.error({ err, callbackId: callback.id }, 'callback reminder not announced; another round retries after the lease');
      }
    }
    return { claimed: due.length, sent };
  }

  /** Sends every reminder due now; what this node sent is counted. */
  async function runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await round();
      total += r.sent;
      if (r.claimed < BATCH) return total;
    }
  }

  const loop = poller({ round: async () => (await round()).claimed, batchSize: BATCH, pollMs: deps.pollMs, onError: (err) => logger.error({ err }, 'callback reminder round failed') });

  return { runDue, start: () => loop.start(), stop: () => loop.stop() };
}
