import { createHmac } from 'node:crypto';
import type { EventName } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';

/**
 * The domain events an endpoint can subscribe to. Typing noise (`conversation.typing`) and queue
 * positions are left out: they change many times a second and mean nothing outside the console.
 */
export const deliveredEvents = [
  'conversation.created',
  'conversation.queued',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.resolved',
  'conversation.rated',
  'conversation.note_added',
  'message.created',
  'wallet.account_frozen',
  'wallet.account_unfrozen',
  'wallet.refund_requested',
  'knowledge.article_changed',
  'ticket.created',
  'ticket.replied',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.merged',
  'ticket.reviewed',
  'ticket.escalated',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'callback.booked',
  'callback.rescheduled',
  'callback.cancelled',
  'callback.reminded',
  'call_task.dial_requested',
] as const satisfies readonly EventName[];

export type DeliveredEvent = (typeof deliveredEvents)[number];

/** Sent only by "send test event", to the one endpoint asked for. */
export const TEST_EVENT = 'webhook.test';

/** An endpoint subscribed to `*` receives every delivered event, including ones added later. */
export const ALL_EVENTS = '*';

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryAttempt {
  attempt: number;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** When the next attempt is planned; null after a success or the last attempt. */
  retryAt: Date | null;
}

export interface Delivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventName: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  redeliveryOf: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function subscribes(filter: readonly string[], eventName: string): boolean {
  return filter.includes(ALL_EVENTS) || filter.includes(eventName);
}

/**
 * Endpoint addresses are full http(s) URLs. Credentials in the address are refused: the URL is
 * shown in the console and written to logs, and the signature is how a receiver authenticates us.
 */
export function checkEndpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID', { reason: 'not_a_url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('WEBHOOK_URL_INVALID', { reason: 'scheme', scheme: url.protocol.replace(/:$/, '') });
  if (url.username || url.password) throw new AppError('WEBHOOK_URL_INVALID', { reason: 'credentials' });
  return url.toString();
}

/** The JSON every delivery carries: the event's id (stable across retries and redeliveries), name, time and data. */
export function deliveryBody(event: { id: string; name: string; at: string; data: Record<string, unknown> }): string {
  return JSON.stringify({ id: event.id, type: event.name, createdAt: event.at, data: event.data });
}

/** HMAC-SHA256 over `timestamp.body`, hex: the same recipe as docs/webhooks.md gives receivers. */
export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `v1=<hex>`, and a second `v1=` signed with the previous secret while a rotation's grace period
 * runs, so receivers can switch secrets without dropping a delivery.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((s) => `v1=${sign(s, timestamp, body)}`).join(',');
}

/** How long the old secret still signs after a rotation. */
export const ROTATION_GRACE_MS = 24 * 3_600_000;

// The backoff every outbox shares (webhooks, e-mail); re-exported for the webhook docs and tests.
export { MAX_RETRY_DELAY_MS, retryDelayMs } from '../../platform/jobs/poller.js';

/** Keeps the delivery log readable and bounded whatever a receiver answers. */
export function truncate(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
