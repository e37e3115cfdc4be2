import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { catalog } from '../../platform/i18n/index.js';
import type { Logger } from '../../platform/log.js';
import type { AuditService } from '../audit/index.js';
import { detectLang, maskText, scanText } from '../guard/index.js';
import {
  emailTemplates,
  inboundVerdict,
  isLinkVar,
  messageIdFor,
  missingVars,
  renderMail,
  stripQuotedHistory,
  ticketReferenceOf,
  truncate,
  type Direction,
  type EmailStatus,
  type InboundAttachment,
  type InboundHandler,
  type InboundMail,
  type InboundReason,
  type OutgoingMail,
} from './email.js';
import type { EmailMessage, EmailStore, NewEmailRow } from './email.store.js';

/** How long one node may take to hand an inbound message to tickets before another may try. */
const INBOUND_LEASE_MS = 2 * 60_000;

/**
 * Customer text kept of one mail. Longer bodies are nearly always pasted logs or forwarded
 * threads; the cut also bounds the guard's scan.
 */
export const MAX_INBOUND_TEXT_CHARS = 20_000;

/** The SMTP listener answers 451 (try again later) to this: the sending server keeps the mail and retries. */
export class TryLater extends Error {
  readonly responseCode = 451;
}

export type InboundOutcome =
  | { outcome: 'processed'; emailId: string; ticketId: string }
  | { outcome: 'duplicate'; status: EmailStatus }
  | { outcome: 'quarantined' | 'dropped'; emailId: string; reason: InboundReason };

const outgoingSchema = z.object({
  dedupeKey: z.string().min(1).max(200),
  // Loose on purpose: intranet addresses (admin@localhost) are fine, and the relay has the last word.
  to: z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/),
  locale: z.enum(['zh-CN', 'en']),
  template: z.enum(emailTemplates),
  vars: z.record(z.string(), z.string()),
  ticketId: z.uuid().optional(),
  ticketReference: z.string().max(40).optional(),
});

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((o) => o.value.map((a) => a.address)).filter((a): a is string => Boolean(a));

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? v.split(/\s+/) : []).filter(Boolean);

const localeOf = (text: string) => (detectLang(text) === 'zh' ? 'zh-CN' : 'en');

function headerOf(parsed: ParsedMail) {
  return (name: string): string | undefined => {
    const value = parsed.headers.get(name);
    if (value === undefined) return undefined;
    return typeof value === 'string' ? value : typeof value === 'object' && value && 'value' in value ? String(value.value) : String(value);
  };
}

/** A message without a Message-ID still needs a stable one, so that a redelivery is recognised. */
const syntheticMessageId = (raw: Buffer) => `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id.invalid>`;

/** Logos and images a mail's HTML shows inline are decoration, not something the customer attached. */
function attachmentsOf(parsed: ParsedMail): InboundAttachment[] {
  return parsed.attachments
    .filter((a) => !a.related)
    .map((a, i) => ({ filename: maskText(a.filename ?? `attachment-${i + 1}`), contentType: a.contentType, content: a.content }));
}

