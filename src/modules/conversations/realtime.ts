import { z } from 'zod';
import type { EventBus } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { locales } from '../../platform/i18n/index.js';
import type { Connection, Gateway } from '../../platform/realtime/gateway.js';
import { channels, MAX_MESSAGE_CHARS, type Conversation, type Message } from './conversations.js';
import type { ConversationsService } from './conversations.service.js';
import type { CustomerIdentity, CustomerTokens } from './identity.js';
import { receiptBody, type ReceiptsService } from './receipts.service.js';
import type { HandoverResult, RoutingService } from './routing.service.js';
import type { TranscriptService } from './transcript.service.js';
import { contactTopic } from './topics.js';

const topicOf = (conversationId: string) => `conversation:${conversationId}`;
const clientId = z.string().min(1).max(100);
/** The value of a bot quick reply the customer tapped; its label is the message text. */
export const quickReply = z.string().min(1).max(100).optional();

/** What a client sees of a message. */
export function messageView(m: Message) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    author: m.authorType,
    kind: m.kind,
    text: m.text,
    payload: m.payload,
    createdAt: m.createdAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    readAt: m.readAt?.toISOString() ?? null,
  };
}

export function conversationView(c: Conversation) {
  return { id: c.id, status: c.status, channel: c.channel, language: c.language, lastSeq: c.lastSeq };
}

/** A handover as the customer sees it: queued, or offered a ticket or a callback outside hours. */
export function handoverView(result: HandoverResult) {
  const { outsideHours } = result;
  return {
    conversation: conversationView(result.conversation),
    outsideHours: outsideHours && { nextOpeningAt: outsideHours.nextOpeningAt?.toISOString() ?? null, options: outsideHours.options },
  };
}

/** How many missed messages one `resume` returns; the client asks again while `more` is true. */
const RESUME_PAGE = 500;

/**
 * The customer side of the realtime protocol (docs/realtime-protocol.md): auth, send, resume,
 * typing, ping. The token's signature is verified at `auth` and the identity it proves is kept
 * with the connection; every later frame checks that identity's expiry again, so an expired
 * session cannot keep writing on an old socket (a new `auth` replaces it).
 */
