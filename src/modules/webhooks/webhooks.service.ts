import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { EventEnvelope } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import { maskDeep } from '../guard/index.js';
import type { DeliveryWorker } from './delivery-worker.js';
import type { WebhooksStore } from './webhooks.store.js';
import {
  checkEndpointUrl,
  deliveryBody,
  ROTATION_GRACE_MS,
  subscribes,
  TEST_EVENT,
  type DeliveredEvent,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryStatus,
  type WebhookEndpoint,
} from './webhooks.js';

export interface EndpointInput {
  url: string;
  description?: string;
  events: string[];
  active?: boolean;
}

/** Reads a stored chat message's text, already masked by the guard when it was stored. */
export type MessageText = (conversationId: string, seq: number) => Promise<string | undefined>;

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function webhooksService(deps: {
  store: WebhooksStore;
  audit: AuditService;
  worker: Pick<DeliveryWorker, 'wake'>;
  clock: () => Date;
  messageText: MessageText;
  /** Tells every node that the endpoints changed (their cached lists are dropped). */
  endpointsChanged: (endpointId: string) => Promise<void>;
}) {
  const { store, audit, worker, clock, messageText } = deps;
  // Every domain event asks which endpoints want it; the list changes only when an admin edits it.
  let active: Promise<WebhookEndpoint[]> | null = null;
  const activeEndpoints = () => {
    active ??= store.endpoints({ active: true }).catch((err: unknown) => {
      active = null;
      throw err;
    });
    return active;
  };
  async function changed(endpointId: string): Promise<void> {
    active = null;
    await deps.endpointsChanged(endpointId);
  }
  const target = (id: string) => ({ type: 'webhook', id });

  async function endpoint(id: string): Promise<WebhookEndpoint> {
    const found = await store.endpoint(id);
    if (!found) throw new AppError('WEBHOOK_NOT_FOUND');
    return found;
  }

  /** Event payloads are ids; a new message also carries its stored (masked) text, which receivers usually want. */
  async function dataOf(event: EventEnvelope<DeliveredEvent>): Promise<Record<string, unknown>> {
    if (event.name !== 'message.created') return { ...event.payload };
    const { conversationId, seq } = (event as EventEnvelope<'message.created'>).payload;
    const text = await messageText(conversationId, seq);
    return { ...event.payload, ...(text === undefined ? {} : { text }) };
  }

  async function enqueue(rows: Omit<Parameters<WebhooksStore['insertDeliveries']>[0][number], 'id' | 'nextAttemptAt'>[]): Promise<Delivery[]> {
    const inserted = await store.insertDeliveries(rows.map((row) => ({ ...row, id: uuidv7(), nextAttemptAt: clock() })));
    if (inserted.length > 0) worker.wake();
    return inserted;
  }

  return {
    list: () => store.endpoints(),
    /** Another node changed the endpoints. */
    forgetEndpoints: () => {
      active = null;
    },
    get: endpoint,

    /** The returned `secret` is the only time it leaves the server. */
    async create(input: EndpointInput, createdBy: string | null, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
      const secret = newSecret();
      const created = await store.insertEndpoint({
        id: uuidv7(),
        url: checkEndpointUrl(input.url),
        description: input.description ?? '',
        events: [...new Set(input.events)],
        active: input.active ?? true,
        secret,
        createdBy,
      });
      await audit.record({ actor, action: 'webhook.created', target: target(created.id), details: { events: created.events } });
      await changed(created.id);
      return { endpoint: created, secret };
    },

    async update(id: string, patch: Partial<EndpointInput>, actor: Actor): Promise<WebhookEndpoint> {
      const updated = await store.updateEndpoint(id, {
        ...patch,
        ...(patch.url === undefined ? {} : { url: checkEndpointUrl(patch.url) }),
        ...(patch.events === undefined ? {} : { events: [...new Set(patch.events)] }),
      });
      if (!updated) throw new AppError('WEBHOOK_NOT_FOUND');
      await audit.record({ actor, action: 'webhook.updated', target: target(id), details: { fields: Object.keys(patch) } });
      await changed(id);
      return updated;
    },

    async remove(id: string, actor: Actor): Promise<void> {
      if (!(await store.deleteEndpoint(id))) throw new AppError('WEBHOOK_NOT_FOUND');
      await audit.record({ actor, action: 'webhook.deleted', target: target(id) });
      await changed(id);
    },

    /** The old secret keeps signing alongside the new one for a grace period (see signatureHeader). */
    async rotateSecret(id: string, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
      const secret = newSecret();
      const updated = await store.rotateSecret(id, secret, new Date(clock().getTime() + ROTATION_GRACE_MS));
      if (!updated) throw new AppError('WEBHOOK_NOT_FOUND');
      await audit.record({ actor, action: 'webhook.secret_rotated', target: target(id) });
      await changed(id);
      return { endpoint: updated, secret };
    },

    async sendTest(id: string): Promise<Delivery> {
      await endpoint(id);
      const eventId = uuidv7();
      const body = deliveryBody({ id: eventId, name: TEST_EVENT, at: clock().toISOString(), data: { endpointId: id } });
      const [delivery] = await enqueue([{ endpointId: id, eventId, eventName: TEST_EVENT, body }]);
      return delivery!;
    },

    /** A new delivery of the same body (same event id, so receivers can tell it is not a new event). */
    async redeliver(endpointId: string, deliveryId: string, actor: Actor): Promise<Delivery> {
      const original = await store.delivery(endpointId, deliveryId);
      if (!original) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
      const [delivery] = await enqueue([{ endpointId, eventId: original.eventId, eventName: original.eventName, body: original.body, redeliveryOf: original.id }]);
      await audit.record({ actor, action: 'webhook.redelivered', target: target(endpointId), details: { deliveryId, redeliveryId: delivery!.id } });
      return delivery!;
    },

    async deliveries(endpointId: string, filter: { status?: DeliveryStatus; before?: string; limit: number }): Promise<(Delivery & { attemptLog: DeliveryAttempt[] })[]> {
      await endpoint(endpointId);
      const rows = await store.deliveries(endpointId, filter);
      const attempts = await store.attemptsOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, attemptLog: attempts.get(r.id)! }));
    },

    /** Writes one delivery per subscribed active endpoint into the outbox; the worker sends them. */
    async record(event: EventEnvelope<DeliveredEvent>): Promise<void> {
      const endpoints = (await activeEndpoints()).filter((e) => subscribes(e.events, event.name));
      if (endpoints.length === 0) return;
      // Payloads carry ids and stored text, which the guard already masked: this is defence in depth.
      const data = maskDeep(await dataOf(event));
      // A dial request exists to hand the number to a telephone system: that one field stays whole.
      if (event.name === 'call_task.dial_requested') data.phone = (event as EventEnvelope<'call_task.dial_requested'>).payload.phone;
      const body = deliveryBody({ id: event.id, name: event.name, at: event.at, data });
      await enqueue(endpoints.map((e) => ({ endpointId: e.id, eventId: event.id, eventName: event.name, body })));
    },
  };
}

export type WebhooksService = ReturnType<typeof webhooksService>;