export function emailService(deps: {
  store: EmailStore;
  bus: EventBus;
  audit: AuditService;
  logger: Logger;
  clock: () => Date;
  inbound: InboundHandler;
  supportAddress: string;
  /** Starts the sender for mail just queued; null when no relay is configured. */
  wake: (() => void) | null;
}) {
  const { store, bus, audit, logger, clock, inbound, supportAddress } = deps;
  let warnedNoRelay = false;

  const lease = () => new Date(clock().getTime() + INBOUND_LEASE_MS);

  async function threadTicketOf(message: Pick<EmailMessage, 'inReplyTo' | 'references'>): Promise<string | null> {
    return store.ticketOfFirst([...(message.inReplyTo ? [message.inReplyTo] : []), ...[...message.references].reverse()]);
  }

  async function toInboundMail(message: EmailMessage, attachments: InboundAttachment[]): Promise<InboundMail> {
    return {
      messageId: message.messageId,
      inReplyTo: message.inReplyTo,
      references: message.references,
      from: { address: message.fromAddress, name: message.fromName },
      to: message.toAddresses,
      subject: message.subject,
      text: message.bodyText,
      language: message.language,
      ticketReference: message.ticketReference,
      threadTicketId: await threadTicketOf(message),
      attachments,
      receivedAt: message.createdAt,
    };
  }

  /** Hands a claimed message to tickets and marks it processed; on failure the claim is let go. */
  async function handOver(message: EmailMessage, attachments: InboundAttachment[]): Promise<string> {
    let ticketId: string;
    try {
      ({ ticketId } = await inbound(await toInboundMail(message, attachments)));
    } catch (err) {
      await store.finish(message.id, { lastError: truncate(maskText(err instanceof Error ? err.message : String(err))) });
      throw err;
    }
    await store.finish(message.id, { status: 'processed', ticketId, finishedAt: clock(), lastError: null });
    await bus.publish('email.received', { emailId: message.id, ticketId });
    return ticketId;
  }

  return {
    /**
     * One message as the listener received it. Resolves once it is stored and, unless it is spam
     * or automatic mail, handed to tickets: only then may the listener answer 250. Throws when the
     * message must be tried again later (tickets failed, or another connection is handling the
     * same message right now).
     */
    async receive(raw: Buffer, envelope: { mailFrom: string | null; rcptTo: string[] }): Promise<InboundOutcome> {
      const parsed = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
      const messageId = parsed.messageId?.trim() || syntheticMessageId(raw);
      const sender = parsed.from?.value[0];
      const fromAddress = sender?.address ?? envelope.mailFrom ?? '';
      const verdict = inboundVerdict({ header: headerOf(parsed), messageId, fromAddress, envelopeFrom: envelope.mailFrom, supportAddress });
      const rawSubject = parsed.subject ?? '';
      const stripped = stripQuotedHistory(parsed.text ?? '');
      const text = scanText(stripped.length > MAX_INBOUND_TEXT_CHARS ? `${stripped.slice(0, MAX_INBOUND_TEXT_CHARS)}…` : stripped).masked;
      const to = [...addresses(parsed.to), ...addresses(parsed.cc)];
      const attachments = attachmentsOf(parsed);
      const status = verdict.action === 'accept' ? 'received' : verdict.action === 'quarantine' ? 'quarantined' : 'dropped';
      const row: NewEmailRow = {
        id: uuidv7(),
        direction: 'inbound',
        status,
        reason: verdict.action === 'accept' ? null : verdict.reason,
        messageId,
        inReplyTo: parsed.inReplyTo?.trim() || null,
        references: asList(parsed.references),
        ticketReference: ticketReferenceOf(rawSubject, [...envelope.rcptTo, ...to], supportAddress),
        fromAddress,
        fromName: maskText(sender?.name ?? ''),
        toAddresses: to.length > 0 ? to : envelope.rcptTo,
        subject: maskText(rawSubject),
        bodyText: text,
        language: localeOf(stripped || rawSubject),
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, sizeBytes: a.content.length })),
        sizeBytes: raw.length,
        createdAt: clock(),
      };

      const claim = await store.transaction(async (s) => {
        const result = await s.claimInbound(row, clock(), lease());
        // Released later, a quarantined message goes to tickets with its attachments.
        if (result.claimed && status === 'quarantined') {
          await s.insertAttachments(attachments.map((a) => ({ id: uuidv7(), emailId: result.message.id, filename: a.filename, contentType: a.contentType, content: a.content })));
        }
        return result;
      });
      if (!claim.claimed) {
        if (claim.busy) throw new TryLater('this message is being processed; try again later');
        logger.info({ messageId, status: claim.status }, 'inbound mail already stored; redelivery ignored');
        return { outcome: 'duplicate', status: claim.status };
      }
      const { message } = claim;
      if (verdict.action !== 'accept') {
        logger.info({ emailId: message.id, reason: verdict.reason }, `inbound mail ${status}`);
        if (verdict.action === 'quarantine') await bus.publish('email.quarantined', { emailId: message.id, reason: verdict.reason });
        return { outcome: status as 'quarantined' | 'dropped', emailId: message.id, reason: verdict.reason };
      }
      const ticketId = await handOver(message, attachments);
      logger.info({ emailId: message.id, ticketId }, 'inbound mail processed');
      return { outcome: 'processed', emailId: message.id, ticketId };
    },

    /** A quarantined message was no spam after all: it goes to tickets as if it had just arrived. */
    async release(id: string, actor: Actor): Promise<EmailMessage> {
      const message = await store.claimQuarantined(id, clock(), lease());
      if (!message) {
        const found = await store.get(id);
        if (!found) throw new AppError('EMAIL_MESSAGE_NOT_FOUND');
        throw new AppError('EMAIL_MESSAGE_STATE_CONFLICT', { status: found.status });
      }
      const ticketId = await handOver(message, await store.attachmentsOf(id));
      // They now belong to the ticket.
      await store.deleteAttachments(id);
      await audit.record({ actor, action: 'email.released', target: { type: 'email', id }, details: { ticketId, reason: message.reason } });
      return (await store.get(id))!;
    },

    /**
     * Queues one mail; the worker sends it. Variables are masked like any stored text, except
     * links we made ({…Url}), which must reach the reader intact.
     */
    async send(input: OutgoingMail): Promise<void> {
      const parsed = outgoingSchema.safeParse(input);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const mail = parsed.data;
      const missing = missingVars(mail.template, mail.locale, mail.vars);
      const badLinks = Object.entries(mail.vars).filter(([name, value]) => isLinkVar(name) && !/^https?:\/\/\S+$/.test(value));
      if (missing.length > 0 || badLinks.length > 0) throw new AppError('VALIDATION_FAILED', { template: mail.template, missing, badLinks: badLinks.map(([name]) => name) });
      const vars = Object.fromEntries(Object.entries(mail.vars).map(([name, value]) => [name, isLinkVar(name) ? value : maskText(value)]));
      const { subject, text } = renderMail({ ...mail, vars });
      const now = clock();
      const id = uuidv7();
      const queued = await store.insertOutbound({
        id,
        direction: 'outbound',
        status: 'queued',
        messageId: messageIdFor(id, supportAddress),
        ticketId: mail.ticketId ?? null,
        ticketReference: mail.ticketReference ?? null,
        fromAddress: supportAddress,
        fromName: catalog(mail.locale).email.fromName,
        toAddresses: [mail.to],
        subject,
        bodyText: text,
        language: mail.locale,
        template: mail.template,
        dedupeKey: mail.dedupeKey,
        nextAttemptAt: now,
        createdAt: now,
      });
      if (!queued) return;
      if (deps.wake) deps.wake();
      else if (!warnedNoRelay) {
        warnedNoRelay = true;
        logger.warn('SMTP_RELAY_URL is not set: outbound mail is queued and will be sent once a relay is configured');
      }
    },

    /** A failed outbound message gets a fresh round of attempts. */
    async retry(id: string, actor: Actor): Promise<EmailMessage> {
      const requeued = await store.requeue(id, clock());
      if (!requeued) {
        const found = await store.get(id);
        if (!found) throw new AppError('EMAIL_MESSAGE_NOT_FOUND');
        throw new AppError('EMAIL_MESSAGE_STATE_CONFLICT', { status: found.status });
      }
      await audit.record({ actor, action: 'email.retried', target: { type: 'email', id } });
      deps.wake?.();
      return requeued;
    },

    list: (filter: { direction?: Direction; status?: EmailStatus; before?: string; limit: number }) => store.list(filter),
  };
}

export type EmailService = ReturnType<typeof emailService>;
