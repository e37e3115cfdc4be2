import { uuidv7 } from 'uuidv7';
import { BoundedMap } from '../../platform/bounded-map.js';
import type { EventBus } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Actor } from '../../platform/http/access.js';
import { keyedBuckets } from '../../platform/token-bucket.js';
import type { AuditService } from '../audit/index.js';
import { checkAgentMessage, detectLang, maskText, scanText } from '../guard/index.js';
import { acceptsMessages, MAX_MESSAGE_CHARS, type Channel, type Contact, type Conversation, type Message } from './conversations.js';
import type { ConversationsStore } from './conversations.store.js';
import type { CustomerIdentity } from './identity.js';
import type { MessageAppendStore } from './message-append.store.js';
import { messageWriter, type Draft, type Written } from './message-writer.js';

/** Who writes a message: a customer (the identity their token proves) or staff. */
export type Sender = { customer: CustomerIdentity } | { agent: Actor };
/** A conversation the sender may write to, and the author id their messages carry. */
export interface WriteTarget {
  conversation: Conversation;
  authorId: string | null;
}

const identityKey = (identity: CustomerIdentity) => (identity.kind === 'customer' ? `customer:${identity.walletCustomerId}` : `visitor:${identity.visitorId}`);

/**
 * Conversations and messages from the customer's side. A message is committed, with its
 * per-conversation sequence number, before anyone is told about it; the sender's client id makes
 * a retried send return the stored message instead of storing it twice.
 */
