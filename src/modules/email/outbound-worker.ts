import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { EventBus } from '../../platform/events/index.js';
import { poller, retryDelayMs } from '../../platform/jobs/poller.js';
import type { Logger } from '../../platform/log.js';
import { maskText } from '../guard/index.js';
import { humanTemplates, textToHtml, threadHeaders, truncate, type EmailTemplate } from './email.js';
import type { EmailMessage, EmailStore } from './email.store.js';

export interface OutboundSettings {
  relayUrl: string;
  supportAddress: string;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
}

/** Mails claimed (and sent concurrently, each on its own connection) per round. */
const BATCH_SIZE = 10;

/** Bounds on every SMTP conversation with the relay; the lease outlives their sum. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };
const LEASE_MS = 5 * 60_000;

/** On stop, sends in flight get this long to finish before they are aborted (and sent again later). */
const STOP_GRACE_MS = 5_000;

/** A relay's 5xx answer is final (unknown mailbox, refused content): trying again cannot help. */
const isPermanent = (err: unknown) => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

function describe(err: unknown): string {
  const e = err as { code?: string; response?: string; message?: string };
  return e.response ?? ([e.code, e.message].filter(Boolean).join(' ') || String(err));
}

/**
 * Sends queued mail through the configured relay: claims due rows, sends each with threading
 * headers taken from the ticket's stored messages, records the outcome, and schedules a retry with
 * backoff (4xx answers and network errors) or gives up (5xx answers, or after `maxAttempts`).
 */
export function outboundWorker(deps: { store: EmailStore; settings: OutboundSettings; clock: () => Date; logger: Logger; bus: EventBus }) {
  const { store, settings, clock, logger, bus } = deps;
  const transport = nodemailer.createTransport({ url: settings.relayUrl, ...TIMEOUTS });
  const shutdown = new AbortController();

  async function send(message: EmailMessage): Promise<void> {
    const { inReplyTo, references } = message.ticketId ? threadHeaders(await store.threadBefore(message.ticketId, message.id)) : { inReplyTo: null, references: [] };
    const mail: Mail.Options = {
      messageId: message.messageId,
      from: { name: message.fromName, address: settings.supportAddress },
      replyTo: settings.supportAddress,
      to: message.toAddresses,
      subject: message.subject,
      text: message.bodyText,
      html: textToHtml(message.bodyText, message.language),
      date: clock(),
      ...(inReplyTo ? { inReplyTo, references } : {}),
      // Notifications say they are automatic (RFC 3834), so auto-responders do not answer them.
      headers: humanTemplates.has(message.template as EmailTemplate) ? {} : { 'Auto-Submitted': 'auto-generated' },
    };
    let error: unknown = null;
    try {
      // nodemailer 10 aborts a send on this signal; its type declarations do not list it yet.
      await transport.sendMail(Object.assign(mail, { signal: shutdown.signal }));
    } catch (err) {
      if (shutdown.signal.aborted) return store.release(message.id);
      error = err;
    }
    const attempts = message.attempts + 1;
    const now = clock();
    const retry = error !== null && !isPermanent(error) && attempts < settings.maxAttempts;
    const status = error === null ? 'sent' : retry ? 'queued' : 'failed';
    await store.recordAttempt(message.id, {
      status,
      attempts,
      inReplyTo,
      references,
      // A relay's answer may quote the message back.
      lastError: error === null ? null : truncate(maskText(describe(error))),
      ...(retry ? { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, settings.retryBaseMs, Math.random())) } : { finishedAt: now }),
    });
    if (status === 'sent') await bus.publish('email.sent', { emailId: message.id, ticketId: message.ticketId });
    else if (status === 'failed') {
      logger.warn({ emailId: message.id, attempts, err: describe(error) }, 'outbound mail failed');
      await bus.publish('email.failed', { emailId: message.id, ticketId: message.ticketId, attempts });
    }
  }

  const loop = poller({
    batchSize: BATCH_SIZE,
    pollMs: settings.pollMs,
    onError: (err) => logger.error({ err }, 'outbound mail round failed'),
    async round() {
      const now = clock();
      const claimed = await store.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH_SIZE);
      await Promise.all(claimed.map((m) => send(m).catch((err: unknown) => logger.error({ err, emailId: m.id }, 'outbound mail attempt could not be recorded'))));
      return claimed.length;
    },
  });

  return {
    start: loop.start,
    wake: loop.wake,
    async stop(): Promise<void> {
      const grace = setTimeout(() => shutdown.abort(), STOP_GRACE_MS);
      await loop.stop();
      clearTimeout(grace);
      transport.close();
    },
  };
}

export type OutboundWorker = ReturnType<typeof outboundWorker>;
