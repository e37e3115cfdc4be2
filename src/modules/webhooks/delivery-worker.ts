import { performance } from 'node:perf_hooks';
import type { Logger } from '../../platform/log.js';
import { maskText } from '../guard/index.js';
import type { ClaimedDelivery, WebhooksStore } from './webhooks.store.js';
import { poller, retryDelayMs } from '../../platform/jobs/poller.js';
import { signatureHeader, truncate } from './webhooks.js';

export interface WorkerSettings {
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** Deliveries claimed (and sent concurrently) per round. */
  batchSize: number;
}

/** A claim outlives the request's timeout by this much, so a slow response is never sent twice. */
const LEASE_MARGIN_MS = 30_000;

const ERROR_BYTES_KEPT = 500;

/**
 * On stop, requests in flight get this long (at most their own timeout) to finish before they are
 * aborted: an aborted request may have arrived, and its delivery will then be sent again.
 */
const STOP_GRACE_MS = 5_000;

/** The start of an error response, for the delivery log; the rest is dropped unread. */
async function readStart(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BYTES_KEPT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body that breaks off still leaves a status code worth logging.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Sends due deliveries from the outbox: claims a batch, POSTs each, records the attempt, and
 * schedules a retry with backoff or gives up after `maxAttempts`. Polls the database (so work
 * left by a node that stopped is picked up) and is woken at once when new deliveries are written.
 */
export function deliveryWorker(deps: { store: WebhooksStore; settings: WorkerSettings; clock: () => Date; log: Logger }) {
  const { store, settings, clock, log } = deps;
  const shutdown = new AbortController();

  async function send(d: ClaimedDelivery): Promise<void> {
    const startedAt = clock();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const inGrace = d.previousSecret && d.previousSecretExpiresAt && d.previousSecretExpiresAt > startedAt;
    const secrets = inGrace ? [d.secret, d.previousSecret!] : [d.secret];
    const t0 = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        // A redirect is an answer from the wrong place: it counts as a failure, not a hop.
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'WalletDesk-Webhooks/1',
          'x-walletdesk-delivery': d.id,
          'x-walletdesk-event': d.eventName,
          'x-walletdesk-timestamp': String(timestamp),
          'x-walletdesk-signature': signatureHeader(secrets, timestamp, d.body),
        },
        body: d.body,
        signal: AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), shutdown.signal]),
      });
      statusCode = res.status;
      if (res.ok) await res.body?.cancel().catch(() => {});
      else error = `HTTP ${res.status} ${await readStart(res)}`.trim();
    } catch (err) {
      if (shutdown.signal.aborted) return store.release(d.id);
      error = describeFailure(err, settings.timeoutMs);
    }
    const latencyMs = Math.round(performance.now() - t0);
    const attempt = d.attempts + 1;
    const retryAt = error === null || attempt >= settings.maxAttempts ? null : new Date(clock().getTime() + retryDelayMs(attempt, settings.retryBaseMs, Math.random()));
    await store.transaction((s) =>
      s.recordAttempt(d.id, {
        attempt,
        startedAt,
        statusCode,
        latencyMs,
        // What a receiver answers is stored and shown in the console; it may echo anything.
        error: error === null ? null : truncate(maskText(error)),
        retryAt,
        status: error === null ? 'succeeded' : retryAt ? 'pending' : 'failed',
      }),
    );
  }

  async function round(): Promise<number> {
    const now = clock();
    const claimed = await store.claimDue(now, new Date(now.getTime() + settings.timeoutMs + LEASE_MARGIN_MS), settings.batchSize);
    await Promise.all(claimed.map((d) => send(d).catch((err: unknown) => log.error({ err, deliveryId: d.id }, 'webhook attempt could not be recorded'))));
    return claimed.length;
  }

  const loop = poller({ round, batchSize: settings.batchSize, pollMs: settings.pollMs, onError: (err) => log.error({ err }, 'webhook delivery round failed') });

  return {
    start: loop.start,
    /** New deliveries were written: send them now rather than at the next poll. */
    wake: loop.wake,
    /** Lets requests in flight finish briefly, then aborts them (their claims are given back, not counted). */
    async stop(): Promise<void> {
      const grace = setTimeout(() => shutdown.abort(), Math.min(settings.timeoutMs, STOP_GRACE_MS));
      await loop.stop();
      clearTimeout(grace);
    },
  };
}

export type DeliveryWorker = ReturnType<typeof deliveryWorker>;