export function conversationsService(deps: { store: ConversationsStore; append: MessageAppendStore; bus: EventBus; audit: AuditService; allowedLinkDomains: string[]; clock?: () => Date }) {
  const { store, bus, audit } = deps;
  const clock = deps.clock ?? (() => new Date());
  const writer = messageWriter({ store: deps.append, clock });
  // Per customer, across all their sockets and REST calls: ten sockets do not buy ten times the
  // budget. The buckets live in this process: on several nodes a customer whose sockets land on
  // different nodes gets one budget per node; a shared budget would need a counter in Redis
  // (INCR + EXPIRE per customer and second) on every message.
  const sendBudget = keyedBuckets({ perSecond: 5, burst: 20 });
  // A contact's id never changes: writes look it up once per process instead of upserting the
  // contact on every message (open and list still refresh last_seen_at and the name).
  const contactIds = new BoundedMap<string, string>(100_000);
  // Messages just written, for the push that follows on this node: no read back per message.
  const recent = new BoundedMap<string, Message>(10_000);

  async function contactOf(identity: CustomerIdentity, locale?: Locale): Promise<Contact> {
    return store.upsertContact(
      identity.kind === 'customer'
        ? { id: uuidv7(), walletCustomerId: identity.walletCustomerId, displayName: identity.name ?? '', locale: identity.locale ?? locale ?? 'zh-CN' }
        : { id: uuidv7(), visitorId: identity.visitorId, locale: locale ?? 'zh-CN' },
    );
  }

  async function contactIdOf(identity: CustomerIdentity): Promise<string> {
    const key = identityKey(identity);
    let id = contactIds.get(key);
    if (!id) {
      id = (await contactOf(identity)).id;
      contactIds.set(key, id);
    }
    return id;
  }

  /** The conversation, if this identity takes part in it; otherwise "not found", never "forbidden", so ids cannot be probed. */
  async function participant(identity: CustomerIdentity, conversationId: string): Promise<{ contactId: string; conversation: Conversation }> {
    const [contactId, conversation] = await Promise.all([contactIdOf(identity), store.conversation(conversationId)]);
    if (!conversation || conversation.contactId !== contactId) throw new AppError('CONVERSATION_NOT_FOUND');
    return { contactId, conversation };
  }

  function spendSendBudget(identity: CustomerIdentity): void {
    if (!sendBudget.take(identityKey(identity))) throw new AppError('RATE_LIMITED');
  }

  /**
   * Where a sender may write: a customer only to their own conversation, staff to any; never to a
   * closed one. A check up front, for work that should not start otherwise (storing a file): the
   * writer applies the same rules again under the conversation's lock.
   */
  async function writeTarget(sender: Sender, conversationId: string): Promise<WriteTarget> {
    let target: WriteTarget;
    if ('customer' in sender) {
      spendSendBudget(sender.customer);
      const { contactId, conversation } = await participant(sender.customer, conversationId);
      target = { conversation, authorId: contactId };
    } else {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      target = { conversation, authorId: sender.agent.id };
    }
    if (!acceptsMessages(target.conversation.status)) throw new AppError('CONVERSATION_CLOSED');
    return target;
  }

  /** The sender's message; what follows from it (reopening, the first response) is the writer's (message-writer.ts). */
  function appendAs(sender: Sender, { conversation, authorId }: WriteTarget, input: Pick<Message, 'clientId' | 'kind' | 'text' | 'payload'>): Promise<Written> {
    return append({ ...input, conversationId: conversation.id, authorType: 'customer' in sender ? 'customer' : 'agent', authorId });
  }

  async function append(draft: Draft): Promise<Written> {
    const result = await writer.write(draft);
    if (!result.duplicate) {
      const { message } = result;
      recent.set(`${message.conversationId}:${message.seq}`, message);
      await bus.publish('message.created', { conversationId: message.conversationId, messageId: message.id, seq: message.seq, authorType: message.authorType });
    }
    return result;
  }

  return {
    contactOf,
    participant,

    /** The contact behind an e-mail address (one who wrote in by mail, or left the address on a form). */
    contactByEmail: (email: string, input: { name: string; locale: Locale }) =>
      store.upsertContact({ id: uuidv7(), email: email.toLowerCase(), displayName: maskText(input.name), locale: input.locale }),

    /** A known customer's address, kept the first time they give one. */
    rememberEmail: (contactId: string, email: string) => store.setContactEmail(contactId, email.toLowerCase()),

    contact: (id: string) => store.contact(id),

    /** The customer's open conversation, or a new one. */
    async open(identity: CustomerIdentity, input: { channel: Channel; language: Locale }): Promise<Conversation> {
      const contact = await contactOf(identity, input.language);
      const open = await store.openConversationOf(contact.id);
      if (open) return open;
      const conversation = await store.insertConversation({ id: uuidv7(), contactId: contact.id, channel: input.channel, language: input.language });
      await bus.publish('conversation.created', { conversationId: conversation.id, contactId: contact.id, channel: conversation.channel });
      return conversation;
    },

    async list(identity: CustomerIdentity): Promise<Conversation[]> {
      return store.conversationsOf((await contactOf(identity)).id, 50);
    },

    /**
     * A customer's message. Secrets are masked here, before the text is stored or anyone sees
     * it; the raw text never leaves this function.
     */
    async sendAsCustomer(identity: CustomerIdentity, conversationId: string, input: { clientId: string; text: string; quickReply?: string }): Promise<{ message: Message; duplicate: boolean }> {
      if (input.text.length > MAX_MESSAGE_CHARS) throw new AppError('MESSAGE_TOO_LONG', { max: MAX_MESSAGE_CHARS });
      spendSendBudget(identity);
      // No read of the conversation first: the writer checks that it is theirs and open, under its lock.
      const authorId = await contactIdOf(identity);
      const scan = scanText(input.text, { lang: detectLang(input.text) });
      const hidden = [...new Set(scan.findings.filter((f) => f.secret).map((f) => f.type))];
      return append({
        conversationId,
        authorType: 'customer',
        authorId,
        clientId: input.clientId,
        kind: 'text',
        text: scan.masked,
        payload: { ...(hidden.length ? { hidden } : {}), ...(scan.scam ? { scam: true } : {}), ...(input.quickReply ? { quickReply: input.quickReply } : {}) },
      });
    },

    /** Everything after `afterSeq`, in order: what a reconnecting client missed. */
    async history(identity: CustomerIdentity, conversationId: string, afterSeq: number, limit: number): Promise<{ conversation: Conversation; messages: Message[] }> {
      const { conversation } = await participant(identity, conversationId);
      return { conversation, messages: await store.messagesAfter(conversationId, afterSeq, limit) };
    },

    /**
     * An agent's reply. The guard checks it first: a request for a secret or a link off the
     * allowed domains is refused, audited (supervisors see it) and never reaches the customer.
     */
    async sendAsAgent(actor: Actor, conversationId: string, input: { clientId: string; text: string }): Promise<{ message: Message; duplicate: boolean }> {
      if (input.text.length > MAX_MESSAGE_CHARS) throw new AppError('MESSAGE_TOO_LONG', { max: MAX_MESSAGE_CHARS });
      const target = await writeTarget({ agent: actor }, conversationId);
      const verdict = checkAgentMessage(input.text, { allowedDomains: deps.allowedLinkDomains });
      if (!verdict.allowed) {
        await audit.record({ actor, action: 'conversation.agent_message_refused', target: { type: 'conversation', id: conversationId }, details: { reason: verdict.reason, detail: verdict.detail } });
        throw new AppError('AGENT_MESSAGE_REFUSED', { reason: verdict.reason, detail: verdict.detail });
      }
      // Agents quote customers: personal data they paste is masked like the customer's own.
      return appendAs({ agent: actor }, target, { clientId: input.clientId, kind: 'text', text: maskText(input.text), payload: {} });
    },

    /**
     * The bot's message. Its text comes from catalogs, the knowledge base and the customer's own
     * (already masked) data, so it is not guarded again; the client id makes a retried turn a no-op.
     */
    sendAsBot: (conversationId: string, input: Pick<Message, 'clientId' | 'kind' | 'text' | 'payload'>) => append({ ...input, conversationId, authorType: 'bot', authorId: null }),

    writeTarget,

    /** A file the attachments service has checked and stored, sent through the same write path as text. */
    sendAttachment: (sender: Sender, target: WriteTarget, input: { clientId: string; attachment: Record<string, unknown> }) =>
      appendAs(sender, target, { clientId: input.clientId, kind: 'attachment', text: '', payload: { attachment: input.attachment } }),

    /** A note for colleagues; never shown to the customer. Guarded like everything staff type. */
    async addNote(actor: Actor, conversationId: string, text: string) {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      const note = await store.insertNote({ id: uuidv7(), conversationId, authorId: actor.type === 'agent' ? actor.id : null, text: maskText(text) });
      await bus.publish('conversation.note_added', { conversationId, noteId: note.id });
      return note;
    },
    notes: (conversationId: string) => store.notes(conversationId),

    /** 1 to 5 and an optional comment, once, after the conversation is resolved. */
    async rate(identity: CustomerIdentity, conversationId: string, input: { score: number; comment?: string }): Promise<void> {
      const { conversation } = await participant(identity, conversationId);
      if (conversation.status !== 'resolved' && conversation.status !== 'closed') throw new AppError('CONFLICT', { reason: 'not resolved yet', status: conversation.status });
      const stored = await store.insertRating({ conversationId, score: input.score, comment: input.comment?.trim() ? maskText(input.comment.trim()) : null });
      if (!stored) throw new AppError('CONFLICT', { reason: 'already rated' });
      await bus.publish('conversation.rated', { conversationId, score: input.score });
    },

    /** One message by its sequence number; the ones this node just wrote come from memory. */
    message: async (conversationId: string, seq: number) => recent.get(`${conversationId}:${seq}`) ?? (await store.messagesAfter(conversationId, seq - 1, 1))[0],
  };
}

export type ConversationsService = ReturnType<typeof conversationsService>;
