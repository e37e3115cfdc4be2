import './events.js';
import type { Config } from '../../config.js';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Logger } from '../../platform/log.js';
import type { AuditService } from '../audit/index.js';
import { deliveryWorker } from './delivery-worker.js';
import { webhooksRoutes } from './webhooks.routes.js';
import { webhooksService, type MessageText } from './webhooks.service.js';
import { webhooksStore } from './webhooks.store.js';
import { deliveredEvents } from './webhooks.js';

export type { WebhookEndpoint, Delivery, DeliveryAttempt } from './webhooks.js';

type WebhooksConfig = Pick<Config, 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_MAX_ATTEMPTS' | 'WEBHOOK_RETRY_BASE_MS' | 'WEBHOOK_POLL_MS'>;

/**
 * Admin-configured endpoints that receive signed domain events. Events are written to an outbox
 * in the database when they are handled; a worker on every node sends them with retries.
 */
export function createWebhooks(deps: { orm: Orm; bus: EventBus; audit: AuditService; log: Logger; config: WebhooksConfig; messageText: MessageText; clock?: () => Date }) {
  const { orm, bus, audit, log, config, messageText } = deps;
  const clock = deps.clock ?? (() => new Date());
  const store = webhooksStore(orm);
  const worker = deliveryWorker({
    store,
    clock,
    log,
    settings: { timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: config.WEBHOOK_RETRY_BASE_MS, pollMs: config.WEBHOOK_POLL_MS, batchSize: 20 },
  });
  const service = webhooksService({ store, audit, worker, clock, messageText, endpointsChanged: (endpointId) => bus.publish('webhook.endpoints_changed', { endpointId }) });

  return {
    service,
    routes: webhooksRoutes(service),
    /** After migrations: record events into the outbox and start sending. */
    start(): void {
      bus.subscribe('webhook.endpoints_changed', () => service.forgetEndpoints());
      for (const name of deliveredEvents) bus.subscribe(name, (event) => service.record(event));
      worker.start();
    },
    /** Stops sending; requests in flight are aborted and their deliveries left for the next start. */
    async stop(): Promise<void> {
      await worker.stop();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
