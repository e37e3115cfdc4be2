import { z } from 'zod';
import type { EventBus } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Message } from './conversations.js';
import type { ConversationsService } from './conversations.service.js';
import type { ConversationsStore } from './conversations.store.js';
import type { CustomerIdentity } from './identity.js';

export const receiptStates = ['delivered', 'read'] as const;
export type ReceiptState = (typeof receiptStates)[number];

export const receiptBody = z.strictObject({ seq: z.number().int().min(1), state: z.enum(receiptStates) });

/** Whose messages a reader acknowledges: the customer reads staff and bot messages, staff read the customer's. */
const written: Record<'customer' | 'agent', Message['authorType'][]> = { customer: ['agent', 'bot', 'system'], agent: ['customer'] };

/**
 * Delivered and read receipts: a client acknowledges everything the other side sent up to a
 * sequence number, and the other side is told, once per change.
 */
export function receiptsService(deps: { store: ConversationsStore; bus: EventBus; conversations: ConversationsService; clock: () => Date }) {
  const { store, bus } = deps;

  async function mark(conversationId: string, reader: 'customer' | 'agent', input: { seq: number; state: ReceiptState }): Promise<number> {
    const changed = await store.markReceipt(conversationId, { seq: input.seq, read: input.state === 'read', authorTypes: written[reader], at: deps.clock() });
    if (changed) await bus.publish('conversation.receipt', { conversationId, reader, state: input.state, seq: input.seq });
    return changed;
  }

  return {
    async byCustomer(identity: CustomerIdentity, conversationId: string, input: { seq: number; state: ReceiptState }): Promise<number> {
      await deps.conversations.participant(identity, conversationId);
      return mark(conversationId, 'customer', input);
    },
    async byAgent(conversationId: string, input: { seq: number; state: ReceiptState }): Promise<number> {
      if (!(await store.conversation(conversationId))) throw new AppError('CONVERSATION_NOT_FOUND');
      return mark(conversationId, 'agent', input);
    },
  };
}

export type ReceiptsService = ReturnType<typeof receiptsService>;
