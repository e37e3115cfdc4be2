import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Actor } from '../../platform/http/access.js';
import type { AuditService } from '../audit/index.js';
import { checkAgentMessage, detectLang, maskText, scanText } from '../guard/index.js';
import { acceptsMessages, MAX_MESSAGE_CHARS, type Channel, type Contact, type Conversation, type Message } from './conversations.js';
import type { ConversationsStore } from './conversations.store.js';
import type { CustomerIdentity } from './identity.js';

/**
 * Conversations and messages from the customer's side. A message is committed, with its
 * per-conversation sequence number, before anyone is told about it; the sender's client id makes
 * a retried send return the stored message instead of storing it twice.
 */
export function conversationsService(deps: { store: ConversationsStore; bus: EventBus; audit: AuditService; allowedLinkDomains: string[]; clock?: () => Date }) {
  const { store, bus, audit } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function contactOf(identity: CustomerIdentity, locale?: Locale): Promise<Contact> {
    return store.upsertContact(
      identity.kind === 'customer'
        ? { id: uuidv7(), walletCustomerId: identity.walletCustomerId, displayName: identity.name ?? '', locale: identity.locale ?? locale ?? 'zh-CN' }
        : { id: uuidv7(), visitorId: identity.visitorId, locale: locale ?? 'zh-CN' },
    );
  }

  /** The conversation, if this identity takes part in it; otherwise "not found", never "forbidden", so ids cannot be probed. */
  async function participant(identity: CustomerIdentity, conversationId: string): Promise<{ contact: Contact; conversation: Conversation }> {
    const contact = await contactOf(identity);
    const conversation = await store.conversation(conversationId);
    if (!conversation || conversation.contactId !== contact.id) throw new AppError('CONVERSATION_NOT_FOUND');
    return { contact, conversation };
  }

  async function append(conversation: Conversation, input: Omit<Message, 'id' | 'seq' | 'conversationId' | 'createdAt'>): Promise<{ message: Message; duplicate: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await store.transaction(async (s) => {
          const existing = await s.messageByClientId(conversation.id, input.clientId);
          if (existing) return { message: existing, duplicate: true };
          const at = clock();
          const seq = await s.nextSeq(conversation.id, at);
          return { message: await s.insertMessage({ id: uuidv7(), conversationId: conversation.id, seq, ...input, createdAt: at }), duplicate: false };
        });
        if (!result.duplicate) {
          await bus.publish('message.created', { conversationId: conversation.id, messageId: result.message.id, seq: result.message.seq, authorType: result.message.authorType });
        }
        return result;
      } catch (err) {
        // Two sends with one client id at the same moment: the loser finds the winner's row.
        if (!isUniqueViolation(err) || attempt >= 3) throw err;
      }
    }
  }

  return {
    contactOf,
    participant,

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
    async sendAsCustomer(identity: CustomerIdentity, conversationId: string, input: { clientId: string; text: string }): Promise<{ message: Message; duplicate: boolean }> {
      if (input.text.length > MAX_MESSAGE_CHARS) throw new AppError('MESSAGE_TOO_LONG', { max: MAX_MESSAGE_CHARS });
      const { contact, conversation } = await participant(identity, conversationId);
      if (!acceptsMessages(conversation.status)) throw new AppError('CONVERSATION_CLOSED');
      // Writing again after a resolution reopens the conversation with the bot, which hands over again if needed.
      if (conversation.status === 'resolved') await store.updateConversation(conversation.id, { status: 'bot', resolvedAt: null });
      const scan = scanText(input.text, { lang: detectLang(input.text) });
      const hidden = [...new Set(scan.findings.filter((f) => f.secret).map((f) => f.type))];
      return append(conversation, {
        clientId: input.clientId,
        authorType: 'customer',
        authorId: contact.id,
        kind: 'text',
        text: scan.masked,
        payload: { ...(hidden.length ? { hidden } : {}), ...(scan.scam ? { scam: true } : {}) },
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
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      if (!acceptsMessages(conversation.status)) throw new AppError('CONVERSATION_CLOSED');
      const verdict = checkAgentMessage(input.text, { allowedDomains: deps.allowedLinkDomains });
      if (!verdict.allowed) {
        await audit.record({ actor, action: 'conversation.agent_message_refused', target: { type: 'conversation', id: conversationId }, details: { reason: verdict.reason, detail: verdict.detail } });
        throw new AppError('AGENT_MESSAGE_REFUSED', { reason: verdict.reason, detail: verdict.detail });
      }
      // Agents quote customers: personal data they paste is masked like the customer's own.
      const result = await append(conversation, { clientId: input.clientId, authorType: 'agent', authorId: actor.id, kind: 'text', text: maskText(input.text), payload: {} });
      if (!result.duplicate && !conversation.firstResponseAt) await store.updateConversation(conversationId, { firstResponseAt: result.message.createdAt });
      return result;
    },

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

    message: async (conversationId: string, afterSeq: number) => (await store.messagesAfter(conversationId, afterSeq - 1, 1))[0],
  };
}

export type ConversationsService = ReturnType<typeof conversationsService>;
