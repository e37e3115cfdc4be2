import './events.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Logger } from '../../platform/log.js';
import type { AuditService } from '../audit/index.js';
import type { InboundHandler } from './email.js';
import { emailRoutes } from './email.routes.js';
import { emailService } from './email.service.js';
import { emailStore } from './email.store.js';
import { outboundWorker } from './outbound-worker.js';
import { startSmtpListener } from './smtp-listener.js';

export { emailTemplates, stripQuotedHistory } from './email.js';
export type { EmailTemplate, InboundMail, InboundHandler, InboundAttachment, OutgoingMail, EmailStatus, InboundReason } from './email.js';
export type { EmailMessage } from './email.store.js';
export type { InboundOutcome } from './email.service.js';

export type EmailConfig = Pick<
  Config,
  | 'SUPPORT_EMAIL'
  | 'EMAIL_INBOUND'
  | 'SMTP_LISTEN_PORT'
  | 'SMTP_LISTEN_HOST'
  | 'SMTP_TLS_KEY_FILE'
  | 'SMTP_TLS_CERT_FILE'
  | 'SMTP_RELAY_URL'
  | 'EMAIL_MAX_BYTES'
  | 'EMAIL_MAX_ATTEMPTS'
  | 'EMAIL_RETRY_BASE_MS'
  | 'EMAIL_POLL_MS'
>;

/**
 * The e-mail channel. Inbound: an SMTP listener for the support address hands each message (quoted
 * history stripped, text guarded) to `inbound`, which files it on a ticket. Outbound: `send`
 * writes the mail to an outbox table; a worker on every node sends it through SMTP_RELAY_URL with
 * threading headers and retries.
 */
export function createEmail(deps: { db: Database; bus: EventBus; audit: AuditService; config: EmailConfig; logger: Logger; clock: () => Date; inbound: InboundHandler }) {
  const { db, bus, audit, config, logger, clock, inbound } = deps;
  const store = emailStore(db.orm);
  const worker = config.SMTP_RELAY_URL
    ? outboundWorker({
        store,
        bus,
        clock,
        logger,
        settings: { relayUrl: config.SMTP_RELAY_URL, supportAddress: config.SUPPORT_EMAIL, maxAttempts: config.EMAIL_MAX_ATTEMPTS, retryBaseMs: config.EMAIL_RETRY_BASE_MS, pollMs: config.EMAIL_POLL_MS },
      })
    : null;
  const service = emailService({ store, bus, audit, logger, clock, inbound, supportAddress: config.SUPPORT_EMAIL, wake: worker && worker.wake });
  let listener: Awaited<ReturnType<typeof startSmtpListener>> | null = null;

  return {
    service,
    routes: emailRoutes(service),
    /** Queues a mail (idempotent by `dedupeKey`); the worker sends it. */
    send: service.send,
    /** Starts the SMTP listener when EMAIL_INBOUND is on; resolves with its port. */
    async listen(): Promise<{ port: number } | null> {
      if (!config.EMAIL_INBOUND) return null;
      listener ??= await startSmtpListener({
        service,
        logger,
        settings: {
          host: config.SMTP_LISTEN_HOST,
          port: config.SMTP_LISTEN_PORT,
          supportAddress: config.SUPPORT_EMAIL,
          maxBytes: config.EMAIL_MAX_BYTES,
          tls: config.SMTP_TLS_KEY_FILE && config.SMTP_TLS_CERT_FILE ? { keyFile: config.SMTP_TLS_KEY_FILE, certFile: config.SMTP_TLS_CERT_FILE } : null,
        },
      });
      return { port: listener.port };
    },
    /** After migrations: starts sending queued mail (when a relay is configured). */
    start(): void {
      worker?.start();
    },
    /** Stops taking mail (connections get a moment to finish) and sending it; before the database closes. */
    async stop(): Promise<void> {
      const closing = listener?.close();
      listener = null;
      await Promise.all([closing, worker?.stop()]);
    },
  };
}

export type Email = ReturnType<typeof createEmail>;