export function registerCustomerFrames(deps: {
  gateway: Gateway;
  conversations: ConversationsService;
  routing: RoutingService;
  receipts: ReceiptsService;
  transcripts: TranscriptService;
  tokens: CustomerTokens;
  bus: EventBus;
  agentName: (agentId: string) => Promise<string>;
}) {
  const { gateway, conversations, routing, tokens, bus } = deps;

  async function identityOf(conn: Connection): Promise<CustomerIdentity> {
    const identity = conn.state.customer as CustomerIdentity | undefined;
    if (!identity) throw new AppError('AUTH_REQUIRED');
    if (Date.now() >= identity.expiresAt) throw new AppError('CUSTOMER_TOKEN_EXPIRED');
    return identity;
  }

  gateway.on('auth', z.object({ type: z.literal('auth'), ref: z.unknown().optional(), token: z.string().min(1).max(4096), channel: z.enum(channels).default('web'), language: z.enum(locales).optional() }), async (conn, frame) => {
    const identity = await tokens.verify(frame.token);
    conn.state.customer = identity;
    if (frame.language) conn.locale = frame.language;
    const conversation = await conversations.open(identity, { channel: frame.channel, language: conn.locale });
    conn.state.conversationId = conversation.id;
    gateway.subscribe(conn, topicOf(conversation.id));
    gateway.subscribe(conn, contactTopic(conversation.contactId));
    return { type: 'ready', identity: { kind: identity.kind }, conversation: conversationView(conversation) };
  });

  gateway.on('send', z.object({ type: z.literal('send'), ref: z.unknown().optional(), conversationId: z.uuid().optional(), clientId, text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS * 2), quickReply }), async (conn, frame) => {
    const identity = await identityOf(conn);
    const conversationId = frame.conversationId ?? (conn.state.conversationId as string | undefined);
    if (!conversationId) throw new AppError('CONVERSATION_NOT_FOUND');
    const { message, duplicate } = await conversations.sendAsCustomer(identity, conversationId, { clientId: frame.clientId, text: frame.text, quickReply: frame.quickReply });
    return { type: 'ack', clientId: message.clientId, messageId: message.id, conversationId, seq: message.seq, duplicate };
  });

  gateway.on('resume', z.object({ type: z.literal('resume'), ref: z.unknown().optional(), conversationId: z.uuid(), afterSeq: z.number().int().min(0) }), async (conn, frame) => {
    const identity = await identityOf(conn);
    const { conversation, messages } = await conversations.history(identity, frame.conversationId, frame.afterSeq, RESUME_PAGE + 1);
    gateway.subscribe(conn, topicOf(conversation.id));
    return { type: 'messages', conversationId: conversation.id, messages: messages.slice(0, RESUME_PAGE).map(messageView), more: messages.length > RESUME_PAGE, conversation: conversationView(conversation) };
  });

  gateway.on('typing', z.object({ type: z.literal('typing'), ref: z.unknown().optional(), conversationId: z.uuid(), typing: z.boolean() }), async (conn, frame) => {
    const identity = await identityOf(conn);
    await conversations.participant(identity, frame.conversationId);
    await bus.publish('conversation.typing', { conversationId: frame.conversationId, authorType: 'customer', typing: frame.typing });
  });

  gateway.on('handover', z.object({ type: z.literal('handover'), ref: z.unknown().optional(), conversationId: z.uuid().optional(), category: z.string().min(1).max(50).optional() }), async (conn, frame) => {
    const identity = await identityOf(conn);
    const conversationId = frame.conversationId ?? (conn.state.conversationId as string | undefined);
    if (!conversationId) throw new AppError('CONVERSATION_NOT_FOUND');
    const { conversation } = await conversations.participant(identity, conversationId);
    return { type: 'status', ...handoverView(await routing.handover(conversation, { category: frame.category ?? null })) };
  });

  gateway.on('rate', z.object({ type: z.literal('rate'), ref: z.unknown().optional(), conversationId: z.uuid(), score: z.number().int().min(1).max(5), comment: z.string().max(1000).optional() }), async (conn, frame) => {
    await conversations.rate(await identityOf(conn), frame.conversationId, { score: frame.score, comment: frame.comment });
    return { type: 'rated', conversationId: frame.conversationId };
  });

  gateway.on('receipt', receiptBody.extend({ type: z.literal('receipt'), ref: z.unknown().optional(), conversationId: z.uuid() }), async (conn, frame) => {
    await deps.receipts.byCustomer(await identityOf(conn), frame.conversationId, { seq: frame.seq, state: frame.state });
  });

  gateway.on('transcript', z.object({ type: z.literal('transcript'), ref: z.unknown().optional(), conversationId: z.uuid() }), async (conn, frame) => {
    return { type: 'transcript', conversationId: frame.conversationId, text: await deps.transcripts.forCustomer(await identityOf(conn), frame.conversationId) };
  });

  gateway.on('ping', z.object({ type: z.literal('ping'), ref: z.unknown().optional() }), async () => ({ type: 'pong', at: new Date().toISOString() }));

  // Pushes, on every node, to every socket following the conversation.
  bus.subscribe('message.created', async (event) => {
    const message = await conversations.message(event.payload.conversationId, event.payload.seq);
    if (message) gateway.publish(topicOf(message.conversationId), { type: 'message', message: messageView(message) });
  });
  bus.subscribe('conversation.assigned', async (event) => {
    const { conversationId, agentId } = event.payload;
    // Only the display name: customers see who helps them, never internal ids beyond that.
    gateway.publish(topicOf(conversationId), { type: 'assigned', conversationId, agent: { id: agentId, displayName: await deps.agentName(agentId), verifiedStaff: true } });
  });
  bus.subscribe('conversation.queue_changed', (event) => {
    for (const p of event.payload.positions) gateway.publish(topicOf(p.conversationId), { type: 'queue', conversationId: p.conversationId, position: p.position, etaSeconds: p.etaSeconds });
  });
  bus.subscribe('conversation.resolved', (event) => {
    gateway.publish(topicOf(event.payload.conversationId), { type: 'status', conversation: { id: event.payload.conversationId, status: 'resolved' } });
    gateway.publish(topicOf(event.payload.conversationId), { type: 'rating_request', conversationId: event.payload.conversationId });
  });
  bus.subscribe('conversation.receipt', (event) => {
    gateway.publish(topicOf(event.payload.conversationId), { type: 'receipt', ...event.payload });
  });
  bus.subscribe('conversation.outside_hours', (event) => {
    const { conversationId, nextOpeningAt, options } = event.payload;
    gateway.publish(topicOf(conversationId), { type: 'outside_hours', conversationId, nextOpeningAt, options });
  });
  bus.subscribe('conversation.typing', (event) => {
    const { conversationId, authorType, typing } = event.payload;
    gateway.publish(topicOf(conversationId), { type: 'typing', conversationId, author: authorType, typing });
  });
}
